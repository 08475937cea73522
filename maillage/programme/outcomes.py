"""What an operation's page shows of its participants, in a fixed number of queries.

Names are those the user may see (``Step.objects.visible_to``); the others are
only counted. The outcomes (their other steps, their contracts, their exits)
are anonymous aggregates over every participant of the operation: the
figures of the operation, as its funders ask for them.
"""

from dataclasses import dataclass

from django.db.models import Count

from maillage.plie.models import ContractType, ExitType, Parcours, Step, StepCategory
from maillage.programme.models import Operation


@dataclass(frozen=True)
class Line:
    label: str
    count: int


@dataclass(frozen=True)
class Outcomes:
    participants: int
    planned: int | None
    fill_rate: float | None  # percent of the plan, None without a plan
    other_steps: list[Line]
    contracts: list[Line]
    exits: list[Line]
    still_in_parcours: int


def visible_steps(operation: Operation, user):
    """The steps on the operation of the people the user may see, with their person."""
    return (
        Step.objects.visible_to(user)
        .filter(operation=operation)
        .select_related("parcours__person")
        .order_by("-start_date", "-id")
    )


def outcomes(operation: Operation) -> Outcomes:
    """Participants, fill rate and what became of them (5 queries)."""
    on_operation = Step.objects.filter(operation=operation)
    participants = on_operation.aggregate(n=Count("parcours__person", distinct=True))["n"]
    parcours_ids = on_operation.values("parcours_id")
    others = Step.objects.filter(parcours_id__in=parcours_ids).exclude(operation=operation)
    by_category = dict(
        others.order_by()
        .values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    by_contract = dict(
        others.filter(category=StepCategory.EMPLOYMENT_CONTRACT)
        .order_by()
        .values_list("contract_type")
        .annotate(n=Count("id"))
        .values_list("contract_type", "n")
    )
    parcours = Parcours.objects.filter(id__in=parcours_ids).order_by()
    by_exit = dict(
        parcours.values_list("exit_type").annotate(n=Count("id")).values_list("exit_type", "n")
    )
    planned = operation.planned_participants
    return Outcomes(
        participants=participants,
        planned=planned,
        fill_rate=round(100 * participants / planned, 1) if planned else None,
        other_steps=[
            Line(label, by_category[code])
            for code, label in StepCategory.choices
            if code in by_category
        ],
        contracts=[
            Line(label, by_contract[code])
            for code, label in ContractType.choices
            if code in by_contract
        ],
        exits=[Line(label, by_exit[code]) for code, label in ExitType.choices if code in by_exit],
        still_in_parcours=by_exit.get("", 0),
    )
