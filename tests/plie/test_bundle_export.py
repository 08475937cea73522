"""Export of operations, companies, parcours and steps: export → import changes nothing."""

import csv
import datetime as dt
from decimal import Decimal

import pytest

from maillage.audit.models import AuditEntry
from maillage.bundle.exporter import export_bundle
from maillage.bundle.importer import import_bundle
from maillage.plie.models import Parcours
from maillage.plie.services import open_parcours, record_exit
from tests.plie import bundle_data as data
from tests.plie.bundle_tables import table_state
from tests.plie.factories import (
    CompanyFactory,
    OperationFactory,
    ParcoursFactory,
    PersonFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db


def read(folder, name) -> list[dict]:
    with (folder / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture
def stored(tmp_path, admin_user):
    """The hand-written bundle, plus records made in Maillage itself (no bundle ids)."""
    assert import_bundle(data.write(tmp_path / "initial", french=True)).errors == []
    person = PersonFactory()
    parcours = open_parcours(
        person=person,
        structure=Parcours.objects.get(external_id="PA02").structure,
        entry_date=dt.date(2015, 3, 2),
        qpv_at_entry=True,
        entry_situations=["th", "rsa"],
        acting_user=admin_user,
    )
    StepFactory(
        parcours=parcours,
        category="employment_contract",
        contract_type="apprenticeship",
        operation=OperationFactory(budget_eur=Decimal("1234.50")),
        company=CompanyFactory(siret="35600000049837", naf="47.11F"),
        weekly_hours=Decimal("17.5"),
        label='Apprenti "boulanger", atelier; 2e site',
    )
    record_exit(
        parcours=parcours,
        exit_date=dt.date(2016, 1, 31),
        exit_type="administrative",
        exit_comment="Départ hors du territoire",
        acting_user=admin_user,
    )
    positive = ParcoursFactory(
        entry_date=dt.date(2014, 1, 6),
        exit_date=dt.date(2014, 12, 1),
        exit_type="positive",
        exit_reason="other_status",
        exit_comment="Statut d'auto-entrepreneur, à confirmer",
    )
    return parcours, positive


@pytest.mark.parametrize("target", ["export", "export.zip"])
def test_export_then_import_changes_nothing(tmp_path, stored, target):
    counts = export_bundle(tmp_path / target)
    assert {name: counts[name] for name in data.FILES} == {
        "structures.csv": 6,
        "people.csv": 10,
        "companies.csv": 4,
        "operations.csv": 3,
        "plie_parcours.csv": 12,
        "plie_steps.csv": 17,
    }
    before = table_state()
    report = import_bundle(tmp_path / target)
    assert report.errors == []
    assert all(file.created == file.updated == 0 for file in report.files)
    after = table_state()
    assert after["audit.auditentry"] == before["audit.auditentry"]  # not even an import entry
    assert after == before


def test_exported_rows_say_what_the_bundle_said(tmp_path, stored):
    parcours, positive = stored
    folder = tmp_path / "export"
    export_bundle(folder)

    rows = {row["parcours_id"]: row for row in read(folder, "plie_parcours.csv")}
    assert list(rows["PA01"]) == list(data.PARCOURS_HEADER)
    assert rows["PA01"] == {
        "parcours_id": "PA01",
        "person_id": "P01",
        "structure_code": "REF1",
        "entry_date": "2011-09-15",
        "qpv_at_entry": "true",
        "entry_situations": "rsa|single_parent",
        "exit_date": "2014-03-31",
        "exit_type": "dropout",
        "exit_reason": "Déménagement",
    }
    assert rows[parcours.external_id]["entry_situations"] == "rsa|th"
    assert rows[parcours.external_id]["exit_reason"] == "Départ hors du territoire"
    assert rows[positive.external_id]["exit_reason"] == "other_status"
    assert rows["PA03"]["exit_type"] == rows["PA03"]["exit_reason"] == ""

    steps = {row["step_id"]: row for row in read(folder, "plie_steps.csv")}
    assert steps["E05"] == {
        "step_id": "E05",
        "parcours_id": "PA03",
        "category": "employment_contract",
        "start_date": "2017-09-01",
        "end_date": "2018-02-28",
        "label": "Chantier",
        "operation_code": "OP2017-01",
        "contract_type": "siae",
        "company_id": "C03",
        "weekly_hours": "",
    }
    companies = {row["company_id"]: row for row in read(folder, "companies.csv")}
    assert companies["C01"]["siret"] == "73282932000074"
    assert companies["C02"]["naf"] == "53.10Z"
    operations = {row["operation_code"]: row for row in read(folder, "operations.csv")}
    assert (operations["OP2017-01"]["budget_eur"], operations["OP2017-01"]["fse_eur"]) == (
        "12500.50",
        "6250.25",
    )
    assert operations["OP2016-02"]["fse_eur"] == ""


def test_export_is_audited_once(tmp_path, stored):
    before = AuditEntry.objects.count()
    export_bundle(tmp_path / "export")
    assert AuditEntry.objects.count() == before + 1
