"""The référent's PLIE day in a real browser: workspace, parcours, a step with an error then
fixed, a CDI exit that asks for confirmation; the statistics page as a funder. Axe on each page."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.reports.models import Objective, Protocol
from tests.browser.conftest import check_accessibility, login
from tests.factories import FollowupFactory, PersonFactory, StructureFactory, user_with_role
from tests.plie.factories import CompanyFactory, ParcoursFactory, StepFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plie_world():
    alis = StructureFactory(code="ALIS", name="ALIS")
    referent = user_with_role(Role.REFERENT, alis, username="referent", first_name="Sonia")
    person = PersonFactory(last_name="Dupré", first_names="Hélène", sex="F")
    FollowupFactory(person=person, structure=alis, started_on=date(2017, 3, 1))
    parcours = ParcoursFactory(
        person=person, structure=alis, referent=referent, entry_date=date(2017, 3, 1)
    )
    StepFactory(
        parcours=parcours,
        category="support",
        start_date=date(2017, 3, 1),
        end_date=date(2017, 4, 30),
    )
    CompanyFactory(name="Boulangerie de la Duchère")
    CompanyFactory(name="Garage Mermoz")
    return {"parcours": parcours}


def test_referent_adds_a_step_and_records_a_cdi_exit(page, plie_world):
    login(page, "referent")
    expect(page).to_have_url(re.compile(r"/plie/$"))
    expect(page.get_by_role("heading", name="Espace PLIE")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("File active de Sonia"))).to_be_visible()
    check_accessibility(page)

    idle = page.locator(
        "section", has=page.get_by_role("heading", name="Participants sans étape en cours")
    )
    idle.get_by_role("link", name="DUPRÉ Hélène").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parcours PLIE de DUPRÉ Hélène")
    check_accessibility(page)

    page.get_by_role("link", name="Ajouter une étape").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle étape")
    check_accessibility(page)
    category = page.get_by_label("Catégorie")
    contract_type = page.locator("#id_contract_type")
    # htmx: the contract type goes away for a training, comes back for a contract.
    category.select_option("training")
    expect(contract_type).to_have_count(0)
    expect(page.get_by_text("Pas de type de contrat pour cette catégorie")).to_be_visible()
    category.select_option("employment_contract")
    expect(contract_type).to_be_visible()
    contract_type.select_option("cdd")
    page.get_by_label("Début").fill("2017-01-15")  # before the entry: refused
    page.get_by_label("Fin").fill("2017-12-31")
    page.get_by_label("Rechercher une entreprise").press_sequentially("duch")
    company = page.locator("#id_company")
    expect(company.locator("option", has_text="Garage Mermoz")).to_have_count(0)
    company.select_option(label="Boulangerie de la Duchère")
    page.get_by_label("Heures par semaine").fill("24,5")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text(re.compile("avant l'entrée dans le parcours"))).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Début").fill("2017-06-01")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L'étape est ajoutée au parcours.")).to_be_visible()
    expect(
        page.get_by_text(re.compile("CDD chez Boulangerie de la Duchère, 24,5 h/semaine"))
    ).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Enregistrer la sortie").click()
    check_accessibility(page)
    page.get_by_label("Date de sortie").fill("2018-01-15")
    page.get_by_label("Type de sortie").select_option("positive")
    page.get_by_label("Motif de la sortie positive").select_option("cdi")
    page.get_by_role("button", name="Enregistrer la sortie").click()
    expect(
        page.get_by_text(re.compile("aucune étape « contrat de travail » en CDI"))
    ).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Confirmer").check()
    page.get_by_role("button", name="Enregistrer la sortie").click()
    expect(page.get_by_text("La sortie du parcours est enregistrée.")).to_be_visible()
    expect(page.get_by_text("15/01/2018")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Fiche de la personne").click()
    timeline = page.locator("ol.timeline")
    expect(
        timeline.get_by_text(re.compile("Sortie du PLIE : sortie positive \\(CDI\\)"))
    ).to_be_visible()
    expect(
        timeline.get_by_text(re.compile("Contrat de travail : CDD chez Boulangerie"))
    ).to_be_visible()
    check_accessibility(page)


def test_funder_reads_the_plie_statistics_without_names(page, plie_world):
    user_with_role(Role.FUNDER, StructureFactory(code="METRO"), username="financeur")
    protocol = Protocol.objects.create(name="Protocole d'accord", start_year=2012, end_year=2018)
    Objective.objects.create(protocol=protocol, indicator="plie.new_entrants", target=900)
    Objective.objects.create(
        protocol=protocol, indicator="plie.participants", period="whole_protocol", target=6000
    )
    login(page, "financeur")
    page.get_by_role("link", name="Statistiques du PLIE").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statistiques du PLIE")
    page.get_by_role("combobox", name="Année").select_option("2017")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistiques du PLIE — 2017")
    expect(
        page.get_by_role("heading", name=re.compile("Point d'étape sur le Protocole"))
    ).to_be_visible()
    expect(page.get_by_role("cell", name="900 par an")).to_have_count(2)  # table, objectives
    expect(page.get_by_text(re.compile("DUPRÉ", re.IGNORECASE))).to_have_count(0)
    check_accessibility(page)
    assert page.goto("/plie/").status == 403
