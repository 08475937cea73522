"""The programme's figures: the ``programme`` block of the annual report and the statistics page.

Everything is counted by the database, in a fixed number of queries whatever
the number of operations (9 for ``programme_block``). Amounts are strings with
two decimals (JSON has no decimal type; a float would lose cents).

By funder: the funding plans' lines; an operation without a plan (imported
with totals only) counts its ``fse_eur`` as FSE and the rest of its budget as
``non_ventile``, so the funders always add up to the total budget.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from maillage.plie.models import Step
from maillage.programme.models import (
    Axis,
    Funder,
    FundingLine,
    Operation,
    OperationTransition,
    Status,
)

ZERO = Decimal("0.00")
UNALLOCATED = "non_ventile"


def money(value) -> str:
    return str((value or ZERO).quantize(ZERO))


def _zero_sum(field: str):
    return Coalesce(Sum(field), ZERO)


def participants_by_operation(year: int) -> dict[int, int]:
    """``{operation id: distinct participants}`` of the year's operations (one query)."""
    rows = (
        Step.objects.filter(operation__year=year)
        .order_by()
        .values("operation_id")
        .annotate(n=Count("parcours__person", distinct=True))
    )
    return {row["operation_id"]: row["n"] for row in rows}


def programme_block(year: int) -> dict:
    """The report's "La Programmation" figures for ``year`` (e.g. 2017: 94 operations, 51
    structures)."""
    operations = Operation.objects.filter(year=year)
    totals = operations.aggregate(
        operations=Count("id"),
        structures=Count("structure", distinct=True),
        budget=_zero_sum("budget_eur"),
        fse=_zero_sum("fse_eur"),
        planned=Coalesce(Sum("planned_participants"), 0),
    )
    by_axis_rows = {
        row["axis"]: row
        for row in operations.order_by()
        .values("axis")
        .annotate(
            operations=Count("id"),
            structures=Count("structure", distinct=True),
            budget=_zero_sum("budget_eur"),
            fse=_zero_sum("fse_eur"),
            planned=Coalesce(Sum("planned_participants"), 0),
        )
    }
    participants_axis = {
        row["operation__axis"]: row["n"]
        for row in Step.objects.filter(operation__year=year)
        .order_by()
        .values("operation__axis")
        .annotate(n=Count("parcours__person", distinct=True))
    }
    by_funder = {funder: ZERO for funder in Funder.values}
    for row in (
        FundingLine.objects.filter(operation__year=year)
        .order_by()
        .values("funder")
        .annotate(total=Sum("amount_eur"))
    ):
        by_funder[row["funder"]] = row["total"]
    no_plan = operations.filter(funding_lines__isnull=True).aggregate(
        budget=_zero_sum("budget_eur"), fse=_zero_sum("fse_eur")
    )
    by_funder[Funder.FSE] += no_plan["fse"]
    unallocated = max(no_plan["budget"] - no_plan["fse"], ZERO)
    by_status = {
        row["status"]: row["n"]
        for row in operations.order_by().values("status").annotate(n=Count("id"))
    }
    paid = OperationTransition.objects.filter(operation__year=year).aggregate(
        advances=Coalesce(Sum("amount_eur", filter=Q(status=Status.ADVANCE_PAID)), ZERO),
        balances=Coalesce(Sum("amount_eur", filter=Q(status=Status.BALANCE_PAID)), ZERO),
    )
    per_operation = participants_by_operation(year)
    participants = Step.objects.filter(operation__year=year).aggregate(
        n=Count("parcours__person", distinct=True)
    )["n"]
    counted = totals["operations"]
    return {
        "operations": counted,
        "structures": totals["structures"],
        "budget_eur": money(totals["budget"]),
        "fse_eur": money(totals["fse"]),
        "planned_participants": totals["planned"],
        "participants": participants,
        "participations": sum(per_operation.values()),
        "mean_participants_per_operation": round(sum(per_operation.values()) / counted, 1)
        if counted
        else 0.0,
        "by_axis": {
            axis: {
                "operations": by_axis_rows.get(axis, {}).get("operations", 0),
                "structures": by_axis_rows.get(axis, {}).get("structures", 0),
                "budget_eur": money(by_axis_rows.get(axis, {}).get("budget")),
                "fse_eur": money(by_axis_rows.get(axis, {}).get("fse")),
                "planned_participants": by_axis_rows.get(axis, {}).get("planned", 0),
                "participants": participants_axis.get(axis, 0),
            }
            for axis in Axis.values
        },
        "by_funder": {
            **{k: money(v) for k, v in by_funder.items()},
            UNALLOCATED: money(unallocated),
        },
        "by_status": {status: by_status.get(status, 0) for status in Status.values},
        "advances_paid_eur": money(paid["advances"]),
        "balances_paid_eur": money(paid["balances"]),
    }
