"""PLIE entry and validation commission in a real browser: file, planning, decision, print-outs."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.plie.commission_models import EntryRequest
from maillage.plie.models import Parcours
from tests.browser.conftest import check_accessibility, login
from tests.factories import StructureFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_file_goes_through_the_validation_commission(page):
    hotel = StructureFactory(
        code="HOTEL-SOCIAL", name="Association de l'Hôtel Social", territory="Pentes"
    )
    animation = StructureFactory(code="ALLIES", name="ALLIES", kind="animation")
    user_with_role(Role.REFERENT, hotel, username="referent", first_name="Karim", last_name="B")
    user_with_role(Role.ADMIN, animation, username="admin")
    person = followed_person(
        hotel, last_name="Dupré", first_names="Hélène", birth_date=datetime.date(1980, 5, 4)
    )

    login(page, "referent")
    page.goto(f"/plie/entrees/nouvelle/?personne={person.pk}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("DUPRÉ Hélène")
    check_accessibility(page)
    page.get_by_label("Autre prescripteur").fill("Pôle emploi Lyon 1er")
    page.get_by_label("Situation sans emploi").select_option("rsa")
    # A status alone does not open the PLIE: without difficulties nor adherence, refused.
    page.get_by_label("Bénéficiaire du RSA").check()
    page.get_by_label("Accompagnement renforcé avec un plan d'actions individualisé").check()
    page.get_by_role("button", name="Transmettre à la commission").click()
    expect(page.get_by_text("Condition 2 : cochez au moins une difficulté")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Mobilité").check()
    page.get_by_label("Description des difficultés").fill("Pas de permis ; horaires décalés.")
    page.get_by_label("La personne adhère à la démarche").check()
    page.get_by_label("Comment la personne a exprimé son adhésion").fill("Entretien du 2 mars.")
    page.get_by_role("button", name="Transmettre à la commission").click()
    expect(page.get_by_text("En attente de commission")).to_be_visible()
    check_accessibility(page)
    assert EntryRequest.objects.get().status == "submitted"

    page.get_by_role("button", name="Se déconnecter").click()
    login(page, "admin")
    page.goto("/plie/commissions/")
    check_accessibility(page)
    page.get_by_role("link", name="Planifier une commission").click()
    page.get_by_label("Type de commission").select_option("validation")
    page.get_by_label("Territoire").select_option("Pentes")
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Lieu").fill("Antenne Pentes")
    page.get_by_label("Karim B").check()
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        page.get_by_role("heading", name=re.compile("Ordre du jour \\(1 dossier\\)"))
    ).to_be_visible()
    expect(page.get_by_role("link", name="DUPRÉ Hélène", exact=True)).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Décision").select_option("accepted")
    page.get_by_role("button", name=re.compile("Enregistrer la décision")).click()
    expect(page.locator(".badge-decided", has_text="Acceptée")).to_be_visible()
    check_accessibility(page)
    parcours = Parcours.objects.get(person=person)
    assert parcours.entry_date == timezone.localdate() and parcours.structure == hotel

    page.get_by_role("link", name="Ordre du jour (impression)").click()
    expect(
        page.get_by_role("heading", name=re.compile("Demandes d'entrée \\(1\\)"))
    ).to_be_visible()
    expect(page.get_by_role("button", name="Imprimer")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Retour à la commission").click()
    page.get_by_label("Notes du compte rendu").fill("Une entrée validée.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clore la commission").click()
    expect(page.get_by_role("heading", name=re.compile("Compte rendu"))).to_be_visible()
    expect(page.get_by_text("1 acceptée, 0 refusée, 0 ajournée")).to_be_visible()
    check_accessibility(page)
