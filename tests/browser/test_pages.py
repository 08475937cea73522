"""The main pages in a real browser: login per role, search as you type, person file,
and an axe-core accessibility check of each."""

import re

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from tests.browser.conftest import check_accessibility, login
from tests.factories import StructureFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def referent_world():
    structure = StructureFactory(code="ALIS", name="ALIS")
    other = StructureFactory(code="IDEO", name="IDEO")
    user_with_role(Role.REFERENT, structure, username="referent", first_name="Sonia")
    helene = followed_person(structure, last_name="Dupré", first_names="Hélène", sex="F")
    followed_person(structure, last_name="Martin", first_names="Karim", sex="M")
    hidden = followed_person(other, last_name="Durand", first_names="Hélène", sex="F")
    return {"helene": helene, "hidden": hidden}


def test_login_page_is_accessible(page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/connexion/"))
    check_accessibility(page)


def test_referent_searches_as_they_type_and_opens_a_file(page, referent_world):
    login(page, "referent")
    expect(page.get_by_role("heading", name="Espace PLIE")).to_be_visible()  # their landing
    check_accessibility(page)

    page.get_by_label("Nom, prénom ou date de naissance").first.press_sequentially("helene")
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name=re.compile("DUPRÉ"))).to_be_visible()
    # Out of the référent's scope: never listed.
    expect(results.get_by_text(re.compile("DURAND"))).to_have_count(0)
    check_accessibility(page)

    results.get_by_role("link", name=re.compile("DUPRÉ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hélène")
    check_accessibility(page)

    response = page.goto(f"/personnes/{referent_world['hidden'].pk}/")
    assert response.status == 404


def test_referent_creates_a_person_with_errors_then_fixed(page, referent_world):
    login(page, "referent")
    page.goto("/personnes/nouvelle/")
    check_accessibility(page)
    page.get_by_label("Nom d'usage").fill("Nguyen")
    page.get_by_label("Prénoms").fill("Linh")
    page.get_by_label("Sexe").select_option("F")
    page.get_by_label("Date de naissance").fill("2090-01-01")
    page.get_by_label("Code postal").fill("6900")
    page.get_by_role("button", name=re.compile("Enregistrer|Créer")).click()
    expect(page.get_by_text(re.compile("futur", re.I)).first).to_be_visible()
    expect(page.get_by_text(re.compile("5 chiffres")).first).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Date de naissance").fill("1988-04-12")
    page.get_by_label("Code postal").fill("69008")
    page.get_by_role("button", name=re.compile("Enregistrer|Créer")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Linh")


@pytest.mark.parametrize(
    ("role", "landing_heading"),
    [
        (Role.ADMIN, "Administration"),
        (Role.FUNDER, "Statistiques"),
        (Role.DIRECTION, "Statistiques"),
        (Role.RECEPTION, "Accueil en antenne"),
        (Role.CULTURE, "Culture pour tous"),
    ],
)
def test_each_role_lands_on_its_page(page, role, landing_heading):
    user_with_role(role, StructureFactory(code=f"S-{role}"), username=f"u-{role}")
    followed_person(StructureFactory(code="X"), last_name="Aubert")
    login(page, f"u-{role}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(landing_heading)
    check_accessibility(page)


def test_admin_pages_are_accessible(page):
    user_with_role(Role.ADMIN, StructureFactory(code="ALLIES", kind="animation"), username="admin")
    followed_person(StructureFactory(code="X"), last_name="Aubert")
    login(page, "admin")
    for url in ("/administration/journal/", "/administration/import/", "/personnes/fusion/"):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check_accessibility(page)
