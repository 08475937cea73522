"""The ``iod`` block of the annual report: each key on a small known world, in few queries."""

import datetime

import pytest
from django.utils import timezone

from maillage.companies.partners import partner_companies
from maillage.iod.figures import iod_block
from maillage.iod.models import CompanyAction, ProposalStatus
from maillage.reports.blocks import registered
from tests.companies.factories import InteractionFactory
from tests.iod.factories import IodFollowupFactory, IodOfferFactory, ProposalFactory
from tests.recruitment.factories import CompanyFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _appointment(company, day, *, kind="appointment", done=True):
    interaction = InteractionFactory(company=company, kind=kind, occurred_at=_at(day), done=done)
    return CompanyAction.objects.create(interaction=interaction, purpose="prospection")


@pytest.fixture
def world():
    a = IodFollowupFactory(oriented_on=D(2016, 11, 2))
    b = IodFollowupFactory(oriented_on=D(2017, 2, 1))
    c = IodFollowupFactory(
        oriented_on=D(2017, 5, 2), ended_on=D(2017, 9, 1), end_reason="qualifying_training"
    )
    IodFollowupFactory(oriented_on=D(2018, 1, 3))
    IodFollowupFactory(oriented_on=D(2016, 3, 1), ended_on=D(2016, 12, 1), end_reason="withdrawn")
    hired = {"status": ProposalStatus.HIRED, "outcome_on": D(2017, 4, 3)}
    ProposalFactory(
        followup=b,
        proposed_on=D(2017, 3, 1),
        meeting_on=D(2017, 3, 10),
        hired_on=D(2017, 4, 3),
        contract_type="cdi",
        durable=True,
        **hired,
    )
    ProposalFactory(
        followup=a,
        proposed_on=D(2017, 5, 1),
        meeting_on=D(2017, 5, 5),
        status=ProposalStatus.NOT_RETAINED,
    )
    ProposalFactory(
        followup=a,
        proposed_on=D(2017, 6, 1),
        meeting_on=D(2017, 6, 5),
        hired_on=D(2017, 7, 3),
        contract_type="cdd",
        contract_end=D(2017, 9, 30),
        durable=False,
        **hired,
    )
    ProposalFactory(followup=c, proposed_on=D(2017, 6, 1))
    ProposalFactory(followup=b, proposed_on=D(2016, 12, 1), meeting_on=D(2016, 12, 5))
    x, y, z = CompanyFactory(), CompanyFactory(), CompanyFactory()
    _appointment(x, D(2016, 10, 3))
    _appointment(x, D(2017, 2, 3))
    _appointment(y, D(2017, 3, 3), kind="visit")
    _appointment(y, D(2017, 4, 3))
    _appointment(z, D(2017, 5, 3), kind="call")  # not in the company
    _appointment(z, D(2017, 6, 3), done=False)  # planned, not held
    return x, y, z


def test_every_key_of_the_block(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        block = iod_block(2017)
    assert block == {
        "people_followed": 3,
        "orientations": 2,
        "people_with_interview": 2,
        "interview_rate": 2 / 3,
        "new_companies_met": 1,
        "companies_met": 2,
        "company_appointments": 3,
        "mises_en_relation": 3,
        "hires": 2,
        "people_in_employment": 2,
        "employment_rate": 2 / 3,
        "employment": {"durable": 1, "transitional": 1},
        "qualifying_training": 1,
    }


def test_an_empty_year():
    block = iod_block(2017)
    assert block["people_followed"] == 0 and block["interview_rate"] == 0.0


def test_the_annual_report_has_the_iod_block(world):
    block = {b.name: b for b in registered()}["iod"]
    assert not block.needs_since
    assert block.compute(2017) == iod_block(2017)


def test_iod_offers_and_meetings_make_partner_companies():
    offer = IodOfferFactory(published_on=D(2016, 11, 1))
    ProposalFactory(offer=offer, proposed_on=D(2017, 1, 5), meeting_on=D(2017, 1, 9))
    other = IodOfferFactory(published_on=D(2017, 2, 1))
    partners = set(partner_companies(2017).values_list("pk", flat=True))
    assert {offer.company_id, other.company_id} <= partners
    assert offer.company_id not in set(partner_companies(2018).values_list("pk", flat=True))
