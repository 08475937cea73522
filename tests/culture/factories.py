"""Factories of the ticketing tests: partners, venues, offers, dates, registrations."""

import datetime

import factory
from django.db.models import F
from django.utils import timezone
from factory.django import DjangoModelFactory

from maillage.culture.models import (
    HOLDING,
    Booking,
    CulturalPartner,
    Desk,
    Offer,
    OfferDate,
    Registration,
    SocialPartner,
    Venue,
)
from maillage.organisations.models import StructureKind
from tests.factories import PersonFactory, StructureFactory, UserFactory


class CulturalPartnerFactory(DjangoModelFactory):
    class Meta:
        model = CulturalPartner

    structure = factory.SubFactory(StructureFactory, kind=StructureKind.CULTURE)
    kind = "theatre"
    territory = "Lyon"
    joined_on = datetime.date(2015, 1, 1)


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    partner = factory.SubFactory(CulturalPartnerFactory)
    name = factory.Sequence(lambda n: f"Salle {n}")
    city = "Lyon"
    postcode = "69002"


class SocialPartnerFactory(DjangoModelFactory):
    class Meta:
        model = SocialPartner

    structure = factory.SubFactory(StructureFactory)
    kind = "social"
    territory = "Lyon"
    joined_on = datetime.date(2015, 1, 1)


class OfferFactory(DjangoModelFactory):
    class Meta:
        model = Offer

    venue = factory.SubFactory(VenueFactory)
    partner = factory.SelfAttribute("venue.partner")
    title = factory.Sequence(lambda n: f"Spectacle {n}")
    category = "theatre"
    max_per_booking = 4
    guests_allowed = 2
    booking_closes_hours = 24


def in_days(days: float, hour: int = 20) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class OfferDateFactory(DjangoModelFactory):
    class Meta:
        model = OfferDate

    offer = factory.SubFactory(OfferFactory)
    starts_at = factory.LazyFunction(lambda: in_days(10))
    seats = 10


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    person = factory.SubFactory(PersonFactory)
    social_partner = factory.SubFactory(SocialPartnerFactory)
    referent = factory.SubFactory(UserFactory)
    criterion = "minima"
    checked_on = datetime.date(2024, 1, 1)
    registered_on = datetime.date(2024, 1, 1)


class DeskFactory(DjangoModelFactory):
    class Meta:
        model = Desk

    name = factory.Sequence(lambda n: f"Guichet {n}")
    kind = "desk"
    social_partner = factory.SubFactory(SocialPartnerFactory)


class BookingFactory(DjangoModelFactory):
    """A booking written directly (seats counter updated): for lists and figures."""

    class Meta:
        model = Booking

    offer_date = factory.SubFactory(OfferDateFactory)
    person = factory.SubFactory(PersonFactory)
    social_partner = factory.SubFactory(SocialPartnerFactory)
    booked_by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        booking = super()._create(model_class, *args, **kwargs)
        if booking.status in HOLDING:
            OfferDate.objects.filter(pk=booking.offer_date_id).update(
                booked=F("booked") + booking.seats
            )
        return booking
