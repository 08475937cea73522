"""The PLIE statistics page: the report's figures for a year, the protocol's point d'étape,
objectives against actual values; figures only, a constant number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.plie import statistics
from maillage.plie.indicators import plie_block
from maillage.plie.models import StepCategory
from maillage.reports.models import Objective, Period, Protocol
from tests.factories import PersonFactory, StructureFactory, user_with_role
from tests.people.html import page_text
from tests.plie.factories import ParcoursFactory, StepFactory

pytestmark = pytest.mark.django_db

URL = reverse("plie:statistics")


def add_participants(n: int, year: int = 2017, *, last_name: str = "Anonyme"):
    """``n`` parcours entered in ``year``, half with a contract, a third exited positive."""
    for i in range(n):
        parcours = ParcoursFactory(
            person=PersonFactory(last_name=last_name, education_level="4" if i % 2 else ""),
            entry_date=date(year, 1 + i % 12, 1),
            qpv_at_entry=i % 3 == 0,
            situations=["rsa"] if i % 2 else ["deld", "th"],
        )
        if i % 2:
            StepFactory(
                parcours=parcours,
                category=StepCategory.EMPLOYMENT_CONTRACT,
                contract_type="cdi",
                start_date=parcours.entry_date,
            )
        if i % 3 == 0:
            parcours.exit_date = date(year, 12, 31)
            parcours.exit_type, parcours.exit_reason = "positive", "cdi"
            parcours.save()


@pytest.fixture
def protocol(db):
    protocol = Protocol.objects.create(name="Protocole d'accord", start_year=2016, end_year=2018)
    targets = [
        ("plie.participants", Period.WHOLE_PROTOCOL, "6000"),
        ("plie.new_entrants", Period.EACH_YEAR, "900"),
        ("plie.new_entrants_qpv_share", Period.EACH_YEAR, "0.35"),
        ("plie.positive_exit_rate", Period.EACH_YEAR, "0.5"),
    ]
    for indicator, period, target in targets:
        Objective.objects.create(
            protocol=protocol, indicator=indicator, period=period, target=Decimal(target)
        )
    return protocol


def test_funders_see_the_figures_and_never_a_name(client, funder):
    add_participants(6, 2016, last_name="Zorglub")
    add_participants(9, 2017, last_name="Zorglub")
    client.force_login(funder)
    html = page_text(client.get(URL, {"annee": 2017}))
    assert "Statistiques du PLIE — 2017" in html
    assert "ZORGLUB" not in html.upper()
    assert "/personnes/" not in html and "/plie/parcours/" not in html


@pytest.mark.parametrize("role", [Role.COMPANY_RELATIONS, Role.RECEPTION, Role.CULTURE])
def test_roles_without_aggregates_are_refused(client, role):
    client.force_login(user_with_role(role))
    assert client.get(URL).status_code == 403


def test_referents_direction_and_admins_see_the_platform_figures(client, referent_a, admin_user):
    add_participants(4, 2017)  # none followed by the référent's structure
    for user in (referent_a, admin_user, user_with_role(Role.DIRECTION, StructureFactory())):
        client.force_login(user)
        response = client.get(URL, {"annee": 2017})
        assert response.status_code == 200
        assert response.context["block"]["participants"] == 4


def test_the_page_shows_the_figures_of_the_annual_report(client, funder):
    add_participants(6, 2016)
    add_participants(9, 2017)
    client.force_login(funder)
    response = client.get(URL, {"annee": 2017})
    assert response.context["block"] == plie_block(2017)
    html = page_text(response)
    key = {f.label: f for f in response.context["key_figures"]}
    # 2017: its 9 entrants and the 4 of 2016 still in a parcours on 1 January.
    assert (key["Participants"].value, key["Participants"].previous) == ("13", "6")
    assert key["Participants"].trend == "up"
    assert 'aria-label="en hausse"' in html
    tables = {t.key: t for t in response.context["tables"]}
    cdi = next(line for line in tables["motifs"].lines if line.label == "CDI")
    assert (cdi.value, cdi.share, cdi.previous) == ("3", "100 %", "2")
    # Active at the year's end: 2016's open parcours and 2017's.
    lines = {line.label: line.value for line in tables["reprises"].lines}
    assert (lines["2016"], lines["2017"], lines["Avant 2012"]) == ("4", "6", "0")
    for caption in (
        "Sorties de l&#x27;année",
        "Répartition par tranches d&#x27;âge",
        "Répartition femmes - hommes",
        "Éléments de situation à l&#x27;entrée",
        "Niveaux de formation",
        "Répartition des étapes",
        "Parcours en cours au 31 décembre, par année d&#x27;entrée",
    ):
        assert caption in html


def test_point_etape_without_protocol_covers_the_last_years(client, funder):
    add_participants(3, 2016)
    add_participants(3, 2017)
    client.force_login(funder)
    point = client.get(URL, {"annee": 2017}).context["point"]
    assert point.protocol is None
    assert point.years == [2016, 2017]  # from the first year with data
    participants = point.rows[0]
    assert [c.text for c in participants.cells] == ["3", "5"]
    assert participants.cumulative.text == "6"


def test_point_etape_of_the_protocol_with_its_objectives(client, funder, protocol):
    add_participants(6, 2016)
    add_participants(9, 2017)
    client.force_login(funder)
    response = client.get(URL, {"annee": 2017})
    html = page_text(response)
    point = response.context["point"]
    assert point.years == [2016, 2017]
    assert "Point d&#x27;étape sur le Protocole d&#x27;accord (2016-2018)" in html
    rows = {row.label: row for row in point.rows}
    assert rows["Nombre de participants"].objective == "6\xa0000 sur le protocole"
    assert rows["Nombre de participants"].cumulative.reached is False
    assert rows["Nombre de nouveaux entrants"].objective == "900 par an"
    qpv = rows["dont participants en quartier prioritaire"]
    assert qpv.objective == "35 %"
    # 2016: 2 of 6 in a QPV (33 %), 2017: 3 of 9 (33 %); below 35 % each year.
    assert [(c.text, c.reached) for c in qpv.cells] == [("33 %", False), ("33 %", False)]
    assert rows["Taux de sorties positives"].cells[1].text == "100 %"
    assert rows["Taux de sorties positives"].cells[1].reached is True
    assert 'aria-label="objectif non atteint"' in html
    lines = {line.label: line for line in response.context["objective_lines"]}
    participants = lines["Nombre de participants"]
    assert (participants.target, participants.actual, participants.period) == (
        "6\xa0000 sur le protocole",
        "15",
        "2016-2017",
    )
    assert participants.gap == "−5\xa0985"
    assert lines["Taux de sorties positives"].gap == "+50 points"
    assert lines["Taux de sorties positives"].reached


def test_the_year_is_chosen_in_the_url(client, funder):
    add_participants(2, 2015)
    add_participants(2, 2017)
    client.force_login(funder)
    assert client.get(URL).context["year"] == 2017  # the last year with data
    assert client.get(URL, {"annee": 2015}).context["year"] == 2015
    response = client.get(URL, {"annee": 2003})
    assert response.context["year"] == 2003  # a year without data is shown as such
    assert '<option value="2003" selected>2003</option>' in page_text(response)
    assert client.get(URL, {"annee": "deux-mille"}).context["year"] == 2017


def test_year_choices_span_data_and_protocols(protocol):
    add_participants(1, 2014)
    years, default = statistics.year_choices(today=date(2019, 5, 1))
    assert years == [2014, 2015, 2016, 2017, 2018, 2019]
    assert default == 2014


def test_query_count_does_not_grow_with_participants(client, funder, protocol):
    client.force_login(funder)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"annee": 2017}).status_code == 200
        return len(ctx)

    add_participants(3, 2016)
    add_participants(3, 2017)
    few = count()
    add_participants(30, 2016)
    add_participants(30, 2017)
    assert count() == few


def test_formatting_rounds_half_up():
    assert statistics.percent(0.435) == "44 %"
    assert statistics.percent(0.445) == "45 %"
    assert statistics.ratio(2.2162) == "2,22"
    assert statistics.trend(3, 2) == "up"
    assert statistics.trend(2, 3) == "down"
    assert statistics.trend(2, 2) == "same"
