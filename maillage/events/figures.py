"""Figures of events: the ``events`` block of the annual report, no-show rates, partners.

The ``events`` block is normative (../shared/spec/indicators.md): keyed by
event kind; for each kind, over the events of that kind dated in Y,
``{events, companies, attendees, interviews, hires}`` = number of events,
number of (event, company) rows, attendee rows with attended, sum of the
interviews of those who attended, attendee rows with hired. The seven kinds of
the bundle format are always present (zeros when none); the other kinds
(matinale, salon, programme) appear when they have events in Y. A cancelled
occurrence did not take place and is not counted.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from maillage.events.models import (
    BUNDLE_KINDS,
    Event,
    EventCompany,
    Registration,
    RegistrationStatus,
)

KEYS = ("events", "companies", "attendees", "interviews", "hires")


def held_events(year: int):
    return Event.objects.filter(date__year=year, cancelled=False)


def _per_kind(queryset, kind_path: str, **aggregates) -> dict[str, dict]:
    return {
        row.pop(kind_path): row
        for row in queryset.values(kind_path).annotate(**aggregates).order_by()
    }


def events_block(year: int) -> dict:
    """The annual report's ``events`` block (three queries whatever the number of events)."""
    events = held_events(year)
    counts = _per_kind(events, "kind", events=Count("pk"))
    companies = _per_kind(
        EventCompany.objects.filter(event__in=events), "event__kind", companies=Count("pk")
    )
    people = _per_kind(
        Registration.objects.filter(event__in=events),
        "event__kind",
        attendees=Count("pk", filter=Q(attended=True)),
        interviews=Coalesce(Sum("interviews", filter=Q(attended=True)), Value(0)),
        hires=Count("pk", filter=Q(hired=True)),
    )
    kinds = [str(kind) for kind in BUNDLE_KINDS]
    kinds += sorted(set(counts) - set(kinds))
    block = {}
    for kind in kinds:
        row = {**counts.get(kind, {}), **companies.get(kind, {}), **people.get(kind, {})}
        block[kind] = {key: int(row.get(key) or 0) for key in KEYS}
    return block


def event_companies(year: int):
    """Partner-company source: the companies present at events held in ``year``."""
    return EventCompany.objects.filter(event__date__year=year, event__cancelled=False).values(
        "company_id"
    )


def with_counts(events):
    """Annotate events with their listed, waiting and present registrations, and companies."""
    companies = (
        EventCompany.objects.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return events.annotate(
        listed=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        ),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
        present=Count("registrations", filter=Q(registrations__attended=True)),
        company_count=Coalesce(Subquery(companies, output_field=IntegerField()), Value(0)),
    )


def no_show_rate(listed: int, present: int) -> float | None:
    """Share of the people listed who did not come (None before anyone is listed)."""
    if not listed:
        return None
    return max(listed - present, 0) / listed


def attendance(event: Event) -> dict:
    counts = event.registrations.aggregate(
        listed=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        present=Count("pk", filter=Q(attended=True)),
        interviews=Coalesce(Sum("interviews", filter=Q(attended=True)), Value(0)),
        hires=Count("pk", filter=Q(hired=True)),
    )
    counts["no_show_rate"] = no_show_rate(counts["listed"], counts["present"])
    return counts
