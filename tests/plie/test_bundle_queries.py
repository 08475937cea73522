"""The number of SQL queries of a PLIE import does not grow with the number of rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.bundle.importer import import_bundle
from maillage.organisations.models import Structure
from maillage.people.models import Followup, Person
from maillage.plie.models import Parcours
from tests.plie import bundle_data as data

pytestmark = pytest.mark.django_db


def queries(folder) -> int:
    with CaptureQueriesContext(connection) as captured:
        report = import_bundle(folder)
    assert report.errors == []
    return len(captured)


def reset() -> None:
    Parcours.objects.all().delete()
    Followup.objects.all().delete()
    Person.objects.all().delete()
    Structure.objects.all().delete()


def moved(files: dict, days: int) -> dict:
    """The same bundle with every parcours' exit (and nothing else) moved by ``days``."""
    header, *rows = files["plie_parcours.csv"]
    index = header.index("exit_date")
    rows = [
        (
            *row[:index],
            (dt.date.fromisoformat(row[index]) + dt.timedelta(days)).isoformat(),
            *row[index + 1 :],
        )
        for row in rows
    ]
    return {**files, "plie_parcours.csv": [header, *rows]}


def test_same_queries_for_10_and_100_parcours(tmp_path):
    small, large = data.generated(10), data.generated(100)
    created_small = queries(data.write(tmp_path / "small", small))
    reset()
    created_large = queries(data.write(tmp_path / "large", large))
    assert created_small == created_large <= 35

    unchanged = queries(data.write(tmp_path / "again", large))
    assert unchanged <= 15

    # Moved exits: stored steps are read back to check them against the new dates.
    small_moved = queries(data.write(tmp_path / "small-moved", moved(small, 10)))
    reset()
    queries(data.write(tmp_path / "large-initial", large))
    large_moved = queries(data.write(tmp_path / "large-moved", moved(large, 10)))
    assert small_moved == large_moved


def test_situations_changes_take_a_fixed_number_of_queries(tmp_path):
    def relabelled(files: dict, code: str) -> dict:
        header, *rows = files["plie_parcours.csv"]
        index = header.index("entry_situations")
        rows = [(*row[:index], code, *row[index + 1 :]) for row in rows]
        return {**files, "plie_parcours.csv": [header, *rows]}

    counts = []
    for count in (10, 100):
        reset()
        files = data.generated(count)
        queries(data.write(tmp_path / f"init{count}", files))
        counts.append(queries(data.write(tmp_path / f"th{count}", relabelled(files, "th|deld"))))
    assert counts[0] == counts[1]
