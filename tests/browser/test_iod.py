"""The IOD method in a real browser: the chargée de mission proposes one candidate on a
negotiated offer (no CV), records the mise en relation and the hire, sees the follow-up
schedule and records the first follow-up. Axe on every page of the flow."""

from datetime import date

import pytest
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from tests.browser.conftest import check_accessibility, login
from tests.factories import FollowupFactory, PersonFactory, StructureFactory, user_with_role
from tests.iod.factories import IodFollowupFactory, IodOfferFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    allies = StructureFactory(code="ALLIES", name="ALLIES")
    chargee = user_with_role(Role.COMPANY_RELATIONS, allies, username="entreprises")
    person = PersonFactory(last_name="Dupré", first_names="Hélène", sex="F")
    FollowupFactory(person=person, structure=allies, started_on=date(2017, 1, 2))
    IodFollowupFactory(
        parcours__person=person,
        person=person,
        chargee=chargee,
        oriented_on=date(2017, 2, 1),
    )
    return IodOfferFactory(
        title="Employé polyvalent de restauration", company__name="Bouchon Lyonnais"
    )


def test_propose_hire_and_follow_up(page, world):
    offer = world
    login(page, "entreprises")
    page.goto("/iod/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Méthode IOD")
    check_accessibility(page)
    page.goto(f"/iod/offres/{offer.pk}/")
    check_accessibility(page)
    page.get_by_role("link", name="Proposer un candidat").click()
    page.get_by_label("Participant").select_option(label="DUPRÉ Hélène")
    page.get_by_label("Proposé le").fill("2017-03-10")
    check_accessibility(page)
    page.get_by_label("Aucun CV n'est transmis à l'entreprise").check()
    page.get_by_role("button", name="Proposer").click()
    expect(page.get_by_text("Le candidat est proposé à l'entreprise.")).to_be_visible()
    expect(page.get_by_text("Aucun CV transmis à l'entreprise")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Mise en relation sur le poste le").fill("2017-03-15")
    page.get_by_role("button", name="Enregistrer la mise en relation").click()
    expect(page.get_by_text("La mise en relation est enregistrée.")).to_be_visible()

    page.locator("#id_outcome").select_option("hired")
    page.get_by_label("Date de l'issue").fill("2017-03-20")
    page.get_by_label("Contrat (si recruté)").select_option("cdi")
    page.get_by_label("Heures par semaine").fill("35")
    page.get_by_label("Date d'embauche").fill("2017-03-01")
    page.get_by_label("Fin de la période d'essai").fill("2017-05-02")
    page.get_by_role("button", name="Enregistrer l'issue").click()
    expect(
        page.get_by_text("La date d'embauche (01/03/2017) ne peut pas précéder la proposition")
    ).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Date d'embauche").fill("2017-04-03")
    page.get_by_role("button", name="Enregistrer l'issue").click()
    expect(page.get_by_text("L'issue de la proposition est enregistrée.")).to_be_visible()

    schedule = page.get_by_role("table", name="Calendrier des suivis post-embauche")
    expect(schedule.get_by_role("row").nth(1)).to_contain_text("10/04/2017")
    expect(schedule.get_by_role("row").nth(1)).to_contain_text("Employeur ou manager")
    expect(schedule.get_by_role("row").nth(2)).to_contain_text("Salarié")
    check_accessibility(page)
    # htmx: the row becomes the form, then the recorded row.
    schedule.get_by_role("link", name="Enregistrer").first.click()
    expect(page.get_by_role("button", name="Enregistrer le suivi")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Fait le").fill("2017-04-10")
    page.get_by_label("Compte rendu").fill("Bonne intégration dans l'équipe.")
    page.get_by_role("button", name="Enregistrer le suivi").click()
    expect(schedule.get_by_role("row").nth(1)).to_contain_text("Fait le 10/04/2017")
    expect(schedule.get_by_role("row").nth(2)).to_contain_text("En retard")
    page.reload()
    expect(schedule.get_by_role("row").nth(1)).to_contain_text("Bonne intégration")

    page.get_by_role("link", name="DUPRÉ Hélène").click()
    check_accessibility(page)
    page.goto("/iod/statistiques/?annee=2017")
    expect(page.get_by_role("row", name="Mises en relation en présence")).to_contain_text("1")
    check_accessibility(page)
    page.goto("/iod/")
    expect(page.get_by_role("heading", name="Suivis post-embauche en retard")).to_be_visible()
    check_accessibility(page)
