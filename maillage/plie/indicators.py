"""The PLIE figures of the annual report, as ../shared/spec/indicators.md defines them.

Everything is counted by the database: a fixed number of aggregate queries
whatever the number of participants (240 000 at the scale we test for), never
a Python loop over rows. ``plie_block`` runs 5 queries, ``cumulative_block`` 2.

Choices the specification leaves open, made here once:
- a share or rate whose denominator is 0 is ``0.0`` (never a division error,
  never ``null``, so consumers always get a number);
- ``mean_path_months`` is ``0.0`` when no parcours exits in the year, and is
  computed as (sum of the days) / (number of exits) / 30.4375;
- when a person has several parcours active in Y, the parcours "of reference"
  (age at entry, QPV, entry situations) is the one with the latest entry_date,
  the highest id breaking a tie (impossible for valid data: two parcours of one
  person never overlap, so never start the same day).
"""

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.expressions import Func
from django.db.models.fields import IntegerField

from maillage.people.education import EducationLevel
from maillage.people.models import Sex
from maillage.plie.ages import age_on
from maillage.plie.models import (
    EntrySituation,
    EntrySituationCode,
    ExitReason,
    ExitType,
    Parcours,
    Step,
    StepCategory,
)

#: Age brackets of the report: key, lowest age, highest age (inclusive; None = open).
AGE_BRACKETS = (("<26", None, 25), ("26-45", 26, 45), ("46-50", 46, 50), (">50", 51, None))
#: Education level keys: the people.csv codes, then "unknown" for an empty value.
EDUCATION_KEYS = (*EducationLevel.values, "unknown")
#: Days in an average month (365.25 / 12), to turn a path length into months.
DAYS_PER_MONTH = 30.4375
#: Years of entry listed one by one in active_at_year_end_by_entry_year (Y-5..Y).
YEAR_END_DETAIL_YEARS = 5


class DaysBetween(Func):
    """``end - start`` in whole days, on PostgreSQL (date minus date) and on SQLite."""

    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        end_sql, end_params = compiler.compile(self.source_expressions[0])
        start_sql, start_params = compiler.compile(self.source_expressions[1])
        sql = f"CAST(ROUND(julianday({end_sql}) - julianday({start_sql})) AS INTEGER)"
        return sql, (*end_params, *start_params)


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def share(numerator: int, denominator: int) -> float:
    """A float in [0, 1], unrounded (the display rounds); 0.0 when there is nothing to divide."""
    return numerator / denominator if denominator else 0.0


def reference_parcours(start: date, end: date) -> QuerySet:
    """One parcours per participant of the period: the latest entered among those active in it.

    A parcours is kept when no other active parcours of the same person entered
    later (NOT EXISTS, which PostgreSQL runs as an anti-join and SQLite through
    the (person, entry_date) index): portable, and one row per person without
    DISTINCT ON or window functions.
    """
    active = Parcours.objects.active_in(start, end)
    later = active.filter(person=OuterRef("person")).filter(
        Q(entry_date__gt=OuterRef("entry_date"))
        | Q(entry_date=OuterRef("entry_date"), pk__gt=OuterRef("pk"))
    )
    return active.filter(~Exists(later)).order_by()


def _participant_figures(start: date, end: date) -> dict:
    """Participants, new entrants and the attributes of their reference parcours: one query.

    new_entrants counts reference parcours entered in Y: a person with a
    parcours entered in Y has it active in Y, and no active parcours entered
    later than one entered in Y can have entered before Y, so the reference
    parcours is then entered in Y too (and it decides QPV).
    """
    aggregates = {
        "participants": Count("pk"),
        "new_entrants": Count("pk", filter=Q(entry_date__gte=start)),
        "new_entrants_qpv": Count("pk", filter=Q(entry_date__gte=start, qpv_at_entry=True)),
    }
    for code in Sex.values:
        aggregates[f"sex_{code}"] = Count("pk", filter=Q(person__sex=code))
    for index, (_key, low, high) in enumerate(AGE_BRACKETS):
        bracket = Q()
        if low is not None:
            bracket &= Q(age__gte=low)
        if high is not None:
            bracket &= Q(age__lte=high)
        aggregates[f"age_{index}"] = Count("pk", filter=bracket)
    for index, code in enumerate(EducationLevel.values):
        aggregates[f"education_{index}"] = Count("pk", filter=Q(person__education_level=code))
    aggregates["education_unknown"] = Count("pk", filter=Q(person__education_level=""))
    row = (
        reference_parcours(start, end)
        .annotate(age=age_on("entry_date", "person__birth_date"))
        .aggregate(**aggregates)
    )
    education = {code: row[f"education_{i}"] for i, code in enumerate(EducationLevel.values)}
    education["unknown"] = row["education_unknown"]
    return {
        "participants": row["participants"],
        "new_entrants": row["new_entrants"],
        "new_entrants_qpv": row["new_entrants_qpv"],
        "age_brackets": {key: row[f"age_{i}"] for i, (key, _l, _h) in enumerate(AGE_BRACKETS)},
        "sex": {code: row[f"sex_{code}"] for code in Sex.values},
        "education_levels": education,
    }


def _entry_situations(start: date, end: date) -> dict:
    """Participants by situation at entry of their reference parcours (one grouped query)."""
    counts = dict(
        EntrySituation.objects.filter(parcours__in=reference_parcours(start, end).values("pk"))
        .order_by()
        .values_list("code")
        .annotate(n=Count("pk"))
    )
    return {code: counts.get(code, 0) for code in EntrySituationCode.values}


def _step_figures(start: date, end: date) -> dict:
    """Steps of the period, contracts, contract holders and steps by category (one query)."""
    contract = Q(category=StepCategory.EMPLOYMENT_CONTRACT)
    aggregates = {
        "steps": Count("pk"),
        "contracts": Count("pk", filter=contract),
        "contract_holders": Count("parcours__person", distinct=True, filter=contract),
    }
    for index, code in enumerate(StepCategory.values):
        aggregates[f"category_{index}"] = Count("pk", filter=Q(category=code))
    row = Step.objects.of_period(start, end).order_by().aggregate(**aggregates)
    row["steps_by_category"] = {
        code: row.pop(f"category_{i}") for i, code in enumerate(StepCategory.values)
    }
    return row


def _exit_figures(start: date, end: date) -> dict:
    """Exits of the year by type and by positive reason, and the mean path length (one query)."""
    aggregates = {
        "count": Count("pk"),
        "days": Sum(DaysBetween(F("exit_date"), F("entry_date"))),
    }
    for index, code in enumerate(ExitType.values):
        aggregates[f"type_{index}"] = Count("pk", filter=Q(exit_type=code))
    for index, code in enumerate(ExitReason.values):
        aggregates[f"reason_{index}"] = Count(
            "pk", filter=Q(exit_type=ExitType.POSITIVE, exit_reason=code)
        )
    row = Parcours.objects.filter(exit_date__range=(start, end)).order_by().aggregate(**aggregates)
    exits = {code: row[f"type_{i}"] for i, code in enumerate(ExitType.values)}
    return {
        "exits": exits,
        "positive_exit_rate": share(exits[ExitType.POSITIVE], sum(exits.values())),
        "positive_exits_by_reason": {
            code: row[f"reason_{i}"] for i, code in enumerate(ExitReason.values)
        },
        "mean_path_months": (
            int(row["days"]) / row["count"] / DAYS_PER_MONTH if row["count"] else 0.0
        ),
    }


def _active_at_year_end(year: int) -> dict:
    """Parcours still open on Y-12-31, by year of entry (Y-5..Y, older ones together)."""
    _start, end = year_bounds(year)
    first_detailed = year - YEAR_END_DETAIL_YEARS
    aggregates = {"before": Count("pk", filter=Q(entry_date__lt=date(first_detailed, 1, 1)))}
    for entry_year in range(first_detailed, year + 1):
        aggregates[f"y{entry_year}"] = Count("pk", filter=Q(entry_date__year=entry_year))
    row = (
        Parcours.objects.filter(Q(entry_date__lte=end))
        .filter(Q(exit_date__isnull=True) | Q(exit_date__gt=end))
        .order_by()
        .aggregate(**aggregates)
    )
    result = {f"before_{first_detailed}": row["before"]}
    for entry_year in range(first_detailed, year + 1):
        result[str(entry_year)] = row[f"y{entry_year}"]
    return result


def plie_block(year: int) -> dict:
    """The ``plie`` block of the annual report for ``year`` (indicators.md, 5 queries)."""
    start, end = year_bounds(year)
    people = _participant_figures(start, end)
    steps = _step_figures(start, end)
    exits = _exit_figures(start, end)
    participants = people["participants"]
    return {
        "participants": participants,
        "new_entrants": people["new_entrants"],
        "new_entrants_qpv": people["new_entrants_qpv"],
        "new_entrants_qpv_share": share(people["new_entrants_qpv"], people["new_entrants"]),
        "steps": steps["steps"],
        "steps_per_participant": share(steps["steps"], participants),
        "contracts": steps["contracts"],
        "contract_holders": steps["contract_holders"],
        "employment_step_share": share(steps["contract_holders"], participants),
        "exits": exits["exits"],
        "positive_exit_rate": exits["positive_exit_rate"],
        "positive_exits_by_reason": exits["positive_exits_by_reason"],
        "mean_path_months": exits["mean_path_months"],
        "age_brackets": people["age_brackets"],
        "sex": people["sex"],
        "entry_situations": _entry_situations(start, end),
        "education_levels": people["education_levels"],
        "steps_by_category": steps["steps_by_category"],
        "active_at_year_end_by_entry_year": _active_at_year_end(year),
    }


def cumulative_block(since: int, year: int) -> dict:
    """The ``cumulative`` block over the years since..year (indicators.md, 2 queries).

    Unlike the yearly block, new entrants count parcours (not persons) and
    steps count each step once over the whole period.
    """
    start, end = date(since, 1, 1), date(year, 12, 31)
    exited = Q(exit_date__range=(start, end))
    aggregates = {
        "participants": Count("person", distinct=True),
        "new_entrants": Count("pk", filter=Q(entry_date__gte=start)),
        "new_entrants_qpv": Count("pk", filter=Q(entry_date__gte=start, qpv_at_entry=True)),
    }
    for index, code in enumerate(ExitType.values):
        aggregates[f"type_{index}"] = Count("pk", filter=exited & Q(exit_type=code))
    row = Parcours.objects.active_in(start, end).order_by().aggregate(**aggregates)
    contract = Q(category=StepCategory.EMPLOYMENT_CONTRACT)
    steps = (
        Step.objects.of_period(start, end)
        .order_by()
        .aggregate(
            steps=Count("pk"),
            contracts=Count("pk", filter=contract),
            holders=Count("parcours__person", distinct=True, filter=contract),
        )
    )
    exits = {code: row[f"type_{i}"] for i, code in enumerate(ExitType.values)}
    participants = row["participants"]
    return {
        "participants": participants,
        "new_entrants": row["new_entrants"],
        "new_entrants_qpv_share": share(row["new_entrants_qpv"], row["new_entrants"]),
        "steps": steps["steps"],
        "steps_per_participant": share(steps["steps"], participants),
        "contracts": steps["contracts"],
        "employment_step_share": share(steps["holders"], participants),
        "exits": exits,
        "positive_exit_rate": share(exits[ExitType.POSITIVE], sum(exits.values())),
    }
