"""Importing structures.csv and people.csv: the spec's behaviour, end to end."""

import datetime as dt

import pytest

from maillage.audit.models import AuditEntry
from maillage.bundle.importer import import_bundle
from maillage.organisations.models import Structure
from maillage.people.models import Person, PersonAlias
from tests.bundle.conftest import PEOPLE, STRUCTURES, write_zip
from tests.factories import PersonFactory, StructureFactory

pytestmark = pytest.mark.django_db

PEOPLE_HEADER = "person_id,last_name,first_name,sex,birth_date,postcode,city,education_level\n"


def database_state() -> dict:
    """Everything an import may touch, to prove a failed import changed nothing."""
    return {
        "people": list(Person.objects.order_by("pk").values()),
        "structures": list(Structure.objects.order_by("pk").values()),
        "aliases": list(PersonAlias.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


def counts(report) -> dict:
    return {f.name: (f.created, f.updated, f.unchanged) for f in report.files}


def test_imports_structures_and_people_in_both_dialects(bundle_dir):
    report = import_bundle(bundle_dir({"structures.csv": STRUCTURES, "people.csv": PEOPLE}))

    assert report.errors == []
    assert counts(report) == {"structures.csv": (2, 0, 0), "people.csv": (3, 0, 0)}
    assert Structure.objects.get(code="ANT1").kind == "antenna"
    helene = Person.objects.get(external_id="P001")
    assert (helene.last_name, helene.first_names, helene.sex) == ("Dupont", "Hélène", "F")
    assert helene.birth_date == dt.date(1984, 3, 21)
    assert (helene.postcode, helene.city, helene.education_level) == ("69009", "Lyon", "4")
    assert helene.search_key == "dupont helene"
    assert Person.objects.search("helene").get() == helene
    moussa = Person.objects.get(external_id="P002")
    assert (moussa.sex, moussa.postcode, moussa.education_level) == ("M", "", "")
    anne = Person.objects.get(external_id="P003")
    assert (anne.sex, anne.postcode, anne.education_level) == ("F", "01000", "5bis")


def test_structure_kinds_include_company_partner(bundle_dir):
    kinds = [
        "animation",
        "referent",
        "antenna",
        "operator",
        "siae",
        "culture",
        "other",
        "company_partner",
    ]
    rows = "".join(f"K{i},Structure {i},{kind}\n" for i, kind in enumerate(kinds))
    report = import_bundle(bundle_dir({"structures.csv": "structure_code,name,kind\n" + rows}))
    assert report.errors == []
    assert sorted(Structure.objects.values_list("kind", flat=True)) == sorted(kinds)


def test_second_import_changes_nothing_and_writes_no_audit(bundle_dir):
    folder = bundle_dir({"structures.csv": STRUCTURES, "people.csv": PEOPLE})
    first = import_bundle(folder)
    assert first.errors == []
    entries = AuditEntry.objects.count()
    assert entries == 2 + 3 + 2  # one per record, one summary per file
    before = database_state()

    second = import_bundle(folder)

    assert second.errors == []
    assert counts(second) == {"structures.csv": (0, 0, 2), "people.csv": (0, 0, 3)}
    assert database_state() == before


def test_audit_entries_of_an_import(bundle_dir):
    import_bundle(bundle_dir({"people.csv": PEOPLE}))
    helene = Person.objects.get(external_id="P001")
    created = AuditEntry.objects.get(action="create", person_id=helene.pk)
    assert created.object_type == "people.person"
    assert created.object_id == str(helene.pk)
    summary = AuditEntry.objects.get(action="import")
    assert (summary.object_type, summary.object_repr) == ("bundle", "people.csv")
    assert summary.changes == {"created": 3, "updated": 0, "unchanged": 0}

    import_bundle(
        bundle_dir(
            {
                "people.csv": "person_id,last_name,first_name,sex,birth_date,city\n"
                "P001,Dupont-Martin,Hélène,F,1984-03-21,Vaulx-en-Velin\n"
            }
        )
    )
    update = AuditEntry.objects.get(action="update", person_id=helene.pk)
    assert update.changes == {
        "last_name": ["Dupont", "Dupont-Martin"],
        "city": ["Lyon", "Vaulx-en-Velin"],
    }


def test_update_by_id_touches_only_the_columns_of_the_file(bundle_dir):
    person = PersonFactory(
        external_id="P001",
        last_name="Dupont",
        first_names="Hélène",
        sex="F",
        birth_date=dt.date(1984, 3, 21),
        postcode="69009",
        city="Lyon",
        email="h@example.org",
    )
    report = import_bundle(
        bundle_dir(
            {
                "people.csv": "person_id,last_name,first_name,sex,birth_date,postcode\n"
                "P001,Durand,Hélène,F,1984-03-21,\n"
            }
        )
    )
    assert counts(report) == {"people.csv": (0, 1, 0)}
    person.refresh_from_db()
    assert person.last_name == "Durand"
    assert person.postcode == ""  # an empty cell empties the field
    assert (person.city, person.email) == ("Lyon", "h@example.org")  # absent columns: untouched
    assert person.search_key == "durand helene"
    assert Person.objects.count() == 1


def test_merged_file_is_found_by_its_old_identifier(bundle_dir):
    survivor = PersonFactory(external_id="MA-KEPT", last_name="Dupont", first_names="Hélène")
    PersonAlias.objects.create(person=survivor, external_id="OLD-42")

    report = import_bundle(
        bundle_dir(
            {"people.csv": PEOPLE_HEADER + "OLD-42,Dupont,Hélène,F,1984-03-21,69001,Lyon,4\n"}
        )
    )

    assert report.errors == []
    assert counts(report) == {"people.csv": (0, 1, 0)}
    survivor.refresh_from_db()
    assert survivor.external_id == "MA-KEPT"  # the key is never rewritten
    assert (survivor.postcode, survivor.education_level) == ("69001", "4")
    assert Person.objects.count() == 1


def test_alias_and_its_survivor_in_one_file_is_an_error(bundle_dir):
    survivor = PersonFactory(external_id="MA-KEPT")
    PersonAlias.objects.create(person=survivor, external_id="OLD-42")
    report = import_bundle(
        bundle_dir(
            {
                "people.csv": PEOPLE_HEADER
                + "MA-KEPT,Dupont,Hélène,F,1984-03-21,,,\n"
                + "OLD-42,Dupont,Hélène,F,1984-03-21,,,\n"
            }
        )
    )
    assert [str(e) for e in report.errors] == [
        "people.csv:3: person_id: désigne la même fiche que la ligne 2 (identifiants fusionnés)"
    ]


BAD_PEOPLE = [
    ("P9,Martin,Léa,F,2999-01-01,,,", "birth_date", "dans le futur"),
    ("P9,Martin,Léa,F,1899-12-31,,,", "birth_date", "antérieure au 1900-01-01"),
    ("P9,Martin,Léa,F,12/03/1980,,,", "birth_date", "format AAAA-MM-JJ"),
    ("P9,Martin,Léa,F,1980-02-30,,,", "birth_date", "date impossible"),
    ("P9,Martin,Léa,F,,,,", "birth_date", "valeur obligatoire manquante"),
    ("P9,Martin,Léa,F,1980-01-01,6900,,", "postcode", "5 chiffres"),
    ("P9,Martin,Léa,F,1980-01-01,690011,,", "postcode", "5 chiffres"),
    ("P9,Martin,Léa,F,1980-01-01,69OO1,,", "postcode", "5 chiffres"),
    ("P9,Martin,Léa,X,1980-01-01,,,", "sex", "sexe inconnu « X »"),
    ("P9,Martin,Léa,Femme,1980-01-01,,,", "sex", "sexe inconnu"),
    ("P9,Martin,Léa,,1980-01-01,,,", "sex", "valeur obligatoire manquante"),
    ("P9,Martin,Léa,F,1980-01-01,,,7", "education_level", "valeur inconnue « 7 »"),
    ("P9,,Léa,F,1980-01-01,,,", "last_name", "valeur obligatoire manquante"),
    ("P9,Mart1n,Léa,F,1980-01-01,,,", "last_name", "nom invalide"),
    ("P9,Martin,,F,1980-01-01,,,", "first_name", "valeur obligatoire manquante"),
    (",Martin,Léa,F,1980-01-01,,,", "person_id", "valeur obligatoire manquante"),
    ("P9,Martin,Léa,F,1980-01-01,," + "x" * 121 + ",", "city", "trop long"),
    ("P9,Martin,Léa,F,1980-01-01,,", "-", "la ligne compte 7 cellules, l'en-tête 8"),
]


@pytest.mark.parametrize(("row", "column", "message"), BAD_PEOPLE)
def test_bad_people_rows_are_refused_with_a_clear_message(bundle_dir, row, column, message):
    before = database_state()
    report = import_bundle(
        bundle_dir(
            {
                "people.csv": PEOPLE_HEADER
                + "P1,Dupont,Hélène,F,1984-03-21,69009,Lyon,4\n"
                + row
                + "\n"
            }
        )
    )
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.file, error.line, error.column) == ("people.csv", 3, column)
    assert message in error.message
    assert database_state() == before


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("S9,Nom,unknown", "kind", "valeur inconnue « unknown » ; valeurs acceptées : animation"),
        ("S9,,referent", "name", "valeur obligatoire manquante"),
        (",Nom,referent", "structure_code", "valeur obligatoire manquante"),
    ],
)
def test_bad_structures_rows(bundle_dir, row, column, message):
    report = import_bundle(
        bundle_dir({"structures.csv": "structure_code,name,kind\n" + row + "\n"})
    )
    assert [(e.line, e.column) for e in report.errors] == [(2, column)]
    assert message in report.errors[0].message
    assert not Structure.objects.exists()


def test_one_bad_row_writes_nothing_and_every_error_is_listed(bundle_dir):
    existing = PersonFactory(external_id="P001", last_name="Avant", first_names="Hélène")
    StructureFactory(code="OLD")
    before = database_state()
    people = (
        PEOPLE_HEADER
        + "P001,Dupont,Hélène,F,1984-03-21,69009,Lyon,4\n"  # would update
        + "P002,Martin,Léa,X,1980-01-01,6900,,\n"  # two errors
        + "P003,Durand,Jean,M,1970-01-01,,,\n"  # fine
        + 'P004,"Multi\nLigne",Zoé,F,2999-01-01,,,\n'  # starts on line 5
        + "P002,Martin,Léa,F,1980-01-01,,,\n"  # duplicate, on line 7
    )
    report = import_bundle(
        bundle_dir({"structures.csv": STRUCTURES, "people.csv": people, "peoples.csv": "x\n"})
    )

    unknown, *errors = [str(e) for e in report.errors]
    assert unknown.startswith("peoples.csv:1: -: fichier inconnu ; fichiers reconnus : ")
    assert "people.csv, " in unknown and "structures.csv" in unknown
    assert errors == [
        "people.csv:3: sex: sexe inconnu « X » : F ou M attendu (H est accepté pour M)",
        "people.csv:3: postcode: code postal invalide « 6900 » : 5 chiffres attendus "
        "(un tableur a-t-il supprimé le zéro initial ?)",
        "people.csv:5: last_name: nom invalide « Multi\nLigne » : seuls les lettres, espaces, "
        "traits d'union et apostrophes sont admis",
        "people.csv:5: birth_date: date 2999-01-01 dans le futur",
        "people.csv:7: person_id: identifiant « P002 » en double dans le fichier (déjà ligne 3)",
    ]
    assert database_state() == before
    existing.refresh_from_db()
    assert existing.last_name == "Avant"


def test_header_errors_unknown_duplicate_and_missing_columns(bundle_dir):
    report = import_bundle(
        bundle_dir(
            {
                "people.csv": "person_id;last_name;firstname;sex;Birth_Date ;sex;notes\n"
                "P1;Dupont;Hélène;F;1984-03-21;F;x\n"
            }
        )
    )
    assert [str(e) for e in report.errors] == [
        "people.csv:1: firstname: colonne inconnue (vouliez-vous dire « first_name » ?)",
        "people.csv:1: sex: colonne en double dans l'en-tête",
        "people.csv:1: notes: colonne inconnue",
        "people.csv:1: first_name: colonne obligatoire absente",
    ]
    assert not Person.objects.exists()


def test_empty_file_and_non_utf8_file(bundle_dir):
    report = import_bundle(
        bundle_dir(
            {
                "structures.csv": b"",
                "people.csv": (PEOPLE_HEADER + "P1,Dupont,Hélène,F,1984-03-21,,,\n").encode(
                    "cp1252"
                ),
            }
        )
    )
    assert [(e.file, e.line, e.column) for e in report.errors] == [
        ("structures.csv", 1, "-"),
        ("people.csv", 2, "-"),
    ]
    assert "vide" in report.errors[0].message
    assert "UTF-8" in report.errors[1].message


def test_unnamed_trailing_column_is_ignored_unless_filled(bundle_dir):
    report = import_bundle(
        bundle_dir(
            {"structures.csv": "structure_code;name;kind;\nS1;Un;referent;\nS2;Deux;referent;x\n"}
        )
    )
    assert [str(e) for e in report.errors] == [
        "structures.csv:3: -: valeur dans la colonne n° 4, sans en-tête"
    ]


def test_dry_run_validates_reports_and_writes_nothing(bundle_dir):
    before = database_state()
    report = import_bundle(
        bundle_dir({"structures.csv": STRUCTURES, "people.csv": PEOPLE}), dry_run=True
    )
    assert report.errors == []
    assert report.dry_run
    assert counts(report) == {"structures.csv": (2, 0, 0), "people.csv": (3, 0, 0)}
    assert database_state() == before


def test_zip_bundle_with_a_top_folder(tmp_path):
    archive = write_zip(
        tmp_path / "lot.zip", {"export/structures.csv": STRUCTURES, "export/people.csv": PEOPLE}
    )
    report = import_bundle(archive)
    assert report.errors == []
    assert counts(report) == {"structures.csv": (2, 0, 0), "people.csv": (3, 0, 0)}


def test_zip_with_path_traversal_writes_nothing(tmp_path):
    archive = write_zip(
        tmp_path / "lot.zip", {"people.csv": PEOPLE, "../structures.csv": STRUCTURES}
    )
    report = import_bundle(archive)
    assert [str(e) for e in report.errors] == [
        "lot.zip:1: -: chemin interdit dans l'archive : « ../structures.csv »"
    ]
    assert not Person.objects.exists()


def test_empty_bundle(tmp_path):
    (tmp_path / "vide").mkdir()
    report = import_bundle(tmp_path / "vide")
    assert [str(e) for e in report.errors] == ["vide:1: -: aucun fichier .csv reconnu dans le lot"]


def test_progress_is_reported(bundle_dir):
    calls = []
    import_bundle(
        bundle_dir({"structures.csv": STRUCTURES, "people.csv": PEOPLE}),
        progress=lambda d, t: calls.append((d, t)),
    )
    assert calls[0] == (0, 5)
    assert calls[-1] == (5, 5)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_database_error_rolls_everything_back(bundle_dir, monkeypatch):
    from django.db import IntegrityError

    from maillage.people.bundle import PeopleFile

    def fail(self, rows, matches):
        raise IntegrityError("duplicate key value")

    monkeypatch.setattr(PeopleFile, "save", fail)
    before = database_state()
    report = import_bundle(bundle_dir({"structures.csv": STRUCTURES, "people.csv": PEOPLE}))
    assert [str(e) for e in report.errors] == [
        "people.csv:2: -: erreur de la base de données, rien n'a été enregistré : "
        "duplicate key value"
    ]
    assert database_state() == before


def test_format_files_not_handled_yet_are_skipped_not_refused(tmp_path):
    from maillage.bundle.importer import import_bundle

    (tmp_path / "structures.csv").write_text("structure_code,name,kind\nS1,Une,referent\n")
    (tmp_path / "events.csv").write_text("event_id,kind,title,date\nE1,forum,Forum,2017-03-01\n")
    report = import_bundle(tmp_path)
    if "events.csv" in {f.name for f in report.files}:
        pytest.skip("events.csv is handled by this installation")
    assert report.ok, report.errors
    assert report.skipped == ["events.csv"]
