"""Recurring sessions: the five antennas' 2018 dates against an independent calendar,
exceptions, refused rules, and occurrences edited or cancelled without breaking the series."""

import calendar
import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from maillage.events import series as series_services
from maillage.events import services
from maillage.events.models import Event
from maillage.events.recurrence import ANTENNA_SIMULATION_RULES, occurrence_dates
from tests.factories import StructureFactory

# Computed with the calendar module only: (weekday, nth) with nth = -1 for "last".
INDEPENDENT = {
    "ANT-PENTES": (calendar.TUESDAY, 2),
    "ANT-VOLTAIRE": (calendar.WEDNESDAY, 3),
    "ANT-GERLAND": (calendar.WEDNESDAY, -1),
    "ANT-MERMOZ": (calendar.THURSDAY, 3),
    "ANT-DUCHERE": (calendar.THURSDAY, 1),
}


def nth_weekday(year, month, weekday, nth):
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday] != 0]
    return datetime.date(year, month, days[nth - 1 if nth > 0 else nth])


@pytest.mark.parametrize("code", sorted(ANTENNA_SIMULATION_RULES))
def test_2018_occurrences_of_the_antenna_rules(code):
    _name, rule, _label = ANTENNA_SIMULATION_RULES[code]
    weekday, nth = INDEPENDENT[code]
    expected = [nth_weekday(2018, month, weekday, nth) for month in range(1, 13)]
    got = occurrence_dates(rule, datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))
    assert got == expected


def test_known_2018_dates():
    # Checked on a printed 2018 calendar.
    dates = {
        code: occurrence_dates(rule, datetime.date(2018, 1, 1), datetime.date(2018, 3, 31))
        for code, (_n, rule, _l) in ANTENNA_SIMULATION_RULES.items()
    }
    assert dates["ANT-PENTES"][0] == datetime.date(2018, 1, 9)
    assert dates["ANT-GERLAND"][0] == datetime.date(2018, 1, 31)
    assert dates["ANT-GERLAND"][1] == datetime.date(2018, 2, 28)
    assert dates["ANT-DUCHERE"][0] == datetime.date(2018, 1, 4)
    assert dates["ANT-MERMOZ"][2] == datetime.date(2018, 3, 15)


@given(
    year=st.integers(min_value=2000, max_value=2040),
    weekday=st.integers(min_value=0, max_value=6),
    nth=st.sampled_from([1, 2, 3, 4, -1]),
)
def test_any_nth_weekday_rule_matches_the_calendar(year, weekday, nth):
    code = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][weekday]
    rule = f"FREQ=MONTHLY;BYDAY={nth:+d}{code}"
    got = occurrence_dates(rule, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    assert got == [nth_weekday(year, m, weekday, nth) for m in range(1, 13)]


def test_exceptions_dates_and_closed_months():
    dates = occurrence_dates(
        "FREQ=MONTHLY;BYDAY=+2TU",
        datetime.date(2018, 1, 1),
        datetime.date(2018, 12, 31),
        excluded_dates=["2018-05-08"],  # a holiday
        closed_months=[7, 8],
    )
    assert datetime.date(2018, 5, 8) not in dates
    assert not [d for d in dates if d.month in (7, 8)]
    assert len(dates) == 9


@pytest.mark.parametrize(
    ("rule", "starts", "ends", "closed", "field"),
    [
        ("FREQ=MONTHLY;BYDAY=+2TU;COUNT=1", "2018-08-01", None, [8], "rule"),  # no date left
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "2018-01-01", "2025-01-01", [], "rule"),
        ("FREQ=MONTHLY;BYDAY=+2TU", "2018-01-01", None, [], "ends_on"),  # never ends
        ("FREQ=SOMETIMES", "2018-01-01", "2018-12-31", [], "rule"),
        ("", "2018-01-01", "2018-12-31", [], "rule"),
    ],
)
def test_refused_rules(rule, starts, ends, closed, field):
    with pytest.raises(ValidationError) as exc:
        occurrence_dates(
            rule,
            datetime.date.fromisoformat(starts),
            datetime.date.fromisoformat(ends) if ends else None,
            closed_months=closed,
        )
    assert field in exc.value.error_dict


@pytest.mark.django_db
def test_series_occurrences_edit_cancel_regenerate(admin_user):
    antenna = StructureFactory(code="ANT-PENTES", kind="antenna")
    series, created, removed = series_services.save_series(
        acting_user=admin_user,
        title="Simulations d'entretien — Pentes",
        kind="interview_simulation",
        structure=antenna,
        rule="FREQ=MONTHLY;BYDAY=+2TU",
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2018, 12, 31),
        closed_months=[8],
    )
    assert (created, removed) == (11, 0)
    january = series.occurrences.get(occurrence_date=datetime.date(2018, 1, 9))
    services.save_event(event=january, date=datetime.date(2018, 1, 10), acting_user=admin_user)
    march = series.occurrences.get(occurrence_date=datetime.date(2018, 3, 13))
    series_services.cancel_occurrence(event=march, acting_user=admin_user)
    # Regenerating (same rule) changes nothing: the moved and the cancelled one stay.
    _s, created, removed = series_services.save_series(
        series=series, acting_user=admin_user, place="Maison des services"
    )
    assert (created, removed) == (0, 0)
    assert Event.objects.get(pk=january.pk).date == datetime.date(2018, 1, 10)
    assert Event.objects.get(pk=march.pk).cancelled
    # Opening August adds its date only.
    _s, created, removed = series_services.save_series(
        series=series, acting_user=admin_user, closed_months=[]
    )
    assert created == 1 and series.occurrences.count() == 12
    # Closing December removes its date (no registration on it).
    _s, created, removed = series_services.save_series(
        series=series, acting_user=admin_user, closed_months=[12]
    )
    assert (created, removed) == (0, 1)


@pytest.mark.django_db
def test_a_series_whose_rule_gives_no_date_writes_nothing(admin_user):
    with pytest.raises(ValidationError):
        series_services.save_series(
            acting_user=admin_user,
            title="Vide",
            kind="interview_simulation",
            structure=StructureFactory(),
            rule="FREQ=MONTHLY;BYDAY=+5MO;BYMONTH=2",
            starts_on=datetime.date(2021, 1, 1),
            ends_on=datetime.date(2021, 12, 31),
        )
    assert not Event.objects.exists()
