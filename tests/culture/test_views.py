"""Ticketing pages: capabilities (403), scopes (404), constant queries, the main flows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.culture.models import Booking, CompanyBooking, Offer, OfferDate
from tests.culture.factories import (
    BookingFactory,
    DeskFactory,
    OfferDateFactory,
    OfferFactory,
    RegistrationFactory,
    SocialPartnerFactory,
    VenueFactory,
)
from tests.factories import StructureFactory, followed_person, user_with_role
from tests.people.html import page_text

pytestmark = pytest.mark.django_db


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    if status == 200:
        page_text(response)
    return response


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        _get(client, url)
    return len(ctx)


def _grow(world, n):
    for i in range(n):
        date = OfferDateFactory(
            offer__venue=world.venue, starts_at=timezone.now() + datetime.timedelta(days=3 + i)
        )
        person = followed_person(world.social.structure)
        RegistrationFactory(person=person, social_partner=world.social)
        BookingFactory(offer_date=date, person=person, social_partner=world.social)
        DeskFactory(social_partner=world.social)


def test_pages_keep_constant_query_counts(client, world):
    urls = [
        reverse("culture:home"),
        reverse("culture:bookings"),
        reverse("culture:actionneurs"),
        reverse("culture:desks"),
    ]
    _grow(world, 2)
    client.force_login(world.referent)
    small = [_count(client, url) for url in urls]
    _grow(world, 10)
    client.force_login(world.referent)
    assert [_count(client, url) for url in urls] == small

    BookingFactory(offer_date=world.offer_date, person=world.person, social_partner=world.social)
    client.force_login(world.theatre_user)
    partner_small = [_count(client, reverse("culture:partner_home"))]
    checkin = reverse("culture:checkin", args=[world.offer_date.pk])
    partner_small.append(_count(client, checkin))
    OfferDate.objects.filter(pk=world.offer_date.pk).update(seats=100)
    for _ in range(10):
        person = followed_person(world.social.structure)
        BookingFactory(offer_date=world.offer_date, person=person, social_partner=world.social)
    _grow(world, 3)
    assert [_count(client, reverse("culture:partner_home")), _count(client, checkin)] == (
        partner_small
    )

    client.force_login(world.culture_user)
    stats = reverse("culture:statistics")
    before = _count(client, stats)
    _grow(world, 5)
    assert _count(client, stats) == before


def test_capabilities(client, world):
    funder = user_with_role(Role.FUNDER, StructureFactory(code="F"))
    employee = user_with_role(Role.COMPANY_EMPLOYEE, StructureFactory(code="E"))
    client.force_login(world.theatre_user)
    _get(client, reverse("culture:home"), 403)
    _get(client, reverse("culture:bookings"), 403)
    _get(client, reverse("culture:company_offers"), 403)
    client.force_login(employee)
    _get(client, reverse("culture:home"), 403)
    _get(client, reverse("culture:partner_home"), 403)
    _get(client, reverse("culture:company_offers"))
    client.force_login(world.referent)
    _get(client, reverse("culture:partner_home"), 403)
    _get(client, reverse("culture:partners"), 403)
    _get(client, reverse("culture:statistics"))  # référents see the anonymous figures
    client.force_login(funder)
    _get(client, reverse("culture:statistics"))
    _get(client, reverse("culture:bookings"), 403)


def test_partner_sees_only_its_offers_and_the_door_data(client, world):
    booking = BookingFactory(
        offer_date=world.offer_date, person=world.person, social_partner=world.social, guests=1
    )
    other_date = OfferDateFactory()
    client.force_login(world.theatre_user)
    _get(client, reverse("culture:checkin", args=[other_date.pk]), 404)
    _get(client, reverse("culture:offer_edit", args=[other_date.offer.pk]), 404)
    html = page_text(client.get(reverse("culture:checkin", args=[world.offer_date.pk])))
    assert "Hélène D." in html and booking.reference in html
    assert "Dupré" not in html and "DUPRÉ" not in html
    assert world.person.birth_date.strftime("%d/%m/%Y") not in html
    _get(client, reverse("people:detail", args=[world.person.pk]), 403)
    assert AuditEntry.objects.filter(
        action="view", person_id=world.person.pk, object_type="culture.booking"
    ).exists()


def test_partner_enters_an_offer_and_its_dates(client, world):
    client.force_login(world.theatre_user)
    partner = world.venue.partner
    response = client.post(
        reverse("culture:offer_create", args=[partner.pk]),
        {
            "title": "Le Misanthrope",
            "category": "theatre",
            "venue": world.venue.pk,
            "channel": "solidarity",
            "max_per_booking": 3,
            "guests_allowed": 2,
            "booking_closes_hours": 24,
            "wheelchair_access": "on",
            "is_published": "on",
        },
    )
    offer = Offer.objects.get(title="Le Misanthrope")
    assert response.status_code == 302 and offer.partner == partner
    when = (timezone.localtime() + datetime.timedelta(days=20)).strftime("%Y-%m-%dT20:00")
    response = client.post(
        reverse("culture:date_add", args=[offer.pk]), {"starts_at": when, "seats": 12}
    )
    assert response.status_code == 302 and offer.dates.get().seats == 12
    other = VenueFactory()
    client.post(reverse("culture:offer_create", args=[other.partner.pk]), {"title": "Intrus"})
    assert not Offer.objects.filter(title="Intrus").exists()


def test_referent_books_then_cancels(client, world):
    client.force_login(world.referent)
    url = reverse("culture:book", args=[world.offer_date.pk])
    html = page_text(client.get(url))
    assert "DUPRÉ Hélène Marie" in html
    response = client.post(
        url, {"registration": world.registration.pk, "guests": 3, "accompanists": 0}
    )
    assert "au plus 2" in response.content.decode()
    response = client.post(
        url, {"registration": world.registration.pk, "guests": 1, "accompanists": 0}
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.seats == 2
    client.post(reverse("culture:cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_referent_of_a_non_partner_structure_gets_a_clear_message(client, world):
    other = StructureFactory(code="NP", name="Non partenaire")
    referent = user_with_role(Role.REFERENT, other)
    followed_person(other)
    client.force_login(referent)
    response = client.post(
        reverse("culture:register"),
        {
            "last_name": "Martin",
            "first_names": "Léa",
            "sex": "F",
            "birth_date": "1990-03-04",
            "criterion": "minima",
            "checked_on": timezone.localdate().isoformat(),
        },
    )
    assert "coopérateur social de Culture pour tous" in response.content.decode()


def test_agenda_filters_and_htmx(client, world):
    OfferDateFactory(
        offer=OfferFactory(title="Concert au parc", category="music", venue__city="Villeurbanne")
    )
    full = OfferDateFactory(offer__title="Complet", seats=1)
    OfferDate.objects.filter(pk=full.pk).update(booked=1)
    client.force_login(world.referent)
    html = page_text(client.get(reverse("culture:home")))
    assert "Concert au parc" in html and "Complet" not in html
    assert "Complet" in page_text(client.get(reverse("culture:home"), {"complets": "on"}))
    response = client.get(
        reverse("culture:home"), {"categorie": "music", "lieu": "villeur"}, HTTP_HX_REQUEST="true"
    )
    html = page_text(response)
    assert "Concert au parc" in html and world.offer_date.offer.title not in html
    assert "<html" not in html


def test_company_employee_books_choreia_seats(client, world):
    company = StructureFactory(code="E-LPA", name="Lyon Parc Auto")
    employee = user_with_role(Role.COMPANY_EMPLOYEE, company)
    choreia = OfferDateFactory(offer__channel="choreia", offer__rate="12.00", seats=4)
    client.force_login(employee)
    html = page_text(client.get(reverse("culture:company_offers")))
    assert choreia.offer.title in html and world.offer_date.offer.title not in html
    client.post(reverse("culture:company_book", args=[choreia.pk]), {"seats": 2})
    assert CompanyBooking.objects.get().seats == 2
    client.post(reverse("culture:company_book", args=[world.offer_date.pk]), {"seats": 1})
    assert CompanyBooking.objects.count() == 1


def test_register_an_existing_file_found_by_search(client, world):
    person = followed_person(world.social.structure, last_name="Zidane", first_names="Inès")
    client.force_login(world.referent)
    html = page_text(client.get(reverse("culture:register"), {"q": "zidane"}))
    assert f"?personne={person.pk}" in html
    url = f"{reverse('culture:register')}?personne={person.pk}"
    response = client.post(
        url, {"criterion": "minima", "checked_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    assert person.culture_registrations.get().social_partner == world.social
    stranger = followed_person(StructureFactory(code="Z"))
    _get(client, f"{reverse('culture:register')}?personne={stranger.pk}", 404)


def test_venue_marks_presence_after_the_start(client, world):
    past = OfferDateFactory(
        offer__venue=world.venue, starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    booking = BookingFactory(offer_date=past, person=world.person, social_partner=world.social)
    client.force_login(world.theatre_user)
    html = page_text(client.get(reverse("culture:checkin", args=[past.pk])))
    assert "Présent" in html
    client.post(reverse("culture:checkin_mark", args=[booking.pk]), {"venu": "non"})
    booking.refresh_from_db()
    assert booking.status == "no_show" and booking.outcome_source == "venue"


def test_desk_reception_is_recorded(client, world):
    desk = DeskFactory(social_partner=world.social, name="Bibliothèque de la Duchère")
    client.force_login(world.culture_user)
    response = client.post(
        reverse("culture:desks"),
        {
            "desk": desk.pk,
            "date": timezone.localdate().isoformat(),
            "people_received": 7,
            "hours": "3",
        },
    )
    assert response.status_code == 302
    assert desk.sessions.get().people_received == 7


def test_partners_and_choreia_pages_keep_constant_query_counts(client, world):
    employee = user_with_role(Role.COMPANY_EMPLOYEE, StructureFactory(code="E-X"))

    def grow(n):
        for _ in range(n):
            OfferDateFactory(offer__channel="choreia", offer__rate="5.00")
            SocialPartnerFactory()

    grow(2)
    client.force_login(world.culture_user)
    partners = _count(client, reverse("culture:partners"))
    client.force_login(employee)
    choreia = _count(client, reverse("culture:company_offers"))
    grow(10)
    client.force_login(world.culture_user)
    assert _count(client, reverse("culture:partners")) == partners
    client.force_login(employee)
    assert _count(client, reverse("culture:company_offers")) == choreia
