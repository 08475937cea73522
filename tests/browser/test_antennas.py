"""The antenna reception desk in a real browser, keyboard first: a known visitor found as
one types, a new visitor, an anonymous one; the visits of the day, a correction, the figures.
Axe on the quick entry (each visitor section), the correction page and the figures page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.antennas.models import Visit
from maillage.organisations.models import StructureKind
from tests.browser.conftest import check_accessibility, login
from tests.factories import StructureFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def desk():
    antenna = StructureFactory(code="ANT-D", name="Antenne Duchère", kind=StructureKind.ANTENNA)
    user_with_role(Role.RECEPTION, antenna, username="accueil")
    followed_person(
        antenna, last_name="Dupré", first_names="Hélène", sex="F", birth_date=date(1980, 5, 12)
    )
    return antenna


def test_three_visitors_in_a_row(page, desk):
    login(page, "accueil")
    page.goto("/accueil/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil — Antenne Duchère")
    check_accessibility(page)

    # A known visitor: the search field has the focus, typing finds her, she is pre-selected.
    page.keyboard.type("dupre")
    expect(page.get_by_role("radio", name="DUPRÉ Hélène")).to_be_checked()
    page.get_by_role("checkbox", name="Cyber-base emploi (numérique)").check()
    page.get_by_role("combobox", name="Orientation donnée").fill("Pôle emploi")
    page.get_by_label("Date et heure").press("Enter")  # Enter in the form submits the visit
    expect(page.get_by_text("Visite enregistrée")).to_be_visible()
    expect(page.locator("#visitor-q")).to_be_focused()
    today = page.get_by_role("table")
    expect(today.get_by_role("row").nth(1)).to_contain_text("DUPRÉ Hélène")
    check_accessibility(page)

    # A first visit: a minimal file.
    page.get_by_role("radio", name="Première visite : nouvelle fiche").check()
    page.locator("#id_last_name").fill("Nguyen")
    page.locator("#id_first_names").fill("Linh")
    page.locator("#id_sex").select_option("F")
    page.locator("#id_birth_date").fill("1995-01-20")
    page.locator("#id_postcode").fill("69009")
    check_accessibility(page)
    page.get_by_role("checkbox", name="Recherche d'emploi, offres").check()
    page.get_by_role("button", name="Enregistrer la visite").click()
    expect(page.get_by_text("Visite enregistrée")).to_contain_text("NGUYEN Linh")

    # An anonymous visitor, with a mistake first.
    page.get_by_role("radio", name="Anonyme").check()
    page.locator("#id_anonymous_sex").select_option("M")
    page.get_by_role("button", name="Enregistrer la visite").click()
    expect(page.get_by_text("Indiquez au moins un motif de visite.")).to_be_visible()
    expect(page.get_by_role("radio", name="Anonyme")).to_be_checked()
    check_accessibility(page)
    page.locator("#id_anonymous_age_band").select_option("over_50")
    page.get_by_role("checkbox", name="Accueil, information").check()
    page.get_by_role("button", name="Enregistrer la visite").click()
    expect(page.locator(".message-success")).to_contain_text("visiteur anonyme")
    assert Visit.objects.count() == 3
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(4)

    # Correct the last one.
    page.get_by_role("link", name="Corriger").first.click()
    check_accessibility(page)
    page.get_by_role("checkbox", name="Atelier de préparation à l'emploi").check()
    page.get_by_role("button", name="Enregistrer la correction").click()
    expect(page.get_by_text("La visite a été corrigée.")).to_be_visible()

    page.goto("/accueil/statistiques/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accueil des antennes")
    check_accessibility(page)
