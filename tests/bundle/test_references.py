"""The framework with a file that references others: a tiny followups.csv handler.

No file of this issue references another, so this test-only handler (a
composite key made of two references) proves reference resolution, import
order, composite keys and ``clean_row`` for the files later issues add.
"""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from maillage.bundle.fields import Choice, Date, Text
from maillage.bundle.files import Column
from maillage.bundle.importer import import_bundle
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import Registry
from maillage.organisations.bundle import StructuresFile
from maillage.people.bundle import PeopleFile
from maillage.people.models import Followup, PersonAlias
from tests.bundle.conftest import PEOPLE, STRUCTURES
from tests.factories import PersonFactory, StructureFactory

pytestmark = pytest.mark.django_db


class FollowupsFile(ModelFile):
    name = "followups.csv"
    model = Followup
    key = ("person_id", "structure_code", "service")
    columns = (
        Column("person_id", Text(), required=True, field="person", references="people.csv"),
        Column(
            "structure_code", Text(), required=True, field="structure", references="structures.csv"
        ),
        Column("service", Choice(Followup.Service.values), required=True),
        Column("started_on", Date(), required=True),
        Column("ended_on", Date()),
    )

    def clean_row(self, values):
        if values.get("ended_on") and values["ended_on"] < values["started_on"]:
            yield "ended_on", "date de fin antérieure à la date de début"


@pytest.fixture
def registry():
    registry = Registry()
    registry.register(FollowupsFile)  # registered first, imported last
    registry.register(StructuresFile)
    registry.register(PeopleFile)
    return registry


HEADER = "person_id,structure_code,service,started_on,ended_on\n"


def test_import_order_follows_references(registry):
    assert [h.name for h in registry.ordered()] == ["structures.csv", "people.csv", "followups.csv"]


def test_references_resolve_within_the_bundle_and_to_the_database(registry, bundle_dir):
    StructureFactory(code="OLD")
    merged = PersonFactory(external_id="MA-1")
    PersonAlias.objects.create(person=merged, external_id="ALIAS-1")
    followups = (
        HEADER
        + "P001,REF1,plie,2024-01-15,\n"  # both in the bundle
        + "ALIAS-1,OLD,general,2023-05-01,2023-12-31\n"  # both in the database (person via alias)
    )
    folder = bundle_dir(
        {"structures.csv": STRUCTURES, "people.csv": PEOPLE, "followups.csv": followups}
    )

    report = import_bundle(folder, registry=registry)

    assert report.errors == []
    assert {
        (f.structure.code, f.person.external_id, f.service, f.ended_on)
        for f in Followup.objects.all()
    } == {
        ("REF1", "P001", "plie", None),
        ("OLD", "MA-1", "general", dt.date(2023, 12, 31)),
    }
    again = import_bundle(folder, registry=registry)
    assert [(f.name, f.created, f.updated, f.unchanged) for f in again.files][-1] == (
        "followups.csv",
        0,
        0,
        2,
    )


def test_unknown_references_are_errors(registry, bundle_dir):
    followups = HEADER + "P001,NOPE,plie,2024-01-15,\nNOBODY,REF1,plie,2024-01-15,\n"
    report = import_bundle(
        bundle_dir(
            {"structures.csv": STRUCTURES, "people.csv": PEOPLE, "followups.csv": followups}
        ),
        registry=registry,
    )
    assert [str(e) for e in report.errors] == [
        "followups.csv:2: structure_code: « NOPE » introuvable, "
        "ni dans structures.csv ni dans la base",
        "followups.csv:3: person_id: « NOBODY » introuvable, ni dans people.csv ni dans la base",
    ]
    assert not Followup.objects.exists()


def test_reference_to_an_invalid_row_is_not_reported_twice(registry, bundle_dir):
    people = "person_id,last_name,first_name,sex,birth_date\nP1,Dupont,Léa,X,1980-01-01\n"
    followups = HEADER + "P1,REF1,plie,2024-01-15,\n"
    report = import_bundle(
        bundle_dir(
            {"structures.csv": STRUCTURES, "people.csv": people, "followups.csv": followups}
        ),
        registry=registry,
    )
    assert [(e.file, e.column) for e in report.errors] == [("people.csv", "sex")]


def test_composite_key_duplicates_and_cross_column_rules(registry, bundle_dir):
    followups = (
        HEADER
        + "P001,REF1,plie,2024-01-15,\n"
        + "P001,REF1,general,2024-01-15,2023-01-01\n"
        + "P001,REF1,plie,2024-02-01,\n"
    )
    report = import_bundle(
        bundle_dir(
            {"structures.csv": STRUCTURES, "people.csv": PEOPLE, "followups.csv": followups}
        ),
        registry=registry,
    )
    assert [str(e) for e in report.errors] == [
        "followups.csv:3: ended_on: date de fin antérieure à la date de début",
        "followups.csv:4: person_id/structure_code/service: identifiant « P001 / REF1 / plie » "
        "en double dans le fichier (déjà ligne 2)",
    ]


def test_update_through_a_composite_key(registry, bundle_dir):
    import_bundle(
        bundle_dir(
            {
                "structures.csv": STRUCTURES,
                "people.csv": PEOPLE,
                "followups.csv": HEADER + "P001,REF1,plie,2024-01-15,\n",
            }
        ),
        registry=registry,
    )
    report = import_bundle(
        bundle_dir({"followups.csv": HEADER + "P001,REF1,plie,2024-01-15,2024-06-30\n"}),
        registry=registry,
    )
    assert [(f.created, f.updated) for f in report.files] == [(0, 1)]
    assert Followup.objects.get().ended_on == dt.date(2024, 6, 30)


def test_registry_refuses_bad_declarations():
    registry = Registry()
    registry.register(FollowupsFile)
    with pytest.raises(ImproperlyConfigured, match=r"people\.csv"):
        registry.ordered()

    class NoKey(ModelFile):
        name = "nokey.csv"
        model = Followup
        key = "missing"
        columns = (Column("service", Text()),)

    with pytest.raises(ImproperlyConfigured, match="clé"):
        Registry().register(NoKey)

    class A(ModelFile):
        name = "a.csv"
        model = Followup
        key = "x"
        columns = (Column("x", Text(), required=True, field="service", references="b.csv"),)

    class B(A):
        name = "b.csv"
        columns = (Column("x", Text(), required=True, field="service", references="a.csv"),)

    circular = Registry()
    circular.register(A)
    circular.register(B)
    with pytest.raises(ImproperlyConfigured, match="circulaires"):
        circular.ordered()


def test_default_registry_holds_this_issue_files():
    from maillage.bundle.registry import registry

    assert [h.name for h in registry.ordered()][:2] == ["structures.csv", "people.csv"]
