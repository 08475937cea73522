"""Importing PLIE parcours and steps: what is stored, updated, followed and audited."""

import datetime as dt

import pytest
from django.core.management import call_command

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.bundle.importer import import_bundle
from maillage.people.models import Followup, Person
from maillage.plie.models import EntrySituation, Parcours, Step
from maillage.plie.services import record_exit
from tests.factories import StructureFactory, user_with_role
from tests.plie import bundle_data as data
from tests.plie.bundle_tables import table_state
from tests.plie.factories import ParcoursFactory, PersonFactory, StepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    report = import_bundle(data.write(tmp_path / "initial", french=True))
    assert report.errors == []
    return report


def counts(report, name):
    file = next(f for f in report.files if f.name == name)
    return file.created, file.updated, file.unchanged


@pytest.mark.parametrize("french", [True, False], ids=["semicolon-bom", "comma"])
def test_the_bundle_is_stored_as_written(tmp_path, french):
    call_command("import_bundle", str(data.write(tmp_path / "lot", french=french)))

    pa02 = Parcours.objects.get(external_id="PA02")
    assert (pa02.person.external_id, pa02.structure.code) == ("P01", "REF1")
    assert (pa02.entry_date, pa02.exit_date) == (dt.date(2016, 2, 1), dt.date(2017, 6, 30))
    assert (pa02.exit_type, pa02.exit_reason, pa02.exit_comment) == ("positive", "cdi", "")
    assert pa02.qpv_at_entry is False
    pa01 = Parcours.objects.get(external_id="PA01")
    assert (pa01.exit_type, pa01.exit_reason, pa01.exit_comment) == (
        "dropout",
        "",
        "Déménagement",
    )
    assert pa01.qpv_at_entry is True
    assert sorted(pa01.entry_situations.values_list("code", flat=True)) == [
        "rsa",
        "single_parent",
    ]
    open_parcours = Parcours.objects.get(external_id="PA03")
    assert (open_parcours.exit_date, open_parcours.exit_type) == (None, "")

    e05 = Step.objects.get(external_id="E05")
    assert (e05.parcours.external_id, e05.category, e05.contract_type) == (
        "PA03",
        "employment_contract",
        "siae",
    )
    assert (e05.operation.code, e05.company.external_id) == ("OP2017-01", "C03")
    assert e05.end_date == dt.date(2018, 2, 28)
    assert Step.objects.get(external_id="E03").end_date is None
    assert (Parcours.objects.count(), Step.objects.count(), EntrySituation.objects.count()) == (
        10,
        16,
        13,
    )


def test_reimport_changes_nothing(tmp_path, imported):
    before = table_state()
    report = import_bundle(data.write(tmp_path / "again"))  # the other dialect, same data
    assert report.errors == []
    assert counts(report, "plie_parcours.csv") == (0, 0, 10)
    assert counts(report, "plie_steps.csv") == (0, 0, 16)
    assert table_state() == before


def test_entry_situations_are_replaced_when_changed_and_audited(tmp_path, imported):
    parcours = data.replace(data.PARCOURS, "PA02", entry_situations="th|RSA")
    parcours = data.replace(parcours, "PA03", entry_situations="")
    parcours = data.replace(parcours, "PA04", entry_situations="th|deld")  # same set
    report = import_bundle(data.write(tmp_path / "lot", {"plie_parcours.csv": parcours}))

    assert report.errors == []
    assert counts(report, "plie_parcours.csv") == (0, 2, 8)
    codes = dict.fromkeys(["PA02", "PA03", "PA04"])
    for key in codes:
        codes[key] = sorted(
            EntrySituation.objects.filter(parcours__external_id=key).values_list("code", flat=True)
        )
    assert codes == {"PA02": ["rsa", "th"], "PA03": [], "PA04": ["deld", "th"]}
    entries = AuditEntry.objects.filter(object_type="plie.parcours", action="update")
    person = Person.objects.get(external_id="P01")
    assert {(e.object_repr.split()[1], e.person_id): e.changes for e in entries} == {
        ("PA02", person.pk): {"entry_situations": [["deld"], ["rsa", "th"]]},
        ("PA03", Person.objects.get(external_id="P02").pk): {
            "entry_situations": [["de_lt_1y", "young_unqualified"], []]
        },
    }


def test_a_file_without_the_situations_column_leaves_them(tmp_path, imported):
    header = [c for c in data.PARCOURS_HEADER if c != "entry_situations"]
    index = data.PARCOURS_HEADER.index("entry_situations")
    rows = [header] + [row[:index] + row[index + 1 :] for row in data.PARCOURS[1:]]
    report = import_bundle(data.write(tmp_path / "lot", {"plie_parcours.csv": rows}))
    assert report.errors == []
    assert EntrySituation.objects.count() == 13


def test_updates_are_audited_with_the_person(tmp_path, imported):
    parcours = data.replace(data.PARCOURS, "PA03", exit_date="2017-12-15", exit_type="dropout")
    steps = data.replace(data.STEPS, "E04", label="Théâtre forum")
    folder = data.write(tmp_path / "lot", {"plie_parcours.csv": parcours, "plie_steps.csv": steps})

    report = import_bundle(folder)

    assert report.errors == []
    p02 = Person.objects.get(external_id="P02").pk
    parcours_entry = AuditEntry.objects.get(object_type="plie.parcours", action="update")
    assert parcours_entry.person_id == p02
    assert parcours_entry.changes == {
        "exit_date": [None, "2017-12-15"],
        "exit_type": ["", "dropout"],
    }
    step_entry = AuditEntry.objects.get(object_type="plie.step", action="update")
    assert (step_entry.person_id, step_entry.changes) == (
        p02,
        {"label": ["Théâtre", "Théâtre forum"]},
    )
    created = AuditEntry.objects.filter(object_type__in=["plie.parcours", "plie.step"])
    assert created.filter(action="create", person_id__isnull=True).count() == 0


def test_the_referent_structure_follows_the_person(tmp_path, imported):
    followups = Followup.objects.filter(service="plie").values_list(
        "person__external_id", "structure__code", "started_on", "ended_on"
    )
    assert sorted(followups) == [
        ("P01", "REF1", dt.date(2011, 9, 15), None),  # two parcours, one follow-up
        ("P02", "REF2", dt.date(2017, 3, 1), None),
        ("P03", "REF1", dt.date(2012, 5, 10), None),
        ("P04", "REF2", dt.date(2016, 1, 10), None),
        ("P05", "REF1", dt.date(2017, 11, 2), None),
        ("P06", "REF1", dt.date(2017, 5, 1), None),
        ("P06", "REF2", dt.date(2013, 4, 1), None),
        ("P07", "REF1", dt.date(2018, 2, 1), None),
        ("P08", "REF2", dt.date(2010, 6, 1), None),
    ]
    audit = AuditEntry.objects.filter(object_type="people.followup", action="create")
    assert audit.count() == 9
    assert audit.filter(person_id__isnull=True).count() == 0
    followup = Followup.objects.get(person__external_id="P06", structure__code="REF2")
    assert audit.get(object_id=str(followup.pk)).object_repr == str(followup)

    # The structure's référents now see the people it follows, and only them.
    referent = user_with_role(Role.REFERENT, StructureFactory(code="REF1"))
    visible = Person.objects.visible_to(referent).values_list("external_id", flat=True)
    assert sorted(visible) == ["P01", "P03", "P05", "P06", "P07"]


def test_an_open_followup_is_not_duplicated_and_a_move_adds_one(tmp_path):
    person = PersonFactory(external_id="P01")
    ref1 = StructureFactory(code="REF1")
    Followup.objects.create(
        person=person, structure=ref1, service="plie", started_on=dt.date(2010, 1, 1)
    )
    files = {name: data.FILES[name] for name in ("structures.csv", "plie_parcours.csv")}
    files["plie_parcours.csv"] = (
        data.PARCOURS_HEADER,
        ("PA01", "P01", "REF1", "2011-09-15", "oui", "", "", "", ""),
    )
    assert import_bundle(data.write(tmp_path / "a", files)).errors == []
    assert Followup.objects.filter(person=person).count() == 1

    files["plie_parcours.csv"] = data.replace(
        files["plie_parcours.csv"], "PA01", **{"structure_code": "REF2"}
    )
    assert import_bundle(data.write(tmp_path / "b", files)).errors == []
    assert sorted(Followup.objects.values_list("structure__code", flat=True)) == ["REF1", "REF2"]


def test_free_text_exit_reasons_and_comments(tmp_path, imported):
    # A comment typed in Maillage on a positive exit survives a re-import of the bundle.
    Parcours.objects.filter(external_id="PA02").update(exit_comment="Embauchée après son immersion")
    parcours = data.replace(data.PARCOURS, "PA04", exit_reason="")
    parcours = data.replace(parcours, "PA05", exit_reason="QUALIFYING_TRAINING")
    report = import_bundle(data.write(tmp_path / "lot", {"plie_parcours.csv": parcours}))

    assert report.errors == []
    assert counts(report, "plie_parcours.csv") == (0, 1, 9)
    stored = dict(
        Parcours.objects.filter(external_id__in=["PA02", "PA04", "PA05"]).values_list(
            "external_id", "exit_comment"
        )
    )
    assert stored == {"PA02": "Embauchée après son immersion", "PA04": "", "PA05": ""}
    assert Parcours.objects.get(external_id="PA05").exit_reason == "qualifying_training"


def test_an_updated_parcours_replaces_its_old_dates(tmp_path, imported):
    # PA07 (P06, 2013 → 2016-12-31) and PA10 (P06, from 2017-05-01) both move later:
    # checked against each other's old dates the bundle would be refused.
    parcours = data.replace(data.PARCOURS, "PA07", exit_date="2017-08-31")
    parcours = data.replace(parcours, "PA10", entry_date="2017-09-01", exit_date="2017-12-20")
    steps = data.replace(data.STEPS, "E15", start_date="2017-09-01")
    steps = data.replace(steps, "E16", start_date="2017-09-01")
    folder = data.write(tmp_path / "lot", {"plie_parcours.csv": parcours, "plie_steps.csv": steps})

    report = import_bundle(folder)

    assert report.errors == []
    assert Parcours.objects.get(external_id="PA10").entry_date == dt.date(2017, 9, 1)


def test_steps_against_parcours_only_in_the_database(tmp_path):
    parcours = ParcoursFactory(
        external_id="DB1",
        entry_date=dt.date(2017, 1, 1),
        exit_date=dt.date(2017, 6, 30),
        exit_type="dropout",
    )
    rows = (
        data.STEPS_HEADER,
        ("S1", "DB1", "support", "2017-06-30", "2018-01-31", "", "", "", ""),
    )
    report = import_bundle(data.write(tmp_path / "lot", {"plie_steps.csv": rows}))
    assert report.errors == []
    assert parcours.steps.get().end_date == dt.date(2018, 1, 31)


def test_a_stored_step_moved_with_its_parcours_is_accepted(tmp_path, imported):
    parcours = data.replace(data.PARCOURS, "PA05", exit_date="2017-01-03")
    steps = (data.STEPS_HEADER, data.replace(data.STEPS, "E09", start_date="2017-01-02")[9])
    folder = data.write(tmp_path / "lot", {"plie_parcours.csv": parcours, "plie_steps.csv": steps})
    report = import_bundle(folder)
    assert report.errors == []
    assert Step.objects.get(external_id="E09").start_date == dt.date(2017, 1, 2)


def test_parcours_opened_in_maillage_are_kept_by_an_import(tmp_path, imported, admin_user):
    # A parcours of the database that the bundle does not name is left as it is.
    other = ParcoursFactory(person=PersonFactory(external_id="P99"), entry_date=dt.date(2015, 1, 1))
    StepFactory(parcours=other)
    record_exit(
        parcours=other,
        exit_date=dt.date(2016, 1, 1),
        exit_type="administrative",
        acting_user=admin_user,
    )
    before = table_state()
    report = import_bundle(data.write(tmp_path / "again"))
    assert report.errors == []
    assert table_state() == before


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 2 parcours and 3 steps: rules across rows must not depend on chunks."""
    from maillage.bundle.registry import registry

    monkeypatch.setattr(registry.get("plie_parcours.csv"), "chunk_size", 2)
    monkeypatch.setattr(registry.get("plie_steps.csv"), "chunk_size", 3)


def test_rules_across_rows_hold_across_chunks(tmp_path, small_chunks):
    assert import_bundle(data.write(tmp_path / "initial")).errors == []
    assert (Parcours.objects.count(), Step.objects.count()) == (10, 16)

    # PA07 (line 8) moves into PA10 (line 11), several chunks later: refused.
    parcours = data.replace(data.PARCOURS, "PA07", exit_date="2017-05-01")
    report = import_bundle(data.write(tmp_path / "overlap", {"plie_parcours.csv": parcours}))
    assert [str(e) for e in report.errors] == [
        "plie_parcours.csv:11: entry_date: La personne a déjà un parcours PLIE sur cette période "
        "(du 01/04/2013 au 01/05/2017) : parcours « PA07 », ligne 8."
    ]
    # PA01 (line 2) moves into the stored dates of PA02, which line 3 moves later: accepted.
    parcours = data.replace(data.PARCOURS, "PA01", exit_date="2016-03-31")
    parcours = data.replace(parcours, "PA02", entry_date="2016-04-01")
    steps = data.replace(data.STEPS, "E02", start_date="2016-04-01")
    folder = data.write(
        tmp_path / "moved", {"plie_parcours.csv": parcours, "plie_steps.csv": steps}
    )
    report = import_bundle(folder)
    assert report.errors == []
    assert Parcours.objects.get(external_id="PA02").entry_date == dt.date(2016, 4, 1)
