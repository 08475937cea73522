"""Rules of the Mission Insertion Culture: actions, sessions, participants, presence, HR side.

Each function takes a keyword-only ``acting_user``, checks MANAGE_INSERTION_CULTURE (and
the person scope for anything naming someone), validates everything first — a refusal
raises ``ValidationError`` in French and writes nothing — then writes inside
``transaction.atomic()`` with its audit entry.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.accounts.roles import PERSON_SCOPE, Capability, PersonScope
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.core.permissions import require_capability
from maillage.insertion_culture.models import (
    PUBLIC_FLAGS,
    ActionSession,
    Attendance,
    CollectiveAction,
    EmployerAction,
    EmployerOutcome,
    EmployerOutcomeKind,
    Participation,
    Partner,
)
from maillage.insertion_culture.territories import territory_of
from maillage.people.models import Followup, Person

MANAGE = Capability.MANAGE_INSERTION_CULTURE


def _new_code(prefix: str) -> str:
    """A stable external code for rows created in the application (exports, re-imports)."""
    return f"{prefix}-{timezone.now():%Y%m%d%H%M%S%f}"


def _require_person(user, person: Person) -> None:
    require_capability(user, MANAGE)
    if not Person.objects.visible_to(user).filter(pk=person.pk).exists():
        raise PermissionDenied


def _full_clean(instance, exclude=()) -> None:
    instance.full_clean(exclude=list(exclude), validate_unique=False)


# --- Partners ---------------------------------------------------------------------------------


def save_partner(partner: Partner, *, acting_user) -> Partner:
    """Create or update a partner (its side follows from its category)."""
    require_capability(acting_user, MANAGE)
    creating = partner.pk is None
    before = (
        {} if creating else snapshot(Partner.objects.get(pk=partner.pk), Partner.AUDITED_FIELDS)
    )
    if not partner.code:
        partner.code = _new_code("MIC-P")
    _full_clean(partner)
    if Partner.objects.filter(name__iexact=partner.name).exclude(pk=partner.pk).exists():
        raise ValidationError({"name": "Un partenaire porte déjà ce nom."})
    with attributed_to(acting_user), transaction.atomic():
        partner.save()
        changes = diff(before, snapshot(partner, Partner.AUDITED_FIELDS))
        if creating or changes:
            log(Action.CREATE if creating else Action.UPDATE, partner, changes=changes)
    return partner


# --- Actions and sessions ---------------------------------------------------------------------


def _check_sessions_inside(action: CollectiveAction) -> None:
    if action.pk is None:
        return
    outside = action.sessions.exclude(date__range=(action.starts_on, action.ends_on))
    if outside.exists():
        raise ValidationError(
            {
                "ends_on": "Des séances sont prévues hors de ces dates "
                f"({', '.join(f'{s.date:%d/%m/%Y}' for s in outside)}) : "
                "déplacez-les d'abord."
            }
        )


def save_action(action: CollectiveAction, *, partners=None, acting_user) -> CollectiveAction:
    """Create or update an action; ``partners`` (an iterable of Partner) replaces its partners."""
    require_capability(acting_user, MANAGE)
    creating = action.pk is None
    fields = CollectiveAction.AUDITED_FIELDS
    before = {} if creating else snapshot(CollectiveAction.objects.get(pk=action.pk), fields)
    if not action.code:
        action.code = _new_code("MIC-A")
    if action.starts_on and action.ends_on and action.ends_on < action.starts_on:
        raise ValidationError({"ends_on": "La fin de l'action ne peut pas précéder son début."})
    _full_clean(action, exclude=["created_by"])
    _check_sessions_inside(action)
    with attributed_to(acting_user), transaction.atomic():
        if creating:
            action.created_by = acting_user
        action.save()
        changes = diff(before, snapshot(action, fields))
        if partners is not None:
            old = sorted(action.partners.values_list("pk", flat=True))
            action.partners.set(partners)
            new = sorted(p.pk for p in partners)
            if old != new:
                changes["partners"] = [old, new]
        if creating or changes:
            log(Action.CREATE if creating else Action.UPDATE, action, changes=changes)
    return action


def add_session(
    action: CollectiveAction, *, date: datetime.date, place: str, topic: str = "", acting_user
) -> ActionSession:
    require_capability(acting_user, MANAGE)
    if not (action.starts_on <= date <= action.ends_on):
        raise ValidationError(
            {
                "date": "La séance doit avoir lieu pendant l'action, "
                f"du {action.starts_on:%d/%m/%Y} au {action.ends_on:%d/%m/%Y}."
            }
        )
    session = ActionSession(action=action, date=date, place=place.strip(), topic=topic.strip())
    _full_clean(session)
    with attributed_to(acting_user), transaction.atomic():
        session.save()
        log(
            Action.CREATE,
            session,
            changes={"date": [None, date.isoformat()], "place": [None, session.place]},
        )
    return session


# --- Participants and presence ----------------------------------------------------------------


def _age_on(birth_date: datetime.date, on: datetime.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def default_publics(person: Person, on: datetime.date) -> dict[str, bool]:
    """What the file already tells: age 16-25 on ``on``, a QPV, a PLIE parcours running."""
    from maillage.plie.models import Parcours

    running = Parcours.objects.filter(person=person, entry_date__lte=on).exclude(exit_date__lt=on)
    return {
        "is_young": 16 <= _age_on(person.birth_date, on) <= 25,
        "is_qpv": person.qpv_id is not None,
        "is_plie": running.exists(),
    }


def _culture_structure_id(user) -> int | None:
    """The user's structure whose follow-up keeps the participant visible to them."""
    roles = {r for r, s in PERSON_SCOPE.items() if s == PersonScope.FOLLOWED}
    ids = user.structure_ids(roles=roles)
    return ids[0] if ids else None


def _ensure_followup(person: Person, user, on: datetime.date) -> None:
    structure_id = _culture_structure_id(user)
    if structure_id is None:
        return
    exists = Followup.objects.filter(
        person=person, structure_id=structure_id, service=Followup.Service.CULTURE
    ).exists()
    if not exists:
        followup = Followup.objects.create(
            person=person,
            structure_id=structure_id,
            service=Followup.Service.CULTURE,
            started_on=on,
        )
        log(Action.CREATE, followup, person_id=person.pk)


def register_participant(
    action: CollectiveAction,
    person: Person,
    *,
    registered_on: datetime.date,
    publics: dict[str, bool] | None = None,
    referred_by: Partner | None = None,
    acting_user,
) -> Participation:
    """Register ``person`` (in the user's scope) on ``action``, once.

    ``publics`` gives the flags of ``PUBLIC_FLAGS``; those not given come from the file
    (``default_publics``). The territory is derived from the file's postcode and commune.
    """
    _require_person(acting_user, person)
    unknown = set(publics or {}) - set(PUBLIC_FLAGS)
    if unknown:
        raise ValueError(f"Unknown publics: {sorted(unknown)}")
    if Participation.objects.filter(action=action, person=person).exists():
        raise ValidationError({"person": f"{person} est déjà inscrit(e) à cette action."})
    if registered_on > action.ends_on:
        raise ValidationError(
            {
                "registered_on": "L'inscription ne peut pas suivre la fin de l'action "
                f"({action.ends_on:%d/%m/%Y})."
            }
        )
    if referred_by is not None and referred_by.side != "insertion":
        raise ValidationError({"referred_by": "Choisissez un partenaire de l'insertion."})
    flags = {**default_publics(person, max(registered_on, action.starts_on)), **(publics or {})}
    territory, kind = territory_of(person.postcode, person.city)
    participation = Participation(
        action=action,
        person=person,
        registered_on=registered_on,
        referred_by=referred_by,
        territory=territory,
        territory_kind=kind.value,
        **flags,
    )
    _full_clean(participation)
    try:
        with attributed_to(acting_user), transaction.atomic():
            participation.save()
            log(
                Action.CREATE,
                participation,
                person_id=person.pk,
                changes=diff({}, snapshot(participation, Participation.AUDITED_FIELDS)),
            )
            _ensure_followup(person, acting_user, registered_on)
    except IntegrityError as exc:  # a concurrent registration of the same person
        raise ValidationError({"person": f"{person} est déjà inscrit(e) à cette action."}) from exc
    return participation


def set_presence(
    participation: Participation, session: ActionSession, present: bool, *, acting_user
) -> bool:
    """Mark the participant present (or not) at the session; returns the presence now stored."""
    require_capability(acting_user, MANAGE)
    if not Participation.objects.visible_to(acting_user).filter(pk=participation.pk).exists():
        raise PermissionDenied
    if session.action_id != participation.action_id:
        raise ValidationError("Cette séance n'appartient pas à l'action du participant.")
    with attributed_to(acting_user), transaction.atomic():
        existing = Attendance.objects.filter(participation=participation, session=session)
        if present and not existing.exists():
            attendance = Attendance.objects.create(participation=participation, session=session)
            log(
                Action.CREATE,
                attendance,
                person_id=participation.person_id,
                changes={"session": [None, session.pk]},
            )
        elif not present:
            attendance = existing.first()
            if attendance is not None:
                log(
                    Action.DELETE,
                    attendance,
                    person_id=participation.person_id,
                    changes={"session": [session.pk, None]},
                )
                attendance.delete()
    return present


# --- The "ressources humaines" side -----------------------------------------------------------


def create_employer(*, acting_user, **fields):
    """A cultural employer not yet in the companies' file (created through companies.services)."""
    from maillage.companies.services import create_company

    require_capability(acting_user, MANAGE)
    return create_company(acting_user=acting_user, **fields)


def record_employer_action(*, acting_user, **fields) -> EmployerAction:
    require_capability(acting_user, MANAGE)
    item = EmployerAction(**fields, created_by=acting_user)
    _full_clean(item)
    with attributed_to(acting_user), transaction.atomic():
        item.save()
        log(
            Action.CREATE,
            item,
            changes=diff({}, snapshot(item, EmployerAction.AUDITED_FIELDS)),
        )
    return item


def record_employer_outcome(
    *, person: Person, acting_user, contract_type: str = "", **fields
) -> EmployerOutcome:
    """An interview, sponsorship, internship, training or placement of one person.

    A placement is also recorded as a ``recruitment.Placement`` (channel "other"), so the
    Service Entreprises' placements count it once, whatever service found the job.
    """
    _require_person(acting_user, person)
    item = EmployerOutcome(person=person, **fields, created_by=acting_user)
    if item.ends_on and item.date and item.ends_on < item.date:
        raise ValidationError({"ends_on": "La fin ne peut pas précéder le début."})
    _full_clean(item, exclude=["placement"])
    is_placement = item.kind == EmployerOutcomeKind.PLACEMENT
    if is_placement and not contract_type:
        raise ValidationError({"contract_type": "Indiquez le type de contrat de l'embauche."})
    with attributed_to(acting_user), transaction.atomic():
        if is_placement:
            from maillage.recruitment.models import PlacementChannel
            from maillage.recruitment.services import record_placement

            item.placement = record_placement(
                person=person,
                company=item.company,
                contract_type=contract_type,
                started_on=item.date,
                channel=PlacementChannel.OTHER,
                acting_user=acting_user,
            )
        item.save()
        log(
            Action.CREATE,
            item,
            person_id=person.pk,
            changes=diff({}, snapshot(item, EmployerOutcome.AUDITED_FIELDS)),
        )
    return item
