"""The simulator page: who may open it, the verdicts in French, the input kept on error."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from tests.factories import StructureFactory, user_with_role
from tests.people.html import page_text

pytestmark = pytest.mark.django_db

URL = reverse("zfu:simulator")


def form_data(years: int = 1, **overrides) -> dict:
    """A POST of the page: the bakery of tests/zfu/builders.py, ``years`` years filled."""
    data = {
        "company_name": "Boulangerie du Plateau",
        "naf_code": "1071C",
        "activity_kind": "artisanale",
        "installation_date": "2016-03-01",
        "employees": "6",
        "turnover_eur": "620000",
        "balance_sheet_eur": "310000",
        "large_firms_capital_share_percent": "0",
        "sedentary_activity": "on",
        "zone_turnover_share_percent": "",
        "sedentary_fte_in_zone": "",
        "exercices-TOTAL_FORMS": "9",
        "exercices-INITIAL_FORMS": "9",
        "exercices-MIN_NUM_FORMS": "0",
        "exercices-MAX_NUM_FORMS": "9",
    }
    for index in range(9):
        filled = index < years
        data |= {
            f"exercices-{index}-year": str(index + 1),
            f"exercices-{index}-profit_eur": "120000" if filled else "",
            f"exercices-{index}-qualifying_employees": "4" if filled else "",
            f"exercices-{index}-resident_employees": "2" if filled else "",
            f"exercices-{index}-qualifying_hires": "",
            f"exercices-{index}-resident_hires": "",
            f"exercices-{index}-resident_new_hires": "1" if filled else "",
        }
    return data | overrides


@pytest.fixture
def chargee(db):
    return user_with_role(Role.COMPANY_RELATIONS, StructureFactory(code="MDEF"), username="cm")


@pytest.mark.parametrize("role", [Role.COMPANY_RELATIONS, Role.ADMIN, Role.DIRECTION])
def test_staff_roles_open_the_page(client, role):
    client.force_login(user_with_role(role))
    response = client.get(URL)
    assert response.status_code == 200
    html = page_text(response)
    assert "Simulateur d'exonération ZFU-TE" in html
    assert "CGI art. 44 octies A" in html


@pytest.mark.parametrize(
    "role", [Role.FUNDER, Role.REFERENT, Role.RECEPTION, Role.CULTURE, Role.CLAUSE_FACILITATOR]
)
def test_other_roles_are_refused(client, role):
    client.force_login(user_with_role(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403


def test_funder_gets_403(client, funder):
    client.force_login(funder)
    assert client.get(URL).status_code == 403


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_simulation_shows_verdicts_schedule_and_references(client, chargee):
    client.force_login(chargee)
    data = form_data(years=6)
    response = client.post(URL, data)
    html = page_text(response)
    assert "Résultat de la simulation — Boulangerie du Plateau" in html
    assert "Éligibilité : Éligible" in html
    assert "Activité sédentaire : elle est jugée effective." in html
    # year 1: 120 000 € at 100 %, capped at 50 000 € + 5 000 € for one resident hire
    assert "ramené au plafond de 55 000 €" in html
    # year 6: 60 % of 120 000 € = 72 000 €, capped too
    assert "Exercice 6 : taux d&#x27;exonération 60 %" in html
    assert "330 000 €" in html  # 6 × 55 000 €
    assert "01/03/2016" in html
    assert "data-print" in html
    # the form is still there, filled in, to adjust the simulation
    assert 'value="Boulangerie du Plateau"' in html


def test_an_excluded_sector_is_explained(client, chargee):
    client.force_login(chargee)
    html = page_text(client.post(URL, form_data(naf_code="49.41A")))
    assert "Éligibilité : Non éligible" in html
    assert "transports routiers de marchandises" in html
    assert "aucun bénéfice exonéré" in html


def test_errors_keep_the_input(client, chargee):
    client.force_login(chargee)
    data = form_data(
        naf_code="ABCDE",
        **{"exercices-1-resident_employees": "3", "exercices-1-qualifying_employees": "1"},
    )
    data["exercices-1-profit_eur"] = "5000"
    response = client.post(URL, data)
    html = page_text(response)
    assert "Résultat de la simulation" not in html
    assert "Le code NAF « ABCDE » n&#x27;est pas valide" in html
    assert "Ne peut pas dépasser le nombre total correspondant." in html
    assert 'value="ABCDE"' in html
    assert 'value="620000"' in html
    assert 'name="exercices-1-profit_eur" value="5000"' in html


def test_counts_without_a_profit_are_refused(client, chargee):
    client.force_login(chargee)
    data = form_data(**{"exercices-3-qualifying_employees": "2"})
    html = page_text(client.post(URL, data))
    assert "Indiquez le bénéfice (ou la perte) de cet exercice." in html


def test_no_year_filled_still_gives_the_eligibility(client, chargee):
    client.force_login(chargee)
    html = page_text(client.post(URL, form_data(years=0)))
    assert "Éligibilité : Éligible" in html
    assert "Aucun exercice saisi" in html


def test_queries_do_not_grow_with_the_years_simulated(client, chargee):
    client.force_login(chargee)
    client.post(URL, form_data(years=1))  # warm caches (sessions, content types)
    counts = []
    for years in (1, 3, 9):
        with CaptureQueriesContext(connection) as queries:
            assert client.post(URL, form_data(years=years)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]
