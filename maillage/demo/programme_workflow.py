"""Demo programme, second part: the 2017 operations' funding plans, details and circuit.

The report gives the frame, not the files: 94 operations by 51 structures,
5 axes, FSE advances of 50 % at the convention, a first vote in June-July 2017
and the whole programme voted in September 2017 (boards on 31/03, 26/06,
17/10, 20/12; steering committees on 31/03 and 16/10). The demo follows it:
every 2017 operation was submitted in late 2016 after the call launched on
28/11/2016, got the PLIE's opinion, was voted on 26/06 or 17/10/2017, signed
and paid its advance; most were checked and paid their balance in 2018 and
closed in 2019, a few are still waiting. The current year's operations are
conventioned, so référents can prescribe them in the demo.

Written in bulk (a few queries), only for operations without a circuit yet:
running the demo twice adds nothing. Each operation's FSE and budget stay
those of ``demo.programme``; the plan splits the rest among the other funders.
"""

import random
from datetime import date
from decimal import Decimal

from django.db.models import Count

from maillage.demo.base import DemoContext
from maillage.demo.programme import CODE_PREFIX
from maillage.plie.models import Step
from maillage.programme import workflow
from maillage.programme.models import (
    Axis,
    CallForProjects,
    Funder,
    FundingLine,
    Operation,
    OperationTransition,
    Status,
    VoteBody,
)

YEAR = 2017
PRIORITIES = (
    "Autonomie des bénéficiaires (Cyber-base, sites d'orientation, Mission Insertion Culture)",
    "Découverte des métiers (Rencontres Métiers)",
    "Égalité entre les femmes et les hommes, mobilité des publics",
    "Rapprochement entre demandeurs d'emploi et entreprises",
    "Accompagnement des seniors, métiers de l'environnement",
)
PUBLIC = {
    Axis.RECEPTION: "Habitants de Lyon en recherche d'emploi, orientés ou spontanés",
    Axis.REFERENT: "Participants du PLIE suivis par la structure",
    Axis.ACTIVITY: "Participants du PLIE prêts à une mise en situation de travail",
    Axis.BARRIERS: "Participants du PLIE freinés par la langue, la mobilité, la santé…",
    Axis.EMPLOYERS: "Participants du PLIE proches de l'emploi",
}
PRESCRIBE = (
    "Fiche de prescription du référent PLIE envoyée à la structure ; "
    "entretien préalable avec le participant."
)
#: Closing state of the 2017 operations: (count, last status reached).
ENDINGS = ((80, Status.CLOSED), (10, Status.BALANCE_PAID), (4, Status.ADVANCE_PAID))
OTHER_FUNDERS = (Funder.METROPOLE, Funder.CITY, Funder.STATE, Funder.OWN_FUNDS, Funder.OTHER)


def _plan(rng: random.Random, budget: Decimal, fse: Decimal) -> dict[str, Decimal]:
    """FSE as drawn, the rest of the budget split among two to four other funders."""
    rest = budget - fse
    funders = rng.sample(OTHER_FUNDERS, rng.randint(2, 4))
    weights = [rng.uniform(1, 4) for _ in funders]
    plan = {Funder.FSE: fse} if fse else {}
    left = rest
    for funder, weight in zip(funders[:-1], weights[:-1], strict=True):
        share = (rest * Decimal(weight / sum(weights)) / 100).quantize(Decimal(1)) * 100
        plan[funder] = share
        left -= share
    plan[funders[-1]] = left
    return {f: a for f, a in plan.items() if a > 0}


def _circuit(rng: random.Random, fse: Decimal, last: str, admin) -> list[OperationTransition]:
    early = rng.random() < 0.4  # first vote in June, the rest in October
    dates = {
        Status.SUBMITTED: date(2016, 12, rng.randint(5, 20)),
        Status.OPINION: date(2017, 2, rng.randint(1, 28)),
        Status.VOTED: date(2017, 6, 26) if early else date(2017, 10, 17),
        Status.CONVENTION: date(2017, 7, rng.randint(10, 28))
        if early
        else date(2017, 11, rng.randint(6, 24)),
        Status.ADVANCE_PAID: date(2017, 8, rng.randint(1, 31))
        if early
        else date(2017, 12, rng.randint(1, 20)),
        Status.BALANCE_PAID: date(2018, rng.randint(6, 11), rng.randint(1, 28)),
        Status.CLOSED: date(2019, rng.randint(1, 6), rng.randint(1, 28)),
    }
    advance = workflow.advance_amount(fse)
    checked = (fse * Decimal(rng.uniform(0.85, 1.0))).quantize(workflow.CENT)
    transitions = []
    for status in workflow.ORDER[: workflow.ORDER.index(last) + 1]:
        transitions.append(
            OperationTransition(
                status=status,
                on=dates[status],
                note="Dossier cohérent avec les priorités de l'appel à projets ; "
                "public et objectifs bien identifiés."
                if status == Status.OPINION
                else "",
                vote_body=VoteBody.BOARD if status == Status.VOTED else "",
                amount_eur=advance
                if status == Status.ADVANCE_PAID
                else (checked - advance if status == Status.BALANCE_PAID else None),
                checked_eur=checked if status == Status.BALANCE_PAID else None,
                recorded_by=admin,
            )
        )
    return transitions


def create_programme_workflow(rng: random.Random, context: DemoContext) -> None:
    CallForProjects.objects.get_or_create(
        year=YEAR,
        defaults={
            "title": "Appel à projets Programmation Emploi Insertion 2017",
            "launched_on": date(2016, 11, 28),
            "deadline": date(2017, 1, 15),
            "priorities": "\n".join(PRIORITIES),
        },
    )
    admin = context.users.get("admin")
    todo = list(
        Operation.objects.filter(code__startswith=f"{CODE_PREFIX}{YEAR}-", transitions__isnull=True)
        .select_related("structure")
        .order_by("code")
    )
    if todo:
        participants = dict(
            Step.objects.filter(operation__in=todo)
            .order_by()
            .values_list("operation_id")
            .annotate(n=Count("parcours__person", distinct=True))
        )
        endings = [status for count, status in ENDINGS for _ in range(count)]
        rng.shuffle(endings)
        lines, transitions = [], []
        for index, operation in enumerate(todo):
            budget, fse = operation.budget_eur or Decimal(0), operation.fse_eur or Decimal(0)
            for funder, amount in _plan(rng, budget, fse).items():
                lines.append(FundingLine(operation=operation, funder=funder, amount_eur=amount))
            last = endings[index % len(endings)]
            for transition in _circuit(rng, fse, last, admin):
                transition.operation = operation
                transitions.append(transition)
            operation.status = last
            done = participants.get(operation.pk, 0)
            operation.planned_participants = max(
                10, round(done * rng.uniform(0.9, 1.25)) if done else rng.randint(60, 180)
            )
            operation.target_public = PUBLIC[operation.axis]
            operation.place = f"{operation.structure.name}, Lyon"
            operation.how_to_prescribe = PRESCRIBE
            operation.description = (
                f"{operation.title} : action de l'axe « {Axis(operation.axis).label} » "
                f"portée par {operation.structure.name}."
            )
            operation.start_date, operation.end_date = date(YEAR, 1, 1), date(YEAR, 12, 31)
        FundingLine.objects.bulk_create(lines, batch_size=500)
        OperationTransition.objects.bulk_create(transitions, batch_size=500)
        Operation.objects.bulk_update(
            todo,
            [
                "status",
                "planned_participants",
                "target_public",
                "place",
                "how_to_prescribe",
                "description",
                "start_date",
                "end_date",
            ],
            batch_size=200,
        )
        context.count("opérations 2017 avec plan de financement et circuit", len(todo))
    _open_current_year(context, admin)


def _open_current_year(context: DemoContext, admin) -> None:
    """This year's operations, conventioned in January: référents may prescribe them."""
    year = context.today.year
    if year == YEAR:
        return
    todo = list(
        Operation.objects.filter(
            code__startswith=f"{CODE_PREFIX}{year}-", transitions__isnull=True
        ).order_by("code")
    )
    if not todo:
        return
    steps = {
        Status.SUBMITTED: date(year - 1, 12, 10),
        Status.OPINION: date(year - 1, 12, 20),
        Status.VOTED: date(year - 1, 12, 20),
        Status.CONVENTION: date(year, 1, 2),
    }
    OperationTransition.objects.bulk_create(
        [
            OperationTransition(
                operation=operation,
                status=status,
                on=on,
                note="Avis favorable." if status == Status.OPINION else "",
                vote_body=VoteBody.BOARD if status == Status.VOTED else "",
                recorded_by=admin,
            )
            for operation in todo
            for status, on in steps.items()
        ],
        batch_size=500,
    )
    for operation in todo:
        operation.status = Status.CONVENTION
        operation.target_public = PUBLIC[operation.axis]
        operation.how_to_prescribe = PRESCRIBE
    Operation.objects.bulk_update(
        todo, ["status", "target_public", "how_to_prescribe"], batch_size=200
    )
    context.count(f"opérations {year} conventionnées", len(todo))
