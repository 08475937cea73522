"""Which parcours the follow-up commission looks at: the blocked and the successful ones.

The seed: "une commission de suivi des parcours se réunit tous les 3 mois afin
d'échanger sur des parcours bloqués ou sur des parcours réussis". The
definitions, for a commission held on day ``on``:

- a parcours is *open on* ``on`` when it entered on or before that day and has
  not exited by then (no exit, or an exit after ``on``);
- it is *blocked* when it is open, entered at least N months before ``on`` (a
  parcours that has just started has had no time to stall), and has no step
  started or running in the last N months, that is no step overlapping
  [``on`` − N months, ``on``]. N is ``MAILLAGE_PLIE_BLOCKED_MONTHS`` (3);
- it is *successful* when it is open and a durable contract started after the
  territory's previous follow-up commission (or, without one, in the last
  ``FOLLOWUP_PERIOD_MONTHS``) and by ``on``. A durable contract is an
  employment-contract step in CDI, or in CDD whose end is at least 6 calendar
  months after its start (or not known yet).

"N months before" is calendar months, clamped to the end of the month (31
August + 6 months = 28 or 29 February), like ``add_months``. Everything is a
queryset filter (``Exists`` subqueries): the page lists them without loading
the territory's parcours.
"""

import calendar
from datetime import date

from django.conf import settings
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, Mod
from django.db.models.lookups import Exact, GreaterThan, GreaterThanOrEqual

from maillage.plie.commission_models import Commission, CommissionKind, CommissionStatus
from maillage.plie.models import ContractType, Parcours, Step, StepCategory, overlap_q

#: The rhythm of the follow-up commissions ("tous les 3 mois").
FOLLOWUP_PERIOD_MONTHS = 3
#: A CDD of at least this many months is a durable contract (as the positive exit "CDD ≥ 6 mois").
DURABLE_CDD_MONTHS = 6


def blocked_months() -> int:
    return int(getattr(settings, "MAILLAGE_PLIE_BLOCKED_MONTHS", 3))


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the last day of the month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_durable_cdd(start: date, end: date | None) -> bool:
    """Python form of the rule (tests, pages): no end yet, or ≥ 6 months after the start."""
    return end is None or end >= add_months(start, DURABLE_CDD_MONTHS)


def _month_index(field: str):
    return ExtractYear(F(field)) * Value(12) + ExtractMonth(F(field))


def _days_in_month(field: str):
    """Number of days in the month of ``field`` (leap years included), as SQL."""
    year = ExtractYear(F(field))
    leap = (
        Q(Exact(Mod(year, Value(4)), Value(0))) & ~Q(Exact(Mod(year, Value(100)), Value(0)))
    ) | Q(Exact(Mod(year, Value(400)), Value(0)))
    february = Q(**{f"{field}__month": 2})
    return Case(
        When(february & leap, then=Value(29)),
        When(february, then=Value(28)),
        When(Q(**{f"{field}__month__in": (4, 6, 9, 11)}), then=Value(30)),
        default=Value(31),
        output_field=IntegerField(),
    )


def durable_contract_q(prefix: str = "") -> Q:
    """Steps (``prefix`` to reach them) that are a durable contract: CDI, or CDD ≥ 6 months."""
    start, end = f"{prefix}start_date", f"{prefix}end_date"
    months_apart = _month_index(end) - _month_index(start)
    end_day = ExtractDay(F(end))
    long_enough = Q(GreaterThan(months_apart, Value(DURABLE_CDD_MONTHS))) | (
        Q(Exact(months_apart, Value(DURABLE_CDD_MONTHS)))
        & (
            Q(GreaterThanOrEqual(end_day, ExtractDay(F(start))))
            | Q(GreaterThanOrEqual(end_day, _days_in_month(end)))
        )
    )
    return Q(**{f"{prefix}category": StepCategory.EMPLOYMENT_CONTRACT}) & (
        Q(**{f"{prefix}contract_type": ContractType.CDI})
        | (
            Q(**{f"{prefix}contract_type": ContractType.CDD})
            & (Q(**{f"{end}__isnull": True}) | long_enough)
        )
    )


def open_on(on: date) -> Q:
    """Parcours entered by ``on`` and not exited by then."""
    return Q(entry_date__lte=on) & (Q(exit_date__isnull=True) | Q(exit_date__gt=on))


def blocked(parcours: QuerySet, *, on: date, months: int | None = None) -> QuerySet:
    """Open parcours, entered N months ago or more, without any step in the last N months."""
    months = blocked_months() if months is None else months
    since = add_months(on, -months)
    recent_steps = Step.objects.filter(parcours=OuterRef("pk")).filter(
        overlap_q(since, on, start_field="start_date", end_field="end_date")
    )
    return parcours.filter(open_on(on), entry_date__lte=since).filter(~Exists(recent_steps))


def successful(parcours: QuerySet, *, on: date, since: date | None) -> QuerySet:
    """Open parcours where a durable contract started in (``since``, ``on``]."""
    since = add_months(on, -FOLLOWUP_PERIOD_MONTHS) if since is None else since
    durable = Step.objects.filter(
        durable_contract_q(), parcours=OuterRef("pk"), start_date__gt=since, start_date__lte=on
    )
    return parcours.filter(open_on(on)).filter(Exists(durable))


def previous_followup_date(territory: str, before: date) -> date | None:
    """Date of the territory's last follow-up commission held before ``before``."""
    return (
        Commission.objects.filter(
            kind=CommissionKind.FOLLOW_UP,
            status=CommissionStatus.HELD,
            territory=territory,
            date__lt=before,
        )
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )


def proposals(territory: str, on: date, *, months: int | None = None) -> dict[str, QuerySet]:
    """What a follow-up commission of ``territory`` on ``on`` is proposed: by review reason."""
    of_territory = Parcours.objects.filter(structure__territory=territory)
    since = previous_followup_date(territory, on)
    return {
        "blocked": blocked(of_territory, on=on, months=months),
        "successful": successful(of_territory, on=on, since=since),
    }
