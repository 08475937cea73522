"""The rules of individual aids, as pure functions (no database): services, forms and
tests share them.

- Amounts are never negative and never above the maximum of their kind
  (``maximum_amounts()``, from the settings: docs/configuration.md).
- Transport vouchers: one free monthly pass per month, for at most 3 months in a
  row, and only for months in which the participant has a running employment or
  training step (report p. 15: "en étape emploi ou formation").
- A decision: accepted grants what was asked (or less — then it is "partly
  accepted"), a refusal carries a reason and grants nothing.

Each ``check_*`` returns ``{field: [messages]}`` (empty when all is well) so a form
can show each message next to its field; ``raise_errors`` turns them into a
``ValidationError``.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError

from maillage.aids.models import AidKind, Outcome, TrainingField

Errors = dict[str, list[str]]

#: At most this many voucher months in a row for one participant.
MAX_VOUCHER_MONTHS_IN_A_ROW = 3
#: Step categories during which transport vouchers may be granted.
VOUCHER_STEP_CATEGORIES = ("employment_contract", "training")

DEFAULT_MAXIMUM_AMOUNTS = {
    AidKind.TRAINING: Decimal("3000"),
    AidKind.CHILDCARE: Decimal("1500"),
    AidKind.MOBILITY: Decimal("1000"),
    AidKind.TRANSPORT_VOUCHERS: Decimal("200"),
}


def maximum_amounts() -> dict[str, Decimal]:
    """The maximum amount of a request, per kind (settings.MAILLAGE_AID_MAX_AMOUNTS)."""
    configured = getattr(settings, "MAILLAGE_AID_MAX_AMOUNTS", {}) or {}
    return {
        kind: Decimal(str(configured.get(kind, default)))
        for kind, default in DEFAULT_MAXIMUM_AMOUNTS.items()
    }


def merge(*errors: Errors) -> Errors:
    merged: Errors = {}
    for error in errors:
        for field, messages in error.items():
            merged.setdefault(field, []).extend(messages)
    return merged


def raise_errors(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _euros(amount: Decimal) -> str:
    return f"{amount:,.2f} €".replace(",", " ").replace(".", ",")


def check_amount(amount: Decimal | None, maximum: Decimal, *, field: str) -> Errors:
    if amount is None:
        return {field: ["Indiquez le montant."]}
    if amount < 0:
        return {field: ["Le montant ne peut pas être négatif."]}
    if amount > maximum:
        return {field: [f"Le montant dépasse le maximum de cette aide ({_euros(maximum)})."]}
    return {}


def check_kind_details(kind: str, training_field: str, voucher_months: int | None) -> Errors:
    """The training field for a training aid only; voucher months for vouchers only."""
    errors: Errors = {}
    if kind not in AidKind.values:
        errors["kind"] = ["Choisissez la nature de l'aide."]
    if kind == AidKind.TRAINING and training_field not in TrainingField.values:
        errors["training_field"] = ["Choisissez le domaine de la formation."]
    if kind != AidKind.TRAINING and training_field:
        errors["training_field"] = [
            "Le domaine de formation ne concerne que les aides à la formation."
        ]
    months_ok = voucher_months is not None and 1 <= voucher_months <= MAX_VOUCHER_MONTHS_IN_A_ROW
    if kind == AidKind.TRANSPORT_VOUCHERS and not months_ok:
        errors["voucher_months"] = [
            f"Les bons de transport couvrent de 1 à {MAX_VOUCHER_MONTHS_IN_A_ROW} mois."
        ]
    return errors


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def voucher_months(first_month: date, count: int) -> list[date]:
    """The months (their first day) covered by ``count`` vouchers from ``first_month``."""
    start = first_of_month(first_month)
    return [add_months(start, i) for i in range(count)]


def month_end(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


def step_runs_in(month: date, start: date, end: date | None) -> bool:
    """A step runs in a month when it overlaps it (started by its end, not ended before it)."""
    return start <= month_end(month) and (end is None or end >= month)


def months_without_step(
    months: Iterable[date], steps: Iterable[tuple[date, date | None]]
) -> list[date]:
    """The requested months in which none of ``steps`` (start, end) is running."""
    steps = list(steps)
    return [m for m in months if not any(step_runs_in(m, s, e) for s, e in steps)]


def longest_run(months: Iterable[date]) -> int:
    """The longest number of consecutive months in ``months``."""
    ordered = sorted(set(months))
    best = run = 0
    previous = None
    for month in ordered:
        run = run + 1 if previous is not None and add_months(previous, 1) == month else 1
        best = max(best, run)
        previous = month
    return best


def _month_label(month: date) -> str:
    return f"{month:%m/%Y}"


def check_vouchers(
    months: list[date],
    steps: Iterable[tuple[date, date | None]],
    other_months: Iterable[date] = (),
) -> Errors:
    """Each month needs a running employment or training step; no month twice; ≤ 3 in a row.

    ``steps`` are the (start, end) of the participant's employment and training
    steps; ``other_months`` the months of the participant's other voucher
    requests that were not refused.
    """
    errors: list[str] = []
    missing = months_without_step(months, steps)
    if missing:
        listed = ", ".join(_month_label(m) for m in missing)
        errors.append(
            "Pas d'étape emploi ou formation en cours pour le mois de "
            f"{listed} : les bons de transport sont réservés aux participants en étape "
            "emploi ou formation."
        )
    others = set(other_months)
    twice = [m for m in months if m in others]
    if twice:
        listed = ", ".join(_month_label(m) for m in twice)
        errors.append(f"Des bons ont déjà été demandés pour {listed}.")
    elif longest_run([*months, *others]) > MAX_VOUCHER_MONTHS_IN_A_ROW:
        errors.append(
            f"Au plus {MAX_VOUCHER_MONTHS_IN_A_ROW} mois de bons de transport d'affilée, "
            "en comptant les demandes précédentes."
        )
    return {"voucher_first_month": errors} if errors else {}


def check_decision(
    *,
    outcome: str,
    amount_requested: Decimal,
    amount_granted: Decimal | None,
    refusal_reason: str,
    maximum: Decimal,
    requested_on: date,
    decided_on: date | None,
    payment_date: date | None,
) -> Errors:
    """A complete, coherent decision (see the module docstring)."""
    errors: Errors = {}
    if outcome not in Outcome.values:
        return {"outcome": ["Choisissez la décision."]}
    if decided_on is None:
        errors["decided_on"] = ["Indiquez la date de la décision."]
    elif decided_on < requested_on:
        errors["decided_on"] = ["La décision ne peut pas précéder la demande."]
    if outcome == Outcome.REFUSED:
        if not refusal_reason.strip():
            errors["refusal_reason"] = ["Un refus doit être motivé : indiquez le motif."]
        if amount_granted:
            errors["amount_granted"] = ["Une demande refusée n'accorde aucun montant."]
        if payment_date is not None:
            errors["payment_date"] = ["Une demande refusée n'est pas payée."]
        return errors
    errors = merge(errors, check_amount(amount_granted, maximum, field="amount_granted"))
    if "amount_granted" not in errors:
        if amount_granted > amount_requested:
            errors["amount_granted"] = ["Le montant accordé dépasse le montant demandé."]
        elif outcome == Outcome.PARTLY_ACCEPTED and not 0 < amount_granted < amount_requested:
            errors["amount_granted"] = [
                "Une acceptation partielle accorde un montant positif, inférieur à la demande."
            ]
        elif outcome == Outcome.ACCEPTED and amount_granted != amount_requested:
            errors["amount_granted"] = [
                "Une demande acceptée accorde le montant demandé ; sinon, choisissez "
                "« Acceptée en partie »."
            ]
    if payment_date is not None and decided_on is not None and payment_date < decided_on:
        errors["payment_date"] = ["Le paiement ne peut pas précéder la décision."]
    return errors
