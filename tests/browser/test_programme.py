"""The programme in a real browser: a référent searches the répertoire and prescribes an
operation; the team records the next step of an operation's circuit. Axe on each page."""

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.programme.models import Axis, Status
from tests.browser.conftest import check_accessibility, login
from tests.factories import FollowupFactory, PersonFactory, StructureFactory, user_with_role
from tests.plie.factories import OperationFactory, ParcoursFactory
from tests.programme.world import operation_at

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def programme_world():
    alis = StructureFactory(code="ALIS", name="ALIS")
    user_with_role(Role.REFERENT, alis, username="referent")
    anim = StructureFactory(code="ANIM", name="ALLIES", kind="animation")
    user_with_role(Role.ADMIN, anim, username="admin")
    person = PersonFactory(last_name="Dupré", first_names="Hélène", sex="F")
    FollowupFactory(person=person, structure=alis, started_on=date(2017, 3, 1))
    ParcoursFactory(person=person, structure=alis, entry_date=date(2017, 3, 1))
    ufcs = StructureFactory(code="UFCS", name="UFCS", kind="operator")
    workshop = operation_at(
        Status.CONVENTION,
        structure=ufcs,
        title="Ateliers sociolinguistiques",
        axis=Axis.BARRIERS,
        place="Lyon 9e",
        target_public="Participants non francophones",
        planned_participants=12,
    )
    OperationFactory(title="Coaching emploi", axis=Axis.EMPLOYERS, fse_eur=Decimal(5000))
    return {"workshop": workshop}


def test_referent_finds_and_prescribes_an_operation(page, programme_world):
    login(page, "referent")
    page.get_by_role("link", name="Programmation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Répertoire"))
    check_accessibility(page)
    page.get_by_label("Rechercher").press_sequentially("socioling")
    expect(page.get_by_role("link", name="Coaching emploi")).to_have_count(0)
    page.get_by_role("link", name="Ateliers sociolinguistiques").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ateliers sociolinguistiques")
    check_accessibility(page)

    page.get_by_role("link", name="Prescrire à un participant").click()
    check_accessibility(page)
    page.get_by_label("Participant").select_option(label="DUPRÉ Hélène — entré(e) le 01/03/2017")
    page.get_by_label("Début").fill("2018-02-01")  # outside the operation's year
    page.get_by_role("button", name="Prescrire").click()
    expect(page.get_by_text(re.compile("le début de l'étape doit s'y trouver"))).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Début").fill("2017-09-04")
    page.get_by_role("button", name="Prescrire").click()
    expect(page.get_by_text("DUPRÉ Hélène est inscrit(e) sur l'opération.")).to_be_visible()
    expect(page.get_by_role("link", name="DUPRÉ Hélène")).to_be_visible()
    expect(page.get_by_text(re.compile("taux de remplissage 8 %"))).to_be_visible()

    page.goto("/programme/marche-aux-actions/?annee=2017")
    expect(page.get_by_role("row", name=re.compile("UFCS"))).to_be_visible()
    check_accessibility(page)
    page.goto("/programme/statistiques/?annee=2017")
    check_accessibility(page)


def test_team_moves_an_operation_along_its_circuit(page, programme_world):
    login(page, "admin")
    page.goto("/programme/?annee=2017")
    page.get_by_role("link", name="Coaching emploi").click()
    check_accessibility(page)
    page.get_by_label("Date").fill("2017-02-01")
    page.get_by_role("button", name=re.compile("Enregistrer : Avis du PLIE")).click()
    expect(page.get_by_text("L'avis qualitatif du PLIE est obligatoire.")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Avis du PLIE").fill("Action utile aux participants proches de l'emploi.")
    page.get_by_role("button", name=re.compile("Enregistrer : Avis du PLIE")).click()
    expect(page.get_by_text("Étape enregistrée : Avis du PLIE rendu.")).to_be_visible()
    expect(page.get_by_role("heading", name="Étape suivante : Votée")).to_be_visible()
    check_accessibility(page)
