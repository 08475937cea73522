"""The number of SQL queries of an import does not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.bundle.importer import import_bundle
from maillage.people.models import Person

pytestmark = pytest.mark.django_db

HEADER = "person_id,last_name,first_name,sex,birth_date,postcode,city,education_level\n"


def people(count: int, *, city: str = "Lyon") -> str:
    return HEADER + "".join(
        f"P{i:05d},Nom,Prénom,{'FM'[i % 2]},1980-01-{i % 28 + 1:02d},69009,{city},4\n"
        for i in range(count)
    )


def queries(folder) -> int:
    with CaptureQueriesContext(connection) as captured:
        report = import_bundle(folder)
    assert report.errors == []
    return len(captured)


def test_same_queries_for_10_and_200_people(bundle_dir):
    small, large = bundle_dir({"people.csv": people(10)}), bundle_dir({"people.csv": people(200)})
    created_small = queries(small)
    Person.objects.all().delete()
    created_large = queries(large)
    assert created_small == created_large <= 8

    updated = queries(bundle_dir({"people.csv": people(200, city="Villeurbanne")}))
    unchanged = queries(bundle_dir({"people.csv": people(200, city="Villeurbanne")}))
    assert updated <= 8
    assert unchanged <= 4
