"""events.csv, event_companies.csv, event_attendees.csv (../shared/spec/bundle.md).

- events.csv, keyed by ``event_id`` (``Event.external_id``); ``structure_code``
  is the organiser or antenna. ``place`` and ``capacity`` are accepted beyond
  the specification.
- event_companies.csv, one row per company present, keyed by
  (``event_id``, ``company_id``); ``posts`` (posts brought) beyond the specification.
- event_attendees.csv, one row per registered person, keyed by
  (``event_id``, ``person_id``): ``attended``, ``interviews`` (default 0),
  ``hired`` (default false). An imported hire is counted by the ``events``
  block but creates no placement: the bundle's placements, if any, come with
  their own dates and companies, and a guessed one would be counted twice.
  Interviews of someone marked absent are kept as given (the block counts the
  interviews of those who attended only).
"""

from maillage.bundle.fields import Boolean, Choice, Date, Integer, Text
from maillage.bundle.files import Column
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.events.models import Event, EventCompany, EventKind, Registration

EVENTS_FILE = "events.csv"


@register
class EventsFile(ModelFile):
    name = EVENTS_FILE
    label = "Événements"
    model = Event
    key = "event_id"
    columns = (
        Column("event_id", Text(), required=True, field="external_id"),
        Column(
            "kind",
            Choice(EventKind.values, message="nature inconnue {value} ; attendu : {codes}"),
            required=True,
        ),
        Column("title", Text(), required=True),
        Column("date", Date(), required=True),
        Column("structure_code", Text(), field="structure", references="structures.csv"),
        # Beyond the specification.
        Column("place", Text()),
        Column("capacity", Integer(min_value=0)),
    )


@register
class EventCompaniesFile(ModelFile):
    name = "event_companies.csv"
    label = "Entreprises présentes aux événements"
    model = EventCompany
    key = ("event_id", "company_id")
    columns = (
        Column("event_id", Text(), required=True, field="event", references=EVENTS_FILE),
        Column("company_id", Text(), required=True, field="company", references="companies.csv"),
        # Beyond the specification.
        Column("posts", Integer(min_value=0)),
    )


@register
class EventAttendeesFile(ModelFile):
    name = "event_attendees.csv"
    label = "Participants aux événements"
    model = Registration
    key = ("event_id", "person_id")
    person_path = "person"
    columns = (
        Column("event_id", Text(), required=True, field="event", references=EVENTS_FILE),
        Column("person_id", Text(), required=True, field="person", references="people.csv"),
        Column("attended", Boolean(), required=True),
        Column("interviews", Integer(min_value=0)),
        Column("hired", Boolean()),
    )
