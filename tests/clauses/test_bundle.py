"""clause_operations.csv + clause_hours.csv → the ``clauses`` block of the annual report.

A hand-made bundle whose expected figures are worked out by hand below: one
contract (K1) and one company (C1) appear under both legal bases, so the
total's distinct counts are not the sum of the two columns.
"""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from maillage.audit.models import AuditEntry
from maillage.clauses.models import Buyer, ClauseContract, ClauseHours, ClauseOperation
from maillage.people.models import Followup
from maillage.recruitment.models import Placement
from maillage.reports.blocks import registered
from tests.bundle.conftest import write_bundle
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db

PEOPLE = (
    "person_id,last_name,first_name,sex,birth_date\n"
    "P1,Dupont,Hélène,F,1984-03-21\n"
    "P2,Martin,Moussa,M,1990-12-31\n"
    "P3,Bernard,Léa,F,1975-07-01\n"
    "P4,Petit,Jean,H,1980-01-01\n"
)
COMPANIES = "company_id,name\nC1,Bâtir SA\nC2,Propreté Plus\nC3,Jardins du Rhône\n"
OPERATIONS = (
    "\ufeffclause_operation_id;buyer;title;legal_basis;required_hours;start_date;end_date\r\n"
    "O1;Ville de Lyon;Groupe scolaire Mermoz;execution_clause;1 500;2016-09-01;2018-06-30\r\n"
    "O2;Ville de Lyon;Entretien des espaces verts;insertion_market;;2017-01-01;\r\n"
    "O3;Métropole de Lyon;Voirie lot 3;EXECUTION_CLAUSE;200,5;;\r\n"
)
HOURS = (
    "clause_operation_id,company_id,person_id,contract_id,month,hours\n"
    "O1,C1,P1,K1,2017-01,100\n"
    "O1,C1,P1,K1,2017-02,120.5\n"
    'O2,C1,P1,K1,2017-03,"50"\n'
    'O2,C2,P2,K2,2017-03,"151,67"\n'
    "O3,C3,P3,K3,2017-12,10\n"
    "O3,C3,P3,K3,2016-12,99\n"
    "O1,C2,P4,K4,2018-01,20\n"
)
EXPECTED_2017 = {
    "by_legal_basis": {
        "execution_clause": {
            "beneficiaries": 2,
            "contracts": 2,
            "hours": 230.5,
            "companies": 2,
            "operations": 2,
        },
        "insertion_market": {
            "beneficiaries": 2,
            "contracts": 2,
            "hours": 201.67,
            "companies": 2,
            "operations": 1,
        },
    },
    "total": {
        "beneficiaries": 3,
        "contracts": 3,
        "hours": 432.17,
        "companies": 3,
        "operations": 3,
        "buyers": 2,
    },
}


def bundle(tmp_path, name="lot", *, hours=HOURS, operations=OPERATIONS):
    contents = {
        "people.csv": PEOPLE,
        "companies.csv": COMPANIES,
        "clause_operations.csv": operations,
        "clause_hours.csv": hours,
    }
    return write_bundle(tmp_path / name, {k: v for k, v in contents.items() if v is not None})


def import_(path):
    call_command("import_bundle", str(path), stdout=StringIO())


def clauses_block(year=2017) -> dict:
    """The block as ``annual_report --format json`` prints it (through JSON, like the command;
    only this block: the others belong to other apps)."""
    (block,) = [block for block in registered() if block.name == "clauses"]
    return json.loads(json.dumps(block.compute(year)))


def errors_of(path, capsys) -> list[str]:
    with pytest.raises(CommandError):
        call_command("import_bundle", str(path), stdout=StringIO())
    return capsys.readouterr().err.splitlines()


def test_block_key_by_key_with_distinct_counts_across_bases(tmp_path):
    import_(bundle(tmp_path))
    assert clauses_block() == EXPECTED_2017
    block_2016 = clauses_block(2016)
    assert block_2016["total"] == {
        "beneficiaries": 1,
        "contracts": 1,
        "hours": 99.0,
        "companies": 1,
        "operations": 1,
        "buyers": 1,
    }
    assert block_2016["by_legal_basis"]["insertion_market"] == {
        "beneficiaries": 0,
        "contracts": 0,
        "hours": 0.0,
        "companies": 0,
        "operations": 0,
    }


def test_operations_buyers_and_contracts_are_created(tmp_path):
    StructureFactory(code="ANIM", kind="animation")
    import_(bundle(tmp_path))
    assert set(Buyer.objects.values_list("name", flat=True)) == {
        "Ville de Lyon",
        "Métropole de Lyon",
    }
    o1 = ClauseOperation.objects.get(external_id="O1")
    assert o1.required_hours == Decimal("1500")
    assert ClauseOperation.objects.get(external_id="O3").legal_basis == "execution_clause"
    k1 = ClauseContract.objects.get(external_id="K1")
    assert (k1.operation, k1.imported) == (o1, True)
    assert (str(k1.start_date), str(k1.end_date)) == ("2017-01-01", "2017-03-31")
    assert ClauseContract.objects.get(external_id="K3").start_date.isoformat() == "2016-12-01"
    # One clause placement per person and year of the contract's start.
    assert Placement.objects.filter(channel="clauses").count() == 4
    assert Followup.objects.filter(service="clauses").count() == 4


def test_reimport_changes_nothing_and_a_corrected_month_replaces_the_hours(tmp_path, capsys):
    import_(bundle(tmp_path))
    count = ClauseHours.objects.count()
    audit = AuditEntry.objects.count()
    import_(bundle(tmp_path, "same"))
    assert ClauseHours.objects.count() == count
    assert AuditEntry.objects.count() == audit

    corrected = (
        "clause_operation_id;company_id;person_id;contract_id;month;hours\n"
        "O1;C1;P1;K1;2017-02;80\n"
        "O1;C1;P1;K1;2017-04;10\n"
    )
    folder = write_bundle(tmp_path / "correction", {"clause_hours.csv": corrected})
    call_command("import_bundle", str(folder))
    assert "1 créée(s), 1 modifiée(s)" in capsys.readouterr().out
    assert ClauseHours.objects.count() == count + 1
    block = clauses_block()
    assert block["by_legal_basis"]["execution_clause"]["hours"] == 230.5 - 120.5 + 80 + 10
    entry = AuditEntry.objects.filter(action="update", object_type="clauses.clausehours").get()
    assert entry.changes == {"hours": ["120.50", "80"]}
    assert entry.person_id == ClauseContract.objects.get(external_id="K1").person_id
    # The imported contract's dates follow the months reported.
    assert ClauseContract.objects.get(external_id="K1").end_date.isoformat() == "2017-04-30"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("O1,C1,P1,K9,2017-05,0", "hours: « 0 » : valeur strictement supérieure à 0 attendue"),
        ("O1,C1,P1,K9,2017-05,-3", "hours: « -3 » : valeur strictement supérieure à 0"),
        ("O1,C1,P1,K9,2017-05,250.5", "hours: « 250.5 » : valeur inférieure ou égale à 250"),
        ("O1,C1,P1,K9,2017-13,10", "month: mois « 2017-13 »"),
        ("O9,C1,P1,K9,2017-05,10", "clause_operation_id: « O9 » introuvable"),
        ("O1,C1,P2,K1,2017-05,10", "person_id: le contrat « K1 » est celui d'une autre personne"),
        ("O1,C1,P1,K1,2017-01,10", "identifiant « O1 / K1 / 2017-01-01 » en double"),
    ],
)
def test_bad_hours_are_refused_and_nothing_is_written(tmp_path, capsys, row, expected):
    errors = errors_of(bundle(tmp_path, hours=HOURS + row + "\n"), capsys)
    assert len(errors) == 1
    assert errors[0].startswith("clause_hours.csv:9: ")
    assert expected in errors[0]
    assert not ClauseHours.objects.exists()
    assert not ClauseOperation.objects.exists()
    assert not Buyer.objects.exists()


def test_operation_without_buyer_or_with_reversed_dates_is_refused(tmp_path, capsys):
    operations = (
        "clause_operation_id,buyer,title,legal_basis,start_date,end_date\n"
        "O1,,Sans acheteur,execution_clause,,\n"
        "O2,Ville de Lyon,À l'envers,insertion_market,2017-05-01,2017-01-01\n"
        "O3,Ville de Lyon,Article 30,article_30,,\n"
    )
    errors = errors_of(bundle(tmp_path, operations=operations, hours=None), capsys)
    assert errors == [
        "clause_operations.csv:2: buyer: valeur obligatoire manquante",
        "clause_operations.csv:3: end_date: La date de fin précède la date de début.",
        "clause_operations.csv:4: legal_basis: fondement inconnu « article_30 » ; "
        "attendu : execution_clause, insertion_market",
    ]
    assert not Buyer.objects.exists()


def test_month_outside_a_contract_made_in_the_application(tmp_path, capsys):
    from tests.clauses.factories import ContractFactory

    import_(bundle(tmp_path))
    contract = ContractFactory(
        external_id="K7",
        person__external_id="P7",
        start_date="2017-03-15",
        end_date="2017-06-30",
    )
    contract.refresh_from_db()
    rows = (
        "clause_operation_id,company_id,person_id,contract_id,month,hours\n"
        "O1,C1,P7,K7,2017-07,10\n"
        "O1,C1,P7,K7,2017-03,10\n"
    )
    folder = write_bundle(tmp_path / "k7", {"clause_hours.csv": rows})
    errors = errors_of(folder, capsys)
    assert errors == [
        "clause_hours.csv:2: month: Le mois 07/2017 est en dehors du contrat "
        "(du 15/03/2017 au 30/06/2017)."
    ]


def test_export_then_import_changes_nothing(tmp_path):
    import_(bundle(tmp_path))
    call_command("export_bundle", str(tmp_path / "export"), stdout=StringIO())
    exported = (tmp_path / "export" / "clause_hours.csv").read_text(encoding="utf-8")
    assert "O2,C2,P2,K2,2017-03,151.67" in exported.replace(";", ",")
    changes = AuditEntry.objects.filter(action__in=["create", "update"])
    before = changes.count()
    import_(tmp_path / "export")
    assert changes.count() == before
    assert clauses_block() == EXPECTED_2017
