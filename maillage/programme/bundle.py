"""operations.csv: the operations (actions) of the annual programme, keyed by ``operation_code``.

Amounts accept ``,`` or ``.`` (``fields.Decimal``), are never negative, and are
held to the model's precision (cents, under ten billion euros) while parsing,
so that a bad amount is a line-and-column error, not a database failure.

An operation that has a funding plan in Maillage (``FundingLine`` rows) has
``budget_eur`` = the plan's total and ``fse_eur`` = its FSE line; a row giving
other amounts for it is refused (one query per chunk), so the totals and the
plan never disagree. Operations without a plan take the file's amounts as is.
"""

from collections.abc import Iterator
from decimal import Decimal as D

from django.db.models import Sum

from maillage.bundle.fields import Choice, Decimal, Integer, Text
from maillage.bundle.files import Column
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.programme.models import Axis, Funder, FundingLine, Operation

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

    def check_rows(self, rows, context) -> Iterator[tuple]:
        codes = [row.values["operation_code"] for row in rows if row.get("operation_code")]
        plans: dict[str, dict[str, D]] = {}
        for code, funder, total in (
            FundingLine.objects.filter(operation__code__in=codes)
            .order_by()
            .values_list("operation__code", "funder")
            .annotate(total=Sum("amount_eur"))
        ):
            plans.setdefault(code, {})[funder] = total
        for row in rows:
            plan = plans.get(row.get("operation_code"))
            if plan is None:
                continue
            expected = {
                "budget_eur": sum(plan.values(), D(0)),
                "fse_eur": plan.get(Funder.FSE, D(0)),
            }
            for column, amount in expected.items():
                if column in row.values and row.values[column] != amount:
                    yield (
                        row,
                        (
                            column,
                            f"{row.values[column]} ne correspond pas au plan de financement de "
                            f"l'opération ({amount:.2f}) : modifiez le plan dans Maillage ou "
                            "reprenez ce montant",
                        ),
                    )
