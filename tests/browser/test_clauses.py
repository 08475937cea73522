"""The clause desk in a real browser: the facilitator records an eligibility, a contract and
its monthly hours (a bad month is refused on the page); a référent positions a person on a
clause offer through the htmx search. Axe on the home, operation, contract, eligibility,
syntheses, buyer and buyer-report pages."""

from datetime import date

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from tests.browser.conftest import check_accessibility, login
from tests.clauses.factories import BuyerFactory, HoursFactory, OfferFactory, OperationFactory
from tests.companies.factories import CompanyFactory
from tests.factories import FollowupFactory, PersonFactory, StructureFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    alis = StructureFactory(code="ALIS", name="ALIS")
    allies = StructureFactory(code="ALLIES", name="ALLIES", kind="animation")
    user_with_role(Role.REFERENT, alis, username="referent")
    user_with_role(Role.CLAUSE_FACILITATOR, allies, username="clauses")
    person = PersonFactory(last_name="Dupré", first_names="Hélène", sex="F")
    FollowupFactory(person=person, structure=alis, started_on=date(2017, 3, 1))
    FollowupFactory(person=person, structure=allies, started_on=date(2017, 3, 1))
    city = BuyerFactory(name="Ville de Lyon")
    operation = OperationFactory(
        buyer=city,
        title="Groupe scolaire Mermoz",
        start_date=date(2017, 1, 1),
        end_date=date(2018, 12, 31),
        urban_renewal_site="Mermoz",
    )
    other = OperationFactory(buyer=city, legal_basis="insertion_market")
    HoursFactory(contract__operation=other, contract__person=person, month=date(2017, 5, 1))
    company = CompanyFactory(name="Bâtir Rhône")
    offer = OfferFactory(operation=operation, company=company, title="Manœuvre")
    return person, operation, company, offer


def test_facilitator_records_eligibility_contract_and_hours(page, world):
    person, operation, company, _ = world
    login(page, "clauses")
    expect(page.get_by_role("heading", level=1)).to_have_text("Clauses sociales")
    check_accessibility(page)

    page.goto(f"/clauses/personnes/{person.pk}/eligibilite/")
    page.get_by_label("Critère").select_option("minimum_income")
    page.get_by_label("Vérifié le").fill("2017-02-10")
    page.get_by_label("Prescripteur (structure, référent)").fill("PLIE — ALIS")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L'éligibilité est enregistrée.")).to_be_visible()
    check_accessibility(page)

    page.goto(f"/clauses/operations/{operation.pk}/")
    check_accessibility(page)
    page.get_by_role("link", name="Nouveau contrat").click()
    page.get_by_label("Rechercher une personne").fill("dupre")
    page.get_by_role("link", name="DUPRÉ Hélène").click()
    page.get_by_label("Employeur").select_option(str(company.pk))
    page.get_by_label("Type de contrat").select_option("cdd")
    page.get_by_label("Numéro du contrat").fill("BR-2017-12")
    page.locator("#id_start_date").fill("2017-03-01")
    page.locator("#id_end_date").fill("2017-08-31")
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le contrat est enregistré.")).to_be_visible()

    page.get_by_label("Mois").fill("2017-09")
    page.get_by_label("Heures").fill("120")
    page.get_by_role("button", name="Enregistrer les heures").click()
    expect(page.get_by_text("Le mois 09/2017 est en dehors du contrat")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Mois").fill("2017-04")
    page.get_by_label("Heures").fill("120,5")
    page.get_by_role("button", name="Enregistrer les heures").click()
    expect(page.get_by_text("Les heures du mois sont enregistrées.")).to_be_visible()
    expect(
        page.get_by_role("row", name="04/2017 Groupe scolaire Mermoz Bâtir Rhône 120,5")
    ).to_be_visible()
    check_accessibility(page)

    page.goto("/clauses/syntheses/?annee=2017")
    table = page.get_by_role("table", name="Personnes mises à l'emploi via les clauses sociales")
    expect(table.get_by_role("row", name="Nombre de bénéficiaires 1 1 1")).to_be_visible()
    check_accessibility(page)
    page.goto(f"/clauses/donneurs-d-ordre/{operation.buyer_id}/?annee=2017")
    check_accessibility(page)
    page.get_by_role("link", name="Bilan annuel imprimable").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Clauses sociales — bilan 2017 de Ville de Lyon"
    )
    check_accessibility(page)


def test_referent_positions_on_a_clause_offer(page, world):
    _, _, _, offer = world
    login(page, "referent")
    page.goto(f"/clauses/offres/{offer.pk}/")
    check_accessibility(page)
    page.get_by_role("link", name="Positionner une personne").click()
    page.get_by_label("Rechercher une personne").fill("dupre")
    page.get_by_role("link", name="DUPRÉ Hélène").click()
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La personne est positionnée sur l'offre.")).to_be_visible()
    expect(page.get_by_role("link", name="DUPRÉ Hélène")).to_be_visible()
