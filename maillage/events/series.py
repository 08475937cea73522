"""Recurring series: save the rule, generate its occurrences, cancel one.

Each occurrence is an ordinary ``Event`` that remembers the date the rule gave
it (``occurrence_date``). Generating adds the dates that have no occurrence
yet and never touches the existing ones: an occurrence moved to another day,
edited or cancelled stays as it is, and generating twice creates nothing.
When the rule changes, the occurrences it no longer gives that have no
registration are removed; those with registrations are kept and listed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from maillage.accounts.roles import Capability
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log
from maillage.core.permissions import require_capability
from maillage.events.models import Event, RecurringSeries
from maillage.events.recurrence import series_dates
from maillage.events.services import audited

SERIES_FIELDS = [
    "title",
    "kind",
    "structure",
    "rule",
    "starts_on",
    "ends_on",
    "excluded_dates",
    "closed_months",
    "start_time",
    "end_time",
    "place",
    "capacity",
    "theme",
    "is_public",
]


def save_series(*, acting_user, series: RecurringSeries | None = None, **fields):
    """Create or change a series (the rule must give dates), then generate its occurrences.

    Returns ``(series, created, removed)``: the numbers of occurrences added and removed.
    """
    require_capability(acting_user, Capability.MANAGE_EVENTS)
    creating = series is None
    series = series or RecurringSeries()
    before = {} if creating else audited(series, SERIES_FIELDS)
    for name, value in fields.items():
        setattr(series, name, value)
    series.excluded_dates = sorted({str(d) for d in series.excluded_dates or []})
    series.closed_months = sorted({int(m) for m in series.closed_months or []})
    series.full_clean()
    series_dates(series)  # refuses a rule that gives no date, before anything is written
    with attributed_to(acting_user), transaction.atomic():
        series.save()
        changes = diff(before, audited(series, SERIES_FIELDS))
        if creating or changes:
            log(Action.CREATE if creating else Action.UPDATE, series, changes=changes)
        created, removed = _generate(series)
    return series, created, removed


def _generate(series: RecurringSeries) -> tuple[int, int]:
    dates = series_dates(series)
    existing = set(series.occurrences.values_list("occurrence_date", flat=True))
    new = [
        Event(
            kind=series.kind,
            title=series.title,
            date=day,
            occurrence_date=day,
            start_time=series.start_time,
            end_time=series.end_time,
            structure_id=series.structure_id,
            place=series.place,
            capacity=series.capacity,
            theme=series.theme,
            is_public=series.is_public,
            series=series,
        )
        for day in dates
        if day not in existing
    ]
    for event in new:
        event.external_id = f"{series.code}-{event.occurrence_date:%Y%m%d}"
    Event.objects.bulk_create(new)
    stale = series.occurrences.exclude(occurrence_date__in=dates).filter(
        registrations__isnull=True, survey_responses__isnull=True
    )
    removed = stale.count()
    if removed:
        Event.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
    if new or removed:
        log(
            Action.UPDATE,
            series,
            changes={"occurrences": [len(existing), len(existing) + len(new) - removed]},
        )
    return len(new), removed


def cancel_occurrence(*, event: Event, acting_user, cancelled: bool = True) -> Event:
    """Cancel (or restore) one occurrence: the series and its other dates are untouched."""
    require_capability(acting_user, Capability.MANAGE_EVENTS)
    if event.series_id is None:
        raise ValidationError("Cet événement ne fait pas partie d'une série.")
    with attributed_to(acting_user), transaction.atomic():
        before = event.cancelled
        event.cancelled = cancelled
        event.save(update_fields=["cancelled", "updated_at"])
        if before != cancelled:
            log(Action.UPDATE, event, changes={"cancelled": [before, cancelled]})
    return event
