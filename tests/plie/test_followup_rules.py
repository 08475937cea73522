"""The follow-up commission's proposals: blocked and successful parcours, SQL against Python."""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.plie import followup_rules
from maillage.plie.commission_models import Commission
from maillage.plie.followup_rules import add_months, is_durable_cdd
from maillage.plie.models import Parcours, Step
from tests.factories import StructureFactory
from tests.plie.factories import ParcoursFactory, StepFactory

ON = date(2017, 6, 30)

MONTH_ENDS = [
    *(date(2016, 8, 31), date(2017, 8, 31), date(2019, 8, 31), date(2017, 2, 28)),
    *(date(2020, 2, 29), date(2018, 2, 28), date(2017, 12, 31), date(2017, 3, 31)),
]
month_ends = st.sampled_from(MONTH_ENDS)
some_dates = st.one_of(
    month_ends, st.dates(min_value=date(2015, 1, 1), max_value=date(2020, 12, 31))
)


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2017, 8, 31), 6) == date(2018, 2, 28)
    assert add_months(date(2019, 8, 31), 6) == date(2020, 2, 29)
    assert add_months(date(2017, 5, 31), -3) == date(2017, 2, 28)
    assert add_months(date(2017, 1, 15), -1) == date(2016, 12, 15)
    assert add_months(date(2017, 11, 30), 3) == date(2018, 2, 28)


def test_a_cdd_is_durable_from_six_calendar_months():
    assert is_durable_cdd(date(2017, 1, 10), None)
    assert is_durable_cdd(date(2017, 1, 10), date(2017, 7, 10))
    assert not is_durable_cdd(date(2017, 1, 10), date(2017, 7, 9))
    # 31 August + 6 months is the last day of February.
    assert is_durable_cdd(date(2017, 8, 31), date(2018, 2, 28))
    assert not is_durable_cdd(date(2019, 8, 31), date(2020, 2, 28))
    assert is_durable_cdd(date(2019, 8, 31), date(2020, 2, 29))


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(some_dates, st.one_of(st.none(), some_dates), st.sampled_from(["cdd", "cdi"])),
        min_size=1,
        max_size=12,
    )
)
def test_the_sql_durable_contract_rule_is_the_python_one(pairs):
    with transaction.atomic():
        parcours = ParcoursFactory(entry_date=date(2015, 1, 1))
        expected = set()
        for start, end, contract in pairs:
            if end is not None and end < start:
                start, end = end, start
            step = StepFactory(
                parcours=parcours,
                category="employment_contract",
                contract_type=contract,
                start_date=start,
                end_date=end,
            )
            if contract == "cdi" or is_durable_cdd(start, end):
                expected.add(step.pk)
        found = set(
            Step.objects.filter(followup_rules.durable_contract_q()).values_list("pk", flat=True)
        )
        transaction.set_rollback(True)
    assert found == expected


def naive_blocked(parcours_rows, steps_rows, on, months):
    since = add_months(on, -months)
    blocked = set()
    for key, entry, exit_ in parcours_rows:
        if entry > on or (exit_ is not None and exit_ <= on) or entry > since:
            continue
        if any(
            p == key and start <= on and (end is None or end >= since)
            for p, start, end in steps_rows
        ):
            continue
        blocked.add(key)
    return blocked


@st.composite
def caseloads(draw):
    parcours_rows, steps_rows = [], []
    for key in range(draw(st.integers(0, 6))):
        entry = draw(st.dates(min_value=date(2016, 1, 1), max_value=date(2017, 7, 31)))
        exit_ = draw(st.one_of(st.none(), st.dates(min_value=entry, max_value=date(2017, 12, 31))))
        parcours_rows.append((key, entry, exit_))
        for _ in range(draw(st.integers(0, 3))):
            start = draw(st.dates(min_value=entry, max_value=exit_ or date(2017, 12, 31)))
            end = draw(st.one_of(st.none(), st.dates(min_value=start, max_value=date(2018, 6, 30))))
            steps_rows.append((key, start, end))
    return parcours_rows, steps_rows


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(data=caseloads(), months=st.integers(1, 6), on=st.sampled_from([ON, date(2017, 3, 31)]))
def test_the_sql_blocked_rule_is_the_python_one(data, months, on):
    parcours_rows, steps_rows = data
    with transaction.atomic():
        structure = StructureFactory(code="FR-BLOCKED", territory="Pentes")
        stored = {}
        for key, entry, exit_ in parcours_rows:
            stored[key] = ParcoursFactory(
                structure=structure,
                entry_date=entry,
                exit_date=exit_,
                exit_type="dropout" if exit_ else "",
            )
        for key, start, end in steps_rows:
            StepFactory(parcours=stored[key], start_date=start, end_date=end)
        found = set(
            followup_rules.blocked(Parcours.objects.all(), on=on, months=months).values_list(
                "pk", flat=True
            )
        )
        transaction.set_rollback(True)
    expected = {stored[key].pk for key in naive_blocked(parcours_rows, steps_rows, on, months)}
    assert found == expected


@pytest.fixture
def territory_parcours(db):
    """Parcours of the Pentes territory, and one of Mermoz that is never proposed to Pentes."""
    pentes = StructureFactory(code="FR-PENTES", territory="Pentes")
    mermoz = StructureFactory(code="FR-MERMOZ", territory="Mermoz")

    def make(structure, entry, **kwargs):
        return ParcoursFactory(structure=structure, entry_date=entry, **kwargs)

    return pentes, mermoz, make


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_blocked_proposals_edge_cases(territory_parcours, settings):
    pentes, mermoz, make = territory_parcours
    idle = make(pentes, date(2016, 1, 4))
    just_entered = make(pentes, date(2017, 5, 2))  # entered less than 3 months ago
    running = make(pentes, date(2016, 1, 4))
    StepFactory(parcours=running, start_date=date(2016, 2, 1), end_date=None)
    ended_on_the_boundary = make(pentes, date(2016, 1, 4))  # ended exactly 3 months before
    StepFactory(
        parcours=ended_on_the_boundary, start_date=date(2016, 2, 1), end_date=date(2017, 3, 30)
    )
    ended_the_day_before = make(pentes, date(2016, 1, 4))
    StepFactory(
        parcours=ended_the_day_before, start_date=date(2016, 2, 1), end_date=date(2017, 3, 29)
    )
    future_step_only = make(pentes, date(2016, 1, 4))
    StepFactory(parcours=future_step_only, start_date=date(2017, 7, 3))
    exited = make(pentes, date(2016, 1, 4), exit_date=date(2017, 6, 1), exit_type="administrative")
    make(mermoz, date(2016, 1, 4))

    proposed = followup_rules.proposals("Pentes", ON)
    assert ids(proposed["blocked"]) == {
        idle.pk,
        ended_the_day_before.pk,
        future_step_only.pk,
    }
    assert just_entered.pk not in ids(proposed["blocked"]) and exited.pk not in ids(
        proposed["blocked"]
    )

    settings.MAILLAGE_PLIE_BLOCKED_MONTHS = 12
    assert ids(followup_rules.proposals("Pentes", ON)["blocked"]) == {idle.pk, future_step_only.pk}


def contract(parcours, start, contract_type="cdd", end=None):
    return StepFactory(
        parcours=parcours,
        category="employment_contract",
        contract_type=contract_type,
        start_date=start,
        end_date=end,
    )


def test_successful_since_the_last_follow_up_commission(territory_parcours):
    pentes, mermoz, make = territory_parcours
    Commission.objects.create(
        kind="follow_up", territory="Pentes", date=date(2017, 3, 15), status="held"
    )
    Commission.objects.create(  # planned, not held: not "the last follow-up commission"
        kind="follow_up", territory="Pentes", date=date(2017, 5, 15)
    )
    Commission.objects.create(  # another territory's commission does not count
        kind="follow_up", territory="Mermoz", date=date(2017, 6, 1), status="held"
    )
    cdi = make(pentes, date(2016, 1, 4))
    contract(cdi, date(2017, 4, 1), "cdi")
    long_cdd = make(pentes, date(2016, 1, 4))
    contract(long_cdd, date(2017, 4, 1), end=date(2017, 10, 1))
    open_cdd = make(pentes, date(2016, 1, 4))
    contract(open_cdd, date(2017, 3, 16))
    short_cdd = make(pentes, date(2016, 1, 4))
    contract(short_cdd, date(2017, 4, 1), end=date(2017, 9, 30))
    interim = make(pentes, date(2016, 1, 4))
    contract(interim, date(2017, 4, 1), "interim")
    before_last = make(pentes, date(2016, 1, 4))
    contract(before_last, date(2017, 3, 15), "cdi")  # seen by the March commission
    after_on = make(pentes, date(2016, 1, 4))
    contract(after_on, date(2017, 7, 1), "cdi")
    exited = make(
        pentes,
        date(2016, 1, 4),
        exit_date=date(2017, 6, 1),
        exit_type="positive",
        exit_reason="cdi",
    )
    contract(exited, date(2017, 4, 1), "cdi")
    elsewhere = make(mermoz, date(2016, 1, 4))
    contract(elsewhere, date(2017, 4, 1), "cdi")

    proposed = followup_rules.proposals("Pentes", ON)
    assert ids(proposed["successful"]) == {cdi.pk, long_cdd.pk, open_cdd.pk}


def test_without_a_previous_commission_the_last_three_months_count(territory_parcours):
    pentes, _, make = territory_parcours
    recent = make(pentes, date(2016, 1, 4))
    contract(recent, date(2017, 4, 1), "cdi")
    old = make(pentes, date(2016, 1, 4))
    contract(old, date(2017, 3, 30), "cdi")  # 30 June − 3 months = 30 March: excluded
    assert ids(followup_rules.proposals("Pentes", ON)["successful"]) == {recent.pk}


def test_proposals_run_a_fixed_number_of_queries(territory_parcours, django_assert_max_num_queries):
    pentes, _, make = territory_parcours
    for _ in range(20):
        contract(make(pentes, date(2016, 1, 4)), date(2017, 4, 1), "cdi")
        make(pentes, date(2016, 1, 4))
    with django_assert_max_num_queries(3):
        proposed = followup_rules.proposals("Pentes", ON)
        assert proposed["successful"].count() == 20
        assert proposed["blocked"].count() == 20
