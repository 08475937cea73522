"""The ``programme`` block: counts, amounts by axis and funder, participants; in SQL."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.programme.figures import programme_block
from maillage.programme.models import Axis, Funder, FundingLine, Status
from maillage.reports.blocks import registered
from tests.plie.factories import OperationFactory, ParcoursFactory, StepFactory, StructureFactory
from tests.programme.world import operation_at

pytestmark = pytest.mark.django_db


def test_block_figures():
    alis, mirly = StructureFactory(), StructureFactory()
    planned = OperationFactory(
        structure=alis, axis=Axis.BARRIERS, budget_eur=Decimal(1000), fse_eur=Decimal(600)
    )
    FundingLine.objects.create(operation=planned, funder=Funder.FSE, amount_eur=Decimal(600))
    FundingLine.objects.create(operation=planned, funder=Funder.CITY, amount_eur=Decimal(400))
    OperationFactory(
        structure=alis, axis=Axis.ACTIVITY, budget_eur=Decimal(500), fse_eur=Decimal(200)
    )
    closed = operation_at(Status.ADVANCE_PAID, structure=mirly, axis=Axis.ACTIVITY)
    OperationFactory(structure=mirly, year=2016, budget_eur=Decimal(99))
    parcours = ParcoursFactory(entry_date=date(2017, 1, 1))
    StepFactory(parcours=parcours, operation=planned)
    StepFactory(parcours=parcours, operation=closed, start_date=date(2017, 5, 1))
    StepFactory(operation=closed)

    block = programme_block(2017)

    assert (block["operations"], block["structures"]) == (3, 2)
    assert block["budget_eur"] == "31500.00"
    assert block["participants"] == 2 and block["participations"] == 3
    assert block["by_axis"][Axis.ACTIVITY]["operations"] == 2
    assert block["by_axis"][Axis.ACTIVITY]["participants"] == 2
    assert block["by_axis"][Axis.BARRIERS]["budget_eur"] == "1000.00"
    # Without a plan, an operation's FSE counts as FSE and the rest as "non ventilé".
    assert block["by_funder"]["fse"] == "10800.00"
    assert block["by_funder"]["ville"] == "400.00"
    assert block["by_funder"]["non_ventile"] == "20300.00"
    total = sum(Decimal(v) for v in block["by_funder"].values())
    assert total == Decimal(block["budget_eur"])
    assert block["by_status"][Status.ADVANCE_PAID] == 1
    assert block["advances_paid_eur"] == "0.00"  # transitions written without amounts


def test_block_runs_a_fixed_number_of_queries():
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            programme_block(2017)
        return len(ctx)

    for _ in range(3):
        StepFactory(operation=OperationFactory())
    few = count()
    for _ in range(30):
        StepFactory(operation=OperationFactory())
    assert count() == few == 9


def test_block_in_the_annual_report():
    assert "programme" in [block.name for block in registered()]
    OperationFactory()
    out = io.StringIO()
    call_command("annual_report", year=2017, format="json", stdout=out)
    assert json.loads(out.getvalue())["programme"]["operations"] == 1
