"""People's pages in a real browser: duplicate warning and attach, edit, merge, audit log."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from tests.browser.conftest import check_accessibility, login
from tests.factories import StructureFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def test_referent_meets_someone_followed_elsewhere_and_attaches_them(page):
    mine, other = StructureFactory(code="ALIS"), StructureFactory(code="IDEO")
    user_with_role(Role.REFERENT, mine, username="referent")
    followed_person(
        other,
        last_name="Dupré",
        first_names="Hélène",
        sex="F",
        birth_date=datetime.date(1990, 5, 4),
    )
    login(page, "referent")
    page.goto("/personnes/nouvelle/")
    page.get_by_label("Nom d'usage").fill("DUPRE")
    page.get_by_label("Prénoms").fill("helene")
    page.get_by_label("Sexe").select_option("F")
    page.get_by_label("Date de naissance").fill("1990-05-04")
    page.get_by_label("Code postal").fill("69009")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text(re.compile("déjà suivie par une autre structure"))).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="La rattacher à ma structure").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("DUPRÉ Hélène")
    expect(page.get_by_role("cell", name="IDEO")).to_have_count(0)  # structures are <th>
    check_accessibility(page)

    page.goto("/personnes/?q=dupre")
    expect(page.get_by_role("link", name="DUPRÉ Hélène")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="DUPRÉ Hélène").click()
    page.get_by_role("link", name="Modifier la fiche").click()
    expect(page.get_by_label("Nom d'usage")).to_have_value("Dupré")
    check_accessibility(page)


def test_admin_merges_two_files_and_reads_the_log(page):
    admin_home = StructureFactory(code="ALLIES", kind="animation")
    user_with_role(Role.ADMIN, admin_home, username="admin")
    keep = followed_person(StructureFactory(code="A"), last_name="Martin", first_names="Paul")
    remove = followed_person(
        StructureFactory(code="B"), last_name="MARTIN", first_names="paul", email="p@exemple.fr"
    )
    login(page, "admin")
    page.goto("/personnes/fusion/")
    page.get_by_label("Nom, prénom ou date de naissance").fill("martin paul")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_label("N° de la fiche à conserver").fill(str(keep.pk))
    page.get_by_label("N° de la fiche à supprimer").fill(str(remove.pk))
    page.get_by_role("button", name="Comparer").click()
    expect(page.get_by_role("heading", name="Comparaison")).to_be_visible()
    check_accessibility(page)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=re.compile("Fusionner : supprimer")).click()
    expect(page.get_by_text(re.compile("a été fusionnée"))).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name=re.compile("Historique")).click()
    expect(page.locator("td .badge", has_text="Fusion")).to_be_visible()
    check_accessibility(page)
