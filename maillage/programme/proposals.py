"""Calls for projects and the operations structures propose in answer to them.

The team (``manage_programme``) writes the year's call. The staff of a
structure that may carry operations (référente, opérateur, SIAE, culture,
autre) propose an operation for an open call on behalf of one of *their*
structures (``propose_operations``; the team: any structure, even after the
deadline). The operation starts "Déposée", with that first step of its
circuit dated and audited, its funding plan written by the same code as the
team's (``services.write_funding_plan``) so ``budget_eur`` / ``fse_eur`` stay
its totals. The structure may correct it while it is still "Déposée"; after
that only the team moves it along its circuit.

Each function takes a keyword-only ``acting_user``, writes in one transaction
with its audit entry, and raises ``ValidationError`` (French, keyed by field
or by funder) without writing anything when a value is refused.
"""

import re
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts.roles import STAFF_ROLES, Capability
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.core.permissions import require_capability
from maillage.organisations.models import Structure, StructureKind
from maillage.programme.models import (
    Axis,
    CallForProjects,
    Operation,
    OperationTransition,
    Status,
)
from maillage.programme.services import _money, clean_amounts, write_funding_plan

#: Kinds of structures that carry operations of the programme.
PROPOSING_KINDS = frozenset(
    {
        StructureKind.REFERENT,
        StructureKind.OPERATOR,
        StructureKind.SIAE,
        StructureKind.CULTURE,
        StructureKind.OTHER,
    }
)
#: What a proposal describes (the columns of ``Operation`` the structure writes).
DETAIL_FIELDS = (
    "title",
    "axis",
    "description",
    "target_public",
    "place",
    "how_to_prescribe",
    "planned_participants",
    "start_date",
    "end_date",
)
CALL_FIELDS = ("year", "title", "launched_on", "deadline", "priorities")


# --- Calls for projects -------------------------------------------------------------------


def call_is_open(call: CallForProjects, today: date) -> bool:
    """Launched (or with no launch date) and its deadline not passed (or none)."""
    return (call.launched_on is None or call.launched_on <= today) and (
        call.deadline is None or today <= call.deadline
    )


def check_call(values: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    launched, deadline = values.get("launched_on"), values.get("deadline")
    if launched and deadline and deadline < launched:
        errors["deadline"] = ["La date limite de dépôt ne peut pas précéder le lancement."]
    if not (values.get("title") or "").strip():
        errors["title"] = ["L'intitulé de l'appel à projets est obligatoire."]
    return errors


def save_call(*, call: CallForProjects | None, values: dict, acting_user) -> CallForProjects:
    """Create (``call`` None) or update the year's call for projects, audited."""
    require_capability(acting_user, Capability.MANAGE_PROGRAMME)
    if errors := check_call(values):
        raise ValidationError(errors)
    with attributed_to(acting_user), transaction.atomic():
        if call is None:
            current, before = CallForProjects(), {}
        else:
            current = CallForProjects.objects.select_for_update().get(pk=call.pk)
            before = snapshot(current, CALL_FIELDS)
        for field in CALL_FIELDS:
            if field in values:
                setattr(current, field, values[field])
        current.title = current.title.strip()
        current.full_clean()
        current.save()
        changes = diff(before, snapshot(current, CALL_FIELDS))
        if changes:
            log(Action.CREATE if call is None else Action.UPDATE, current, changes=changes)
    return current


# --- Who proposes for which structure -----------------------------------------------------


def proposable_structures(user):
    """The structures ``user`` may propose (and correct) operations for."""
    if user is None or not user.has_capability(Capability.PROPOSE_OPERATIONS):
        return Structure.objects.none()
    active = Structure.objects.filter(is_active=True).order_by("name")
    if user.has_capability(Capability.MANAGE_PROGRAMME):
        return active
    return active.filter(pk__in=user.structure_ids(roles=STAFF_ROLES), kind__in=PROPOSING_KINDS)


def may_edit(operation: Operation, user) -> bool:
    """While "Déposée", by the staff of its structure (or the team)."""
    return (
        operation.status == Status.SUBMITTED
        and proposable_structures(user).filter(pk=operation.structure_id).exists()
    )


# --- Proposals ----------------------------------------------------------------------------


def check_proposal(details: dict, amounts: dict) -> dict[str, list[str]]:
    """``{field or funder or "funding_plan": [messages]}``; empty when the proposal holds."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not (details.get("title") or "").strip():
        add("title", "L'intitulé de l'opération est obligatoire.")
    if details.get("axis") not in Axis.values:
        add("axis", "Choisissez l'axe de l'opération parmi les cinq de l'appel à projets.")
    planned = details.get("planned_participants")
    if planned is None or planned <= 0:
        add("planned_participants", "Le nombre de participants prévus doit être supérieur à zéro.")
    start, end = details.get("start_date"), details.get("end_date")
    if start is None:
        add("start_date", "Indiquez la date de début de l'opération.")
    if end is None:
        add("end_date", "Indiquez la date de fin de l'opération.")
    if start and end and end < start:
        add("end_date", "La fin de l'opération ne peut pas précéder son début.")
    try:
        clean = clean_amounts(amounts)
    except ValidationError as exc:
        for funder, messages in exc.message_dict.items():
            errors.setdefault(funder, []).extend(messages)
    else:
        if not clean:
            add(
                "funding_plan",
                "Le plan de financement doit comporter au moins une ligne : un financeur et "
                "un montant supérieur à zéro.",
            )
    return errors


def _clean_details(details: dict) -> dict:
    values = {field: details.get(field) for field in DETAIL_FIELDS}
    for field in ("title", "description", "target_public", "place", "how_to_prescribe"):
        values[field] = (values[field] or "").strip()
    return values


def _next_code(year: int, structure: Structure) -> str:
    """``<year>-<structure code>-<n>``, n one more than the structure's highest of the year."""
    prefix = f"{year}-{structure.code}-"
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    taken = Operation.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(m.group(1)) for code in taken if (m := pattern.match(code))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def propose_operation(
    *,
    call: CallForProjects,
    structure: Structure,
    details: dict,
    amounts: dict,
    code: str = "",
    acting_user,
) -> Operation:
    """A structure answers ``call``: a new operation "Déposée" today, with its funding plan."""
    require_capability(acting_user, Capability.PROPOSE_OPERATIONS)
    if not proposable_structures(acting_user).filter(pk=structure.pk).exists():
        raise PermissionDenied
    today = timezone.localdate()
    if not call_is_open(call, today) and not acting_user.has_capability(
        Capability.MANAGE_PROGRAMME
    ):
        raise ValidationError(
            f"L'appel à projets {call.year} n'est pas ouvert aux dépôts"
            + (f" (date limite : {call.deadline:%d/%m/%Y})." if call.deadline else ".")
        )
    errors = check_proposal(details, amounts)
    code = code.strip()
    if code and Operation.objects.filter(code=code).exists():
        errors.setdefault("code", []).append("Ce code est déjà celui d'une autre opération.")
    if errors:
        raise ValidationError(errors)
    values = _clean_details(details)
    with attributed_to(acting_user), transaction.atomic():
        # One proposal at a time per structure: the generated code stays unique.
        Structure.objects.select_for_update().filter(pk=structure.pk).first()
        operation = Operation.objects.create(
            code=code or _next_code(call.year, structure),
            structure=structure,
            year=call.year,
            status=Status.SUBMITTED,
            **values,
        )
        write_funding_plan(operation, clean_amounts(amounts))
        OperationTransition.objects.create(
            operation=operation,
            status=Status.SUBMITTED,
            on=today,
            note=f"Déposée en réponse à l'appel à projets {call.year}.",
            recorded_by=acting_user,
        )
        fields = ("code", "structure", "year", *DETAIL_FIELDS, "budget_eur", "fse_eur")
        values_now = snapshot(operation, fields)
        changes = {k: [None, v] for k, v in values_now.items() if v not in ("", None)}
        changes["funding_plan"] = [
            {},
            {line.funder: _money(line.amount_eur) for line in operation.funding_lines.all()},
        ]
        changes["status"] = [None, Status.SUBMITTED]
        changes["on"] = [None, today.isoformat()]
        log(Action.CREATE, operation, changes=changes)
    return operation


def update_proposal(*, operation: Operation, details: dict, amounts: dict, acting_user) -> dict:
    """Correct a proposal still "Déposée"; the changes ``{field: [before, after]}``, audited."""
    require_capability(acting_user, Capability.PROPOSE_OPERATIONS)
    if not proposable_structures(acting_user).filter(pk=operation.structure_id).exists():
        raise PermissionDenied
    if errors := check_proposal(details, amounts):
        raise ValidationError(errors)
    values = _clean_details(details)
    with attributed_to(acting_user), transaction.atomic():
        current = Operation.objects.select_for_update().get(pk=operation.pk)
        if current.status != Status.SUBMITTED:
            raise ValidationError(
                f"L'opération est « {current.get_status_display()} » : seule l'équipe du PLIE "
                "la fait avancer, la structure ne la modifie plus."
            )
        before = snapshot(current, DETAIL_FIELDS)
        for field, value in values.items():
            setattr(current, field, value)
        current.save(update_fields=list(DETAIL_FIELDS))
        changes = diff(before, snapshot(current, DETAIL_FIELDS))
        changes.update(write_funding_plan(current, clean_amounts(amounts)))
        if changes:
            log(Action.UPDATE, current, changes=changes)
    operation.refresh_from_db()
    return changes
