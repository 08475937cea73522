"""The rules of clause contracts and hours, as pure functions (services, imports, forms).

They return ``{field: [French messages]}`` (empty: fine) so that a service can
raise them as one ``ValidationError`` and an import can report them per column.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from maillage.clauses.models import MAX_MONTH_HOURS

Errors = dict[str, list[str]]


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_between(start: dt.date, end: dt.date) -> int:
    """Number of months from ``start``'s month to ``end``'s month, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def check_hours(hours: Decimal | None) -> Errors:
    if hours is None:
        return {"hours": ["Indiquez le nombre d'heures du mois."]}
    if hours <= 0:
        return {"hours": ["Le nombre d'heures du mois doit être strictement positif."]}
    if hours > MAX_MONTH_HOURS:
        return {
            "hours": [
                f"{hours} heures en un mois : c'est plus que le maximum admis "
                f"({MAX_MONTH_HOURS} heures)."
            ]
        }
    return {}


def check_month_in_contract(month: dt.date, start: dt.date, end: dt.date | None) -> Errors:
    """The month must meet the contract's dates (a contract may start or end mid-month)."""
    if month < first_of_month(start) or (end is not None and month > first_of_month(end)):
        period = f"du {start:%d/%m/%Y}" + (f" au {end:%d/%m/%Y}" if end else " (en cours)")
        return {"month": [f"Le mois {month:%m/%Y} est en dehors du contrat ({period})."]}
    return {}


def check_dates(start: dt.date | None, end: dt.date | None, field: str = "end_date") -> Errors:
    if start and end and end < start:
        return {field: ["La date de fin précède la date de début."]}
    return {}


def required_hours(
    amount: Decimal, labour_share: Decimal, insertion_rate: Decimal, hourly_cost: Decimal
) -> Decimal:
    """Montant × part de main-d'œuvre × taux d'insertion ÷ coût horaire, to the hour."""
    if hourly_cost <= 0:
        raise ValueError("hourly cost must be positive")
    value = amount * labour_share * insertion_rate / hourly_cost
    return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Progress:
    """Where an operation stands: realised hours against the required ones, by its dates."""

    required: float | None
    realised: float
    expected_to_date: float | None
    forecast: float | None
    behind: bool

    @property
    def share(self) -> float | None:
        return self.realised / self.required if self.required else None


def progress(
    required: Decimal | None,
    realised: Decimal | float,
    start: dt.date | None,
    end: dt.date | None,
    today: dt.date,
) -> Progress:
    """Linear forecast to the end date at the pace observed so far.

    The pace is the realised hours per elapsed month since the start; the
    operation is *behind* when that pace, kept to the end, would not reach the
    required hours (only once it has started and while it has a required figure).
    """
    realised = float(realised or 0)
    if required is None or start is None or end is None or today < start:
        return Progress(
            float(required) if required is not None else None, realised, None, None, False
        )
    total = months_between(start, end)
    elapsed = min(months_between(start, min(today, end)), total)
    expected = float(required) * elapsed / total
    forecast = realised / elapsed * total if elapsed else realised
    return Progress(float(required), realised, expected, forecast, forecast < float(required))
