"""The demo step of the charter: signatures, ≈ 55 % of 2017 commitments realised, 25
sponsorships by 18 companies, the 2017 evening; idempotent."""

import datetime

import pytest

from maillage.charter.demo import create_charter
from maillage.charter.figures import charter_block
from maillage.charter.models import Commitment, Guest, Signature, Sponsorship
from maillage.demo.base import DemoContext
from maillage.demo.companies import create_companies
from maillage.demo.companies_crm import create_companies_crm
from maillage.demo.people import create_people
from maillage.demo.recruitment import create_recruitment
from maillage.demo.steps import run_steps
from maillage.demo.structures import create_structures
from maillage.demo.users import create_users

pytestmark = pytest.mark.django_db

STEPS = [
    create_structures,
    create_users,
    create_people,
    create_companies,
    create_recruitment,
    create_companies_crm,
    create_charter,
]


def _counts():
    return tuple(m.objects.count() for m in (Signature, Commitment, Sponsorship, Guest))


def test_demo_charter():
    context = DemoContext(seed=7, people_count=400, today=datetime.date(2026, 11, 20), plie_scale=0)
    run_steps(context, STEPS)
    block = charter_block(2017)
    assert block["signatories"] >= 60
    assert 0.5 <= block["realisation_rate"] <= 0.6
    assert (block["sponsorships"], block["sponsoring_companies"]) == (25, 18)
    assert block["evening_present"] > 50
    assert Commitment.objects.filter(evidence_kind="interaction").exists()
    assert (
        Signature.objects.count()
        == block["signatories"]
        + Signature.objects.filter(company__charter_signed_on__year__gt=2017).count()
    )
    before = _counts()
    run_steps(context, [create_charter])
    assert _counts() == before
