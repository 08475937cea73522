"""operations.csv: the operations (actions) of the annual programme, keyed by ``operation_code``.

Amounts accept ``,`` or ``.`` (``fields.Decimal``), are never negative, and are
held to the model's precision (cents, under ten billion euros) while parsing,
so that a bad amount is a line-and-column error, not a database failure.
"""

from decimal import Decimal as D

from maillage.bundle.fields import Choice, Decimal, Integer, Text
from maillage.bundle.files import Column
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.programme.models import Axis, Operation

#: The largest amount the model stores (12 digits, 2 of them decimals).
MAX_AMOUNT = D("9999999999.99")


def amount() -> Decimal:
    return Decimal(min_value=0, max_value=MAX_AMOUNT, decimal_places=2)


@register
class OperationsFile(ModelFile):
    name = "operations.csv"
    label = "Opérations de la programmation"
    model = Operation
    key = "operation_code"
    columns = (
        Column("operation_code", Text(), required=True, field="code"),
        Column(
            "structure_code",
            Text(),
            required=True,
            field="structure",
            references="structures.csv",
        ),
        Column("title", Text(), required=True),
        Column(
            "axis",
            Choice(Axis.values, message="axe inconnu {value} ; axes acceptés : {codes}"),
            required=True,
        ),
        Column("year", Integer(min_value=1900, max_value=2100), required=True),
        Column("budget_eur", amount()),
        Column("fse_eur", amount()),
    )
