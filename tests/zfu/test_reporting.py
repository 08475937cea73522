"""The quarterly ZFU-TE / CLEE reporting: definitions, one query per table, the page and its CSV."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.zfu.reporting import quarter_dates, quarterly_report
from tests.companies.factories import CompanyFactory, InteractionFactory
from tests.factories import user_with_role
from tests.people.html import page_text

pytestmark = pytest.mark.django_db


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_quarter_dates():
    assert quarter_dates(2017, 1) == (datetime.date(2017, 1, 1), datetime.date(2017, 3, 31))
    assert quarter_dates(2017, 4) == (datetime.date(2017, 10, 1), datetime.date(2017, 12, 31))


def test_quarterly_figures_of_the_zone():
    zone = CompanyFactory(in_zfu=True, charter_signed_on=datetime.date(2016, 5, 1))
    new = CompanyFactory(in_zfu=True, charter_signed_on=datetime.date(2017, 8, 14))
    outside = CompanyFactory(in_zfu=False, charter_signed_on=datetime.date(2017, 2, 1))
    InteractionFactory(
        company=zone, kind="appointment", occurred_at=_at(datetime.date(2017, 1, 1), 0)
    )
    InteractionFactory(company=zone, kind="visit", occurred_at=_at(datetime.date(2017, 3, 31), 23))
    InteractionFactory(company=new, kind="visit", occurred_at=_at(datetime.date(2017, 11, 2)))
    InteractionFactory(
        company=zone, kind="call", agreed="Trois CV", occurred_at=_at(datetime.date(2017, 5, 2))
    )
    InteractionFactory(
        company=zone, kind="email", agreed="Visite", occurred_at=_at(datetime.date(2017, 6, 2))
    )
    # Not counted: nothing agreed, not done, outside the zone, another year, an event.
    InteractionFactory(
        company=zone, kind="call", agreed="", occurred_at=_at(datetime.date(2017, 5, 3))
    )
    InteractionFactory(
        company=zone, kind="appointment", done=False, occurred_at=_at(datetime.date(2017, 5, 4))
    )
    InteractionFactory(
        company=outside, kind="appointment", occurred_at=_at(datetime.date(2017, 5, 5))
    )
    InteractionFactory(
        company=zone, kind="appointment", occurred_at=_at(datetime.date(2016, 12, 31), 22)
    )
    InteractionFactory(
        company=zone, kind="event", agreed="x", occurred_at=_at(datetime.date(2017, 5, 6))
    )
    with CaptureQueriesContext(connection) as queries:
        report = quarterly_report(2017)
    assert len(queries) == 2
    assert report["quarters"][1] == {
        "appointments": 2,
        "qualified_exchanges": 0,
        "signatories": 1,
        "new_signatories": 0,
    }
    assert report["quarters"][2]["qualified_exchanges"] == 2
    assert report["quarters"][3]["new_signatories"] == 1
    assert report["total"] == {
        "appointments": 3,
        "qualified_exchanges": 2,
        "signatories": 2,
        "new_signatories": 1,
    }


def test_reporting_page_and_csv(client):
    client.force_login(user_with_role(Role.COMPANY_RELATIONS, username="clee"))
    zone = CompanyFactory(in_zfu=True, charter_signed_on=datetime.date(2017, 2, 1))
    InteractionFactory(company=zone, kind="visit", occurred_at=_at(datetime.date(2017, 2, 3)))
    url = reverse("zfu:reporting")
    html = page_text(client.get(url, {"annee": 2017}))
    assert "Reporting 2017 par trimestre" in html
    response = client.get(url, {"annee": 2017, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Indicateur;T1;T2;T3;T4;2017"
    assert lines[1].endswith(";1;0;0;0;1")
    assert client.get(url, {"annee": 1990}).status_code == 200  # an invalid year: this year's


def test_reporting_needs_view_companies(client):
    client.force_login(user_with_role(Role.RECEPTION, username="accueil"))
    assert client.get(reverse("zfu:reporting")).status_code == 403


def test_the_zfu_section_of_the_annual_report():
    from maillage.reports.blocks import build_report
    from maillage.reports.sections import build_sections

    zone = CompanyFactory(in_zfu=True, charter_signed_on=datetime.date(2017, 2, 1))
    InteractionFactory(company=zone, kind="visit", occurred_at=_at(datetime.date(2017, 4, 3)))
    block = build_report(2017)["zfu"]
    assert (block["appointments"], block["signatories"], block["new_signatories"]) == (1, 1, 1)
    assert block["quarters"]["2"]["appointments"] == 1
    section = next(s for s in build_sections(2017).sections if s.key == "zfu")
    [table] = section.tables
    assert table.columns[1:] == ["1ᵉʳ trimestre", "2ᵉ trimestre", "3ᵉ trimestre", "4ᵉ trimestre"]
    assert table.rows[0][1:] == [0, 1, 0, 0]
    assert not any(s.key == "zfu" for s in build_sections(2016).sections)
