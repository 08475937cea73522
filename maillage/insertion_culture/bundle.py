"""Files of the Mission Insertion Culture in a data bundle (files Maillage adds to the format).

``mic_partners.csv``, ``mic_actions.csv``, ``mic_action_partners.csv`` (which partner
takes part in which action) and ``mic_participations.csv`` (a person of people.csv on an
action, with the publics of the report): the MIC's existing spreadsheets moved in, with the
conventions of the format (external codes kept, upsert by key, references resolved in the
bundle or the database, all or nothing, ``FILE:LINE: COLUMN: message``). Columns are
described in docs/insertion_culture.md. Derived fields are computed like the services do:
a partner's side from its category, a participant's territory from the person's postcode
and commune (bulk writes skip ``save()``).
"""

from maillage.bundle.fields import Boolean, Choice, Date, Text
from maillage.bundle.files import Column, ImportContext, Row
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.insertion_culture.models import (
    PUBLIC_FLAGS,
    ActionKind,
    CollectiveAction,
    Participation,
    Partner,
    PartnerCategory,
    Side,
    side_of,
)
from maillage.insertion_culture.territories import territory_of
from maillage.people.models import Person

PARTNERS = "mic_partners.csv"
ACTIONS = "mic_actions.csv"


@register
class PartnersFile(ModelFile):
    name = PARTNERS
    label = "Partenaires de la Mission Insertion Culture"
    model = Partner
    key = "partner_code"
    columns = (
        Column("partner_code", Text(), required=True, field="code"),
        Column("name", Text(), required=True),
        Column("category", Choice(PartnerCategory.values), required=True),
        Column("city", Text()),
    )

    def prepare(self, obj):
        obj.side = side_of(obj.category)
        return ("side",)


@register
class ActionsFile(ModelFile):
    name = ACTIONS
    label = "Actions insertion & culture"
    model = CollectiveAction
    key = "action_code"
    columns = (
        Column("action_code", Text(), required=True, field="code"),
        Column("title", Text(), required=True),
        Column("kind", Choice(ActionKind.values), required=True),
        Column("starts_on", Date(), required=True),
        Column("ends_on", Date(), required=True),
        Column("description", Text()),
    )

    def clean_row(self, values):
        start, end = values.get("starts_on"), values.get("ends_on")
        if start and end and end < start:
            yield "ends_on", "fin de l'action antérieure à son début"


@register
class ActionPartnersFile(ModelFile):
    name = "mic_action_partners.csv"
    label = "Partenaires des actions insertion & culture"
    model = CollectiveAction.partners.through
    key = ("action_code", "partner_code")
    columns = (
        Column("action_code", Text(), required=True, field="collectiveaction", references=ACTIONS),
        Column("partner_code", Text(), required=True, field="partner", references=PARTNERS),
    )


@register
class ParticipationsFile(ModelFile):
    name = "mic_participations.csv"
    label = "Participants des actions insertion & culture"
    model = Participation
    person_path = "person"
    key = ("action_code", "person_id")
    columns = (
        Column("action_code", Text(), required=True, field="action", references=ACTIONS),
        Column("person_id", Text(), required=True, field="person", references="people.csv"),
        Column("registered_on", Date(), required=True),
        Column("referred_by", Text(), field="referred_by", references=PARTNERS),
        *(Column(flag.removeprefix("is_"), Boolean(), field=flag) for flag in PUBLIC_FLAGS),
    )

    def check_rows(self, rows: list[Row], context: ImportContext):
        """The referring partner is an insertion partner (one query per chunk)."""
        referrers = {row.resolved.get("referred_by") for row in rows} - {None}
        sides = dict(
            Partner.objects.filter(pk__in=[r for r in referrers if isinstance(r, int)]).values_list(
                "pk", "side"
            )
        )
        for row in rows:
            partner = row.resolved.get("referred_by")
            if partner in sides and sides[partner] != Side.INSERTION:
                yield row, ("referred_by", "ce partenaire n'est pas un partenaire de l'insertion")

    def save(self, rows, matches):
        """Load the chunk's people's addresses (one query) for ``prepare``, then write.

        The cache lives only during this call (imports run one at a time per process), so
        the shared handler keeps no state between chunks or imports.
        """
        people = {row.resolved.get("person_id") for row in rows}
        self._addresses = dict(
            (pk, (postcode, city))
            for pk, postcode, city in Person.objects.filter(pk__in=people).values_list(
                "pk", "postcode", "city"
            )
        )
        try:
            return super().save(rows, matches)
        finally:
            del self._addresses

    def prepare(self, obj):
        territory, kind = territory_of(*self._addresses.get(obj.person_id, ("", "")))
        obj.territory, obj.territory_kind = territory, kind.value
        return ("territory", "territory_kind")
