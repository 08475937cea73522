"""Age in whole years, in Python and in SQL, including birthdays on the day and 29 February."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maillage.plie.ages import age_in_years, age_on
from maillage.plie.models import Parcours
from tests.plie.factories import ParcoursFactory, PersonFactory

CASES = [
    # (birth, on, age)
    (date(1990, 5, 10), date(2017, 5, 9), 26),
    (date(1990, 5, 10), date(2017, 5, 10), 27),  # birthday on the day
    (date(2000, 2, 29), date(2017, 2, 28), 16),
    (date(2000, 2, 29), date(2017, 3, 1), 17),  # non-leap year: older on 1 March
    (date(2000, 2, 29), date(2016, 2, 28), 15),
    (date(2000, 2, 29), date(2016, 2, 29), 16),  # leap year: older on 29 February
    (date(1991, 12, 31), date(2017, 12, 31), 26),
    (date(1992, 1, 1), date(2017, 12, 31), 25),
    (date(1992, 3, 1), date(2017, 2, 28), 24),
]


@pytest.mark.parametrize(("birth", "on", "expected"), CASES)
def test_age_in_years(birth, on, expected):
    assert age_in_years(birth, on) == expected


@pytest.mark.django_db
def test_sql_age_matches_python_age():
    for birth, on, _expected in CASES:
        ParcoursFactory(person=PersonFactory(birth_date=birth), entry_date=on)
    rows = Parcours.objects.annotate(age=age_on("entry_date", "person__birth_date")).values_list(
        "person__birth_date", "entry_date", "age"
    )
    assert sorted((b, o, a) for b, o, a in rows) == sorted(CASES)


@given(
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
    on=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
)
def test_age_increases_by_one_on_each_birthday(birth, on):
    """Counting birthdays one by one (29 February's falls on 1 March in other years)."""
    if on < birth:
        return
    count = 0
    for year in range(birth.year + 1, on.year + 1):
        try:
            anniversary = birth.replace(year=year)
        except ValueError:
            anniversary = date(year, 3, 1)
        count += anniversary <= on
    assert age_in_years(birth, on) == count
