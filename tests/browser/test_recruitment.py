"""Recruitment support in a real browser: a référent positions a participant in a campaign
through the htmx person search; the chargé de relations entreprises moves the candidate to
hired; the campaign page shows the funnel. Axe on the offer, campaign and candidacy pages."""

from datetime import date

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from tests.browser.conftest import check_accessibility, login
from tests.factories import FollowupFactory, PersonFactory, StructureFactory, user_with_role
from tests.recruitment.factories import CampaignFactory, JobOfferFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    alis = StructureFactory(code="ALIS", name="ALIS")
    allies = StructureFactory(code="ALLIES", name="ALLIES")
    user_with_role(Role.REFERENT, alis, username="referent")
    user_with_role(Role.COMPANY_RELATIONS, allies, username="entreprises")
    person = PersonFactory(last_name="Dupré", first_names="Hélène", sex="F")
    FollowupFactory(person=person, structure=alis, started_on=date(2017, 3, 1))
    FollowupFactory(person=person, structure=allies, started_on=date(2017, 3, 1))
    campaign = CampaignFactory(title="Primark — session de novembre", company__name="Primark Lyon")
    offer = JobOfferFactory(title="Vendeur en prêt-à-porter", rome_code="D1214")
    return campaign, offer


def test_position_then_hire(page, world):
    campaign, offer = world
    login(page, "referent")
    page.goto(f"/recrutement/offres/{offer.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vendeur en prêt-à-porter")
    check_accessibility(page)
    page.goto(f"/recrutement/campagnes/{campaign.pk}/")
    page.get_by_role("link", name="Positionner un candidat").click()
    page.get_by_label("Rechercher une personne").fill("dupre")
    page.get_by_role("link", name="DUPRÉ Hélène").click()
    check_accessibility(page)
    page.get_by_label("Canal de sourcing").select_option("mission_locale")
    page.get_by_label("Positionné le").fill("2017-10-02")
    page.get_by_role("button", name="Positionner").click()
    expect(page.get_by_text("La personne est positionnée.")).to_be_visible()
    candidacy_url = page.url

    page.context.clear_cookies()
    login(page, "entreprises")
    page.goto(candidacy_url)
    check_accessibility(page)
    page.get_by_label("Nouvelle étape").select_option("hired")
    page.locator("#id_date").fill("2017-09-01")
    page.get_by_role("button", name="Enregistrer l'étape").click()
    expect(
        page.get_by_text("La date ne peut pas précéder le positionnement (02/10/2017).")
    ).to_be_visible()
    check_accessibility(page)
    page.locator("#id_date").fill("2017-11-16")
    page.get_by_role("button", name="Enregistrer l'étape").click()
    expect(page.get_by_text("L'étape est enregistrée.")).to_be_visible()

    page.goto(f"/recrutement/campagnes/{campaign.pk}/")
    table = page.get_by_role("table", name="Analyse globale de la campagne par canal de sourcing")
    expect(table.get_by_role("row", name="TOTAL 1 1 1 1 1 1 0", exact=True)).to_be_visible()
    expect(page.get_by_text("1 jeune Mission Locale, dont 0 Garantie Jeunes")).to_be_visible()
    check_accessibility(page)
    page.goto("/recrutement/statistiques/?annee=2017")
    check_accessibility(page)
