"""The SQL indicators agree with the naive reading of indicators.md on random small datasets.

Each example builds its own people, parcours and steps inside a transaction
that is rolled back afterwards, so examples never see each other's rows. Dates
are drawn around the year boundaries, where off-by-one errors live.
"""

import math
from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.people.models import Person
from maillage.plie.indicators import cumulative_block, plie_block
from maillage.plie.models import EntrySituation, Parcours, Step
from tests.factories import StructureFactory
from tests.plie.naive import (
    CATEGORIES,
    EDUCATION,
    EXIT_TYPES,
    REASONS,
    SITUATIONS,
    NParcours,
    NPerson,
    NStep,
    naive_cumulative,
    naive_plie,
)

YEAR, SINCE = 2017, 2015

EDGES = [
    date(y, m, d) for y in (2011, 2012, 2014, 2015, 2016, 2017, 2018) for m, d in ((1, 1), (12, 31))
]
some_dates = st.one_of(
    st.sampled_from(EDGES), st.dates(min_value=date(2010, 1, 1), max_value=date(2019, 6, 30))
)
births = st.one_of(
    st.sampled_from([date(1992, 2, 29), date(1988, 2, 29), date(1991, 12, 31), date(1966, 1, 1)]),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2002, 12, 31)),
)


@st.composite
def datasets(draw):
    people, parcours, steps = [], [], []
    for person_key in range(draw(st.integers(min_value=0, max_value=6))):
        people.append(
            NPerson(
                person_key,
                draw(st.sampled_from(["F", "M"])),
                draw(births),
                draw(st.sampled_from([*EDUCATION, ""])),
            )
        )
        # Non-overlapping parcours: strictly increasing boundary dates, paired.
        count = draw(st.integers(min_value=0, max_value=3))
        bounds = sorted(draw(st.sets(some_dates, min_size=2 * count, max_size=2 * count)))
        for i in range(count):
            entry, exit_ = bounds[2 * i], bounds[2 * i + 1]
            if i == count - 1 and draw(st.booleans()):
                exit_ = None
            exit_type = draw(st.sampled_from(EXIT_TYPES)) if exit_ else ""
            reason = draw(st.sampled_from(REASONS)) if exit_type == "positive" else ""
            item = NParcours(
                len(parcours),
                person_key,
                entry,
                exit_,
                exit_type,
                reason,
                draw(st.booleans()),
                sorted(draw(st.sets(st.sampled_from(SITUATIONS)))),
            )
            parcours.append(item)
            last_start = exit_ or entry + timedelta(days=900)
            for _ in range(draw(st.integers(min_value=0, max_value=3))):
                start = entry + timedelta(days=draw(st.integers(0, (last_start - entry).days)))
                length = draw(st.one_of(st.none(), st.integers(0, 700)))
                category = draw(st.sampled_from(CATEGORIES))
                steps.append(
                    NStep(
                        len(steps),
                        item.key,
                        category,
                        start,
                        None if length is None else start + timedelta(days=length),
                        "cdi" if category == "employment_contract" else "",
                    )
                )
    return people, parcours, steps


def store(people, parcours, steps):
    structure = StructureFactory(code="PROP")
    persons = Person.objects.bulk_create(
        [
            Person(
                external_id=f"PP{p.key}",
                last_name="Test",
                first_names="Prop",
                sex=p.sex,
                birth_date=p.birth_date,
                education_level=p.education_level,
            )
            for p in people
        ]
    )
    stored = Parcours.objects.bulk_create(
        [
            Parcours(
                external_id=f"PR{p.key}",
                person=persons[p.person],
                structure=structure,
                entry_date=p.entry_date,
                exit_date=p.exit_date,
                exit_type=p.exit_type,
                exit_reason=p.exit_reason,
                qpv_at_entry=p.qpv_at_entry,
            )
            for p in parcours
        ]
    )
    EntrySituation.objects.bulk_create(
        [
            EntrySituation(parcours=stored[p.key], code=c)
            for p in parcours
            for c in p.entry_situations
        ]
    )
    Step.objects.bulk_create(
        [
            Step(
                external_id=f"ST{s.key}",
                parcours=stored[s.parcours],
                category=s.category,
                start_date=s.start_date,
                end_date=s.end_date,
                contract_type=s.contract_type,
            )
            for s in steps
        ]
    )


def assert_same(got, expected, path="block"):
    if isinstance(expected, dict):
        assert set(got) == set(expected), path
        for key in expected:
            assert_same(got[key], expected[key], f"{path}.{key}")
    elif isinstance(expected, float):
        assert type(got) is float, path
        assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-12), (path, got, expected)
    else:
        assert type(got) is type(expected) and got == expected, (path, got, expected)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None)
@given(data=datasets())
def test_sql_indicators_match_the_naive_reading(data):
    people, parcours, steps = data
    with transaction.atomic():
        store(people, parcours, steps)
        yearly, cumulative = plie_block(YEAR), cumulative_block(SINCE, YEAR)
        transaction.set_rollback(True)
    assert_same(yearly, naive_plie(YEAR, people, parcours, steps))
    assert_same(cumulative, naive_cumulative(SINCE, YEAR, parcours, steps))
