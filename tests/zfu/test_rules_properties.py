"""Properties of the exemption whatever the figures: never more than the profit nor the cap,
a rate that never rises from one year to the next."""

from hypothesis import given
from hypothesis import strategies as st

from maillage.zfu import rules
from maillage.zfu.facts import Verdict
from tests.zfu.builders import a_year

counts = st.integers(min_value=0, max_value=60)


@st.composite
def fiscal_years(draw):
    employees = draw(counts)
    hires = draw(counts)
    return a_year(
        year=draw(st.integers(min_value=1, max_value=20)),
        profit=draw(st.integers(min_value=-1_000_000, max_value=5_000_000)),
        qualifying_employees=employees,
        resident_employees=draw(st.integers(min_value=0, max_value=employees)),
        qualifying_hires=hires,
        resident_hires=draw(st.integers(min_value=0, max_value=hires)),
        resident_new_hires=draw(counts),
    )


@given(fiscal_years(), st.sampled_from(Verdict))
def test_exempt_profit_is_within_profit_and_cap(year, verdict):
    result = rules.year_result(year, verdict)
    assert 0 <= result.exempt_profit <= max(year.profit, 0)
    assert result.exempt_profit <= result.cap
    assert result.cap == 50_000 + 5_000 * year.resident_new_hires
    if result.cap_applied:
        assert result.exempt_profit == result.cap < result.exemptable_profit


@given(st.integers(min_value=1, max_value=40))
def test_rate_never_rises(year):
    assert rules.exemption_rate(year + 1) <= rules.exemption_rate(year)


@given(fiscal_years())
def test_the_clause_is_never_assessed_below_two_employees(year):
    if year.qualifying_employees < 2:
        assert rules.hiring_clause(year).satisfied
