"""The circuit of an operation, in order, and the rules of a transition.

Pure functions (no database), shared by the service, the form and the tests:
an operation moves one step at a time, each step dated no earlier than the
previous one and never in the future, and some steps need a detail (the
PLIE's opinion, the body that voted, the amount retained at the service-done
check). Messages are French: they are shown as is.

The vote has two outcomes: "Votée" (the next step of the order) or "Non
retenue" (``REFUSED``), a terminal status outside the order, recorded from the
PLIE's opinion only (the PLIE gives an opinion, the vote decides) and always
with its reason.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from maillage.programme.models import Status, VoteBody

REFUSED = Status.REFUSED
ORDER: tuple[str, ...] = tuple(s for s in Status.values if s != REFUSED)
#: The step at which the vote may refuse the operation instead of voting it.
REFUSABLE_FROM = Status.OPINION
CENT = Decimal("0.01")


def next_status(current: str) -> str | None:
    """The next status of the order (None once closed or refused)."""
    if current == REFUSED:
        return None
    index = ORDER.index(current)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def allowed_targets(current: str) -> tuple[str, ...]:
    """Every status an operation may move to from ``current``."""
    following = next_status(current)
    targets = (following,) if following else ()
    return (*targets, REFUSED) if current == REFUSABLE_FROM else targets


def advance_rate() -> Decimal:
    """Share of the FSE grant paid as an advance at the convention (50 % by default).

    Setting ``MAILLAGE_PROGRAMME_ADVANCE_RATE``: a fraction (0.5) or a percentage (50).
    """
    rate = Decimal(str(getattr(settings, "MAILLAGE_PROGRAMME_ADVANCE_RATE", "0.5")))
    if rate > 1:
        rate = rate / 100
    if not 0 <= rate <= 1:
        raise ValueError("MAILLAGE_PROGRAMME_ADVANCE_RATE doit être compris entre 0 et 1 (ou 100).")
    return rate


def advance_amount(fse_eur: Decimal | None) -> Decimal:
    return ((fse_eur or Decimal(0)) * advance_rate()).quantize(CENT, rounding=ROUND_HALF_UP)


def check_transition(
    *,
    current: str,
    target: str,
    on: date,
    last_on: date | None,
    today: date,
    note: str = "",
    vote_body: str = "",
    checked_eur: Decimal | None = None,
    fse_eur: Decimal | None = None,
) -> dict[str, list[str]]:
    """``{field: [messages]}``; empty when the transition may be recorded."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if target not in Status.values:
        add("status", f"Étape inconnue : {target}.")
        return errors
    expected = next_status(current)
    if target not in allowed_targets(current):
        here = Status(current).label
        if current == REFUSED:
            add("status", "L'opération n'a pas été retenue au vote : plus aucune étape à franchir.")
        elif target == REFUSED:
            add(
                "status",
                f"Une opération n'est refusée qu'au vote, après l'avis du PLIE : elle est "
                f"« {here} ».",
            )
        elif expected is None:
            add("status", f"L'opération est déjà « {here} » : plus aucune étape à franchir.")
        else:
            add(
                "status",
                f"Transition impossible : l'opération est « {here} », l'étape suivante est "
                f"« {Status(expected).label} », pas « {Status(target).label} ».",
            )
        return errors
    if on > today:
        add("on", "La date ne peut pas être dans le futur.")
    if last_on is not None and on < last_on:
        add("on", f"La date ne peut pas précéder celle de l'étape précédente ({last_on:%d/%m/%Y}).")
    if target == Status.OPINION and not note.strip():
        add("note", "L'avis qualitatif du PLIE est obligatoire.")
    if target in (Status.VOTED, REFUSED) and vote_body not in VoteBody.values:
        add("vote_body", "Indiquez l'instance qui a voté (conseil d'administration ou comité).")
    if target == REFUSED and not note.strip():
        add("note", "Indiquez le motif du refus.")
    if target == Status.BALANCE_PAID:
        if checked_eur is None:
            add("checked_eur", "Indiquez le montant FSE retenu au contrôle de service fait.")
        elif checked_eur < 0:
            add("checked_eur", "Le montant retenu ne peut pas être négatif.")
        elif checked_eur > (fse_eur or Decimal(0)):
            add(
                "checked_eur",
                f"Le montant retenu dépasse le FSE conventionné ({fse_eur or 0} €).",
            )
    return errors
