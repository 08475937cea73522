"""The ``culture`` block of the annual report and the statistics page (docs/culture.md).

Figures as Culture pour tous publishes them: invitations offered and booked, outings
realised and no-shows, people reached (actionneurs and their guests), active cultural and
social partners by kind and territory, desks activity, the evolution on the previous
year; Choreia apart. A fixed number of SQL aggregates whatever the volume.

Definitions: a date belongs to the year of its ``starts_at``; *invitations offered* are
the seats of the solidarity dates of the year; *booked* the seats of the bookings still
holding them (booked, realised or no-show); an *outing realised* is a seat of a booking
confirmed after the date (actionneur, guests and accompagnants); *people reached* are the
distinct actionneurs of realised outings plus their guests.
"""

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from maillage.culture.models import (
    HOLDING,
    Booking,
    BookingStatus,
    Channel,
    CompanyBooking,
    CulturalPartner,
    Desk,
    DeskSession,
    OfferDate,
    Registration,
    SocialPartner,
)

SEATS = F("guests") + F("accompanists") + 1


def _year_figures(year: int) -> dict:
    """Invitations and outings of one year (3 queries)."""
    offered = OfferDate.objects.filter(
        starts_at__year=year, offer__channel=Channel.SOLIDARITY
    ).aggregate(seats=Coalesce(Sum("seats"), 0), dates=Count("pk"))
    bookings = Booking.objects.filter(offer_date__starts_at__year=year)
    attended = Q(status=BookingStatus.ATTENDED)
    b = bookings.aggregate(
        bookings=Count("pk", filter=Q(status__in=HOLDING)),
        booked=Coalesce(Sum(SEATS, filter=Q(status__in=HOLDING)), 0),
        cancelled=Count("pk", filter=Q(status=BookingStatus.CANCELLED)),
        outings=Coalesce(Sum(SEATS, filter=attended), 0),
        attended_bookings=Count("pk", filter=attended),
        no_shows=Count("pk", filter=Q(status=BookingStatus.NO_SHOW)),
        no_show_seats=Coalesce(Sum(SEATS, filter=Q(status=BookingStatus.NO_SHOW)), 0),
        pending=Count("pk", filter=Q(status=BookingStatus.BOOKED)),
        actionneurs=Count("person", filter=attended, distinct=True),
        guests=Coalesce(Sum("guests", filter=attended), 0),
        accompanists=Coalesce(Sum("accompanists", filter=attended), 0),
        from_waiting_list=Count("pk", filter=Q(from_waiting_list=True, status__in=HOLDING)),
        desk_bookings=Count("pk", filter=Q(desk__isnull=False, status__in=HOLDING)),
    )
    return {
        "invitations_offered": offered["seats"],
        "dates": offered["dates"],
        "bookings": b["bookings"],
        "invitations_booked": b["booked"],
        "cancelled_bookings": b["cancelled"],
        "outings_realised": b["outings"],
        "bookings_realised": b["attended_bookings"],
        "no_shows": b["no_shows"],
        "no_show_seats": b["no_show_seats"],
        "awaiting_confirmation": b["pending"],
        "from_waiting_list": b["from_waiting_list"],
        "desk_bookings": b["desk_bookings"],
        "people_reached": {
            "actionneurs": b["actionneurs"],
            "guests": b["guests"],
            "total": b["actionneurs"] + b["guests"],
        },
        "accompanists": b["accompanists"],
    }


def _partners(queryset, active: Q) -> dict:
    """Active partners of a kind, by kind and by territory (one query)."""
    rows = list(
        queryset.filter(active).values("kind", "territory").annotate(n=Count("pk", distinct=True))
    )
    by_kind: dict[str, int] = {}
    by_territory: dict[str, int] = {}
    for row in rows:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
        territory = row["territory"] or "non renseigné"
        by_territory[territory] = by_territory.get(territory, 0) + row["n"]
    return {
        "total": sum(by_kind.values()),
        "by_kind": dict(sorted(by_kind.items())),
        "by_territory": dict(sorted(by_territory.items())),
    }


def _desks(year: int) -> list[dict]:
    """People received and bookings made per desk (two queries)."""
    received = {
        row["desk"]: row
        for row in DeskSession.objects.filter(date__year=year)
        .values("desk")
        .annotate(people=Sum("people_received"), hours=Sum("hours"), sessions=Count("pk"))
    }
    rows = Desk.objects.annotate(
        bookings_count=Count(
            "bookings",
            filter=Q(bookings__offer_date__starts_at__year=year, bookings__status__in=HOLDING),
        )
    ).order_by("name")
    result = []
    for desk in rows:
        got = received.get(desk.pk, {})
        if not got and not desk.bookings_count:
            continue
        result.append(
            {
                "name": desk.name,
                "kind": desk.kind,
                "sessions": got.get("sessions", 0),
                "people_received": got.get("people", 0) or 0,
                "hours": float(got.get("hours") or 0),
                "bookings": desk.bookings_count,
            }
        )
    return result


def _choreia(year: int) -> dict:
    dates = OfferDate.objects.filter(starts_at__year=year, offer__channel=Channel.CHOREIA)
    offered = dates.aggregate(
        offers=Count("offer", distinct=True), dates=Count("pk"), seats=Coalesce(Sum("seats"), 0)
    )
    booked = CompanyBooking.objects.filter(
        offer_date__starts_at__year=year, cancelled_at__isnull=True
    ).aggregate(
        bookings=Count("pk"),
        seats=Coalesce(Sum("seats"), 0),
        employees=Count("employee", distinct=True),
        companies=Count("company", distinct=True),
    )
    return {
        "offers": offered["offers"],
        "dates": offered["dates"],
        "seats_offered": offered["seats"],
        "bookings": booked["bookings"],
        "seats_booked": booked["seats"],
        "employees": booked["employees"],
        "companies": booked["companies"],
    }


def _evolution(current: dict, previous: dict) -> dict:
    keys = ("invitations_offered", "invitations_booked", "outings_realised", "no_shows")
    result = {}
    for key in keys:
        before, now = previous[key], current[key]
        rate = round(100 * (now - before) / before, 1) if before else None
        result[key] = {"previous": before, "current": now, "change_percent": rate}
    before = previous["people_reached"]["total"]
    now = current["people_reached"]["total"]
    result["people_reached"] = {
        "previous": before,
        "current": now,
        "change_percent": round(100 * (now - before) / before, 1) if before else None,
    }
    return result


def culture_block(year: int) -> dict:
    """The ``culture`` block of ``maillage annual_report`` (keys in docs/culture.md)."""
    current = _year_figures(year)
    previous = _year_figures(year - 1)
    registered = Registration.objects.filter(registered_on__year__lte=year).aggregate(
        people=Count("person", distinct=True),
        new=Count("pk", filter=Q(registered_on__year=year)),
    )
    return {
        "year": year,
        **current,
        "actionneurs_registered": registered["people"],
        "registrations_of_year": registered["new"],
        "cultural_partners": _partners(
            CulturalPartner.objects,
            Q(offers__dates__starts_at__year=year, offers__channel=Channel.SOLIDARITY),
        ),
        "social_partners": _partners(
            SocialPartner.objects, Q(bookings__offer_date__starts_at__year=year)
        ),
        "desks": _desks(year),
        "evolution": _evolution(current, previous),
        "choreia": _choreia(year),
    }
