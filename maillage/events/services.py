"""Events and registrations: create, register, wait, free a place, check in, outcomes.

Every function takes a keyword-only ``acting_user`` (except the public
registration, in ``public.py``), checks the capability and the person scope,
runs in ``transaction.atomic()`` under ``attributed_to`` and writes its audit
entry in the same transaction. A refusal raises ``ValidationError`` (French) or
``PermissionDenied`` and writes nothing.

Capacity is decided with the event row locked (``select_for_update``): two
registrations arriving together for the last place are serialised by the
database, so the event is never above capacity; the later one waits.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import require_visible
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.core.permissions import require_capability
from maillage.events import mail
from maillage.events.models import (
    Event,
    EventCompany,
    EventKind,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from maillage.people.models import Person

EVENT_FIELDS = [
    "kind",
    "title",
    "date",
    "start_time",
    "end_time",
    "structure",
    "place",
    "capacity",
    "theme",
    "publics",
    "speakers",
    "description",
    "is_public",
    "cancelled",
    "parent",
]


# -- events ------------------------------------------------------------------------------


def audited(obj, fields) -> dict:
    """``audit.services.snapshot`` with times as text (the audit log stores JSON)."""
    return {
        name: value.isoformat() if isinstance(value, datetime.time) else value
        for name, value in snapshot(obj, fields).items()
    }


def save_event(*, acting_user, event: Event | None = None, **fields) -> Event:
    """Create an event (``event`` None) or change the given fields of one."""
    require_capability(acting_user, Capability.MANAGE_EVENTS)
    creating = event is None
    event = event or Event()
    before = {} if creating else audited(event, EVENT_FIELDS)
    for name, value in fields.items():
        setattr(event, name, value)
    if event.parent_id and (event.parent_id == event.pk or event.kind == EventKind.PROGRAMME):
        raise ValidationError({"parent": "Un programme ne peut pas faire partie d'un programme."})
    event.full_clean()
    with attributed_to(acting_user), transaction.atomic():
        if not creating:
            Event.objects.select_for_update().filter(pk=event.pk).first()
            _check_capacity_not_below_listed(event)
        event.save()
        changes = diff(before, audited(event, EVENT_FIELDS))
        if creating or changes:
            log(Action.CREATE if creating else Action.UPDATE, event, changes=changes)
    return event


def _check_capacity_not_below_listed(event: Event) -> None:
    if event.capacity is None:
        return
    listed = event.registrations.listed().count()
    if listed > event.capacity:
        raise ValidationError(
            {
                "capacity": f"{listed} personnes sont déjà inscrites : la capacité ne peut pas "
                f"descendre sous ce nombre (désinscrivez d'abord)."
            }
        )


def add_company(*, event: Event, company, posts: int = 0, offers=(), acting_user) -> EventCompany:
    require_capability(acting_user, Capability.MANAGE_EVENTS)
    if EventCompany.objects.filter(event=event, company=company).exists():
        raise ValidationError({"company": "Cette entreprise est déjà présente."})
    with attributed_to(acting_user), transaction.atomic():
        presence = EventCompany.objects.create(event=event, company=company, posts=posts)
        presence.offers.set(offers)
        log(
            Action.CREATE,
            presence,
            changes={"company": [None, company.pk], "posts": [None, posts]},
        )
    return presence


# -- registrations -----------------------------------------------------------------------


def lock_event(event: Event) -> Event:
    """The event row, locked until the end of the transaction (capacity decisions)."""
    return Event.objects.select_for_update().get(pk=event.pk)


def status_for_new(event: Event) -> str:
    if event.capacity is None:
        return RegistrationStatus.REGISTERED
    listed = event.registrations.listed().count()
    return RegistrationStatus.REGISTERED if listed < event.capacity else RegistrationStatus.WAITING


def check_open(event: Event) -> None:
    if event.cancelled:
        raise ValidationError("Cet événement est annulé : il ne prend plus d'inscriptions.")
    if event.kind == EventKind.PROGRAMME:
        raise ValidationError("On s'inscrit aux rendez-vous du programme, pas au programme.")


def register_person(
    *, event: Event, person: Person, acting_user, source: str = RegistrationSource.STAFF
) -> Registration:
    """Register a person in the user's scope; on the waiting list when the event is full."""
    require_capability(acting_user, Capability.REGISTER_TO_EVENTS, Capability.MANAGE_EVENTS)
    require_visible(Person.objects.all(), acting_user, person.pk)
    with attributed_to(acting_user), transaction.atomic():
        event = lock_event(event)
        check_open(event)
        existing = Registration.objects.filter(event=event, person=person).first()
        if existing and existing.status != RegistrationStatus.CANCELLED:
            raise ValidationError({"person": "Cette personne est déjà inscrite."})
        status = status_for_new(event)
        if existing:  # registered again after leaving: back at the end of the queue
            registration = existing
            registration.status = status
            registration.registered_at = timezone.now()
            registration.registered_by = acting_user
            registration.source = source
            registration.save(update_fields=["status", "registered_at", "registered_by", "source"])
        else:
            registration = Registration.objects.create(
                event=event,
                person=person,
                status=status,
                source=source,
                registered_by=acting_user,
            )
        log(
            Action.CREATE if not existing else Action.UPDATE,
            registration,
            person_id=person.pk,
            changes={"status": [existing.status if existing else None, status]},
        )
    return registration


def _require_registration(registration: Registration, acting_user, *capabilities) -> None:
    require_capability(acting_user, *capabilities)
    require_visible(Registration.objects.all(), acting_user, registration.pk)


def cancel_registration(*, registration: Registration, acting_user) -> Registration | None:
    """Unregister; a freed place goes to the first waiting, who is told by email.

    Returns the registration promoted from the waiting list, if any.
    """
    _require_registration(
        registration, acting_user, Capability.REGISTER_TO_EVENTS, Capability.MANAGE_EVENTS
    )
    with attributed_to(acting_user), transaction.atomic():
        event = lock_event(registration.event)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError("Cette inscription est déjà annulée.")
        was = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status"])
        log(
            Action.UPDATE,
            registration,
            person_id=registration.person_id,
            changes={"status": [was, RegistrationStatus.CANCELLED]},
        )
        if was == RegistrationStatus.REGISTERED:
            return promote_waiting(event)
    return None


def promote_waiting(event: Event) -> Registration | None:
    """Give a free place to the first on the waiting list (call with the event locked)."""
    if event.capacity is not None and event.registrations.listed().count() >= event.capacity:
        return None
    first = (
        event.registrations.filter(status=RegistrationStatus.WAITING)
        .select_related("person", "event")
        .order_by("registered_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = RegistrationStatus.REGISTERED
    first.save(update_fields=["status"])
    log(
        Action.UPDATE,
        first,
        person_id=first.person_id,
        changes={"status": [RegistrationStatus.WAITING, RegistrationStatus.REGISTERED]},
    )
    mail.send_on_commit(first, mail.PLACE_FREED)
    return first


def link_person(*, registration: Registration, person: Person, acting_user) -> Registration:
    """Attach an online registration to a person's file (existing, in the user's scope)."""
    _require_registration(registration, acting_user, Capability.MANAGE_EVENTS)
    require_visible(Person.objects.all(), acting_user, person.pk)
    if registration.person_id:
        raise ValidationError("Cette inscription est déjà rattachée à un dossier.")
    if Registration.objects.filter(event_id=registration.event_id, person=person).exists():
        raise ValidationError({"person": "Cette personne est déjà inscrite à l'événement."})
    with attributed_to(acting_user), transaction.atomic():
        registration.person = person
        registration.save(update_fields=["person"])
        log(
            Action.UPDATE,
            registration,
            person_id=person.pk,
            changes={"person": [None, person.pk]},
        )
    return registration


def check_in(*, registration: Registration, acting_user, present: bool = True) -> Registration:
    """Mark a person present at the door (or undo a wrong tap)."""
    _require_registration(registration, acting_user, Capability.MANAGE_EVENTS)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError("Cette personne s'est désinscrite.")
    with attributed_to(acting_user), transaction.atomic():
        before = registration.attended
        registration.attended = present
        registration.checked_in_at = timezone.now() if present else None
        if registration.status == RegistrationStatus.WAITING and present:
            # Came although on the waiting list, and was let in.
            registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["attended", "checked_in_at", "status"])
        if before != present:
            log(
                Action.UPDATE,
                registration,
                person_id=registration.person_id,
                changes={"attended": [before, present]},
            )
    return registration


def record_outcome(
    *,
    registration: Registration,
    interviews: int,
    hired: bool,
    acting_user,
    company=None,
    contract_type: str = "",
) -> Registration:
    """Interviews held by an attendee and whether a contract was signed.

    A hire creates the person's placement ("mise à l'emploi") through the
    recruitment services — channel Dating Emploi for a job dating — so it needs
    the ``manage_recruitment`` capability too, a person's file and the company.
    """
    _require_registration(registration, acting_user, Capability.MANAGE_EVENTS)
    if interviews < 0:
        raise ValidationError({"interviews": "Le nombre d'entretiens ne peut pas être négatif."})
    if (interviews or hired) and not registration.attended:
        raise ValidationError("Enregistrez d'abord la présence de la personne.")
    new_hire = hired and registration.placement_id is None
    if new_hire:
        if not registration.person_id:
            raise ValidationError(
                "Rattachez d'abord l'inscription au dossier de la personne pour une embauche."
            )
        if company is None:
            raise ValidationError({"company": "Indiquez l'entreprise qui recrute."})
        require_capability(acting_user, Capability.MANAGE_RECRUITMENT)
    if not hired and registration.placement_id:
        raise ValidationError(
            {"hired": "Une mise à l'emploi a été enregistrée : corrigez-la dans le recrutement."}
        )
    from maillage.recruitment import services as recruitment
    from maillage.recruitment.models import PlacementChannel

    before = snapshot(registration, ["interviews", "hired"])
    with attributed_to(acting_user), transaction.atomic():
        registration.interviews = interviews
        registration.hired = hired
        if new_hire:
            event = registration.event
            registration.placement = recruitment.record_placement(
                person=registration.person,
                company=company,
                contract_type=contract_type or "cdd",
                started_on=event.date,
                channel=PlacementChannel.DATING_EMPLOI
                if event.kind == EventKind.JOB_DATING
                else PlacementChannel.OTHER,
                acting_user=acting_user,
            )
        registration.save(update_fields=["interviews", "hired", "placement"])
        changes = diff(before, snapshot(registration, ["interviews", "hired"]))
        if changes:
            log(Action.UPDATE, registration, person_id=registration.person_id, changes=changes)
    return registration
