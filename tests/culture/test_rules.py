"""The pure booking rules: sliding-window limit, party size, deadlines, quota periods."""

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from maillage.culture import rules

DAY0 = date(2017, 1, 1)


def brute_force(existing, new, limit, period_days):
    """Every window of ``period_days`` days containing ``new``, counted naively."""
    days = [*existing, new]
    for offset in range(period_days):
        start = new - timedelta(days=offset)
        end = start + timedelta(days=period_days - 1)
        if sum(1 for d in days if start <= d <= end) > limit:
            return True
    return False


@given(
    offsets=st.lists(st.integers(0, 120), max_size=12),
    new=st.integers(0, 120),
    limit=st.integers(0, 5),
    period=st.integers(1, 40),
)
def test_person_limit_matches_every_window(offsets, new, limit, period):
    existing = [DAY0 + timedelta(days=o) for o in offsets]
    new_day = DAY0 + timedelta(days=new)
    assert rules.exceeds_person_limit(
        existing, new_day, limit=limit, period_days=period
    ) == brute_force(existing, new_day, limit, period)


def test_limit_is_a_sliding_window_not_calendar_months():
    end_of_january = [date(2017, 1, d) for d in (28, 29, 30, 31)]
    assert rules.exceeds_person_limit(end_of_january, date(2017, 2, 1), limit=4, period_days=30)
    assert not rules.exceeds_person_limit(end_of_january, date(2017, 3, 1), limit=4, period_days=30)


def test_party_rules():
    ok = {"guests_allowed": 2, "max_per_booking": 3}
    assert rules.check_party(guests=2, accompanists=0, **ok) is None
    assert "au plus 2 invité" in rules.check_party(guests=3, accompanists=0, **ok)
    assert "au plus 3 place" in rules.check_party(guests=2, accompanists=1, **ok)
    assert "vient seul" in rules.check_party(
        guests=1, accompanists=0, guests_allowed=0, max_per_booking=3
    )


def test_deadlines():
    show = datetime(2017, 5, 10, 20, 0)
    assert rules.is_booking_open(show, 24, datetime(2017, 5, 9, 19, 59))
    assert not rules.is_booking_open(show, 24, datetime(2017, 5, 9, 20, 0))
    assert rules.can_cancel(show, 48, datetime(2017, 5, 8, 20, 0))
    assert not rules.can_cancel(show, 48, datetime(2017, 5, 8, 20, 1))
    assert not rules.can_record_outcome(show, datetime(2017, 5, 10, 19, 0))
    assert rules.can_record_outcome(show, show)


def test_quota_periods():
    assert rules.quota_period(date(2017, 2, 14), "month") == (date(2017, 2, 1), date(2017, 2, 28))
    assert rules.quota_period(date(2017, 5, 14), "quarter") == (
        date(2017, 4, 1),
        date(2017, 6, 30),
    )
    assert rules.quota_period(date(2017, 5, 14), "year") == (date(2017, 1, 1), date(2017, 12, 31))


def test_door_name_and_flag():
    assert rules.door_name("Hélène Marie", "dupré") == "Hélène D."
    assert rules.is_flagged(3, 3) and not rules.is_flagged(2, 3) and not rules.is_flagged(9, 0)
