"""The ``insertion_culture`` block: definitions of docs/insertion_culture.md, in SQL."""

import datetime
import json

import pytest

from maillage.companies.partners import partner_companies
from maillage.insertion_culture.figures import employers_of_year, insertion_culture_block
from maillage.insertion_culture.models import Attendance, EmployerAction, EmployerOutcome
from maillage.reports.blocks import registered
from tests.factories import PersonFactory
from tests.insertion_culture.factories import (
    ActionFactory,
    ParticipationFactory,
    PartnerFactory,
    SessionFactory,
)
from tests.recruitment.factories import CompanyFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def year_2017():
    """Two actions of 2017 and one of 2016; three people, one of them on two actions."""
    workshop = ActionFactory(starts_on=D(2017, 3, 1), ends_on=D(2017, 6, 30))
    visit = ActionFactory(kind="visit", starts_on=D(2016, 12, 1), ends_on=D(2017, 1, 15))
    old = ActionFactory(starts_on=D(2016, 3, 1), ends_on=D(2016, 6, 30))
    theatre = PartnerFactory(category="theatre")
    museum = PartnerFactory(category="museum")
    mission_locale = PartnerFactory(category="mission_locale")
    workshop.partners.set([theatre, mission_locale])
    visit.partners.set([museum, mission_locale])
    old.partners.set([PartnerFactory(category="dance")])
    alice, bruno, chloe = PersonFactory(), PersonFactory(), PersonFactory()
    ParticipationFactory(
        action=visit, person=alice, registered_on=D(2016, 11, 20), is_rsa=True,
        territory="Lyon 8e", territory_kind="lyon",
    )  # fmt: skip
    ParticipationFactory(
        action=workshop, person=alice, registered_on=D(2017, 2, 20), is_young=True,
        territory="Vénissieux", territory_kind="metropole",
    )  # fmt: skip
    ParticipationFactory(
        action=workshop, person=bruno, is_plie=True, is_qpv=True,
        territory="Lyon 9e", territory_kind="lyon",
    )  # fmt: skip
    ParticipationFactory(action=old, person=chloe, is_fle=True)
    s1 = SessionFactory(action=workshop, date=D(2017, 3, 7))
    SessionFactory(action=visit, date=D(2016, 12, 5))
    SessionFactory(action=old, date=D(2016, 4, 1))
    for participation in workshop.participations.all():
        Attendance.objects.create(participation=participation, session=s1)
    return workshop


def test_participants_publics_and_shares(year_2017):
    block = insertion_culture_block(2017)
    assert block["actions"] == 2
    assert block["participants"] == 2 and block["participations"] == 3
    assert block["publics"] == {
        "rsa": 1,
        "plie": 1,
        "deld": 0,
        "fle": 0,
        "young_16_25": 1,
        "qpv": 1,
        "qva": 0,
    }
    assert block["public_shares"]["rsa"] == 0.5
    assert block["sessions"] == 1 and block["attendances"] == 2
    assert json.loads(json.dumps(block)) == block  # JSON-ready, as the report prints it


def test_territory_of_the_latest_participation(year_2017):
    block = insertion_culture_block(2017)
    # Alice moved to Vénissieux: her latest registration of 2017 decides.
    assert block["participants_by_territory_kind"] == {
        "lyon": 1,
        "metropole": 1,
        "outside": 0,
        "unknown": 0,
    }
    assert block["lyon_share"] == 0.5 and block["metropole_outside_lyon_share"] == 0.5
    assert block["territories"] == 2
    assert block["lyon_territories"] == ["Lyon 9e"]
    assert block["metropole_territories"] == ["Vénissieux"]
    assert block["participants_by_territory"] == {"Lyon 9e": 1, "Vénissieux": 1}


def test_partners_by_side_and_category(year_2017):
    block = insertion_culture_block(2017)
    assert block["partners"] == 3
    assert block["partners_by_side"] == {"insertion": 1, "culture": 2}
    assert block["culture_partners_by_category"]["theatre"] == 1
    assert block["culture_partners_by_category"]["museum"] == 1
    assert block["culture_partners_by_category"]["dance"] == 0


def test_hr_side_counts():
    theatre, museum = CompanyFactory(), CompanyFactory()
    person = PersonFactory()
    for company in (theatre, theatre, museum):
        EmployerAction.objects.create(company=company, kind="prospect", date=D(2017, 2, 1))
    EmployerAction.objects.create(company=museum, kind="hr_advice", date=D(2017, 3, 1))
    EmployerAction.objects.create(
        company=museum, kind="job_discovery", date=D(2017, 4, 1), people_count=8
    )
    EmployerAction.objects.create(company=museum, kind="job_offer", date=D(2016, 4, 1))
    for kind in ("internship", "internship", "placement", "placement"):
        EmployerOutcome.objects.create(
            company=theatre, person=person, kind=kind, date=D(2017, 5, 1)
        )
    hr = insertion_culture_block(2017)["hr"]
    assert hr == {
        "prospects": 2,
        "hr_advice": 1,
        "job_discoveries": 1,
        "job_discovery_people": 8,
        "job_offers": 0,
        "interviews": 0,
        "sponsorships": 0,
        "internships": 2,
        "trainings": 0,
        "people_placed": 1,
        "employers": 2,
    }
    # Cultural employers are partner companies of the year they were worked with.
    assert set(partner_companies(2017).values_list("pk", flat=True)) >= {theatre.pk, museum.pk}
    assert set(employers_of_year(2016).values_list("pk", flat=True)) == {museum.pk}


def test_empty_year_gives_zeros_not_errors():
    block = insertion_culture_block(2030)
    assert block["participants"] == 0 and block["public_shares"]["rsa"] == 0.0
    assert block["lyon_share"] == 0.0 and block["territories"] == 0


def test_block_is_registered_for_the_annual_report(year_2017):
    # Only this block is computed: the others belong to their apps' tests.
    block = next(b for b in registered() if b.name == "insertion_culture")
    assert not block.needs_since and block.compute(2017)["participants"] == 2


def test_constant_query_count(year_2017, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as small:
        insertion_culture_block(2017)
    for n in range(20):
        ParticipationFactory(action=year_2017, territory=f"Commune {n}", territory_kind="metropole")
    with django_assert_max_num_queries(len(small.captured_queries)):
        insertion_culture_block(2017)
