"""The demo step of the company relationship: owners, tags, contacts, interactions, idempotent."""

import datetime

import pytest

from maillage.companies.models import Company, Contact, Interaction
from maillage.demo.base import DemoContext
from maillage.demo.companies import create_companies
from maillage.demo.companies_crm import create_companies_crm
from maillage.demo.steps import STEPS, run_steps
from maillage.demo.structures import create_structures
from maillage.demo.users import create_users

pytestmark = pytest.mark.django_db

STEPS_RUN = [create_structures, create_users, create_companies, create_companies_crm]


def _run(today=datetime.date(2026, 11, 20)):
    context = DemoContext(seed=7, people_count=0, today=today, plie_scale=0)
    run_steps(context, STEPS_RUN)
    return context


def _counts():
    return (
        Contact.objects.count(),
        Interaction.objects.count(),
        Company.tags.through.objects.count(),
    )


def test_demo_companies_get_a_relationship_and_late_actions():
    assert create_companies_crm in STEPS
    context = _run()
    today = context.today
    companies = Company.objects.filter(external_id__startswith="DEMO-ENT-")
    assert not companies.filter(owner__isnull=True).exists()
    assert not companies.filter(search_key="").exists()
    assert companies.filter(owner__username="entreprises").count() > 200
    assert Company.objects.filter(tags__name="ALLIANCE").exists()
    assert Company.objects.filter(tags__name="Club RH").exists()
    assert Contact.objects.filter(active_until__isnull=False).exists()
    interactions = Interaction.objects.all()
    assert interactions.order_by("occurred_at").first().occurred_at.year == 2017
    assert not interactions.filter(done=True, occurred_at__date__gt=today).exists()
    mine = Interaction.objects.pending_actions().owned_by(context.users["entreprises"])
    assert mine.filter(next_action_due__lt=today).count() >= 5
    assert mine.filter(next_action_due__gte=today).exists()
    before = _counts()
    _run()
    assert _counts() == before
