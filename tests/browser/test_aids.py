"""Individual aids in a real browser: a référent requests a training aid, the PLIE refuses it
without a reason (error), then partly accepts it; figures as a funder. Axe on each page."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from tests.browser.conftest import check_accessibility, login
from tests.factories import FollowupFactory, PersonFactory, StructureFactory, user_with_role
from tests.plie.factories import ParcoursFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def aids_world():
    alis = StructureFactory(code="ALIS", name="ALIS")
    user_with_role(Role.REFERENT, alis, username="referent")
    user_with_role(Role.ADMIN, StructureFactory(code="ALLIES", name="ALLIES"), username="plie")
    user_with_role(Role.FUNDER, StructureFactory(code="FSE", name="FSE"), username="financeur")
    person = PersonFactory(last_name="Dupré", first_names="Hélène", sex="F")
    FollowupFactory(person=person, structure=alis, started_on=date(2017, 3, 1))
    ParcoursFactory(person=person, structure=alis, entry_date=date(2017, 3, 1))
    return person


def test_request_then_decision(page, aids_world):
    login(page, "referent")
    page.goto("/aides/")
    check_accessibility(page)
    page.get_by_role("link", name="Nouvelle demande").click()
    page.get_by_label("Rechercher un participant").fill("dupre")
    page.get_by_role("link", name="DUPRÉ Hélène").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle demande d'aide")
    check_accessibility(page)
    page.get_by_label("Nature de l'aide").select_option("training")
    page.get_by_label("Montant demandé (€)").fill("5000")
    page.get_by_label("Motivation").fill("CACES 1-3-5, complément de financement")
    page.get_by_label("Domaine de formation").select_option("logistics")
    page.get_by_role("button", name="Enregistrer la demande").click()
    expect(page.get_by_text(re.compile("dépasse le maximum"))).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Montant demandé (€)").fill("800")
    page.get_by_role("button", name="Enregistrer la demande").click()
    expect(page.get_by_text("La demande d'aide est enregistrée.")).to_be_visible()
    detail_url = page.url
    check_accessibility(page)

    page.context.clear_cookies()
    login(page, "plie")
    page.goto(detail_url)
    page.get_by_label(re.compile(r"^Décision\b(?! du)")).select_option("refused")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text(re.compile("Un refus doit être motivé"))).to_be_visible()
    check_accessibility(page)
    page.get_by_label(re.compile(r"^Décision\b(?! du)")).select_option("partly_accepted")
    page.get_by_label("Montant accordé (€)").fill("500")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("La décision est enregistrée.")).to_be_visible()
    expect(page.get_by_text(re.compile("Acceptée en partie le"))).to_be_visible()
    page.goto(f"/aides/budget/?annee={date.today().year}")
    check_accessibility(page)
    page.goto("/aides/prestations/")
    check_accessibility(page)

    page.context.clear_cookies()
    login(page, "financeur")
    page.goto(f"/aides/statistiques/?annee={date.today().year}")
    expect(page.get_by_role("heading", name="Bilan global")).to_be_visible()
    check_accessibility(page)
