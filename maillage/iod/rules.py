"""The rules of the IOD method as pure functions (no database): tested with hypothesis.

The post-hire follow-up (report p. 16: "de manière hebdomadaire un entretien
avec chaque partie, séparément : employeur ou manager et salarié, et ce, tout
le temps de la période d'essai puis de manière mensuelle par la suite", and
p. 27: "collaboration post embauche (jusqu'à 6 mois)"):

- a contact with the employer and a separate one with the employee each week of
  the trial period, the first one a week after the hire — always, even when
  the trial period is shorter or there is none (an immersion);
- then one of each every month, on the hire's day of the month, while the date
  is after the trial period;
- nothing after 6 months from the hire date.

Months are counted with ``dateutil.relativedelta`` (31 January + 1 month is
28 or 29 February, + 2 months is 31 March), weeks with ``dateutil.rrule``.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from dateutil.rrule import WEEKLY, rrule

from maillage.iod.models import HireContract, Party, Phase

FOLLOW_UP_LENGTH = relativedelta(months=6)
ONE_WEEK = relativedelta(weeks=1)
#: The IOD follow-up of a participant is reviewed with the référent every 6 months.
REVIEW_INTERVAL = relativedelta(months=6)
#: A fixed-term contract of at least this length is "durable" (seed: "CDD + 6 mois / CDI").
DURABLE_LENGTH = relativedelta(months=6)


@dataclass(frozen=True, order=True)
class ScheduledContact:
    due_on: datetime.date
    party: str
    phase: str


def follow_up_end(hired_on: datetime.date) -> datetime.date:
    """The last day a follow-up contact may fall on: 6 months after the hire."""
    return hired_on + FOLLOW_UP_LENGTH


def weekly_until(hired_on: datetime.date, trial_period_end: datetime.date | None) -> datetime.date:
    """The last day of the weekly rhythm: the trial's end, at least a week, at most 6 months."""
    trial_end = trial_period_end or hired_on
    return min(max(trial_end, hired_on + ONE_WEEK), follow_up_end(hired_on))


def contact_dates(
    hired_on: datetime.date, trial_period_end: datetime.date | None
) -> list[tuple[datetime.date, str]]:
    """``[(date, phase), …]`` of the follow-up contacts after a hire, in order."""
    if trial_period_end is not None and trial_period_end < hired_on:
        raise ValueError("La période d'essai ne peut pas finir avant l'embauche.")
    weekly_end = weekly_until(hired_on, trial_period_end)
    start = datetime.datetime.combine(hired_on + ONE_WEEK, datetime.time())
    until = datetime.datetime.combine(weekly_end, datetime.time())
    dates = [(moment.date(), Phase.TRIAL) for moment in rrule(WEEKLY, dtstart=start, until=until)]
    end = follow_up_end(hired_on)
    for months in range(1, FOLLOW_UP_LENGTH.months + 1):
        day = hired_on + relativedelta(months=months)
        if weekly_end < day <= end:
            dates.append((day, Phase.MONTHLY))
    return dates


def followup_schedule(
    hired_on: datetime.date, trial_period_end: datetime.date | None
) -> list[ScheduledContact]:
    """Every contact of the schedule: each date twice, employer then employee, sorted."""
    return [
        ScheduledContact(day, party, phase)
        for day, phase in contact_dates(hired_on, trial_period_end)
        for party in (Party.EMPLOYER, Party.EMPLOYEE)
    ]


def is_durable(
    contract_type: str, hired_on: datetime.date, contract_end: datetime.date | None
) -> bool:
    """Durable employment: a CDI, or a contract of at least 6 months (end included).

    A contract from 1 January to 30 June lasts 6 months. An immersion (PMSMP)
    is always transitional; a fixed-term contract without a known end too.
    """
    if contract_type == HireContract.CDI:
        return True
    if contract_type == HireContract.PMSMP or contract_end is None:
        return False
    return contract_end + datetime.timedelta(days=1) >= hired_on + DURABLE_LENGTH


def next_review_due(oriented_on: datetime.date, last_review: datetime.date | None) -> datetime.date:
    """The next collaboration review: 6 months after the orientation or the last review."""
    return (last_review or oriented_on) + REVIEW_INTERVAL
