"""Booking rules of the solidarity ticketing, as pure functions (no database).

No-shows and hoarding are the main problems of such platforms: each actionneur may book
at most ``person_limit`` outings in any window of ``period_days`` days, a booking closes
some hours before the date, a cancellation gives the seats back only up to a deadline, and
repeated no-shows are flagged to the référent. The numbers are settings
(``MAILLAGE_CULTURE_*``, see ``Limits.from_settings`` and docs/culture.md).
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings


@dataclass(frozen=True)
class Limits:
    person_limit: int = 4
    period_days: int = 30
    cancel_hours: int = 48
    reminder_days: int = 2
    no_show_threshold: int = 3
    no_show_window_days: int = 365

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            person_limit=getattr(settings, "MAILLAGE_CULTURE_PERSON_LIMIT", 4),
            period_days=getattr(settings, "MAILLAGE_CULTURE_PERIOD_DAYS", 30),
            cancel_hours=getattr(settings, "MAILLAGE_CULTURE_CANCEL_HOURS", 48),
            reminder_days=getattr(settings, "MAILLAGE_CULTURE_REMINDER_DAYS", 2),
            no_show_threshold=getattr(settings, "MAILLAGE_CULTURE_NO_SHOW_THRESHOLD", 3),
            no_show_window_days=getattr(settings, "MAILLAGE_CULTURE_NO_SHOW_WINDOW_DAYS", 365),
        )


def window_around(day: date, period_days: int) -> tuple[date, date]:
    """The dates whose bookings can share a ``period_days`` window with ``day``."""
    return day - timedelta(days=period_days - 1), day + timedelta(days=period_days - 1)


def exceeds_person_limit(
    existing: Iterable[date], new: date, *, limit: int, period_days: int
) -> bool:
    """True when adding an outing on ``new`` puts more than ``limit`` outings in some window
    of ``period_days`` consecutive days (a sliding window, not calendar months: a person
    cannot book 4 outings at the end of a month and 4 more at the start of the next)."""
    low, high = window_around(new, period_days)
    days = sorted([d for d in existing if low <= d <= high] + [new])
    for start in days:
        if start > new:
            break
        end = start + timedelta(days=period_days - 1)
        if end < new:
            continue
        if sum(1 for d in days if start <= d <= end) > limit:
            return True
    return False


def booking_closes_at(starts_at: datetime, hours_before: int) -> datetime:
    return starts_at - timedelta(hours=hours_before)


def is_booking_open(starts_at: datetime, hours_before: int, now: datetime) -> bool:
    return now < booking_closes_at(starts_at, hours_before)


def can_cancel(starts_at: datetime, cancel_hours: int, now: datetime) -> bool:
    """A cancellation returns the seats only up to ``cancel_hours`` before the date."""
    return now <= starts_at - timedelta(hours=cancel_hours)


def can_record_outcome(starts_at: datetime, now: datetime) -> bool:
    """The outing is confirmed or marked no-show once it has started, not before."""
    return now >= starts_at


def seats_of(guests: int, accompanists: int) -> int:
    return 1 + guests + accompanists


def check_party(
    *, guests: int, accompanists: int, guests_allowed: int, max_per_booking: int
) -> str | None:
    """The reason a party does not fit the offer's rules, or None."""
    if guests < 0 or accompanists < 0:
        return "Le nombre d'invités et d'accompagnants ne peut pas être négatif."
    if guests > guests_allowed:
        if guests_allowed == 0:
            return "Cette offre n'accepte pas d'invité : l'actionneur vient seul."
        return f"Cette offre accepte au plus {guests_allowed} invité(s) par actionneur."
    seats = seats_of(guests, accompanists)
    if seats > max_per_booking:
        return (
            f"Cette offre accepte au plus {max_per_booking} place(s) par réservation "
            f"(ici {seats}, actionneur, invités et accompagnants compris)."
        )
    return None


def quota_period(day: date, period: str) -> tuple[date, date]:
    """The calendar month, quarter or year containing ``day`` (a social partner's quota)."""
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if period == "quarter":
        first_month = 3 * ((day.month - 1) // 3) + 1
        last_month = first_month + 2
        last = calendar.monthrange(day.year, last_month)[1]
        return date(day.year, first_month, 1), date(day.year, last_month, last)
    last = calendar.monthrange(day.year, day.month)[1]
    return date(day.year, day.month, 1), date(day.year, day.month, last)


def is_flagged(no_shows: int, threshold: int) -> bool:
    """Repeated no-shows: the référent is told when the count reaches the threshold."""
    return threshold > 0 and no_shows >= threshold


def door_name(first_names: str, last_name: str) -> str:
    """What the venue's check-in list shows of an actionneur: first name + initial."""
    first = (first_names.split() or [""])[0]
    initial = last_name.strip()[:1].upper()
    return f"{first} {initial}." if initial else first
