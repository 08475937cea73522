"""The figures cost a fixed number of queries, whatever the number of participants."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.plie.indicators import cumulative_block, plie_block
from tests.plie.factories import ParcoursFactory, StepFactory

pytestmark = pytest.mark.django_db


def add_participants(count: int) -> None:
    for n in range(count):
        parcours = ParcoursFactory(
            entry_date=date(2016, 1, 1) + timedelta(days=7 * n), situations=["rsa", "deld"]
        )
        StepFactory(parcours=parcours, category="employment_contract", contract_type="cdi")
        StepFactory(parcours=parcours, category="training")


def count_queries(function, *args) -> int:
    with CaptureQueriesContext(connection) as context:
        function(*args)
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_participants():
    add_participants(2)
    small = (count_queries(plie_block, 2017), count_queries(cumulative_block, 2012, 2017))
    add_participants(40)
    large = (count_queries(plie_block, 2017), count_queries(cumulative_block, 2012, 2017))
    assert plie_block(2017)["participants"] == 42
    assert small == large == (5, 2)
