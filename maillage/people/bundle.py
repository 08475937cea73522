"""people.csv: one row per natural person, keyed by ``person_id``.

``person_id`` is matched against ``Person.external_id`` first, then against the
identifiers of files merged into another one (``PersonAlias``), so that a later
bundle from the old software updates the surviving file instead of recreating
the merged one. Beyond the spec's columns, the export also writes birth_name,
email, phone and address, so that export → import is lossless.
"""

import datetime as dt

from maillage.bundle.fields import Choice, Date, Email, Name, Postcode, Text
from maillage.bundle.files import Column, Row
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.people.education import EducationLevel
from maillage.people.models import Person, PersonAlias, Sex

SEX = Choice(
    Sex.values,
    aliases={"H": Sex.MALE},
    message="sexe inconnu {value} : F ou M attendu (H est accepté pour M)",
)


@register
class PeopleFile(ModelFile):
    name = "people.csv"
    label = "Personnes"
    model = Person
    key = "person_id"
    columns = (
        Column("person_id", Text(), required=True, field="external_id"),
        Column("last_name", Name(), required=True),
        Column("first_name", Name(), required=True, field="first_names"),
        Column("sex", SEX, required=True),
        Column(
            "birth_date", Date(not_before=dt.date(1900, 1, 1), not_in_future=True), required=True
        ),
        Column("postcode", Postcode()),
        Column("city", Text()),
        Column("education_level", Choice(EducationLevel.values)),
        Column("birth_name", Name()),
        Column("email", Email()),
        Column("phone", Text()),
        Column("address", Text()),
    )

    def prepare(self, obj: Person) -> tuple[str, ...]:
        obj.search_key = obj.compute_search_key()  # bulk writes skip Person.save()
        return ("search_key",)

    def resolve(self, keys: set[str]) -> dict[str, int]:
        found = dict(Person.objects.filter(external_id__in=keys).values_list("external_id", "pk"))
        rest = keys - found.keys()
        if rest:
            aliases = PersonAlias.objects.filter(external_id__in=rest)
            found.update(aliases.values_list("external_id", "person_id"))
        return found

    def match(self, rows: list[Row]) -> list[Person | None]:
        keys = {row.values["person_id"] for row in rows}
        found = {p.external_id: p for p in Person.objects.filter(external_id__in=keys)}
        rest = keys - found.keys()
        if rest:
            aliases = PersonAlias.objects.filter(external_id__in=rest).select_related("person")
            found.update({alias.external_id: alias.person for alias in aliases})
        return [found.get(row.values["person_id"]) for row in rows]
