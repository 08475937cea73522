"""The cross-row checks of a PLIE import against direct statements of the rules."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.plie import rules
from maillage.plie.bundle_checks import BundledParcours, ParcoursState, overlap_errors

days = st.integers(min_value=0, max_value=60).map(lambda n: date(2016, 1, 1) + timedelta(n))


@given(entry=days, starts=st.lists(days, max_size=5))
def test_steps_after_entry(entry, starts):
    errors = rules.check_steps_after_entry(entry, starts)
    early = [start for start in starts if start < entry]
    assert bool(errors) == bool(early)
    if early:
        assert errors["entry_date"][0].startswith(f"{len(early)} étape(s)")


@st.composite
def paths(draw):
    """Parcours of three people as a bundle lists them (line 2 onwards)."""
    count = draw(st.integers(min_value=0, max_value=8))
    result = []
    for index in range(count):
        entry = draw(days)
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=40)))
        exit_ = None if length is None else entry + timedelta(length)
        result.append((draw(st.integers(1, 3)), entry, exit_, index + 2))
    return result


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=paths())
def test_overlaps_are_reported_once_on_the_later_line(rows):
    state = ParcoursState(paths={f"P{row[3]}": BundledParcours(*row) for row in rows})
    reported = sorted(error.line for error in overlap_errors(state))

    def overlap(a, b):
        return a[1] <= (b[2] or date.max) and b[1] <= (a[2] or date.max)

    expected = sorted(
        row[3]
        for row in rows
        if any(other[0] == row[0] and other[3] < row[3] and overlap(row, other) for other in rows)
    )
    assert reported == expected
