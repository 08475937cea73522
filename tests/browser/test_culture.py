"""Culture pour tous in a real browser, on a phone-sized screen (390×844): a référent finds
an outing in the agenda (htmx filters), books it for an actionneur and a guest, sees the
booking; the venue opens its check-in list; an employee opens the Choreia offers. Axe on
each page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maillage.accounts.roles import Role
from maillage.culture.models import Booking
from tests.browser.conftest import check_accessibility, login
from tests.culture.factories import (
    OfferDateFactory,
    RegistrationFactory,
    SocialPartnerFactory,
    VenueFactory,
)
from tests.factories import FollowupFactory, PersonFactory, StructureFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        bypass_csp=True,
        locale="fr-FR",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def world():
    alis = StructureFactory(code="ALIS", name="ALIS")
    social = SocialPartnerFactory(structure=alis)
    referent = user_with_role(Role.REFERENT, alis, username="referent")
    person = PersonFactory(last_name="Dupré", first_names="Hélène", sex="F")
    FollowupFactory(person=person, structure=alis)
    RegistrationFactory(person=person, social_partner=social, referent=referent)
    venue = VenueFactory(name="Grande salle", partner__structure__name="Théâtre des Célestins")
    user_with_role(Role.CULTURAL_PARTNER, venue.partner.structure, username="theatre")
    when = timezone.localtime() + datetime.timedelta(days=12)
    offer_date = OfferDateFactory(
        offer__venue=venue, offer__title="Le Misanthrope", starts_at=when, seats=6
    )
    OfferDateFactory(offer__title="Concert du dimanche", offer__category="music")
    OfferDateFactory(offer__title="Match de basket", offer__channel="choreia", offer__rate="10.00")
    user_with_role(Role.COMPANY_EMPLOYEE, StructureFactory(code="E-LPA"), username="salarie")
    return offer_date


def test_book_an_outing_on_a_phone(phone, world):
    page = phone
    login(page, "referent")
    page.goto("/culture/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("agenda des sorties")
    expect(page.get_by_role("link", name="Concert du dimanche", exact=True)).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Catégorie").select_option("theatre")
    expect(page.get_by_role("link", name="Concert du dimanche", exact=True)).to_have_count(0)
    page.get_by_role("link", name="Réserver Le Misanthrope").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Réserver : Le Misanthrope")
    check_accessibility(page)
    page.get_by_label("Actionneur").select_option(label="DUPRÉ Hélène — ALIS")
    page.get_by_label("Invités").fill("1")
    page.get_by_role("button", name="Réserver").click()
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"Réservation CPT-\d{6} enregistrée")
    )
    expect(page.get_by_role("cell", name="DUPRÉ Hélène")).to_be_visible()
    check_accessibility(page)
    assert Booking.objects.get().seats == 2

    page.context.clear_cookies()
    login(page, "theatre")
    page.goto("/culture/partenaire/")
    check_accessibility(page)
    page.get_by_role("link", name="Liste de pointage").first.click()
    expect(page.get_by_role("cell", name="Hélène D.")).to_be_visible()
    check_accessibility(page)

    page.context.clear_cookies()
    login(page, "salarie")
    page.goto("/culture/choreia/")
    expect(page.get_by_role("link", name="Match de basket", exact=True)).to_be_visible()
    check_accessibility(page)


def test_coordinator_pages_are_accessible(page, world):
    cpt = StructureFactory(code="CPT", name="Culture pour tous")
    SocialPartnerFactory(structure=cpt)
    user_with_role(Role.CULTURE, cpt, username="culture")
    login(page, "culture")
    for url, heading in (
        ("/culture/statistiques/", "Culture pour tous — chiffres"),
        ("/culture/guichets/", "Guichets et permanences"),
        ("/culture/cooperateurs/", "Coopérateurs de Culture pour tous"),
        ("/culture/actionneurs/", "Actionneurs inscrits"),
        ("/culture/actionneurs/inscrire/", "Inscrire un actionneur"),
        (f"/culture/offres/{world.offer.pk}/", "Le Misanthrope"),
        (f"/culture/partenaire/offres/{world.offer.pk}/modifier/", "Modifier"),
        (f"/culture/partenaire/offres/{world.offer.pk}/dates/", "Dates"),
    ):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        check_accessibility(page)
