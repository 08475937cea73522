"""Events in a real browser.

- The public agenda, keyboard only: a visitor tabs to an event, fills the registration
  form, ticks the consent and sends it with Enter; a form sent without consent is
  refused. Axe on the agenda, the event page and the confirmation.
- The check-in page on a tablet-sized screen: typing filters the list (htmx), one tap
  marks the person present. Axe on the event page and the check-in page.
"""

import datetime

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.events import public
from maillage.events.models import Registration
from tests.browser.conftest import check_accessibility, login
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import StructureFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def no_wait(monkeypatch):
    """The anti-spam minimum time would slow the test: a robot typing is fast."""
    monkeypatch.setattr(public, "MIN_SECONDS", 0)


def tab_to(page, locator, limit=60):
    """Press Tab until ``locator`` has the focus (fails if the keyboard cannot reach it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{locator} is not reachable with the keyboard")


@override_settings(MAILERS=MAILERS)
def test_public_registration_keyboard_only(page, no_wait):
    antenna = StructureFactory(code="ANT-DUCHERE", name="Antenne Duchère", kind="antenna")
    event = EventFactory(
        title="Simulation d'entretien Duchère",
        structure=antenna,
        date=datetime.date.today() + datetime.timedelta(days=7),
        start_time=datetime.time(9),
        capacity=6,
        theme="Entretien",
    )
    page.goto("/agenda/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda des événements emploi")
    check_accessibility(page)
    # Keyboard only: tab until the event's link has the focus, then Enter.
    tab_to(page, page.get_by_role("link", name=event.title))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    check_accessibility(page)

    tab_to(page, page.locator("#id_last_name"))
    page.keyboard.type("Benali")
    page.keyboard.press("Tab")
    page.keyboard.type("Samia")
    page.keyboard.press("Tab")
    page.keyboard.type("samia.benali@example.org")
    page.keyboard.press("Enter")  # no consent yet
    expect(page.get_by_text("Votre accord est nécessaire")).to_be_visible()
    check_accessibility(page)
    assert not Registration.objects.exists()

    tab_to(page, page.locator("#id_consent"))
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to the submit button: the honeypot is out of the tab order
    focused = page.evaluate("document.activeElement.textContent")
    assert "M'inscrire" in focused
    page.keyboard.press("Enter")
    expect(page.get_by_text("Votre inscription est enregistrée")).to_be_visible()
    check_accessibility(page)
    registration = Registration.objects.get()
    assert (registration.last_name, registration.email) == ("Benali", "samia.benali@example.org")


def test_check_in_on_a_tablet(page):
    allies = StructureFactory(code="ALLIES", name="ALLIES")
    user_with_role(Role.COMPANY_RELATIONS, allies, username="entreprises")
    event = EventFactory(title="Dating Emploi propreté", date=datetime.date.today())
    zidane = RegistrationFactory(event=event, person=followed_person(allies, last_name="Zidane"))
    RegistrationFactory(event=event, person=followed_person(allies, last_name="Martin"))
    page.set_viewport_size({"width": 1024, "height": 768})
    login(page, "entreprises")
    page.goto(f"/evenements/{event.pk}/")
    check_accessibility(page)
    page.get_by_role("link", name="Accueil des participants").click()
    check_accessibility(page)
    page.get_by_label("Rechercher un inscrit").fill("zid")
    expect(page.get_by_role("button", name="MARTIN", exact=False)).to_have_count(0)
    button = page.get_by_role("button", name="ZIDANE", exact=False)
    button.click()
    expect(page.locator(f"#checkin-{zidane.pk} button")).to_have_attribute("aria-pressed", "true")
    zidane.refresh_from_db()
    assert zidane.attended


def test_staff_pages_are_accessible(page):
    allies = StructureFactory(code="ALLIES", name="ALLIES")
    antenna = StructureFactory(code="ANT-PENTES", name="Antenne Pentes", kind="antenna")
    user_with_role(Role.ADMIN, allies, username="admin")
    event = EventFactory(title="Dating Emploi « Alternance »", date=datetime.date(2017, 3, 7))
    registration = RegistrationFactory(
        event=event, person=followed_person(allies, last_name="Zidane"), attended=True
    )
    login(page, "admin")
    for url in ("/evenements/", "/evenements/nouveau/", "/evenements/series/nouvelle/"):
        page.goto(url)
        check_accessibility(page)
    page.goto("/evenements/series/nouvelle/")
    page.get_by_label("Intitulé").fill("Simulations d'entretien — Pentes")
    page.get_by_label("Nature").select_option("interview_simulation")
    page.get_by_label("Organisateur").select_option(str(antenna.pk))
    page.get_by_label("Règle de récurrence (RRULE)").fill("FREQ=MONTHLY;BYDAY=+2TU")
    page.get_by_label("À partir du").fill("2018-01-01")
    page.get_by_label("Jusqu'au").fill("2018-12-31")
    page.get_by_role("button", name="Enregistrer et générer les séances").click()
    expect(page.get_by_text("12 date(s) ajoutée(s)")).to_be_visible()
    check_accessibility(page)
    page.goto("/evenements/series/")
    check_accessibility(page)
    page.goto(f"/evenements/inscriptions/{registration.pk}/resultat/")
    check_accessibility(page)
    page.goto(f"/evenements/{event.pk}/questionnaires/")
    check_accessibility(page)
