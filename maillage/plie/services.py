"""Opening a parcours, adding steps, recording the exit.

Views, commands and the demo call these; each takes a keyword-only
``acting_user``, checks what the user may do, applies ``rules.py``, writes in
``transaction.atomic()`` and records the audit entry in the same transaction.
The person's row is locked while a parcours is opened, so two concurrent
openings cannot both pass the no-overlap rule.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import require_visible
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.core.permissions import require_capability
from maillage.people.models import Followup, Person
from maillage.plie import rules
from maillage.plie.models import EntrySituation, Parcours, Step

EXIT_FIELDS = ("exit_date", "exit_type", "exit_reason", "exit_comment")


class ConfirmationRequired(ValidationError):
    """The change is valid but surprising: the user must confirm (``confirm=True``)."""

    def __init__(self, warnings: list[str]):
        super().__init__(warnings, code="confirmation_required")
        self.warnings = warnings


def _full_clean(instance, exclude: Iterable[str] = ()) -> None:
    """Model validation (choices, validators, constraints) in French, before writing."""
    instance.full_clean(exclude=list(exclude), validate_unique=True)


def open_parcours(
    *,
    person: Person,
    structure,
    entry_date: date,
    qpv_at_entry: bool,
    entry_situations: Iterable[str] = (),
    referent=None,
    external_id: str | None = None,
    acting_user,
) -> Parcours:
    """Open a parcours and make sure the referent structure follows the person (PLIE)."""
    require_capability(acting_user, Capability.EDIT_PEOPLE)
    require_visible(Person.objects, acting_user, person.pk)
    situations = sorted(set(entry_situations))
    with attributed_to(acting_user), transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        others = Parcours.objects.filter(person=person).values_list("entry_date", "exit_date")
        rules.raise_errors(rules.check_no_overlap(entry_date, None, others))
        parcours = Parcours(
            person=person,
            structure=structure,
            referent=referent,
            entry_date=entry_date,
            qpv_at_entry=qpv_at_entry,
        )
        if external_id:
            parcours.external_id = external_id
        _full_clean(parcours)
        for code in situations:
            EntrySituation(parcours=parcours, code=code).clean_fields(exclude=["parcours"])
        parcours.save()
        EntrySituation.objects.bulk_create(
            [EntrySituation(parcours=parcours, code=code) for code in situations]
        )
        changes = {k: [None, v] for k, v in snapshot(parcours, Parcours.AUDITED_FIELDS).items()}
        changes["entry_situations"] = [None, situations]
        log(Action.CREATE, parcours, person_id=person.pk, changes=changes)
        _ensure_followup(person, structure, entry_date)
    return parcours


def _ensure_followup(person: Person, structure, started_on: date) -> None:
    """A PLIE follow-up by the referent structure, so its staff see the person."""
    exists = Followup.objects.filter(
        person=person, structure=structure, service=Followup.Service.PLIE, ended_on__isnull=True
    ).exists()
    if exists:
        return
    followup = Followup.objects.create(
        person=person, structure=structure, service=Followup.Service.PLIE, started_on=started_on
    )
    log(
        Action.CREATE,
        followup,
        person_id=person.pk,
        changes={
            "structure": [None, structure.pk],
            "service": [None, Followup.Service.PLIE],
            "started_on": [None, started_on.isoformat()],
        },
    )


def add_step(
    *,
    parcours: Parcours,
    category: str,
    start_date: date,
    end_date: date | None = None,
    label: str = "",
    operation=None,
    contract_type: str = "",
    company=None,
    weekly_hours=None,
    external_id: str | None = None,
    acting_user,
) -> Step:
    """Add a step to a parcours: it starts within the parcours, a contract says which one."""
    require_capability(acting_user, Capability.EDIT_PEOPLE)
    require_visible(Parcours.objects, acting_user, parcours.pk)
    with attributed_to(acting_user), transaction.atomic():
        current = Parcours.objects.select_for_update().get(pk=parcours.pk)
        rules.raise_errors(
            rules.merge(
                rules.check_step_dates(start_date, end_date, current.entry_date, current.exit_date),
                rules.check_contract_type(category, contract_type),
            )
        )
        step = Step(
            parcours=current,
            category=category,
            start_date=start_date,
            end_date=end_date,
            label=label,
            operation=operation,
            contract_type=contract_type,
            company=company,
            weekly_hours=weekly_hours,
        )
        if external_id:
            step.external_id = external_id
        _full_clean(step)
        step.save()
        after = snapshot(step, Step.AUDITED_FIELDS)
        log(
            Action.CREATE,
            step,
            person_id=current.person_id,
            changes={k: [None, v] for k, v in after.items()},
        )
    return step


def record_exit(
    *,
    parcours: Parcours,
    exit_date: date,
    exit_type: str,
    exit_reason: str = "",
    exit_comment: str = "",
    confirm: bool = False,
    acting_user,
) -> dict:
    """Record (or correct) the exit of a parcours; returns the changes ``{field: [before, after]}``.

    A corrected exit must not run into the person's next parcours, nor leave
    steps starting after it.

    A surprising but valid exit (a CDI exit without a CDI step) raises
    ``ConfirmationRequired`` unless ``confirm`` is True.
    """
    require_capability(acting_user, Capability.EDIT_PEOPLE)
    require_visible(Parcours.objects, acting_user, parcours.pk)
    with attributed_to(acting_user), transaction.atomic():
        current = Parcours.objects.select_for_update().get(pk=parcours.pk)
        Person.objects.select_for_update().filter(pk=current.person_id).first()
        step_starts = current.steps.values_list("start_date", flat=True)
        others = (
            Parcours.objects.filter(person_id=current.person_id)
            .exclude(pk=current.pk)
            .values_list("entry_date", "exit_date")
        )
        rules.raise_errors(
            rules.merge(
                rules.check_exit(current.entry_date, exit_date, exit_type, exit_reason),
                rules.check_steps_before_exit(exit_date, step_starts),
                rules.check_no_overlap(current.entry_date, exit_date, others, field="exit_date"),
            )
        )
        before = snapshot(current, EXIT_FIELDS)
        current.exit_date, current.exit_type = exit_date, exit_type
        current.exit_reason, current.exit_comment = exit_reason, exit_comment
        warnings = rules.positive_exit_consistency(current)
        if warnings and not confirm:
            raise ConfirmationRequired(warnings)
        changes = diff(before, snapshot(current, EXIT_FIELDS))
        if not changes:
            return {}
        _full_clean(current)
        current.save()
        log(Action.UPDATE, current, person_id=current.person_id, changes=changes)
    parcours.refresh_from_db()
    return changes


STEP_EDITABLE_FIELDS = (
    "category",
    "start_date",
    "end_date",
    "label",
    "operation",
    "contract_type",
    "company",
    "weekly_hours",
)


def update_step(*, step: Step, acting_user, **values) -> dict:
    """Correct a step (the rules of ``add_step``); returns the changes ``{field: [before, after]}``.

    ``values`` are some of ``STEP_EDITABLE_FIELDS``; the others keep their value.
    Nothing is written (nor logged) when nothing changes.
    """
    unknown = set(values) - set(STEP_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Champs non modifiables : {', '.join(sorted(unknown))}")
    require_capability(acting_user, Capability.EDIT_PEOPLE)
    require_visible(Step.objects, acting_user, step.pk)
    with attributed_to(acting_user), transaction.atomic():
        current = Step.objects.select_for_update().get(pk=step.pk)
        parcours = Parcours.objects.select_for_update().get(pk=current.parcours_id)
        before = snapshot(current, Step.AUDITED_FIELDS)
        for name, value in values.items():
            setattr(current, name, value)
        rules.raise_errors(
            rules.merge(
                rules.check_step_dates(
                    current.start_date, current.end_date, parcours.entry_date, parcours.exit_date
                ),
                rules.check_contract_type(current.category, current.contract_type),
            )
        )
        changes = diff(before, snapshot(current, Step.AUDITED_FIELDS))
        if not changes:
            return {}
        _full_clean(current)
        current.save()
        log(Action.UPDATE, current, person_id=parcours.person_id, changes=changes)
    step.refresh_from_db()
    return changes
