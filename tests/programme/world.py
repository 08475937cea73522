"""Small programme worlds for the tests (factories live in tests.plie.factories)."""

from datetime import date
from decimal import Decimal

from maillage.programme.models import OperationTransition, Status
from tests.plie.factories import OperationFactory

STEPS_TO = {
    Status.SUBMITTED: date(2016, 12, 10),
    Status.OPINION: date(2017, 2, 1),
    Status.VOTED: date(2017, 6, 26),
    Status.CONVENTION: date(2017, 7, 10),
    Status.ADVANCE_PAID: date(2017, 8, 1),
    Status.BALANCE_PAID: date(2018, 6, 1),
    Status.CLOSED: date(2019, 1, 15),
}


def operation_at(status: str, **kwargs):
    """An operation whose circuit reached ``status`` (transitions written directly)."""
    kwargs.setdefault("fse_eur", Decimal("10000"))
    kwargs.setdefault("budget_eur", Decimal("30000"))
    operation = OperationFactory(status=status, **kwargs)
    for step, on in STEPS_TO.items():
        OperationTransition.objects.create(operation=operation, status=step, on=on)
        if step == status:
            break
    return operation
