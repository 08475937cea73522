"""Property-based tests of the PLIE rules, each against a direct statement of the rule."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.plie import rules
from maillage.plie.models import ContractType, ExitReason, ExitType, Parcours, StepCategory
from tests.factories import PersonFactory, StructureFactory

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2015, 3, 31))
maybe_days = st.one_of(st.none(), days)
FOREVER = date(2015, 12, 31)


def day_set(start, end):
    """Every day of [start, end], an open end standing for the end of the test range."""
    last = end or FOREVER
    return {start + timedelta(days=n) for n in range((last - start).days + 1)}


@given(a_start=days, a_end=maybe_days, b_start=days, b_end=maybe_days)
def test_overlap_means_a_shared_day(a_start, a_end, b_start, b_end):
    if (a_end and a_end < a_start) or (b_end and b_end < b_start):
        return
    shared = bool(day_set(a_start, a_end) & day_set(b_start, b_end))
    assert rules.periods_overlap(a_start, a_end, b_start, b_end) is shared
    assert rules.periods_overlap(b_start, b_end, a_start, a_end) is shared
    errors = rules.check_no_overlap(a_start, a_end, [(b_start, b_end)])
    assert bool(errors) is shared
    if shared:
        assert "déjà un parcours" in errors["entry_date"][0]


@given(entry=days, exit_=maybe_days, start=days, end=maybe_days)
def test_step_dates(entry, exit_, start, end):
    errors = rules.check_step_dates(start, end, entry, exit_)
    starts_inside = start >= entry and (exit_ is None or start <= exit_)
    assert ("start_date" not in errors) is starts_inside
    assert ("end_date" not in errors) is (end is None or end >= start)
    # Ending after the exit is allowed (a contract goes on after a positive exit).
    if starts_inside and end is not None and exit_ is not None and end > exit_:
        assert errors == {}


@given(
    category=st.sampled_from([*StepCategory.values, "unknown"]),
    contract_type=st.sampled_from(["", *ContractType.values, "zzz"]),
)
def test_contract_type_iff_employment_contract(category, contract_type):
    errors = rules.check_contract_type(category, contract_type)
    if category == StepCategory.EMPLOYMENT_CONTRACT:
        assert (errors == {}) is (contract_type in ContractType.values)
    else:
        assert (errors == {}) is (contract_type == "")


exit_types = st.sampled_from(["", *ExitType.values, "other"])
exit_reasons = st.sampled_from(["", *ExitReason.values, "cdd_court"])


@given(entry=days, exit_=maybe_days, exit_type=exit_types, reason=exit_reasons)
def test_exit_rule(entry, exit_, exit_type, reason):
    errors = rules.check_exit(entry, exit_, exit_type, reason)
    coherent = (exit_ is None and exit_type == "" and reason == "") or (
        exit_ is not None
        and exit_ >= entry
        and exit_type in ExitType.values
        and (reason in ExitReason.values if exit_type == "positive" else reason == "")
    )
    assert (errors == {}) is coherent
    for messages in errors.values():
        assert all(isinstance(m, str) and m for m in messages)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(entry=days, exit_=maybe_days, exit_type=exit_types, reason=exit_reasons)
def test_exit_rule_agrees_with_the_database_constraints(entry, exit_, exit_type, reason):
    """What the rule accepts, the constraints accept, and the other way round."""
    from django.core.exceptions import ValidationError

    if exit_type == "other" or reason == "cdd_court":
        return  # unknown codes are the choices' business, not the constraints'
    parcours = Parcours(
        person=PersonFactory.build(),
        structure=StructureFactory.build(),
        entry_date=entry,
        exit_date=exit_,
        exit_type=exit_type,
        exit_reason=reason,
    )
    try:
        parcours.validate_constraints()
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is (rules.check_exit(entry, exit_, exit_type, reason) == {})


def step(category, contract_type=""):
    return SimpleNamespace(category=category, contract_type=contract_type)


@given(
    reason=st.sampled_from(ExitReason.values),
    steps=st.lists(
        st.sampled_from(
            [step("employment_contract", c) for c in ("cdi", "cdd", "interim")]
            + [step("training"), step("support")]
        ),
        max_size=4,
    ),
)
def test_cdi_exit_without_cdi_step_is_a_warning(reason, steps):
    parcours = SimpleNamespace(exit_type="positive", exit_reason=reason, pk=None)
    warnings = rules.positive_exit_consistency(parcours, steps)
    has_cdi = any(s.category == "employment_contract" and s.contract_type == "cdi" for s in steps)
    assert bool(warnings) is (reason == "cdi" and not has_cdi)


def test_steps_must_start_before_the_exit():
    errors = rules.check_steps_before_exit(date(2017, 6, 30), [date(2017, 1, 1), date(2017, 7, 1)])
    assert "01/07/2017" in errors["exit_date"][0]
    assert rules.check_steps_before_exit(date(2017, 6, 30), [date(2017, 6, 30)]) == {}
