"""operations.csv and the funding plan: totals that contradict a plan are refused."""

from decimal import Decimal

import pytest

from maillage.bundle.importer import import_bundle
from maillage.programme.models import Funder, FundingLine, Operation
from tests.plie.factories import OperationFactory, StructureFactory

pytestmark = pytest.mark.django_db

HEADER = "operation_code,structure_code,title,axis,year,budget_eur,fse_eur\n"


def write(tmp_path, *lines):
    folder = tmp_path / "lot"
    folder.mkdir()
    (folder / "operations.csv").write_text(HEADER + "".join(line + "\n" for line in lines))
    return folder


@pytest.fixture
def planned():
    structure = StructureFactory(code="S1")
    operation = OperationFactory(
        code="OP1", structure=structure, budget_eur=Decimal(1000), fse_eur=Decimal(600)
    )
    FundingLine.objects.create(operation=operation, funder=Funder.FSE, amount_eur=Decimal(600))
    FundingLine.objects.create(operation=operation, funder=Funder.STATE, amount_eur=Decimal(400))
    return operation


def test_totals_matching_the_plan_are_accepted(tmp_path, planned):
    report = import_bundle(
        write(tmp_path, "OP1,S1,Nouveau titre,mise_en_activite,2017,1000,600.00")
    )
    assert report.errors == []
    planned.refresh_from_db()
    assert planned.title == "Nouveau titre"


def test_totals_contradicting_the_plan_are_refused(tmp_path, planned):
    report = import_bundle(write(tmp_path, "OP1,S1,Titre,mise_en_activite,2017,1200,600"))
    assert [str(e) for e in report.errors] == [
        "operations.csv:2: budget_eur: 1200 ne correspond pas au plan de financement de "
        "l'opération (1000.00) : modifiez le plan dans Maillage ou reprenez ce montant"
    ]
    planned.refresh_from_db()
    assert planned.budget_eur == Decimal(1000)


def test_operations_without_plan_take_the_file_amounts(tmp_path):
    StructureFactory(code="S1")
    report = import_bundle(write(tmp_path, "OP2,S1,Titre,referent_parcours,2017,800,300"))
    assert report.errors == []
    assert Operation.objects.get(code="OP2").budget_eur == Decimal(800)
