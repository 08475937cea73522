"""How long personal data is kept, module by module, and who is due for anonymisation.

Each rule names a model holding a person's data, the date that ends the need
to keep it (a parcours' exit, a visit, a booking) and how many years after that
date it is kept. A person is **due** when, for every model holding rows about
them, the rule says the time is over. A row with no end date (an open parcours)
keeps the person; and so does a row in a model that has **no rule**: unknown
retention means keep, so a new module can never get its people anonymised by
accident — it must state its rule here.

The durations come from settings (docs/configuration.md); the defaults follow
the CNIL's reference for social support and the FSE audit obligations.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import DateTimeField, Max, Q

from maillage.people.models import Person


@dataclass(frozen=True)
class Rule:
    model: str  # app_label.ModelName
    date_field: str  # the row's end date: null means still running (keeps the person)
    years_setting: str  # name of the setting holding the number of years
    reason: str  # why it is kept, in French, for the refusal of an erasure request
    person_field: str = "person"

    @property
    def years(self) -> int:
        return int(getattr(settings, self.years_setting))

    def installed(self) -> bool:
        return _get_model(self.model) is not None


def _get_model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


RULES: tuple[Rule, ...] = (
    Rule(
        "plie.Parcours",
        "exit_date",
        "MAILLAGE_RETENTION_PLIE_YEARS",
        "parcours PLIE cofinancé par le Fonds social européen : les pièces sont conservées "
        "pour les contrôles du FSE",
    ),
    Rule(
        "people.Followup",
        "started_on",
        "MAILLAGE_RETENTION_DEFAULT_YEARS",
        "suivi par une structure",
    ),
    Rule(
        "antennas.Visit",
        "at",
        "MAILLAGE_RETENTION_RECEPTION_YEARS",
        "passage à l'accueil d'une antenne",
    ),
    Rule("iod.IodFollowup", "ended_on", "MAILLAGE_RETENTION_PLIE_YEARS", "suivi IOD (PLIE, FSE)"),
    Rule(
        "aids.AidRequest",
        "requested_on",
        "MAILLAGE_RETENTION_PLIE_YEARS",
        "aide individuelle du PLIE (FSE)",
    ),
    Rule(
        "clauses.ClauseContract",
        "end_date",
        "MAILLAGE_RETENTION_CLAUSES_YEARS",
        "contrat sous clause sociale (bilans dus aux donneurs d'ordre)",
    ),
    Rule("clauses.ClauseHours", "month", "MAILLAGE_RETENTION_CLAUSES_YEARS", "heures d'insertion"),
    Rule(
        "clauses.Eligibility",
        "checked_on",
        "MAILLAGE_RETENTION_CLAUSES_YEARS",
        "éligibilité aux clauses",
    ),
    Rule(
        "clauses.Positioning",
        "positioned_on",
        "MAILLAGE_RETENTION_DEFAULT_YEARS",
        "positionnement sur une offre",
    ),
    Rule(
        "culture.Registration",
        "registered_on",
        "MAILLAGE_RETENTION_TICKETING_YEARS",
        "inscription à Culture pour tous",
    ),
    Rule(
        "culture.Booking",
        "created_at",
        "MAILLAGE_RETENTION_TICKETING_YEARS",
        "sortie Culture pour tous",
    ),
    Rule(
        "culture.WaitingEntry",
        "created_at",
        "MAILLAGE_RETENTION_TICKETING_YEARS",
        "liste d'attente Culture pour tous",
    ),
    Rule(
        "events.Registration",
        "registered_at",
        "MAILLAGE_RETENTION_DEFAULT_YEARS",
        "inscription à un événement",
    ),
    Rule(
        "insertion_culture.Participation",
        "registered_on",
        "MAILLAGE_RETENTION_DEFAULT_YEARS",
        "action de la Mission Insertion Culture",
    ),
    Rule(
        "insertion_culture.EmployerOutcome",
        "date",
        "MAILLAGE_RETENTION_DEFAULT_YEARS",
        "résultat auprès d'un employeur culturel",
    ),
    Rule("charter.Sponsorship", "ended_on", "MAILLAGE_RETENTION_DEFAULT_YEARS", "parrainage"),
    Rule(
        "recruitment.Candidacy",
        "positioned_on",
        "MAILLAGE_RETENTION_DEFAULT_YEARS",
        "candidature",
    ),
    Rule(
        "recruitment.Placement",
        "started_on",
        "MAILLAGE_RETENTION_DEFAULT_YEARS",
        "mise à l'emploi",
    ),
)
#: Models that only point at a person without holding data of their own.
IGNORED = frozenset({"people.PersonAlias"})


def cutoff(rule: Rule, today: datetime.date) -> datetime.date:
    return today.replace(year=today.year - rule.years) if rule.years else today


def active_rules() -> list[Rule]:
    return [rule for rule in RULES if rule.installed()]


def _uncovered_relations() -> list:
    """Reverse relations to Person from models without a rule (they keep their people)."""
    covered = {rule.model.lower() for rule in active_rules()} | {m.lower() for m in IGNORED}
    return [
        rel
        for rel in Person._meta.related_objects
        if (rel.one_to_many or rel.one_to_one)
        and rel.related_model._meta.label_lower not in covered
    ]


def _kept_by(rule: Rule, today: datetime.date):
    """Person ids that the rule still keeps: a row with no end date or a recent one."""
    model = _get_model(rule.model)
    return model._default_manager.filter(
        Q(**{f"{rule.date_field}__isnull": True})
        | Q(**{f"{_as_date(model, rule.date_field)}__gte": cutoff(rule, today)})
    ).values(rule.person_field)


def _as_date(model, name: str) -> str:
    """Lookup comparing the field's day: ``at__date`` for a date-time field."""
    return f"{name}__date" if isinstance(model._meta.get_field(name), DateTimeField) else name


def due_for_anonymisation(today: datetime.date | None = None):
    """People no rule keeps any more (and not anonymised yet): one query."""
    today = today or datetime.date.today()
    due = Person.objects.filter(anonymised_at__isnull=True)
    for rule in active_rules():
        due = due.exclude(pk__in=_kept_by(rule, today))
    for relation in _uncovered_relations():
        due = due.exclude(
            pk__in=relation.related_model._default_manager.values(relation.field.name)
        )
    # A file touched recently is in use, whatever its rows say.
    recent = today.replace(year=today.year - settings.MAILLAGE_RETENTION_DEFAULT_YEARS)
    return due.filter(updated_at__date__lt=recent)


def kept_reasons(person: Person, today: datetime.date | None = None) -> list[str]:
    """Why this person's data must still be kept (empty: it may be erased now)."""
    today = today or datetime.date.today()
    reasons = []
    for rule in active_rules():
        if rule.model.lower() == "people.followup":
            continue  # being followed is not a legal obligation to keep
        model = _get_model(rule.model)
        rows = model._default_manager.filter(**{rule.person_field: person})
        last = rows.aggregate(last=Max(rule.date_field))["last"]
        if rows.filter(**{f"{rule.date_field}__isnull": True}).exists():
            reasons.append(f"{rule.reason} : en cours.")
        elif last is not None:
            last_day = last.date() if isinstance(last, datetime.datetime) else last
            until = last_day.replace(year=last_day.year + rule.years)
            if until >= today:
                reasons.append(f"{rule.reason} : à conserver jusqu'au {until:%d/%m/%Y}.")
    return reasons
