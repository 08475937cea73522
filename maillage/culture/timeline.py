"""Bookings and outings in the "Parcours et activités" section of a person's file.

Registered from ``CultureConfig.ready()``; one query whatever the number of bookings.
"""

from django.utils import timezone
from django.utils.formats import date_format

from maillage.culture.models import Booking, Registration
from maillage.people.timeline import TimelineItem

SERVICE = "Culture pour tous"


def booking_items(person, user) -> list[TimelineItem]:
    items = []
    for booking in (
        Booking.objects.visible_to(user)
        .filter(person=person)
        .select_related("offer_date__offer__venue", "social_partner__structure")
    ):
        starts = timezone.localtime(booking.offer_date.starts_at)
        offer = booking.offer_date.offer
        label = (
            f"Sortie « {offer.title} » ({offer.venue.name}, {date_format(starts, 'd/m/Y')}) — "
            f"{booking.get_status_display().lower()}, {booking.seats} place(s), "
            f"par {booking.social_partner}"
        )
        items.append(TimelineItem(starts.date(), label, SERVICE))
    return items


def registration_items(person, user) -> list[TimelineItem]:
    return [
        TimelineItem(
            r.registered_on,
            f"Inscrit·e comme actionneur auprès de {r.social_partner} "
            f"({r.get_criterion_display().lower()})",
            SERVICE,
        )
        for r in Registration.objects.visible_to(user)
        .filter(person=person)
        .select_related("social_partner__structure")
    ]
