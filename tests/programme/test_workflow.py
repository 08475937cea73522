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
        "note": "Avis favorable" if target in (Status.OPINION, Status.REFUSED) else "",
        "vote_body": VoteBody.BOARD if target in (Status.VOTED, Status.REFUSED) else "",
        "checked_eur": Decimal("100") if target == Status.BALANCE_PAID else None,
        "fse_eur": Decimal("1000"),
    }


@given(st.sampled_from(Status.values), st.sampled_from(Status.values))
def test_only_the_next_step_or_a_refusal_at_the_vote_is_accepted(current, target):
    errors = check(current, target, **valid_details(target))
    refusal_at_vote = current == Status.OPINION and target == Status.REFUSED
    assert (not errors) == (target == workflow.next_status(current) or refusal_at_vote)
    if errors:
        assert errors["status"][0].startswith(
            (
                "Transition impossible",
                "L'opération est déjà",
                "L'opération n'a pas été retenue",
                "Une opération n'est refusée qu'au vote",
            )
        )


@given(st.lists(st.sampled_from(Status.values), max_size=12))
def test_any_accepted_path_follows_the_order_and_ends_at_a_refusal(targets):
    """Applying whichever transitions are accepted: the statuses reached are a prefix of the
    order, possibly ended by "Non retenue" right after the PLIE's opinion, and nothing follows."""
    current, reached = Status.SUBMITTED, [Status.SUBMITTED]
    for target in targets:
        if not check(current, target, **valid_details(target)):
            current = target
            reached.append(target)
    if Status.REFUSED in reached:
        assert reached == [Status.SUBMITTED, Status.OPINION, Status.REFUSED]
        assert workflow.allowed_targets(current) == ()
    else:
        assert tuple(reached) == workflow.ORDER[: len(reached)]


def test_refused_is_terminal_and_outside_the_order():
    assert Status.REFUSED not in workflow.ORDER
    assert workflow.next_status(Status.REFUSED) is None
    assert workflow.allowed_targets(Status.OPINION) == (Status.VOTED, Status.REFUSED)
    assert workflow.allowed_targets(Status.SUBMITTED) == (Status.OPINION,)
    assert check(Status.REFUSED, Status.VOTED)["status"] == [
        "L'opération n'a pas été retenue au vote : plus aucune étape à franchir."
    ]
    assert check(Status.VOTED, Status.REFUSED)["status"] == [
        "Une opération n'est refusée qu'au vote, après l'avis du PLIE : elle est « Votée »."
    ]


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
    refusal = check(Status.OPINION, Status.REFUSED, note=" ")
    assert refusal == {
        "vote_body": ["Indiquez l'instance qui a voté (conseil d'administration ou comité)."],
        "note": ["Indiquez le motif du refus."],
    }
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
