"""The PLIE rules that span several fields or rows, as plain functions.

They take plain values (dates, codes), not forms or requests, so the services,
the forms and the bundle importer (which checks rows before anything exists in
the database) apply exactly the same rules. Each returns the errors as
``{field: [message, ...]}`` — field names are the bundle's column names — and
an empty dict when all is well; ``raise_errors`` turns that into a Django
``ValidationError``. Messages are in French, for the users.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError

from maillage.plie.models import ContractType, ExitReason, ExitType, StepCategory

Errors = dict[str, list[str]]


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def merge(*results: Errors) -> Errors:
    merged: Errors = {}
    for result in results:
        for field, messages in result.items():
            merged.setdefault(field, []).extend(messages)
    return merged


def raise_errors(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def periods_overlap(start_a: date, end_a: date | None, start_b: date, end_b: date | None) -> bool:
    """Whether two [start, end] periods share a day; no end means the period runs forever."""
    return (end_b is None or start_a <= end_b) and (end_a is None or start_b <= end_a)


def check_exit(
    entry_date: date,
    exit_date: date | None,
    exit_type: str,
    exit_reason: str,
) -> Errors:
    """Exit fields coherent: a type iff a date, a date not before entry, a reason iff positive."""
    errors: Errors = {}
    if exit_date is None:
        if exit_type:
            errors["exit_date"] = ["Une sortie doit avoir une date."]
        if exit_reason:
            errors["exit_reason"] = ["Un motif de sortie sans date de sortie n'a pas de sens."]
        return errors
    if exit_date < entry_date:
        errors["exit_date"] = [
            f"La date de sortie ({_fmt(exit_date)}) précède la date d'entrée ({_fmt(entry_date)})."
        ]
    if not exit_type:
        errors["exit_type"] = ["Indiquez le type de sortie (positive, rupture ou administrative)."]
    elif exit_type not in ExitType.values:
        errors["exit_type"] = [f"Type de sortie inconnu : « {exit_type} »."]
    elif exit_type == ExitType.POSITIVE:
        if not exit_reason:
            errors["exit_reason"] = ["Une sortie positive doit avoir un motif."]
        elif exit_reason not in ExitReason.values:
            choices = ", ".join(ExitReason.values)
            errors["exit_reason"] = [
                f"Motif de sortie positive inconnu : « {exit_reason} » (attendu : {choices})."
            ]
    elif exit_reason:
        errors["exit_reason"] = [
            "Seule une sortie positive a un motif codé ; utilisez le commentaire de sortie."
        ]
    return errors


def check_no_overlap(
    entry_date: date,
    exit_date: date | None,
    others: Iterable[tuple[date, date | None]],
    *,
    field: str = "entry_date",
) -> Errors:
    """A person never has two parcours at once (a parcours without exit runs forever).

    ``others`` are the (entry_date, exit_date) of the person's other parcours;
    ``field`` is the field the error is reported on (the exit date when an exit is corrected).
    """
    for other_entry, other_exit in others:
        if periods_overlap(entry_date, exit_date, other_entry, other_exit):
            until = f"au {_fmt(other_exit)}" if other_exit else "sans date de sortie"
            return {
                field: [
                    "La personne a déjà un parcours PLIE sur cette période "
                    f"(du {_fmt(other_entry)} {until})."
                ]
            }
    return {}


def check_step_dates(
    start_date: date,
    end_date: date | None,
    entry_date: date,
    exit_date: date | None,
) -> Errors:
    """A step starts within its parcours and ends after it starts (it may end after the exit)."""
    errors: Errors = {}
    if start_date < entry_date:
        errors["start_date"] = [
            f"L'étape commence ({_fmt(start_date)}) avant l'entrée dans le parcours "
            f"({_fmt(entry_date)})."
        ]
    elif exit_date is not None and start_date > exit_date:
        errors["start_date"] = [
            f"L'étape commence ({_fmt(start_date)}) après la sortie du parcours "
            f"({_fmt(exit_date)})."
        ]
    if end_date is not None and end_date < start_date:
        errors["end_date"] = [
            f"La fin de l'étape ({_fmt(end_date)}) précède son début ({_fmt(start_date)})."
        ]
    return errors


def check_contract_type(category: str, contract_type: str) -> Errors:
    """A contract step says which contract; any other step has none."""
    if category == StepCategory.EMPLOYMENT_CONTRACT:
        if not contract_type:
            return {"contract_type": ["Indiquez le type de contrat de travail."]}
        if contract_type not in ContractType.values:
            return {"contract_type": [f"Type de contrat inconnu : « {contract_type} »."]}
        return {}
    if contract_type:
        return {
            "contract_type": [
                "Le type de contrat ne concerne que les étapes « contrat de travail »."
            ]
        }
    return {}


def check_steps_before_exit(exit_date: date, step_starts: Iterable[date]) -> Errors:
    """Recording an exit must not leave steps starting after it."""
    late = sorted(start for start in step_starts if start > exit_date)
    if late:
        return {
            "exit_date": [
                f"{len(late)} étape(s) commencent après cette date de sortie "
                f"(la première le {_fmt(late[0])})."
            ]
        }
    return {}


def check_steps_after_entry(entry_date: date, step_starts: Iterable[date]) -> Errors:
    """Moving an entry date later must not leave steps starting before it."""
    early = sorted(start for start in step_starts if start < entry_date)
    if early:
        return {
            "entry_date": [
                f"{len(early)} étape(s) commencent avant cette date d'entrée "
                f"(la première le {_fmt(early[0])})."
            ]
        }
    return {}


def positive_exit_consistency(parcours, steps: Iterable | None = None) -> list[str]:
    """Warnings (to confirm, not errors) about a positive exit that the steps do not show.

    A "cdi" exit without any CDI contract step is usually a step that was not
    recorded. ``steps`` (objects with ``category`` and ``contract_type``)
    defaults to the parcours' steps in the database; the importer passes the
    bundle's rows.
    """
    if parcours.exit_type != ExitType.POSITIVE or parcours.exit_reason != ExitReason.CDI:
        return []
    if steps is None:
        steps = parcours.steps.all() if parcours.pk else []
    has_cdi = any(
        step.category == StepCategory.EMPLOYMENT_CONTRACT and step.contract_type == ContractType.CDI
        for step in steps
    )
    if has_cdi:
        return []
    return [
        "Sortie positive en CDI, mais aucune étape « contrat de travail » en CDI n'est "
        "enregistrée dans ce parcours. Confirmez-vous ?"
    ]
