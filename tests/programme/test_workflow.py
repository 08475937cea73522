"""The circuit's rules: one step at a time, dated in order, with the details each step needs."""

from datetime import date, timedelta
from decimal import Decimal

from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from maillage.programme import workflow
from maillage.programme.models import Status, VoteBody

TODAY = date(2020, 1, 1)


def check(current, target, on=date(2017, 6, 1), last_on=None, **kwargs):
    return workflow.check_transition(
        current=current, target=target, on=on, last_on=last_on, today=TODAY, **kwargs
    )


def valid_details(target):
    return {
        "note": "Avis favorable" if target == Status.OPINION else "",
        "vote_body": VoteBody.BOARD if target == Status.VOTED else "",
        "checked_eur": Decimal("100") if target == Status.BALANCE_PAID else None,
        "fse_eur": Decimal("1000"),
    }


@given(st.sampled_from(Status.values), st.sampled_from(Status.values))
def test_only_the_next_step_is_accepted(current, target):
    errors = check(current, target, **valid_details(target))
    assert (not errors) == (target == workflow.next_status(current))
    if errors:
        assert errors["status"][0].startswith(("Transition impossible", "L'opération est déjà"))


def test_out_of_order_message_names_the_expected_step():
    errors = check(Status.SUBMITTED, Status.CONVENTION)
    assert errors["status"] == [
        "Transition impossible : l'opération est « Déposée », l'étape suivante est "
        "« Avis du PLIE rendu », pas « Convention signée »."
    ]
    assert check(Status.CLOSED, Status.SUBMITTED)["status"][0].startswith("L'opération est déjà")


@given(st.integers(min_value=-400, max_value=400))
def test_a_step_is_never_dated_before_the_previous_one_nor_in_the_future(shift):
    last_on = date(2017, 6, 1)
    on = last_on + timedelta(days=shift)
    errors = check(Status.VOTED, Status.CONVENTION, on=on, last_on=last_on)
    assert bool(errors) == (on < last_on or on > TODAY)


def test_details_required_by_some_steps():
    assert "note" in check(Status.SUBMITTED, Status.OPINION, note="  ")
    assert "vote_body" in check(Status.OPINION, Status.VOTED)
    assert "checked_eur" in check(Status.ADVANCE_PAID, Status.BALANCE_PAID, fse_eur=Decimal(10))
    too_much = check(
        Status.ADVANCE_PAID,
        Status.BALANCE_PAID,
        checked_eur=Decimal("11"),
        fse_eur=Decimal("10"),
    )
    assert too_much["checked_eur"] == ["Le montant retenu dépasse le FSE conventionné (10 €)."]


def test_advance_is_half_the_fse_by_default_and_configurable():
    assert workflow.advance_amount(Decimal("1000.01")) == Decimal("500.01")
    assert workflow.advance_amount(None) == Decimal("0.00")
    with override_settings(MAILLAGE_PROGRAMME_ADVANCE_RATE="30"):
        assert workflow.advance_amount(Decimal("1000")) == Decimal("300.00")
    with override_settings(MAILLAGE_PROGRAMME_ADVANCE_RATE="0.4"):
        assert workflow.advance_amount(Decimal("1000")) == Decimal("400.00")
