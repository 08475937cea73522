"""companies.csv: the companies the platform works with, keyed by ``company_id``.

SIRET and NAF are checked and normalised while the cell is parsed, with the
model's own validators (``companies.models``): bulk writes skip
``Company.save()``, and a value normalised only at save time would look
changed at every re-import ("4711F" in the file, "47.11F" stored).
"""

from django.core.exceptions import ValidationError

from maillage.bundle.errors import CellError
from maillage.bundle.fields import Date, FieldType, Postcode, Text
from maillage.bundle.files import Column
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.companies.models import (
    Company,
    normalise_naf,
    normalise_siret,
    validate_naf,
    validate_siret,
)


class _Validated(FieldType):
    """A text cell normalised then checked by a model validator (its message, in French)."""

    empty = ""

    def __init__(self, normalise, validate):
        self.normalise = normalise
        self.validate = validate

    def parse(self, raw: str) -> str:
        value = self.normalise(raw)
        try:
            self.validate(value)
        except ValidationError as exc:
            raise CellError(" ".join(exc.messages)) from None
        return value


class Siret(_Validated):
    """14 digits valid as ``stdnum.fr.siret`` says (La Poste's SIREN 356 000 000 included);
    the spaces people type between groups are dropped."""

    def __init__(self):
        super().__init__(normalise_siret, validate_siret)

    def parse(self, raw: str) -> str:
        value = super().parse(raw)
        if raw.strip() and not value:  # only separators: not a SIRET
            raise CellError(f"Le numéro SIRET « {raw} » n'est pas valide.")
        return value


class Naf(_Validated):
    """NAF rev. 2, written ``47.11F`` or ``4711F``, stored the INSEE way (``47.11F``)."""

    def __init__(self):
        super().__init__(lambda raw: raw.strip(), validate_naf)

    def parse(self, raw: str) -> str:
        return normalise_naf(super().parse(raw))


@register
class CompaniesFile(ModelFile):
    name = "companies.csv"
    label = "Entreprises"
    model = Company
    key = "company_id"
    columns = (
        Column("company_id", Text(), required=True, field="external_id"),
        Column("name", Text(), required=True),
        Column("siret", Siret()),
        Column("naf", Naf()),
        Column("postcode", Postcode()),
        Column("charter_signed_on", Date()),
    )

    def prepare(self, obj):
        obj.search_key = obj.compute_search_key()  # bulk writes skip Company.save()
        return ("search_key",)


# Contacts and interactions (files Maillage adds to the format): registered after companies.csv.
from maillage.companies import bundle_crm  # noqa: E402, F401
