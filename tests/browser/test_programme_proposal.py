"""Proposals and the vote's refusal in a real browser: a référent proposes an operation for
the open call (refused first, then fixed) and corrects it; the team writes a call and
refuses an operation at the vote. Axe on each page."""

import re

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.programme.models import CallForProjects, Operation, Status
from tests.browser.conftest import check_accessibility, login
from tests.factories import StructureFactory, user_with_role
from tests.programme.world import operation_at

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def call_world():
    alis = StructureFactory(code="ALIS", name="ALIS", kind="referent")
    user_with_role(Role.REFERENT, alis, username="referent")
    anim = StructureFactory(code="ANIM", name="ALLIES", kind="animation")
    user_with_role(Role.ADMIN, anim, username="admin")
    CallForProjects.objects.create(
        year=2017,
        title="Appel à projets PLIE 2017",
        priorities="Autonomie\nÉgalité femmes-hommes",
    )
    operation_at(
        Status.OPINION,
        title="Atelier à refuser",
        structure=StructureFactory(code="UFCS", name="UFCS", kind="operator"),
    )
    return {"alis": alis}


def field(page, label):
    """The field labelled exactly ``label`` (Django's French suffix " :" added)."""
    return page.get_by_label(f"{label} :", exact=True)


def test_referent_proposes_an_operation_then_corrects_it(page, call_world):
    login(page, "referent")
    page.goto("/programme/")
    page.get_by_role("link", name="Appels à projets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appels à projets")
    check_accessibility(page)
    page.get_by_role("link", name="Proposer une opération pour 2017").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Proposer une opération"))
    check_accessibility(page)

    expect(field(page, "Structure porteuse")).to_have_value(str(call_world["alis"].pk))
    field(page, "Intitulé").fill("Ateliers numériques")
    field(page, "Axe").select_option(label="Levée des freins périphériques à l'emploi")
    field(page, "Public visé").fill("Participants éloignés du numérique")
    field(page, "Lieu").fill("Lyon 8e")
    field(page, "Participants prévus").fill("0")
    field(page, "Début").fill("2017-09-01")
    field(page, "Fin").fill("2017-03-01")
    field(page, "Ligne 1 : financeur").select_option(label="FSE")
    field(page, "Ligne 1 : montant (€)").fill("-100")
    page.get_by_role("button", name="Déposer l'opération").click()
    expect(page.get_by_text("La proposition n'est pas enregistrée")).to_be_visible()
    expect(
        page.get_by_text("Le nombre de participants prévus doit être supérieur à zéro.")
    ).to_be_visible()
    end_error = "La fin de l'opération ne peut pas précéder son début."
    expect(page.get_by_text(end_error)).to_be_visible()
    expect(page.get_by_text("Un montant ne peut pas être négatif.")).to_be_visible()
    check_accessibility(page)
    assert not Operation.objects.filter(title="Ateliers numériques").exists()

    field(page, "Participants prévus").fill("12")
    field(page, "Début").fill("2017-03-01")
    field(page, "Fin").fill("2017-12-15")
    field(page, "Ligne 1 : montant (€)").fill("8000")
    field(page, "Ligne 2 : financeur").select_option(label="Ville")
    field(page, "Ligne 2 : montant (€)").fill("2000,50")
    page.get_by_role("button", name="Déposer l'opération").click()
    expect(page.get_by_text("Opération déposée (code 2017-ALIS-1).")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ateliers numériques")
    expect(page.locator(".badge")).to_have_text("Déposée")
    expect(page.get_by_role("row", name=re.compile("Budget total"))).to_contain_text("10000,50")
    check_accessibility(page)

    page.get_by_role("link", name="Modifier la proposition").click()
    check_accessibility(page)
    field(page, "Lieu").fill("Vénissieux")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_text("Proposition modifiée.")).to_be_visible()
    expect(page.get_by_text("Vénissieux")).to_be_visible()

    page.goto("/programme/appels/")
    expect(page.get_by_role("link", name="Ateliers numériques")).to_be_visible()
    check_accessibility(page)


def test_team_writes_a_call_and_refuses_an_operation_at_the_vote(page, call_world):
    login(page, "admin")
    page.goto("/programme/appels/")
    page.get_by_role("link", name="Nouvel appel à projets").click()
    check_accessibility(page)
    field(page, "Année").fill("2018")
    field(page, "Intitulé").fill("Appel à projets PLIE 2018")
    field(page, "Lancé le").fill("2017-10-02")
    field(page, "Date limite de dépôt").fill("2017-09-30")
    page.get_by_role("button", name="Enregistrer l'appel à projets").click()
    expect(
        page.get_by_text("La date limite de dépôt ne peut pas précéder le lancement.")
    ).to_be_visible()
    check_accessibility(page)
    field(page, "Date limite de dépôt").fill("2017-11-30")
    page.get_by_role("button", name="Enregistrer l'appel à projets").click()
    expect(page.get_by_text("Appel à projets 2018 enregistré.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Appel à projets PLIE 2018"))).to_be_visible()

    page.goto("/programme/?annee=2017")
    page.get_by_role("link", name="Atelier à refuser").click()
    refusal = page.locator("form", has=page.get_by_role("heading", name="Ou : non retenue au vote"))
    refusal.get_by_label("Date du vote").fill("2017-06-26")
    refusal.get_by_label("Instance du vote").select_option(label="Conseil d'administration")
    page.once("dialog", lambda dialog: dialog.accept())
    refusal.get_by_role("button", name="Enregistrer : non retenue").click()
    expect(page.get_by_text("Indiquez le motif du refus.")).to_be_visible()
    check_accessibility(page)

    refusal = page.locator("form", has=page.get_by_role("heading", name="Ou : non retenue au vote"))
    refusal.get_by_label("Motif du refus").fill("Action déjà financée par ailleurs.")
    page.once("dialog", lambda dialog: dialog.accept())
    refusal.get_by_role("button", name="Enregistrer : non retenue").click()
    expect(page.get_by_text("Opération non retenue au vote : refus enregistré.")).to_be_visible()
    expect(page.get_by_text("Action déjà financée par ailleurs.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Étape suivante"))).to_have_count(0)
    check_accessibility(page)

    page.goto("/programme/?annee=2017")
    expect(page.get_by_role("link", name="Atelier à refuser")).to_have_count(0)
    page.goto("/programme/statistiques/?annee=2017")
    expect(page.get_by_role("row", name=re.compile("Non retenue"))).to_contain_text("1")
