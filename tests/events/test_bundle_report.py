"""A hand-made bundle → import_bundle → the ``events`` block of ``maillage annual_report``.

The expected figures are counted by hand from the rows below (comments), following
indicators.md: per kind, over the events dated in Y: events, (event, company) rows,
attendee rows with attended, interviews of those who attended, attendee rows with hired.
"""

import json

import pytest

from maillage.bundle.importer import import_bundle
from maillage.events.models import Event, EventCompany, Registration
from maillage.recruitment.models import Placement
from maillage.reports.blocks import registered

pytestmark = pytest.mark.django_db

FILES = {
    "structures.csv": "structure_code,name,kind\nALLIES,ALLIES,animation\n"
    "ANT-D,Antenne Duchère,antenna\n",
    "people.csv": "person_id,last_name,first_name,sex,birth_date\n"
    + "".join(f"P{n},Nom{'abcde'[n - 1]},Prénom,F,1980-01-0{n}\n" for n in range(1, 6)),
    "companies.csv": "company_id,name\nC1,Alpha\nC2,Beta\nC3,Gamma\n",
    # French spreadsheet: semicolons and a byte-order mark.
    "events.csv": "\ufeffevent_id;kind;title;date;structure_code\n"
    "E1;job_dating;Dating Emploi hôtellerie;2017-03-15;ALLIES\n"
    "E2;job_dating;Dating Emploi BTP;2017-10-02;\n"
    "E3;rencontre_metiers;Rencontre logistique;2017-05-04;ANT-D\n"
    "E4;interview_simulation;Simulation Duchère;2017-01-05;ANT-D\n"
    "E5;job_dating;Dating Emploi 2018;2018-02-01;ALLIES\n"
    "E6;forum;Forum 2016;2016-12-31;\n",
    "event_companies.csv": "event_id,company_id\nE1,C1\nE1,C2\nE1,C3\nE2,C1\nE3,C2\nE5,C1\n",
    "event_attendees.csv": "event_id,person_id,attended,interviews,hired\n"
    "E1,P1,true,3,true\n"
    "E1,P2,oui,2,false\n"
    "E1,P3,false,4,\n"  # absent: their interviews are not counted
    "E1,P4,1,,\n"  # interviews default 0
    "E2,P1,yes,1,no\n"
    "E2,P5,NON,0,true\n"  # hired without attending: a hire row all the same
    "E3,P2,true,,\n"
    "E4,P3,true,1,\n"
    "E5,P4,true,7,true\n"  # 2018
    "E6,P5,true,2,\n",  # 2016
}

ZERO = {"events": 0, "companies": 0, "attendees": 0, "interviews": 0, "hires": 0}
EXPECTED_2017 = {
    # E1, E2: companies C1 C2 C3 + C1 = 4; attended P1 P2 P4 (E1) + P1 (E2) = 4;
    # interviews 3 + 2 + 0 + 1 = 6 (P3 absent); hires E1 P1, E2 P5 = 2.
    "job_dating": {"events": 2, "companies": 4, "attendees": 4, "interviews": 6, "hires": 2},
    "rencontre_metiers": {
        "events": 1,
        "companies": 1,
        "attendees": 1,
        "interviews": 0,
        "hires": 0,
    },
    "company_visit": ZERO,
    "interview_simulation": {
        "events": 1,
        "companies": 0,
        "attendees": 1,
        "interviews": 1,
        "hires": 0,
    },
    "forum": ZERO,
    "info_session": ZERO,
    "workshop": ZERO,
}


def write(folder, files):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def report_json(year):
    """The report's blocks as JSON would carry them (only ours: the others are other apps')."""
    block = next(b for b in registered() if b.name == "events")
    return {"events": json.loads(json.dumps(block.compute(year)))}


def test_events_block_from_a_bundle(tmp_path):
    report = import_bundle(write(tmp_path / "lot", FILES))
    assert report.ok, [str(e) for e in report.errors]
    assert report_json(2017)["events"] == EXPECTED_2017
    assert report_json(2018)["events"]["job_dating"] == {
        "events": 1,
        "companies": 1,
        "attendees": 1,
        "interviews": 7,
        "hires": 1,
    }
    assert report_json(2016)["events"]["forum"]["interviews"] == 2
    # An imported hire creates no placement (see maillage/events/bundle.py).
    assert not Placement.objects.exists()


def test_import_twice_changes_nothing(tmp_path):
    assert import_bundle(write(tmp_path / "a", FILES)).ok
    before = (Event.objects.count(), EventCompany.objects.count(), Registration.objects.count())
    second = import_bundle(write(tmp_path / "b", FILES))
    assert second.ok
    assert all(f.created == 0 and f.updated == 0 for f in second.files), second.files
    after = (Event.objects.count(), EventCompany.objects.count(), Registration.objects.count())
    assert before == after == (6, 6, 10)


def test_later_bundle_updates_an_attendee(tmp_path):
    assert import_bundle(write(tmp_path / "a", FILES)).ok
    update = {"event_attendees.csv": "event_id,person_id,attended\nE1,P3,true\n"}
    assert import_bundle(write(tmp_path / "b", update)).ok
    row = Registration.objects.get(event__external_id="E1", person__external_id="P3")
    assert row.attended and row.interviews == 4  # interviews column absent: kept
    assert report_json(2017)["events"]["job_dating"]["interviews"] == 10


def test_errors_are_reported_per_line_and_nothing_is_written(tmp_path):
    files = dict(FILES)
    files["events.csv"] = (
        "event_id,kind,title,date,structure_code\n"
        "E1,job_dating,Dating,2017-03-15,ALLIES\n"
        "E2,gala,Gala,2017-03-15,\n"
        "E3,forum,Forum,15/03/2017,\n"
        "E4,forum,Forum,2017-03-16,NOPE\n"
    )
    files["event_attendees.csv"] = (
        "event_id,person_id,attended,interviews\nE1,P1,peut-être,-1\nE9,P1,true,0\n"
    )
    files["event_companies.csv"] = "event_id,company_id\nE1,C1\nE1,C1\n"
    report = import_bundle(write(tmp_path / "lot", files))
    messages = [str(e) for e in report.errors]
    assert any(m.startswith("events.csv:3: kind:") for m in messages), messages
    assert any(m.startswith("events.csv:4: date:") for m in messages), messages
    assert any(m.startswith("events.csv:5: structure_code:") for m in messages), messages
    assert any(m.startswith("event_attendees.csv:2: attended:") for m in messages), messages
    assert any(m.startswith("event_attendees.csv:2: interviews:") for m in messages), messages
    assert any(m.startswith("event_attendees.csv:3: event_id:") for m in messages), messages
    assert any(m.startswith("event_companies.csv:3:") for m in messages), messages
    assert not Event.objects.exists() and not Registration.objects.exists()


def test_missing_and_unknown_columns(tmp_path):
    files = {
        "events.csv": "event_id,kind,titel,date\nE1,forum,Forum,2017-03-01\n",
    }
    report = import_bundle(write(tmp_path / "lot", files))
    messages = [str(e) for e in report.errors]
    assert any("titel" in m and "title" in m for m in messages), messages
    assert any(m.startswith("events.csv:1: title:") for m in messages), messages


def test_export_then_import_changes_nothing(tmp_path):
    from maillage.bundle.exporter import export_bundle

    assert import_bundle(write(tmp_path / "lot", FILES)).ok
    export_bundle(tmp_path / "export")
    for name in ("events.csv", "event_companies.csv", "event_attendees.csv"):
        assert (tmp_path / "export" / name).exists()
    again = import_bundle(tmp_path / "export")
    assert again.ok, [str(e) for e in again.errors]
    assert all(f.created == 0 and f.updated == 0 for f in again.files)
