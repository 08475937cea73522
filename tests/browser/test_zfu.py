"""The ZFU-TE simulator in a real browser: an error kept in the form, then a simulation
with its verdicts and schedule, axe on each state of the page."""

import re

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from tests.browser.conftest import check_accessibility, login
from tests.factories import StructureFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def chargee():
    return user_with_role(Role.COMPANY_RELATIONS, StructureFactory(code="MDEF"), username="clee")


def test_chargee_simulates_a_company_of_the_zone(page, chargee):
    login(page, "clee")
    page.goto("/zfu/simulateur/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Simulateur d'exonération ZFU-TE")
    check_accessibility(page)

    page.get_by_label("Nom de l'entreprise").fill("Boulangerie du Plateau")
    page.get_by_label("Code NAF").fill("10.7AC")
    page.get_by_label("Nature de l'activité").select_option("artisanale")
    page.get_by_label("Date d'installation dans la ZFU-TE").fill("2016-03-01")
    page.get_by_label("Effectif salarié").fill("6")
    page.get_by_label("Chiffre d'affaires hors taxes (€)").fill("620000")
    page.get_by_label("Total de bilan (€)").fill("310000")
    page.get_by_label("Activité sédentaire").check()
    page.get_by_label("Bénéfice en ZFU-TE (€), exercice 1").fill("120000")
    page.get_by_label(re.compile(r"^Salariés en CDI .*, exercice 1$")).fill("4")
    page.get_by_label(re.compile(r"^dont résidant .*, exercice 1$")).first.fill("2")
    page.get_by_label(re.compile(r"^Nouveaux salariés .*, exercice 1$")).fill("1")
    page.get_by_label("Bénéfice en ZFU-TE (€), exercice 6").fill("40000")
    page.get_by_role("button", name="Simuler").click()

    # The NAF code is refused, the rest of the input is kept.
    expect(page.get_by_text("n'est pas valide (exemple : 47.11F ou 4711F)")).to_be_visible()
    expect(page.get_by_label("Effectif salarié")).to_have_value("6")
    expect(page.get_by_label("Bénéfice en ZFU-TE (€), exercice 6")).to_have_value("40000")
    check_accessibility(page)

    page.get_by_label("Code NAF").fill("10.71C")
    page.get_by_role("button", name="Simuler").click()
    expect(
        page.get_by_role("heading", name=re.compile("Résultat de la simulation"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Éligibilité : Éligible")).to_be_visible()
    schedule = page.get_by_role("table", name="Exonération d'impôt sur les bénéfices par exercice")
    expect(schedule.get_by_role("row", name=re.compile(r"^1 "))).to_contain_text("55 000 €")
    expect(schedule.get_by_role("row", name=re.compile(r"^6 "))).to_contain_text("24 000 €")
    expect(page.get_by_text("ramené au plafond de 55 000 €")).to_be_visible()
    expect(page.get_by_role("button", name="Imprimer")).to_be_visible()
    check_accessibility(page)


def test_funder_is_refused(page):
    user_with_role(Role.FUNDER, StructureFactory(code="FUND"), username="financeur")
    login(page, "financeur")
    response = page.goto("/zfu/simulateur/")
    assert response.status == 403
