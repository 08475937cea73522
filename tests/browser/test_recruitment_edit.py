"""The Service Entreprises' forms in a real browser: an offer created through the htmx
company picker, refused then fixed, then closed; a campaign and its session; a manual
placement of a participant. Axe on every form and page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from tests.browser.conftest import check_accessibility, login
from tests.factories import FollowupFactory, PersonFactory, StructureFactory, user_with_role
from tests.recruitment.factories import CompanyFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    allies = StructureFactory(code="ALLIES", name="ALLIES")
    user_with_role(Role.COMPANY_RELATIONS, allies, username="entreprises")
    person = PersonFactory(last_name="Dupré", first_names="Hélène", sex="F")
    FollowupFactory(person=person, structure=allies, started_on=date(2017, 3, 1))
    CompanyFactory(name="Primark Lyon", city="Lyon")
    CompanyFactory(name="Boulangerie du Plateau", city="Lyon")


def pick_company(page, query: str, name: str) -> None:
    page.get_by_label("Rechercher l'entreprise").fill(query)
    expect(page.locator("#id_company option:checked")).to_have_text(name)


def test_offer_campaign_and_placement_forms(page, world):
    login(page, "entreprises")
    page.goto("/recrutement/offres/")
    check_accessibility(page)
    page.get_by_role("link", name="Nouvelle offre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle offre d'emploi")
    check_accessibility(page)
    pick_company(page, "prim", "Primark Lyon (Lyon)")
    page.get_by_label("Intitulé du poste").fill("Vendeur en prêt-à-porter")
    page.get_by_label("Code ROME").fill("D12")
    page.get_by_label("Type de contrat").select_option("cdi")
    page.get_by_label("Nombre de postes").fill("3")
    page.get_by_label("Origine").select_option("recruitment_support")
    page.get_by_label("Reçue le").fill("2017-10-02")
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        page.get_by_text("Le code ROME compte une lettre majuscule et 4 chiffres")
    ).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Code ROME").fill("D1214")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L'offre est enregistrée.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vendeur en prêt-à-porter")
    check_accessibility(page)

    page.get_by_role("link", name="Clore l'offre").click()
    check_accessibility(page)
    page.get_by_label("Pourvue").check()
    page.get_by_label("Close le").fill("2017-11-20")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Pourvue le 20/11/2017")).to_be_visible()
    expect(page.get_by_role("link", name="Positionner un candidat")).to_have_count(0)

    page.goto("/recrutement/campagnes/")
    page.get_by_role("link", name="Nouvelle campagne").click()
    pick_company(page, "primark", "Primark Lyon (Lyon)")
    page.get_by_label("Intitulé").fill("Primark — session de novembre")
    page.get_by_label("Ouverte le").fill("2017-10-16")
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Primark — session de novembre")
    page.get_by_role("link", name="Ajouter une session").click()
    page.get_by_label("Nature").select_option("information")
    page.get_by_label("Date").fill("2017-11-15")
    page.get_by_label("Heure de début").fill("09:30")
    page.get_by_label("Lieu", exact=False).first.select_option("premises")
    page.get_by_label("Places").fill("60")
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    sessions = page.get_by_role("table", name="Sessions de la campagne")
    expect(sessions.get_by_role("row", name="15/11/2017 à 09:30")).to_contain_text("60")
    check_accessibility(page)

    page.goto("/recrutement/mises-a-l-emploi/")
    page.get_by_role("link", name="Nouvelle mise à l'emploi").click()
    page.get_by_label("Rechercher une personne").fill("dupre")
    page.get_by_role("link", name="DUPRÉ Hélène").click()
    pick_company(page, "boulang", "Boulangerie du Plateau (Lyon)")
    page.get_by_label("Type de contrat").select_option("cdd")
    page.get_by_label("Date d'embauche").fill("2017-06-12")
    page.get_by_label("Canal").select_option("other")
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La mise à l'emploi de DUPRÉ Hélène est enregistrée.")).to_be_visible()
    row = page.get_by_role("row", name="12/06/2017")
    expect(row).to_contain_text("Boulangerie du Plateau")
    check_accessibility(page)
