"""Recurring sessions: the dates an RFC 5545 rule gives, with its exceptions.

The rule is read by python-dateutil (``rrulestr``), never by hand-written date
arithmetic: "the last Wednesday of the month" is ``BYDAY=-1WE``. Exceptions are
dates (EXDATE: a holiday) and closed months (August). A rule must end
(``UNTIL``/``COUNT`` or the series' end date) and give at least one date once
the exceptions are removed: otherwise it is refused.
"""

import datetime

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError

#: A rule without end would generate forever: at most this many dates are read.
MAX_OCCURRENCES = 400

#: The five antennas' monthly interview simulations (seed: "Simulations d'entretien").
ANTENNA_SIMULATION_RULES = {
    "ANT-PENTES": ("Pentes de la Croix-Rousse", "FREQ=MONTHLY;BYDAY=+2TU", "2e mardi du mois"),
    "ANT-VOLTAIRE": ("Voltaire", "FREQ=MONTHLY;BYDAY=+3WE", "3e mercredi du mois"),
    "ANT-GERLAND": ("Gerland", "FREQ=MONTHLY;BYDAY=-1WE", "dernier mercredi du mois"),
    "ANT-MERMOZ": ("Mermoz", "FREQ=MONTHLY;BYDAY=+3TH", "3e jeudi du mois"),
    "ANT-DUCHERE": ("Duchère", "FREQ=MONTHLY;BYDAY=+1TH", "1er jeudi du mois"),
}


def _clean_rule(rule: str) -> str:
    rule = rule.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    return rule.upper()


def occurrence_dates(
    rule: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    excluded_dates=(),
    closed_months=(),
) -> list[datetime.date]:
    """The dates of ``rule`` from ``starts_on`` to ``ends_on``, exceptions removed.

    Raises ``ValidationError`` (French) for a rule that does not parse, never
    ends, or gives no date.
    """
    text = _clean_rule(rule)
    if not text:
        raise ValidationError({"rule": "Indiquez une règle de récurrence."})
    start = datetime.datetime.combine(starts_on, datetime.time())
    try:
        parsed = rrulestr(text, dtstart=start)
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            {"rule": f"Règle de récurrence illisible ({exc}). Exemple : FREQ=MONTHLY;BYDAY=+2TU."}
        ) from None
    bounded = "UNTIL=" in text or "COUNT=" in text
    if ends_on is not None:
        limit = datetime.datetime.combine(ends_on, datetime.time.max)
        bounded = True
    else:
        limit = None
    if not bounded:
        raise ValidationError(
            {"ends_on": "Une série doit finir : indiquez une date de fin (ou UNTIL/COUNT)."}
        )
    excluded = {_as_date(d) for d in excluded_dates}
    closed = {int(m) for m in closed_months}
    dates = []
    for index, moment in enumerate(parsed):
        if index >= MAX_OCCURRENCES or (limit is not None and moment > limit):
            break
        day = moment.date()
        if day in excluded or day.month in closed:
            continue
        dates.append(day)
    if not dates:
        raise ValidationError(
            {"rule": "Cette règle ne donne aucune date (une fois les exceptions retirées)."}
        )
    return dates


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def series_dates(series) -> list[datetime.date]:
    return occurrence_dates(
        series.rule, series.starts_on, series.ends_on, series.excluded_dates, series.closed_months
    )
