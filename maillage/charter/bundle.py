"""charter_signatures.csv and charter_commitments.csv: the charter in a data bundle.

Files Maillage adds to the shared format, with its conventions: references to
companies.csv resolved in the bundle or the database, every error reported as
``FILE:LINE: COLUMN: message``, nothing written when one row is wrong. The
signing date is not repeated here: it is companies.csv's ``charter_signed_on``
(docs/charter.md). A commitment is keyed by (company_id, kind, taken_on), the
model's unique constraint; the rules are the services': taken on or after the
signature, realised or dropped (not both) on or after it was taken, never in the
future. A commitment realised through an import carries its note as evidence.
"""

from maillage.bundle.fields import Choice, Date, Text
from maillage.bundle.files import Column, ImportContext, Problem, Row
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.charter.models import Commitment, CommitmentKind, EvidenceKind, Signature
from maillage.companies.models import Company

SIGNATURES_FILE = "charter_signatures.csv"
COMMITMENTS_FILE = "charter_commitments.csv"


@register
class SignaturesFile(ModelFile):
    name = SIGNATURES_FILE
    label = "Signatures de la charte"
    model = Signature
    key = "company_id"
    columns = (
        Column("company_id", Text(), required=True, field="company", references="companies.csv"),
        Column("signatory_name", Text(), required=True),
        Column("signatory_function", Text()),
        Column("note", Text()),
    )

    def check_rows(self, rows: list[Row], context: ImportContext):
        signed = _signed_on(rows)
        for row in rows:
            if signed.get(row.resolved["company_id"]) is None:
                yield row, ("company_id", _NOT_SIGNED)


@register
class CommitmentsFile(ModelFile):
    name = COMMITMENTS_FILE
    label = "Engagements de la charte"
    model = Commitment
    key = ("company_id", "kind", "taken_on")
    columns = (
        Column("company_id", Text(), required=True, field="company", references="companies.csv"),
        Column("kind", Choice(CommitmentKind.values), required=True),
        Column("taken_on", Date(not_in_future=True), required=True),
        Column("description", Text()),
        Column("due_on", Date()),
        Column("realised_on", Date(not_in_future=True)),
        Column("dropped_on", Date(not_in_future=True)),
        Column("evidence_note", Text()),
    )

    def clean_row(self, values: dict) -> list[Problem]:
        problems = []
        taken_on = values.get("taken_on")
        if values.get("realised_on") and values.get("dropped_on"):
            problems.append(("dropped_on", "un engagement réalisé ne peut pas être abandonné"))
        for column, label in (
            ("due_on", "échéance"),
            ("realised_on", "date de réalisation"),
            ("dropped_on", "date d'abandon"),
        ):
            if taken_on and values.get(column) and values[column] < taken_on:
                problems.append((column, f"{label} antérieure à la prise de l'engagement"))
        return problems

    def check_rows(self, rows: list[Row], context: ImportContext):
        """The company signed the charter, no later than the commitment: one query per chunk."""
        signed = _signed_on(rows)
        for row in rows:
            signed_on = signed.get(row.resolved["company_id"])
            if signed_on is None:
                yield row, ("company_id", _NOT_SIGNED)
            elif row.values["taken_on"] < signed_on:
                yield (
                    row,
                    (
                        "taken_on",
                        f"engagement antérieur à la signature de la charte "
                        f"({signed_on.isoformat()})",
                    ),
                )

    def prepare(self, obj):
        # What the application records as the evidence of a realisation made elsewhere.
        if obj.realised_on and not obj.evidence_kind:
            obj.evidence_kind = EvidenceKind.NOTE
        return ("evidence_kind",)


_NOT_SIGNED = "cette entreprise n'a pas signé la charte (charter_signed_on vide dans companies.csv)"


def _signed_on(rows: list[Row]) -> dict:
    ids = {row.resolved["company_id"] for row in rows}
    return dict(Company.objects.filter(pk__in=ids).values_list("pk", "charter_signed_on"))
