"""The rules of individual aids, as pure functions (hypothesis where it fits)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from maillage.aids import rules
from maillage.aids.models import AidKind, Outcome

months = st.builds(lambda y, m: date(y, m, 1), st.integers(2012, 2030), st.integers(1, 12))
amounts = st.decimals(min_value=-10000, max_value=10000, places=2, allow_nan=False)


@given(months, st.integers(1, 3))
def test_voucher_months_are_consecutive_first_days(first, n):
    found = rules.voucher_months(first, n)
    assert len(found) == n and all(m.day == 1 for m in found)
    assert rules.longest_run(found) == n


@given(st.lists(months, max_size=12))
def test_longest_run_is_at_most_the_number_of_distinct_months(found):
    run = rules.longest_run(found)
    assert run <= len(set(found))
    assert (run == 0) == (not found)


@given(months, st.integers(1, 3), st.integers(0, 3))
def test_each_voucher_month_needs_a_running_step(first, n, covered):
    wanted = rules.voucher_months(first, n)
    covered = min(covered, n)
    # One step covering exactly the first ``covered`` months.
    steps = [(wanted[0], rules.month_end(wanted[covered - 1]))] if covered else []
    errors = rules.check_vouchers(wanted, steps)
    assert bool(errors) == (covered < n)
    if covered < n:
        assert f"{wanted[covered]:%m/%Y}" in errors["voucher_first_month"][0]


def test_a_step_running_one_day_of_the_month_is_enough():
    month = date(2017, 5, 1)
    assert rules.step_runs_in(month, date(2017, 5, 31), None)
    assert rules.step_runs_in(month, date(2017, 1, 1), date(2017, 5, 1))
    assert not rules.step_runs_in(month, date(2017, 6, 1), None)
    assert not rules.step_runs_in(month, date(2017, 1, 1), date(2017, 4, 30))


def test_more_than_three_months_in_a_row_counting_earlier_requests_is_refused():
    steps = [(date(2017, 1, 1), None)]
    earlier = rules.voucher_months(date(2017, 1, 1), 3)
    errors = rules.check_vouchers([date(2017, 4, 1)], steps, earlier)
    assert "d'affilée" in errors["voucher_first_month"][0]
    assert rules.check_vouchers([date(2017, 5, 1)], steps, earlier) == {}
    twice = rules.check_vouchers([date(2017, 3, 1)], steps, earlier)
    assert "déjà" in twice["voucher_first_month"][0]


@given(amounts, st.decimals(min_value=0, max_value=5000, places=2))
def test_amounts_negative_or_above_the_maximum_are_refused(amount, maximum):
    errors = rules.check_amount(amount, maximum, field="amount_requested")
    assert bool(errors) == (amount < 0 or amount > maximum)


def _decision(**overrides):
    values = {
        "outcome": Outcome.ACCEPTED,
        "amount_requested": Decimal("500"),
        "amount_granted": Decimal("500"),
        "refusal_reason": "",
        "maximum": Decimal("3000"),
        "requested_on": date(2017, 3, 1),
        "decided_on": date(2017, 3, 15),
        "payment_date": None,
    }
    return rules.check_decision(**(values | overrides))


def test_a_refusal_must_carry_a_reason():
    errors = _decision(outcome=Outcome.REFUSED, amount_granted=None)
    assert "motif" in errors["refusal_reason"][0]
    assert (
        _decision(outcome=Outcome.REFUSED, amount_granted=None, refusal_reason="Hors critères")
        == {}
    )


@given(amounts)
def test_partly_accepted_grants_a_positive_amount_below_the_request(granted):
    errors = _decision(outcome=Outcome.PARTLY_ACCEPTED, amount_granted=granted)
    assert (errors == {}) == (Decimal(0) < granted < Decimal("500"))


def test_decision_dates_follow_the_request():
    assert "decided_on" in _decision(decided_on=date(2017, 2, 1))
    assert "payment_date" in _decision(payment_date=date(2017, 3, 1))
    assert _decision(payment_date=date(2017, 4, 1)) == {}
    assert "amount_granted" in _decision(amount_granted=Decimal("400"))


def test_maximum_amounts_come_from_the_settings(settings):
    settings.MAILLAGE_AID_MAX_AMOUNTS = {"childcare": "800"}
    maximums = rules.maximum_amounts()
    assert maximums[AidKind.CHILDCARE] == Decimal("800")
    assert maximums[AidKind.TRAINING] == rules.DEFAULT_MAXIMUM_AMOUNTS[AidKind.TRAINING]


def test_kind_details():
    assert "training_field" in rules.check_kind_details(AidKind.TRAINING, "", None)
    assert "training_field" in rules.check_kind_details(AidKind.CHILDCARE, "fle", None)
    assert "voucher_months" in rules.check_kind_details(AidKind.TRANSPORT_VOUCHERS, "", 4)
    assert rules.check_kind_details(AidKind.TRANSPORT_VOUCHERS, "", 3) == {}


def test_month_end():
    assert rules.month_end(date(2016, 2, 1)) == date(2016, 2, 29)
    assert rules.add_months(date(2017, 12, 1), 1) == date(2018, 1, 1)
    assert rules.month_end(date(2017, 12, 1)) + timedelta(days=1) == date(2018, 1, 1)
