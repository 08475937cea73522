"""The company relationship in a real browser: a SIRET refused then fixed, a contact, an
interaction with a next action that shows on "Mes actions"; axe on each page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.companies.models import CompanyTag
from tests.browser.conftest import check_accessibility, login
from tests.factories import StructureFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def chargee():
    return user_with_role(
        Role.COMPANY_RELATIONS, StructureFactory(code="ALLIES"), username="tribeiro"
    )


def test_chargee_follows_a_company_from_creation_to_next_action(page, chargee):
    CompanyTag.objects.create(name="ALLIANCE", kind="network")
    login(page, "tribeiro")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes actions")
    check_accessibility(page)

    page.get_by_role("link", name="Nouvelle entreprise").click()
    page.get_by_label("Raison sociale").fill("Hôtel Étoile")
    page.get_by_label("Enseigne").fill("L'Étoile")
    page.get_by_label("SIRET").fill("732 829 320 00075")
    page.get_by_label("Code NAF").fill("5510z")
    page.get_by_label("Tranche d'effectif").select_option("11")
    page.get_by_label("Implantée en ZFU-TE").check()
    page.get_by_label("ALLIANCE").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le numéro SIRET « 73282932000075 » n'est pas valide")).to_be_visible()
    expect(page.get_by_label("Raison sociale")).to_have_value("Hôtel Étoile")
    check_accessibility(page)

    page.get_by_label("SIRET").fill("732 829 320 00074")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hôtel Étoile")
    expect(page.get_by_text("73282932000074")).to_be_visible()
    expect(page.get_by_text("Hébergement et restauration")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Nouveau contact").click()
    page.get_by_label(re.compile(r"^Nom\b")).fill("Durand")
    page.get_by_label("Prénom").fill("Claire")
    page.get_by_label("Fonction").fill("Directrice des ressources humaines")
    page.get_by_label("Courriel").fill("claire.durand@example.fr")
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("row", name=re.compile("Claire Durand"))).to_be_visible()

    page.get_by_role("link", name="Nouvelle interaction").click()
    page.get_by_label("Type").select_option("visit")
    page.get_by_label("Contact").select_option(label="Claire Durand")
    page.get_by_label("Objet et échanges").fill("Visite des cuisines.")
    page.get_by_label("Ce qui a été convenu").fill("Envoi de trois CV.")
    page.get_by_label(re.compile(r"^Prochaine action\b")).fill("Envoyer les CV")
    due = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Échéance de la prochaine action").fill(due.isoformat())
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L'interaction a été enregistrée.")).to_be_visible()
    expect(page.get_by_text("Envoi de trois CV.")).to_be_visible()

    page.get_by_role("link", name="Entreprises").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes actions")
    upcoming = page.get_by_role("table", name=re.compile("À venir"))
    expect(upcoming.get_by_role("row", name=re.compile("Envoyer les CV"))).to_contain_text(
        due.strftime("%d/%m/%Y")
    )
    check_accessibility(page)

    page.get_by_role("link", name="Toutes les entreprises").click()
    page.get_by_label("Nom ou enseigne").fill("etoile")
    expect(page.get_by_role("link", name="Hôtel Étoile")).to_be_visible()
    check_accessibility(page)
