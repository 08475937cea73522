"""The demo's 2017 programme resembles the report: 94 operations by 51 structures, each with
a funding plan equal to its budget and a dated circuit; running it twice adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from maillage.programme.figures import programme_block
from maillage.programme.models import Operation, OperationTransition

pytestmark = pytest.mark.django_db


def test_demo_programme_2017():
    call_command("demo", people=20, plie_scale=0.02, stdout=io.StringIO())
    block = programme_block(2017)
    assert (block["operations"], block["structures"]) == (94, 51)
    assert block["by_funder"]["non_ventile"] == "0.00"
    for operation in Operation.objects.filter(year=2017).annotate(
        plan=Sum("funding_lines__amount_eur")
    ):
        assert operation.plan == operation.budget_eur
        dates = list(operation.transitions.order_by("id").values_list("on", flat=True))
        assert dates == sorted(dates) and len(dates) >= 5
    assert block["by_status"]["closed"] == 80
    transitions = OperationTransition.objects.count()
    call_command("demo", people=20, plie_scale=0.02, stdout=io.StringIO())
    assert OperationTransition.objects.count() == transitions
