"""The follow-up schedule and the durable/transitional split, as pure functions."""

import datetime

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from maillage.iod import rules
from maillage.iod.models import Party, Phase

D = datetime.date
hire_dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31))
trial_days = st.one_of(st.none(), st.integers(min_value=0, max_value=300))


def _trial_end(hired_on, days):
    return None if days is None else hired_on + datetime.timedelta(days=days)


def test_a_two_month_trial_gives_weekly_then_monthly_contacts():
    schedule = rules.contact_dates(D(2017, 3, 6), D(2017, 5, 5))
    weekly = [d for d, phase in schedule if phase == Phase.TRIAL]
    monthly = [d for d, phase in schedule if phase == Phase.MONTHLY]
    assert weekly[0] == D(2017, 3, 13)
    assert weekly[-1] == D(2017, 5, 1)
    assert len(weekly) == 8
    assert monthly == [D(2017, 5, 6), D(2017, 6, 6), D(2017, 7, 6), D(2017, 8, 6), D(2017, 9, 6)]


def test_months_are_calendar_months_from_the_hire_day():
    monthly = [d for d, p in rules.contact_dates(D(2017, 1, 31), None) if p == Phase.MONTHLY]
    assert monthly == [
        D(2017, 2, 28),
        D(2017, 3, 31),
        D(2017, 4, 30),
        D(2017, 5, 31),
        D(2017, 6, 30),
        D(2017, 7, 31),
    ]


def test_without_trial_period_there_is_still_a_first_week_contact():
    schedule = rules.followup_schedule(D(2017, 9, 4), None)
    assert schedule[:2] == [
        rules.ScheduledContact(D(2017, 9, 11), Party.EMPLOYER, Phase.TRIAL),
        rules.ScheduledContact(D(2017, 9, 11), Party.EMPLOYEE, Phase.TRIAL),
    ]
    assert len(schedule) == 2 * (1 + 6)


def test_a_trial_longer_than_six_months_stops_at_six_months():
    hired = D(2017, 1, 2)
    dates = rules.contact_dates(hired, D(2017, 10, 1))
    assert all(phase == Phase.TRIAL for _, phase in dates)
    assert dates[-1][0] <= D(2017, 7, 2)


def test_a_trial_ending_before_the_hire_is_refused():
    try:
        rules.contact_dates(D(2017, 3, 6), D(2017, 3, 1))
    except ValueError as exc:
        assert "essai" in str(exc)
    else:
        raise AssertionError("accepted")


@given(hired_on=hire_dates, days=trial_days)
def test_schedule_properties(hired_on, days):
    trial_end = _trial_end(hired_on, days)
    schedule = rules.followup_schedule(hired_on, trial_end)
    dates = rules.contact_dates(hired_on, trial_end)
    end = hired_on + relativedelta(months=6)
    weekly_end = max(trial_end or hired_on, hired_on + datetime.timedelta(days=7))
    # Both parties, separately, each time.
    assert [(c.due_on, c.party) for c in schedule] == [
        (day, party) for day, _ in dates for party in (Party.EMPLOYER, Party.EMPLOYEE)
    ]
    # Sorted, no date twice, none on the hire day, none after 6 months.
    days_only = [day for day, _ in dates]
    assert days_only == sorted(set(days_only))
    assert all(hired_on < day <= end for day in days_only)
    # The first one within a week of the hire.
    assert days_only[0] - hired_on <= datetime.timedelta(days=7)
    # Weekly during the trial period: every 7 days from the hire, none missing.
    weekly = [day for day, phase in dates if phase == Phase.TRIAL]
    assert weekly == [hired_on + datetime.timedelta(weeks=k) for k in range(1, len(weekly) + 1)]
    next_week = hired_on + datetime.timedelta(weeks=len(weekly) + 1)
    assert next_week > min(weekly_end, end)
    # Monthly after it: each month from the hire, after the trial, up to 6 months.
    monthly = [day for day, phase in dates if phase == Phase.MONTHLY]
    expected = [
        hired_on + relativedelta(months=m)
        for m in range(1, 7)
        if min(weekly_end, end) < hired_on + relativedelta(months=m) <= end
    ]
    assert monthly == expected
    assert all(day > (trial_end or hired_on) for day in monthly)
    # Monthly contacts only come after every weekly one.
    if weekly and monthly:
        assert monthly[0] > weekly[-1]


@given(hired_on=hire_dates, days=st.integers(min_value=0, max_value=400))
def test_durable_means_cdi_or_six_months_and_more(hired_on, days):
    end = hired_on + datetime.timedelta(days=days)
    six_months_end = hired_on + relativedelta(months=6) - datetime.timedelta(days=1)
    assert rules.is_durable("cdi", hired_on, None)
    assert rules.is_durable("cdd", hired_on, end) == (end >= six_months_end)
    assert not rules.is_durable("pmsmp", hired_on, end)
    assert not rules.is_durable("cdd", hired_on, None)


def test_a_cdd_from_january_to_june_is_durable():
    assert rules.is_durable("cdd", D(2017, 1, 1), D(2017, 6, 30))
    assert not rules.is_durable("cdd", D(2017, 1, 1), D(2017, 6, 29))


def test_reviews_every_six_months():
    assert rules.next_review_due(D(2017, 1, 31), None) == D(2017, 7, 31)
    assert rules.next_review_due(D(2017, 1, 31), D(2017, 8, 2)) == D(2018, 2, 2)
