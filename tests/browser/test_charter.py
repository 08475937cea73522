"""The charter in a real browser: a signature with its commitments, one realised, a sponsorship,
the evening's guest list with a status changed in place, the ZFU-TE reporting; axe on each page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.charter.models import Guest
from tests.browser.conftest import check_accessibility, login
from tests.charter.factories import EveningFactory
from tests.companies.factories import CompanyFactory, ContactFactory, InteractionFactory
from tests.factories import StructureFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def structure():
    return StructureFactory(code="ALLIES")


@pytest.fixture
def chargee(structure):
    return user_with_role(Role.COMPANY_RELATIONS, structure, username="tribeiro")


def test_chargee_signs_follows_and_sponsors(page, chargee, structure):
    company = CompanyFactory(name="Hôtel Étoile", in_zfu=True)
    contact = ContactFactory(company=company, last_name="Durand", first_names="Claire")
    InteractionFactory(company=company, kind="visit", summary="Rencontre Métiers")
    followed_person(structure, last_name="Zidane", first_names="Inès")
    login(page, "tribeiro")
    page.goto("/charte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Charte des 1 000 entreprises")
    check_accessibility(page)

    page.get_by_role("link", name="Enregistrer une signature").click()
    page.get_by_label("Nom ou enseigne").fill("etoile")
    page.get_by_role("link", name="Hôtel Étoile").click()
    expect(page.get_by_text("Cette entreprise n'a pas signé la charte.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Enregistrer la signature").click()
    page.get_by_label("Signée le").fill("2017-07-27")
    page.get_by_label(re.compile(r"^Signataire")).fill("Claire Durand")
    page.get_by_label("Fonction du signataire").fill("Directrice")
    page.get_by_label("Développer la formation").check()
    page.get_by_label("Témoigner de mon expérience").check()
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La signature de Hôtel Étoile est enregistrée.")).to_be_visible()
    commitments = page.get_by_role("table", name="Engagements")
    expect(commitments.get_by_role("row")).to_have_count(3)
    check_accessibility(page)

    page.get_by_role("link", name="Suivre l'engagement Développer la formation").click()
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Preuve de la réalisation").select_option("interaction")
    page.get_by_label("Interaction").select_option(index=1)
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        commitments.get_by_role("row", name=re.compile("Développer la formation"))
    ).to_contain_text("Réalisé")

    page.get_by_role("link", name="Nouveau parrainage").click()
    page.get_by_label("Rechercher le filleul").fill("zidane")
    page.get_by_role("link", name=re.compile("zidane", re.IGNORECASE)).click()
    page.get_by_label("Parrain ou marraine (contact)").select_option(label=str(contact))
    page.get_by_label("Début").fill("2017-09-01")
    check_accessibility(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le parrainage est enregistré.")).to_be_visible()
    check_accessibility(page)

    page.goto("/charte/?annee=2017")
    expect(page.get_by_role("row", name=re.compile("Hôtel Étoile"))).to_contain_text(
        "Claire Durand"
    )
    check_accessibility(page)
    page.get_by_role("link", name="Parrainages").click()
    expect(page.get_by_role("row", name=re.compile("zidane", re.IGNORECASE))).to_be_visible()
    check_accessibility(page)

    page.goto("/zfu/reporting/?annee=2017")
    expect(page.get_by_role("row", name=re.compile("Entreprises signataires"))).to_contain_text("1")
    check_accessibility(page)


def test_evening_guest_list(page, chargee):
    evening = EveningFactory(held_on=datetime.date(2017, 3, 20))
    contact = ContactFactory(
        company=CompanyFactory(
            name="Boulangerie Lumière", charter_signed_on=datetime.date(2016, 1, 4)
        )
    )
    login(page, "tribeiro")
    page.goto("/charte/soirees/")
    check_accessibility(page)
    page.get_by_role("link", name="2017").click()
    page.wait_for_load_state()  # htmx (a deferred script) must be there before the change
    page.get_by_label("Entreprise", exact=True).select_option(label="Boulangerie Lumière")
    expect(page.get_by_label("Contact de l'entreprise")).to_contain_text(str(contact))
    page.get_by_label("Contact de l'entreprise").select_option(
        label=f"{contact} ({contact.function})"
    )
    check_accessibility(page)
    page.get_by_role("button", name="Ajouter").click()
    expect(page.get_by_text("L'invité est ajouté à la liste.")).to_be_visible()
    page.get_by_label(f"Statut de {contact}").select_option("present")
    expect(page.get_by_label(f"Statut de {contact}")).to_have_value("present")
    page.wait_for_load_state("networkidle")
    assert Guest.objects.get(evening=evening).status == "present"
    check_accessibility(page)
    page.get_by_role("link", name="Liste imprimable").click()
    expect(page.get_by_role("row", name=re.compile(str(contact)))).to_contain_text("Présent")
    check_accessibility(page)
