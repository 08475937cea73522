"""Writing the programme: funding plans, workflow transitions, prescriptions.

Each function takes a keyword-only ``acting_user``, checks the capability,
applies the rules (``workflow.py``), writes in ``transaction.atomic()`` with the
operation's row locked, and records the audit entry in the same transaction.
A refused change raises ``ValidationError`` with French messages and changes
nothing.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, log
from maillage.core.permissions import require_capability
from maillage.plie import services as plie_services
from maillage.plie.models import Parcours, Step, StepCategory
from maillage.programme import workflow
from maillage.programme.models import (
    Axis,
    Funder,
    FundingLine,
    Operation,
    OperationTransition,
    Status,
)

#: The step category a prescription gets unless the référent chooses another.
CATEGORY_BY_AXIS = {
    Axis.RECEPTION: StepCategory.SPECIFIC_SERVICE,
    Axis.REFERENT: StepCategory.SUPPORT,
    Axis.ACTIVITY: StepCategory.TRAINING,
    Axis.BARRIERS: StepCategory.COMPLEMENTARY_ACTION,
    Axis.EMPLOYERS: StepCategory.SUPPORT,
}
#: From this status on, an operation takes participants (it has a signed convention).
PRESCRIBABLE = frozenset(workflow.ORDER[workflow.ORDER.index(Status.CONVENTION) :])
#: From this status on, the funding plan is the convention's: it no longer changes (nor once
#: the vote refused the operation).
PLAN_FROZEN = PRESCRIBABLE | {Status.REFUSED}


def _money(value) -> str:
    return str(Decimal(value).quantize(workflow.CENT))


def clean_amounts(amounts: dict[str, Decimal | None]) -> dict[str, Decimal]:
    """The plan's lines ``{funder: amount}`` without the empty ones; ``ValidationError`` keyed by
    funder on an unknown funder or a negative amount."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Decimal] = {}
    for funder, amount in amounts.items():
        if funder not in Funder.values:
            errors.setdefault(funder, []).append(f"Financeur inconnu : {funder}.")
        elif amount is None or amount == 0:
            continue
        elif amount < 0:
            errors.setdefault(funder, []).append("Un montant ne peut pas être négatif.")
        else:
            clean[funder] = Decimal(amount).quantize(workflow.CENT)
    if errors:
        raise ValidationError(errors)
    return clean


def write_funding_plan(current: Operation, clean: dict[str, Decimal]) -> dict:
    """Replace the plan of ``current`` (locked by the caller, inside its transaction) and set
    ``budget_eur`` / ``fse_eur`` to its totals; the changes, for the caller's audit entry."""
    if current.status in PLAN_FROZEN:
        raise ValidationError(
            "Le plan de financement est celui de la convention signée : il ne change plus."
        )
    before_lines = {line.funder: _money(line.amount_eur) for line in current.funding_lines.all()}
    after_lines = {funder: _money(amount) for funder, amount in sorted(clean.items())}
    budget = sum(clean.values(), Decimal(0)).quantize(workflow.CENT)
    fse = clean.get(Funder.FSE, Decimal(0)).quantize(workflow.CENT)
    changes = {}
    if before_lines != after_lines:
        changes["funding_plan"] = [before_lines, after_lines]
    for field, value in (("budget_eur", budget), ("fse_eur", fse)):
        old = getattr(current, field)
        if old is None or old != value:
            changes[field] = [None if old is None else _money(old), _money(value)]
    if not changes:
        return {}
    current.funding_lines.all().delete()
    FundingLine.objects.bulk_create(
        [FundingLine(operation=current, funder=f, amount_eur=a) for f, a in clean.items()]
    )
    current.budget_eur, current.fse_eur = budget, fse
    current.save(update_fields=["budget_eur", "fse_eur"])
    return changes


def set_funding_plan(*, operation: Operation, amounts: dict[str, Decimal], acting_user) -> dict:
    """Replace the funding plan; ``budget_eur`` becomes its total, ``fse_eur`` its FSE line.

    Returns the changes ``{field: [before, after]}`` (empty when nothing changed).
    """
    require_capability(acting_user, Capability.MANAGE_PROGRAMME)
    clean = clean_amounts(amounts)
    with attributed_to(acting_user), transaction.atomic():
        current = Operation.objects.select_for_update().get(pk=operation.pk)
        changes = write_funding_plan(current, clean)
        if changes:
            log(Action.UPDATE, current, changes=changes)
    operation.refresh_from_db()
    return changes


def record_transition(
    *,
    operation: Operation,
    status: str,
    on: date,
    note: str = "",
    vote_body: str = "",
    checked_eur: Decimal | None = None,
    acting_user,
) -> OperationTransition:
    """Move the operation to the next step of its circuit (or refuse it at the vote), dated
    ``on``; a refusal's ``note`` is its reason.

    The advance is ``workflow.advance_rate()`` of the FSE grant; the balance is
    the FSE retained at the service-done check minus the advance (negative: an
    overpayment the structure pays back).
    """
    require_capability(acting_user, Capability.MANAGE_PROGRAMME)
    with attributed_to(acting_user), transaction.atomic():
        current = Operation.objects.select_for_update().get(pk=operation.pk)
        history = {t.status: t for t in current.transitions.all()}
        last_on = max((t.on for t in history.values()), default=None)
        errors = workflow.check_transition(
            current=current.status,
            target=status,
            on=on,
            last_on=last_on,
            today=timezone.localdate(),
            note=note,
            vote_body=vote_body,
            checked_eur=checked_eur,
            fse_eur=current.fse_eur,
        )
        if errors:
            raise ValidationError(errors)
        amount = None
        if status == Status.ADVANCE_PAID:
            amount = workflow.advance_amount(current.fse_eur)
        elif status == Status.BALANCE_PAID:
            advance = history.get(Status.ADVANCE_PAID)
            paid = advance.amount_eur if advance and advance.amount_eur is not None else 0
            amount = (checked_eur - paid).quantize(workflow.CENT)
        transition = OperationTransition(
            operation=current,
            status=status,
            on=on,
            note=note.strip(),
            vote_body=vote_body if status in (Status.VOTED, Status.REFUSED) else "",
            checked_eur=checked_eur if status == Status.BALANCE_PAID else None,
            amount_eur=amount,
            recorded_by=acting_user,
        )
        transition.full_clean(exclude=["operation", "recorded_by", "amount_eur"])
        transition.save()
        before = current.status
        current.status = status
        current.save(update_fields=["status"])
        changes = {"status": [before, status], "on": [None, on.isoformat()]}
        for field in ("note", "vote_body", "checked_eur", "amount_eur"):
            value = getattr(transition, field)
            if value not in ("", None):
                changes[field] = [None, str(value)]
        log(Action.UPDATE, current, changes=changes)
    operation.refresh_from_db()
    return transition


def prescribe(
    *,
    operation: Operation,
    parcours: Parcours,
    start_date: date,
    end_date: date | None = None,
    category: str = "",
    contract_type: str = "",
    label: str = "",
    acting_user,
) -> Step:
    """A référent sends a participant to an operation: a step of the parcours on it.

    The operation must be conventioned and the step must start within the
    operation's dates (its year when it has none); ``plie.services.add_step``
    applies the parcours' rules, checks the scope and writes the audit entry.
    """
    require_capability(acting_user, Capability.VIEW_PROGRAMME)
    errors: dict[str, list[str]] = {}
    if operation.status not in PRESCRIBABLE:
        errors["operation"] = [
            f"L'opération est « {operation.get_status_display()} » : on ne prescrit que des "
            "opérations dont la convention est signée."
        ]
    first = operation.start_date or date(operation.year, 1, 1)
    last = operation.end_date or date(operation.year, 12, 31)
    if not first <= start_date <= last:
        errors["start_date"] = [
            f"L'opération se déroule du {first:%d/%m/%Y} au {last:%d/%m/%Y} : "
            "le début de l'étape doit s'y trouver."
        ]
    if errors:
        raise ValidationError(errors)
    return plie_services.add_step(
        parcours=parcours,
        category=category or CATEGORY_BY_AXIS[operation.axis],
        start_date=start_date,
        end_date=end_date,
        label=label or operation.title[:250],
        operation=operation,
        contract_type=contract_type,
        acting_user=acting_user,
    )
