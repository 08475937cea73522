"""Export writes what exists; export then re-import changes nothing."""

import csv
import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.audit.models import AuditEntry
from maillage.bundle.exporter import export_bundle
from maillage.bundle.importer import import_bundle
from maillage.organisations.models import Structure
from maillage.people.education import EducationLevel
from maillage.people.models import Person
from tests.factories import PersonFactory, StructureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    StructureFactory(
        code="REF1", name='Mission locale "Rive, gauche"\nLyon 9', kind="referent", postcode="69009"
    )
    StructureFactory(
        code="CP1", name="Club des entreprises", kind="company_partner", email="club@example.org"
    )
    PersonFactory(
        external_id="P001",
        last_name="N\u2019Diaye",
        first_names="Aïssatou Marie",
        sex="F",
        birth_date=dt.date(1984, 3, 21),
        education_level="5bis",
        email="a@example.org",
        address="12, rue des Lilas; bât. B",
        birth_name="Le Gall-Moreau",
    )
    PersonFactory.create_batch(20)


def snapshot():
    return (
        list(Person.objects.order_by("pk").values()),
        list(Structure.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("target", ["export", "export.zip"])
def test_export_then_import_changes_nothing(tmp_path, data, target):
    counts = export_bundle(tmp_path / target)
    assert (counts["structures.csv"], counts["people.csv"]) == (2, 21)
    before, audit = snapshot(), AuditEntry.objects.count()

    report = import_bundle(tmp_path / target)

    assert report.errors == []
    # Every registered file is exported and re-imported (later modules add theirs).
    assert {f.name for f in report.files} == set(counts)
    assert all(f.created == f.updated == 0 for f in report.files)
    assert {f.name: f.unchanged for f in report.files} == counts
    assert snapshot() == before
    assert AuditEntry.objects.count() == audit


def test_export_into_an_empty_database_recreates_everything(tmp_path, data):
    export_bundle(tmp_path / "lot.zip")
    people = {p["external_id"]: p for p in Person.objects.values()}
    Person.objects.all().delete()
    Structure.objects.all().delete()

    report = import_bundle(tmp_path / "lot.zip")

    assert report.errors == []
    fields = [
        "last_name",
        "first_names",
        "birth_name",
        "sex",
        "birth_date",
        "postcode",
        "city",
        "education_level",
        "email",
        "phone",
        "address",
        "search_key",
    ]
    for person in Person.objects.values():
        assert {f: person[f] for f in fields} == {
            f: people[person["external_id"]][f] for f in fields
        }


def test_export_format(tmp_path, data):
    export_bundle(tmp_path / "lot.zip")
    with zipfile.ZipFile(tmp_path / "lot.zip") as archive:
        assert {"people.csv", "structures.csv"} <= set(archive.namelist())
        raw = archive.read("people.csv")
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert list(rows[0])[:8] == [
        "person_id",
        "last_name",
        "first_name",
        "sex",
        "birth_date",
        "postcode",
        "city",
        "education_level",
    ]
    first = next(r for r in rows if r["person_id"] == "P001")
    assert (first["first_name"], first["birth_date"], first["education_level"]) == (
        "Aïssatou Marie",
        "1984-03-21",
        "5bis",
    )
    export = AuditEntry.objects.get(action="export")
    assert (export.changes["structures.csv"], export.changes["people.csv"]) == (2, 21)


def _clean_text(max_size: int, alphabet) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=max_size).filter(lambda s: s == s.strip())


NAME = _clean_text(40, st.characters(categories=["L", "M"]) | st.sampled_from(" -'\u2019")).filter(
    lambda s: any(c.isalpha() for c in s) and s[0].isalpha()
)
FREE_TEXT = _clean_text(
    60, st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]) | st.just("\n")
)
PERSON = st.fixed_dictionaries(
    {
        "last_name": NAME,
        "first_names": NAME,
        "birth_name": st.just("") | NAME,
        "sex": st.sampled_from(["F", "M"]),
        "birth_date": st.dates(dt.date(1900, 1, 1), dt.date.today()),
        "postcode": st.just("") | st.from_regex(r"[0-9]{5}", fullmatch=True),
        "city": FREE_TEXT,
        "address": FREE_TEXT,
        "phone": _clean_text(30, st.characters(categories=["Nd", "Zs", "P"])),
        "education_level": st.sampled_from(["", *EducationLevel.values]),
    }
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=st.lists(PERSON, max_size=4))
def test_round_trip_of_any_valid_data(people):
    """Whatever valid values are stored, export → import finds them all unchanged."""
    Person.objects.all().delete()
    for values in people:
        Person.objects.create(**values)
    with tempfile.TemporaryDirectory() as folder:
        export_bundle(Path(folder) / "lot.zip")
        before = snapshot()
        report = import_bundle(Path(folder) / "lot.zip")
    assert report.errors == []
    assert all(f.created == f.updated == 0 for f in report.files)
    assert snapshot() == before
