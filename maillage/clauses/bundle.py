"""clause_operations.csv and clause_hours.csv (bundle.md), the company spreadsheets' route in.

clause_operations.csv is keyed by ``clause_operation_id``; its ``buyer`` is a
buyer's exact name: a name not yet known creates the buyer (audited).

clause_hours.csv is keyed by (clause_operation_id, contract_id, month): a
later bundle with the same key replaces the hours, and the change is audited
like any update. ``contract_id`` names a ``ClauseContract``:

- a contract not yet known is created by the import (``imported``), for the
  row's person, company and operation; its dates are those of the months
  reported (first day of the first month → last day of the last one), widened
  by later bundles. The format carries no eligibility: such contracts are
  recorded without the eligibility check of the application and the contract
  page shows "éligibilité à vérifier" until the facilitator records one;
- a contract belongs to one person: a row naming it with another person is
  refused; a contract created in the application keeps its dates, and a month
  outside them is refused (the "month outside the contract" rule);
- each new contract makes, like ``services.create_contract``, the clause
  placement of its person for its start year (one per person and year) and a
  "Clauses sociales" follow-up by the animation structure, so that the
  facilitator sees the people the companies report.
"""

import calendar
from collections.abc import Iterable, Iterator

from maillage.audit.services import Action, build_entry, log_many
from maillage.bundle.fields import Choice, Date, Decimal, Month, Text
from maillage.bundle.files import Column, ImportContext, Problem, Row
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.clauses import rules
from maillage.clauses.models import (
    MAX_MONTH_HOURS,
    Buyer,
    ClauseContract,
    ClauseHours,
    ClauseOperation,
    LegalBasis,
)
from maillage.clauses.placements import ensure_followups, ensure_placements
from maillage.plie.bundle_checks import complete

OPERATIONS_FILE = "clause_operations.csv"
HOURS_FILE = "clause_hours.csv"
BUYER_NAME_LENGTH = Buyer._meta.get_field("name").max_length
CONTRACT_ID_LENGTH = ClauseContract._meta.get_field("external_id").max_length


@register
class ClauseOperationsFile(ModelFile):
    name = OPERATIONS_FILE
    label = "Opérations avec clause sociale"
    model = ClauseOperation
    key = "clause_operation_id"
    columns = (
        Column("clause_operation_id", Text(), required=True, field="external_id"),
        Column("buyer", Text(max_length=BUYER_NAME_LENGTH), required=True),
        Column("title", Text(), required=True),
        Column(
            "legal_basis",
            Choice(LegalBasis.values, message="fondement inconnu {value} ; attendu : {codes}"),
            required=True,
        ),
        Column("required_hours", Decimal(min_value=0, decimal_places=2)),
        Column("start_date", Date()),
        Column("end_date", Date()),
    )

    def clean_row(self, values: dict) -> Iterable[Problem]:
        errors = rules.check_dates(values.get("start_date"), values.get("end_date"))
        for column, messages in errors.items():
            for message in messages:
                yield column, message

    def save(self, rows: list[Row], matches: list) -> tuple[int, int, int]:
        buyers = self._buyers({row.values["buyer"] for row in rows})
        for row in rows:
            row.resolved["buyer"] = buyers[row.values["buyer"]]
        return super().save(rows, matches)

    def _buyers(self, names: set[str]) -> dict[str, int]:
        """Buyers by exact name; the missing ones are created (and audited)."""
        found = dict(Buyer.objects.filter(name__in=names).values_list("name", "pk"))
        new = [Buyer(name=name) for name in sorted(names - found.keys())]
        if new:
            Buyer.objects.bulk_create(new)
            created = Buyer.objects.filter(name__in=[buyer.name for buyer in new])
            log_many(
                [
                    build_entry(Action.CREATE, buyer, changes={"name": [None, buyer.name]})
                    for buyer in created
                ]
            )
            found.update((buyer.name, buyer.pk) for buyer in created)
        return found

    def export_rows(self, registry) -> Iterator[list[str]]:
        rows = (
            self.queryset()
            .order_by("pk")
            .values_list(
                "external_id",
                "buyer__name",
                "title",
                "legal_basis",
                "required_hours",
                "start_date",
                "end_date",
            )
        )
        for values in rows.iterator(chunk_size=2000):
            yield [column.type.format(v) for column, v in zip(self.columns, values, strict=True)]


def _month_end(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


@register
class ClauseHoursFile(ModelFile):
    name = HOURS_FILE
    label = "Heures d'insertion"
    model = ClauseHours
    key = ("clause_operation_id", "contract_id", "month")
    person_path = "person"
    columns = (
        Column(
            "clause_operation_id",
            Text(),
            required=True,
            field="operation",
            references=OPERATIONS_FILE,
        ),
        Column("company_id", Text(), required=True, field="company", references="companies.csv"),
        Column("person_id", Text(), required=True, field="person", references="people.csv"),
        Column("contract_id", Text(max_length=CONTRACT_ID_LENGTH), required=True, field="contract"),
        Column("month", Month(), required=True),
        Column(
            "hours",
            Decimal(min_value=0, min_exclusive=True, max_value=MAX_MONTH_HOURS, decimal_places=2),
            required=True,
        ),
    )

    # -- across rows -----------------------------------------------------------

    def check_rows(self, rows: list[Row], context: ImportContext) -> Iterator[tuple]:
        """A contract is one person's; a contract made in the application keeps its dates."""
        state = context.state.setdefault(self.name, {})  # contract_id → (person pk, line)
        rows = [row for row in rows if complete(self, row.values)]
        keys = {row.values["contract_id"] for row in rows}
        stored = {
            values[0]: values[1:]
            for values in ClauseContract.objects.filter(external_id__in=keys).values_list(
                "external_id", "pk", "person_id", "start_date", "end_date", "imported"
            )
        }
        for row in rows:
            key, person = row.values["contract_id"], row.resolved["person_id"]
            found = stored.get(key)
            first = state.setdefault(key, (person, row.line))
            if found is not None and found[1] != person:
                message = f"le contrat « {key} » est déjà enregistré pour une autre personne"
                yield row, ("person_id", message)
                continue
            if first[0] != person:
                message = f"le contrat « {key} » est celui d'une autre personne (ligne {first[1]})"
                yield row, ("person_id", message)
                continue
            if found is not None and not found[4]:
                errors = rules.check_month_in_contract(row.values["month"], found[2], found[3])
                if errors:
                    yield row, ("month", errors["month"][0])
                    continue
            row.resolved["contract_id"] = found[0] if found is not None else None

    # -- writing ---------------------------------------------------------------

    def save(self, rows: list[Row], matches: list) -> tuple[int, int, int]:
        self._write_contracts(rows)
        return super().save(rows, matches)

    def _write_contracts(self, rows: list[Row]) -> None:
        """Create the contracts named for the first time, widen the imported ones' dates."""
        spans: dict[str, list] = {}
        for row in rows:
            month = row.values["month"]
            span = spans.setdefault(row.values["contract_id"], [month, month, row])
            span[0], span[1] = min(span[0], month), max(span[1], month)
        stored = ClauseContract.objects.in_bulk(spans.keys(), field_name="external_id")
        new, widened = [], []
        for key, (first, last, row) in spans.items():
            contract = stored.get(key)
            if contract is None:
                new.append(
                    ClauseContract(
                        external_id=key,
                        person_id=row.resolved["person_id"],
                        company_id=row.resolved["company_id"],
                        operation_id=row.resolved["clause_operation_id"],
                        start_date=first,
                        end_date=_month_end(last),
                        imported=True,
                    )
                )
            elif contract.imported:
                start = min(contract.start_date, first)
                end = max(contract.end_date or last, _month_end(last))
                if (start, end) != (contract.start_date, contract.end_date):
                    before = [contract.start_date.isoformat(), contract.end_date]
                    contract.start_date, contract.end_date = start, end
                    widened.append((contract, before))
        if new:
            ClauseContract.objects.bulk_create(new, batch_size=self.chunk_size)
            new = list(ClauseContract.objects.filter(external_id__in=[c.external_id for c in new]))
            stored.update((contract.external_id, contract) for contract in new)
        if widened:
            ClauseContract.objects.bulk_update(
                [contract for contract, _ in widened], ["start_date", "end_date"]
            )
        entries = [
            build_entry(
                Action.CREATE,
                contract,
                object_repr=contract.external_id,
                person_id=contract.person_id,
                changes={"start_date": [None, contract.start_date.isoformat()]},
            )
            for contract in new
        ] + [
            build_entry(
                Action.UPDATE,
                contract,
                object_repr=contract.external_id,
                person_id=contract.person_id,
                changes={
                    "start_date": [before[0], contract.start_date.isoformat()],
                    "end_date": [
                        before[1] and before[1].isoformat(),
                        contract.end_date.isoformat(),
                    ],
                },
            )
            for contract, before in widened
        ]
        if entries:
            log_many(entries, batch_size=self.chunk_size)
        for row in rows:
            row.resolved["contract_id"] = stored[row.values["contract_id"]].pk
        if new:
            ensure_placements(new)
            ensure_followups({contract.person_id: contract.start_date for contract in new})

    # -- export ----------------------------------------------------------------

    def export_rows(self, registry) -> Iterator[list[str]]:
        rows = (
            self.queryset()
            .order_by("pk")
            .values_list(
                "operation__external_id",
                "company__" + registry.get("companies.csv").key_path(),
                "person__" + registry.get("people.csv").key_path(),
                "contract__external_id",
                "month",
                "hours",
            )
        )
        for values in rows.iterator(chunk_size=2000):
            yield [column.type.format(v) for column, v in zip(self.columns, values, strict=True)]
