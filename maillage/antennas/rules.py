"""Plain rules of the reception log: the visitor's age band, the user's antennas, undo.

No HTTP here and, except ``antennas_for``, no database: tested directly.
"""

from datetime import date, datetime, timedelta

from maillage.accounts.roles import CAPABILITIES, Capability, Role
from maillage.antennas.models import AgeBand, Visit
from maillage.organisations.models import Structure, StructureKind

#: A visit can be cancelled or corrected by whoever recorded it for this long.
AMEND_WINDOW = timedelta(minutes=15)


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_band(birth_date: date, day: date) -> str:
    """The report's age band (seed p. 13) of someone born on ``birth_date``, on ``day``."""
    age = age_on(birth_date, day)
    if age < 26:
        return AgeBand.UNDER_26
    if age <= 45:
        return AgeBand.FROM_26_TO_45
    if age <= 50:
        return AgeBand.FROM_46_TO_50
    return AgeBand.OVER_50


def antennas_for(user):
    """The active antennas where ``user`` may record visits: all of them for administrators.

    Other users record at the antennas where they hold a role granting ``record_reception``
    (the reception desk of an antenna). No query beyond the antennas themselves.
    """
    antennas = Structure.objects.filter(kind=StructureKind.ANTENNA, is_active=True)
    if Role.ADMIN in user.roles:
        return antennas
    ids = {
        m.structure_id
        for m in user.active_memberships
        if Capability.RECORD_RECEPTION in CAPABILITIES[m.role]
    }
    return antennas.filter(pk__in=ids)


def can_amend(visit: Visit, user, now: datetime) -> bool:
    """Cancel or correct: only the recorder, for ``AMEND_WINDOW`` after recording.

    Past that, the log is the record of what was done: a mistake found later is
    left for the figures' margin of error rather than rewritten.
    """
    return (
        visit.recorded_by_id is not None
        and visit.recorded_by_id == user.pk
        and now - visit.created_at <= AMEND_WINDOW
    )
