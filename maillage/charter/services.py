"""Rules of the charter: signing, following commitments, sponsorships, the evening's guests.

Every function takes a keyword-only ``acting_user`` holding ``edit_companies``,
validates everything first (a refusal, in French, writes nothing), works in
``transaction.atomic()`` under ``attributed_to(acting_user)`` and writes its
audit entries in that transaction. Sponsorships hold a person: the person must
be in the user's scope, and their audit entries name the person.

Signing goes through ``sign_charter`` only: it sets the company's
``charter_signed_on`` (through ``companies.services.update_company``, audited
there) and the ``Signature`` details in the same transaction, so the date read
by companies.csv and the charter pages can never disagree.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import require_visible
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, build_entry, diff, log, log_many, snapshot
from maillage.charter.models import (
    Commitment,
    CommitmentKind,
    Evening,
    EvidenceKind,
    Guest,
    GuestStatus,
    Signature,
    Sponsorship,
)
from maillage.companies import services as company_services
from maillage.companies.models import Company, Contact
from maillage.core.permissions import require_capability
from maillage.people.models import Person
from maillage.recruitment.models import Placement

EDIT = Capability.EDIT_COMPANIES


def _save_created(instance, *, person_id=None):
    instance.save()
    log(
        Action.CREATE,
        instance,
        person_id=person_id,
        changes=diff({}, snapshot(instance, instance.AUDITED_FIELDS)),
    )
    return instance


def _save_updated(instance, before: dict, *, person_id=None):
    instance.save()
    changes = diff(before, snapshot(instance, instance.AUDITED_FIELDS))
    if changes:
        log(Action.UPDATE, instance, person_id=person_id, changes=changes)
    return instance


def _not_future(value: datetime.date | None, field: str, message: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({field: message}, code="future")


# --- Signature and commitments ------------------------------------------------------------


def sign_charter(
    company: Company,
    *,
    acting_user,
    signed_on: datetime.date,
    signatory_name: str,
    signatory_function: str = "",
    officer=None,
    note: str = "",
    kinds=(),
    due_on: datetime.date | None = None,
) -> Signature:
    """Record (or correct) the company's signature and the commitments chosen with it."""
    require_capability(acting_user, EDIT)
    _not_future(signed_on, "signed_on", "La date de signature ne peut pas être dans le futur.")
    if not (signatory_name or "").strip():
        raise ValidationError({"signatory_name": "Indiquez qui a signé la charte."})
    invalid = set(kinds) - set(CommitmentKind.values)
    if invalid:
        raise ValidationError({"kinds": f"Engagement inconnu : {', '.join(sorted(invalid))}."})
    if due_on and due_on < signed_on:
        raise ValidationError({"due_on": "L'échéance précède la signature."})
    signature = Signature.objects.filter(company=company).first()
    created = signature is None
    signature = signature or Signature(company=company)
    before = {} if created else snapshot(signature, Signature.AUDITED_FIELDS)
    signature.signatory_name = signatory_name.strip()
    signature.signatory_function = signatory_function
    signature.officer = officer
    signature.note = note
    signature.full_clean(exclude=["company"])
    with attributed_to(acting_user), transaction.atomic():
        if company.charter_signed_on != signed_on:
            company_services.update_company(
                Company.objects.get(pk=company.pk),
                acting_user=acting_user,
                charter_signed_on=signed_on,
            )
            company.charter_signed_on = signed_on
        _save_created(signature) if created else _save_updated(signature, before)
        existing = set(
            Commitment.objects.filter(company=company, taken_on=signed_on).values_list(
                "kind", flat=True
            )
        )
        for kind in kinds:
            if kind not in existing:
                _save_created(
                    Commitment(company=company, kind=kind, taken_on=signed_on, due_on=due_on)
                )
    return signature


def add_commitment(
    company: Company,
    *,
    acting_user,
    kind: str,
    taken_on: datetime.date,
    description: str = "",
    due_on: datetime.date | None = None,
) -> Commitment:
    """A commitment taken after the signature (or forgotten when signing)."""
    require_capability(acting_user, EDIT)
    if not company.charter_signed_on:
        raise ValidationError(
            "Cette entreprise n'a pas signé la charte : enregistrez d'abord sa signature.",
            code="not_signatory",
        )
    if taken_on < company.charter_signed_on:
        raise ValidationError(
            {"taken_on": "Un engagement ne peut pas précéder la signature de la charte."}
        )
    _not_future(taken_on, "taken_on", "La date de l'engagement ne peut pas être dans le futur.")
    if due_on and due_on < taken_on:
        raise ValidationError({"due_on": "L'échéance précède la prise de l'engagement."})
    commitment = Commitment(
        company=company, kind=kind, taken_on=taken_on, description=description, due_on=due_on
    )
    commitment.full_clean()
    with attributed_to(acting_user), transaction.atomic():
        return _save_created(commitment)


def _check_open(commitment: Commitment, on: datetime.date) -> None:
    if commitment.status != "open":
        raise ValidationError(
            f"Cet engagement est déjà {commitment.status_label.lower()}.", code="closed"
        )
    if on < commitment.taken_on:
        raise ValidationError({"on": "Cette date précède la prise de l'engagement."})
    _not_future(on, "on", "La date ne peut pas être dans le futur.")


def realise_commitment(
    commitment: Commitment,
    *,
    acting_user,
    on: datetime.date,
    evidence_kind: str,
    interaction=None,
    placement: Placement | None = None,
    event_id: int | None = None,
    note: str = "",
) -> Commitment:
    """Mark the commitment realised on ``on``, with its evidence (required)."""
    require_capability(acting_user, EDIT)
    _check_open(commitment, on)
    note = (note or "").strip()
    evidence = {"interaction": None, "placement": None, "event_id": None}
    if evidence_kind == EvidenceKind.INTERACTION:
        if interaction is None or interaction.company_id != commitment.company_id:
            raise ValidationError(
                {"interaction": "Choisissez une interaction avec cette entreprise."}
            )
        evidence["interaction"] = interaction
    elif evidence_kind == EvidenceKind.PLACEMENT:
        if placement is None or placement.company_id != commitment.company_id:
            raise ValidationError(
                {"placement": "Choisissez une mise à l'emploi dans cette entreprise."}
            )
        require_visible(Placement.objects.all(), acting_user, placement.pk)
        evidence["placement"] = placement
    elif evidence_kind == EvidenceKind.EVENT:
        if not event_id:
            raise ValidationError({"event_id": "Indiquez le numéro de l'événement."})
        evidence["event_id"] = event_id
    elif evidence_kind == EvidenceKind.NOTE:
        if not note:
            raise ValidationError({"note": "Décrivez ce que l'entreprise a réalisé."})
    else:
        raise ValidationError({"evidence_kind": "Indiquez la preuve de la réalisation."})
    before = snapshot(commitment, Commitment.AUDITED_FIELDS)
    commitment.realised_on = on
    commitment.evidence_kind = evidence_kind
    commitment.evidence_note = note
    for name, value in evidence.items():
        setattr(commitment, name, value)
    with attributed_to(acting_user), transaction.atomic():
        return _save_updated(commitment, before)


def drop_commitment(
    commitment: Commitment, *, acting_user, on: datetime.date, note: str = ""
) -> Commitment:
    """The company gave the commitment up: it stays counted, not realised, in that year."""
    require_capability(acting_user, EDIT)
    _check_open(commitment, on)
    before = snapshot(commitment, Commitment.AUDITED_FIELDS)
    commitment.dropped_on = on
    commitment.evidence_note = (note or "").strip()
    with attributed_to(acting_user), transaction.atomic():
        return _save_updated(commitment, before)


# --- Sponsorships ---------------------------------------------------------------------------


def _check_sponsorship(sponsorship: Sponsorship) -> None:
    errors = {}
    contact = sponsorship.sponsor_contact
    if contact is not None and contact.company_id != sponsorship.company_id:
        errors["sponsor_contact"] = "Ce contact n'appartient pas à cette entreprise."
    if contact is None and not sponsorship.sponsor_name.strip():
        errors["sponsor_name"] = "Choisissez le parrain parmi les contacts ou indiquez son nom."
    if sponsorship.ended_on:
        if sponsorship.ended_on < sponsorship.started_on:
            errors["ended_on"] = "La fin du parrainage précède son début."
        elif sponsorship.ended_on > timezone.localdate():
            errors["ended_on"] = "La fin du parrainage ne peut pas être dans le futur."
        if not sponsorship.outcome:
            errors["outcome"] = "Indiquez l'issue du parrainage terminé."
    elif sponsorship.outcome:
        errors["ended_on"] = "Indiquez la date de fin du parrainage pour enregistrer son issue."
    if errors:
        raise ValidationError(errors)
    sponsorship.full_clean()


def create_sponsorship(
    *,
    acting_user,
    company: Company,
    person: Person,
    started_on: datetime.date,
    sponsor_contact: Contact | None = None,
    sponsor_name: str = "",
    ended_on: datetime.date | None = None,
    outcome: str = "",
    note: str = "",
) -> Sponsorship:
    require_capability(acting_user, EDIT)
    require_visible(Person.objects.all(), acting_user, person.pk)
    sponsorship = Sponsorship(
        company=company,
        person=person,
        started_on=started_on,
        sponsor_contact=sponsor_contact,
        sponsor_name=(sponsor_name or "").strip(),
        ended_on=ended_on,
        outcome=outcome,
        note=note,
    )
    _check_sponsorship(sponsorship)
    with attributed_to(acting_user), transaction.atomic():
        return _save_created(sponsorship, person_id=person.pk)


def update_sponsorship(sponsorship: Sponsorship, *, acting_user, **fields) -> Sponsorship:
    """Correct the pair's details, or close it with its end date and outcome."""
    require_capability(acting_user, EDIT)
    require_visible(Sponsorship.objects.all(), acting_user, sponsorship.pk)
    if {"person", "company"} & set(fields):
        raise ValidationError("Le filleul et l'entreprise d'un parrainage ne changent pas.")
    before = snapshot(sponsorship, Sponsorship.AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(sponsorship, name, value)
    sponsorship.sponsor_name = (sponsorship.sponsor_name or "").strip()
    _check_sponsorship(sponsorship)
    with attributed_to(acting_user), transaction.atomic():
        return _save_updated(sponsorship, before, person_id=sponsorship.person_id)


# --- The annual evening -----------------------------------------------------------------------


def save_evening(
    *, acting_user, year: int, held_on: datetime.date, title: str, place: str = ""
) -> Evening:
    """Create the evening of ``year`` or correct it."""
    require_capability(acting_user, EDIT)
    if held_on.year != year:
        raise ValidationError({"held_on": f"La soirée {year} doit avoir lieu en {year}."})
    evening = Evening.objects.filter(year=year).first()
    created = evening is None
    evening = evening or Evening(year=year)
    before = {} if created else snapshot(evening, Evening.AUDITED_FIELDS)
    evening.held_on, evening.title, evening.place = held_on, title, place
    evening.full_clean(validate_unique=False)
    with attributed_to(acting_user), transaction.atomic():
        return _save_created(evening) if created else _save_updated(evening, before)


def _duplicate(guest: Guest) -> bool:
    others = Guest.objects.filter(evening=guest.evening)
    if guest.contact_id:
        return others.filter(contact=guest.contact).exists()
    if guest.company_id and not guest.name:
        return others.filter(company=guest.company, contact__isnull=True, name="").exists()
    if guest.structure_id and not guest.name:
        return others.filter(structure=guest.structure, name="").exists()
    return False


def invite(
    evening: Evening,
    *,
    acting_user,
    company: Company | None = None,
    contact: Contact | None = None,
    structure=None,
    name: str = "",
    status: str = GuestStatus.INVITED,
) -> Guest:
    """Add a line to the guest list: a contact (their company follows), a company, a partner."""
    require_capability(acting_user, EDIT)
    if contact is not None:
        if company is not None and contact.company_id != company.pk:
            raise ValidationError({"contact": "Ce contact n'appartient pas à cette entreprise."})
        company = contact.company
    guest = Guest(
        evening=evening,
        company=company,
        contact=contact,
        structure=structure,
        name=(name or "").strip(),
        status=status,
    )
    if company is None and structure is None and not guest.name:
        raise ValidationError("Choisissez une entreprise, un contact, un partenaire ou un nom.")
    if company is not None and structure is not None:
        raise ValidationError("Un invité vient d'une entreprise ou d'un partenaire, pas des deux.")
    if _duplicate(guest):
        raise ValidationError(f"{guest.label} figure déjà sur la liste des invités.")
    guest.full_clean(validate_constraints=False)
    with attributed_to(acting_user), transaction.atomic():
        return _save_created(guest)


def invite_signatories(evening: Evening, *, acting_user) -> int:
    """One line per signatory company (by the evening's date) not on the list yet."""
    require_capability(acting_user, EDIT)
    invited = Guest.objects.filter(evening=evening, company__isnull=False).values("company_id")
    companies = Company.objects.filter(charter_signed_on__lte=evening.held_on).exclude(
        pk__in=invited
    )
    with attributed_to(acting_user), transaction.atomic():
        guests = Guest.objects.bulk_create(
            [Guest(evening=evening, company=company) for company in companies.order_by("pk")]
        )
        log_many(
            [
                build_entry(Action.CREATE, guest, changes={"company": [None, guest.company_id]})
                for guest in guests
            ]
        )
    return len(guests)


def set_guest_status(guest: Guest, *, acting_user, status: str) -> Guest:
    require_capability(acting_user, EDIT)
    if status not in GuestStatus.values:
        raise ValidationError({"status": "Statut inconnu."})
    if status == GuestStatus.PRESENT and guest.evening.held_on > timezone.localdate():
        raise ValidationError(
            {"status": "La soirée n'a pas encore eu lieu : personne n'y est présent."}
        )
    before = snapshot(guest, Guest.AUDITED_FIELDS)
    guest.status = status
    with attributed_to(acting_user), transaction.atomic():
        return _save_updated(guest, before)
