"""charter_signatures.csv and charter_commitments.csv: import, refusals, export."""

import datetime as dt

import pytest

from maillage.bundle.exporter import export_bundle
from maillage.bundle.importer import import_bundle
from maillage.charter.models import Commitment, Signature
from tests.bundle.conftest import write_bundle

pytestmark = pytest.mark.django_db

COMPANIES = (
    "company_id;name;charter_signed_on\n"
    "C01;Boulangerie du Plateau;2016-05-12\n"
    "C02;Transports Rhône;\n"
)
SIGNATURES = "company_id,signatory_name,signatory_function\nC01,Claire Durand,Gérante\n"
COMMITMENTS = (
    "company_id,kind,taken_on,description,due_on,realised_on,dropped_on,evidence_note\n"
    "C01,recruitment,2016-05-12,Transmettre les offres,2018-05-12,2017-03-01,,Trois offres\n"
    "C01,Training,2016-05-12,,,,,\n"
)


def run(tmp_path, files: dict, name="lot"):
    return import_bundle(write_bundle(tmp_path / name, files))


def test_import_export_import_changes_nothing(tmp_path):
    files = {
        "companies.csv": COMPANIES,
        "charter_signatures.csv": SIGNATURES,
        "charter_commitments.csv": COMMITMENTS,
    }
    report = run(tmp_path, files)
    assert report.errors == []
    signature = Signature.objects.get()
    assert (signature.company.external_id, signature.signatory_name) == ("C01", "Claire Durand")
    realised = Commitment.objects.get(kind="recruitment")
    assert (realised.realised_on, realised.evidence_kind, realised.status) == (
        dt.date(2017, 3, 1),
        "note",
        "realised",
    )
    assert Commitment.objects.get(kind="training").status == "open"
    export_bundle(tmp_path / "export")
    exported = (tmp_path / "export" / "charter_commitments.csv").read_text(encoding="utf-8")
    assert "C01,recruitment,2016-05-12" in exported
    again = import_bundle(tmp_path / "export")
    assert again.errors == []
    by_name = {f.name: (f.created, f.updated) for f in again.files}
    assert by_name["charter_commitments.csv"] == (0, 0)
    assert by_name["charter_signatures.csv"] == (0, 0)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("C02,training,2017-01-01,,,,,", "COMPANY_ID: cette entreprise n'a pas signé la charte"),
        ("C01,training,2015-01-01,,,,,", "TAKEN_ON: engagement antérieur à la signature"),
        ("C01,training,2016-06-01,,,2016-07-01,2016-08-01,", "DROPPED_ON: un engagement réalisé"),
        ("C01,training,2016-06-01,,,2016-05-01,,", "REALISED_ON: date de réalisation antérieure"),
        ("C01,sponsor,2016-06-01,,,,,", "KIND: valeur inconnue"),
        ("C09,training,2016-06-01,,,,,", "COMPANY_ID"),
    ],
)
def test_refusals_write_nothing(tmp_path, line, expected):
    header = COMMITMENTS.splitlines()[0]
    report = run(
        tmp_path,
        {"companies.csv": COMPANIES, "charter_commitments.csv": f"{header}\n{line}\n"},
    )
    messages = [str(e) for e in report.errors]
    assert any(expected.casefold() in m.casefold() for m in messages), messages
    assert not Commitment.objects.exists()


def test_signature_of_a_company_that_did_not_sign_is_refused(tmp_path):
    report = run(
        tmp_path,
        {
            "companies.csv": COMPANIES,
            "charter_signatures.csv": "company_id,signatory_name\nC02,Paul Martin\n",
        },
    )
    assert any("n'a pas signé" in str(e) for e in report.errors)
    assert not Signature.objects.exists()
