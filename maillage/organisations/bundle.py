"""structures.csv: the structures of the platform, keyed by ``structure_code``.

Beyond the spec's columns (structure_code, name, kind), the export also writes
the contact columns of a structure, so that export → import is lossless.
"""

from maillage.bundle.fields import Choice, Email, Postcode, Text
from maillage.bundle.files import Column
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.organisations.models import Structure, StructureKind


@register
class StructuresFile(ModelFile):
    name = "structures.csv"
    label = "Structures"
    model = Structure
    key = "structure_code"
    columns = (
        Column("structure_code", Text(), required=True, field="code"),
        Column("name", Text(), required=True),
        # The spec's codes, plus company_partner (a structure kind Maillage adds).
        Column("kind", Choice(StructureKind.values), required=True),
        Column("territory", Text()),
        Column("address", Text()),
        Column("postcode", Postcode()),
        Column("city", Text()),
        Column("phone", Text()),
        Column("email", Email()),
    )
