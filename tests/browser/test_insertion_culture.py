"""The Mission Insertion Culture in a real browser: the coordinator creates an action,
adds a session, registers a participant through the htmx person search and marks the
presence with one tap in the attendance grid. Axe on the home, action, form and figures pages."""

from datetime import date

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.insertion_culture.models import Attendance
from tests.browser.conftest import check_accessibility, login
from tests.factories import FollowupFactory, PersonFactory, StructureFactory, user_with_role
from tests.insertion_culture.factories import PartnerFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    culture = StructureFactory(code="CPT", name="Culture pour tous", kind="culture")
    user_with_role(Role.CULTURE, culture, username="culture")
    person = PersonFactory(
        last_name="Dupré", first_names="Hélène", sex="F", postcode="69100", city="Villeurbanne"
    )
    FollowupFactory(person=person, structure=culture, started_on=date(2017, 1, 2))
    PartnerFactory(name="Opéra de Lyon", category="music")
    PartnerFactory(name="Mission Locale de Lyon", category="mission_locale")


def test_create_action_register_and_mark_presence(page, world):
    login(page, "culture")
    page.goto("/mission-culture/?annee=2017")
    check_accessibility(page)
    page.get_by_role("link", name="Nouvelle action").click()
    page.get_by_label("Intitulé").fill("Visite de l'Opéra de Lyon")
    page.get_by_label("Nature").select_option("visit")
    page.get_by_label("Début").fill("2017-03-01")
    page.get_by_label("Fin").fill("2017-02-01")
    page.get_by_label("Opéra de Lyon").check()
    page.get_by_label("Mission Locale de Lyon").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La fin de l'action ne peut pas précéder son début.")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Fin").fill("2017-03-31")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L'action est enregistrée.")).to_be_visible()

    page.get_by_label("Date").fill("2017-04-02")
    page.get_by_label("Lieu").fill("Opéra de Lyon")
    page.get_by_role("button", name="Ajouter la séance").click()
    expect(page.get_by_text("La séance doit avoir lieu pendant l'action")).to_be_visible()
    page.get_by_label("Date").fill("2017-03-14")
    page.get_by_role("button", name="Ajouter la séance").click()
    expect(page.get_by_text("La séance est ajoutée.")).to_be_visible()

    page.get_by_role("link", name="Inscrire un participant").click()
    page.get_by_label("Rechercher une personne").fill("dupre")
    page.get_by_role("link", name="DUPRÉ Hélène").click()
    check_accessibility(page)
    page.get_by_label("Bénéficiaire du RSA").check()
    page.get_by_role("button", name="Inscrire").click()
    expect(page.get_by_text("DUPRÉ Hélène est inscrit(e) à l'action.")).to_be_visible()

    grid = page.get_by_role("table", name="Présences aux séances")
    expect(grid.get_by_role("cell", name="Villeurbanne")).to_be_visible()
    button = grid.get_by_role("button", name="Absent : DUPRÉ Hélène, séance du 14/03/2017")
    button.click()
    present = grid.get_by_role("button", name="Présent : DUPRÉ Hélène, séance du 14/03/2017")
    expect(present).to_have_attribute("aria-pressed", "true")
    assert Attendance.objects.count() == 1
    check_accessibility(page)
    present.click()
    expect(
        grid.get_by_role("button", name="Absent : DUPRÉ Hélène, séance du 14/03/2017")
    ).to_be_visible()
    assert Attendance.objects.count() == 0

    page.goto("/mission-culture/statistiques/?annee=2017")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mission Insertion Culture — chiffres 2017"
    )
    check_accessibility(page)
    page.goto("/mission-culture/ressources-humaines/?annee=2017")
    check_accessibility(page)
    page.goto("/mission-culture/partenaires/")
    check_accessibility(page)
