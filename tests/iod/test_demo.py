"""The demo IOD step: valid, idempotent, shaped like the report's 2017 results."""

import datetime
import random

import pytest
from django.db.models import Count
from django.utils import timezone

from maillage.demo.base import DemoContext
from maillage.demo.companies import create_companies
from maillage.demo.companies_crm import create_companies_crm
from maillage.demo.people import create_people
from maillage.demo.plie import create_plie
from maillage.demo.steps import run_steps
from maillage.demo.structures import create_structures
from maillage.demo.users import create_users
from maillage.iod.demo import create_iod
from maillage.iod.figures import iod_block
from maillage.iod.home import due_contacts
from maillage.iod.models import FollowupContact, IodFollowup, Proposal, ProposalStatus
from maillage.recruitment.models import Placement

pytestmark = pytest.mark.django_db
STEPS = [create_structures, create_users, create_people, create_companies, create_plie]


def _context(scale: float) -> DemoContext:
    return DemoContext(seed=2017, people_count=30, today=timezone.localdate(), plie_scale=scale)


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (IodFollowup, Proposal, FollowupContact, Placement)
    }


@pytest.fixture
def demo():
    context = _context(0.08)
    run_steps(context, steps=[*STEPS, create_companies_crm, create_iod])
    return context


def test_the_demo_looks_like_the_report(demo):
    block = iod_block(2017)
    scale = block["people_followed"] / 137
    assert 0.5 <= scale <= 1, block
    assert block["orientations"] == round(104 * scale)
    assert block["company_appointments"] == 493
    assert block["new_companies_met"] == 131
    assert block["people_with_interview"] == round(86 * scale)
    assert abs(block["mises_en_relation"] - 169 * scale) <= 12
    hired = block["people_in_employment"]
    assert abs(hired - 98 * scale) <= 3
    assert abs(block["employment"]["durable"] - 57 * scale) <= 3
    assert block["qualifying_training"] >= 1
    iod = Placement.objects.filter(channel="iod", started_on__year=2017).count()
    assert iod == block["hires"]


def _every_hire_has_its_placement_and_schedule():
    hires = Proposal.objects.filter(status=ProposalStatus.HIRED).annotate(n=Count("contacts"))
    assert hires.exists()
    for proposal in hires:
        assert proposal.placement_id and proposal.n >= 14
        assert proposal.hired_on >= proposal.proposed_on
    contacts = FollowupContact.objects.filter(proposal__hired_on__year=2017)
    assert contacts.filter(done_on__isnull=False).exists()
    assert contacts.filter(done_on__isnull=True).exists()  # some late


def _the_chargee_has_due_follow_ups_today(demo):
    chargee = demo.users["entreprises"]
    today = timezone.localdate()
    due = list(due_contacts(chargee, today))
    assert any(c.due_on < today for c in due) and any(c.due_on >= today for c in due)
    assert all(c.due_on <= today + datetime.timedelta(days=7) for c in due)


def test_hires_schedules_home_and_idempotence(demo):
    _every_hire_has_its_placement_and_schedule()
    _the_chargee_has_due_follow_ups_today(demo)
    before = _counts()
    create_iod(random.Random(1), demo)
    assert _counts() == before
