"""Requesting, deciding and paying individual aids; documents; collective sessions.

Every function takes a keyword-only ``acting_user``, checks the capability and
the person scope (out of scope is refused like something that does not exist),
applies ``rules.py``, writes in ``transaction.atomic()`` and records the audit
entry in the same transaction. A refused change raises ``ValidationError`` and
writes nothing.
"""

from datetime import date
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import require_visible
from maillage.aids import rules
from maillage.aids.models import (
    AidBudget,
    AidDocument,
    AidKind,
    AidRequest,
    CollectiveSession,
    Outcome,
    SessionParticipant,
)
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.core.permissions import require_capability
from maillage.people.models import Person
from maillage.plie.models import Parcours, Step

CENTS = Decimal("0.01")
#: Documents: what may be uploaded, and how large.
DOCUMENT_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".odt", ".docx"}
DOCUMENT_MAX_BYTES = 5 * 1024 * 1024


def participants(user):
    """The people the user may request an aid for: a PLIE parcours in the user's scope."""
    return Person.objects.visible_to(user).filter(
        pk__in=Parcours.objects.visible_to(user).values("person_id")
    )


def _voucher_errors(person: Person, first_month: date, months: int, exclude_pk=None) -> dict:
    wanted = rules.voucher_months(first_month, months)
    steps = Step.objects.filter(
        parcours__person=person, category__in=rules.VOUCHER_STEP_CATEGORIES
    ).values_list("start_date", "end_date")
    others = (
        AidRequest.objects.filter(person=person, kind=AidKind.TRANSPORT_VOUCHERS)
        .exclude(outcome=Outcome.REFUSED)
        .exclude(pk=exclude_pk)
        .values_list("voucher_first_month", "voucher_months")
    )
    other_months = [m for first, n in others for m in rules.voucher_months(first, n)]
    return rules.check_vouchers(wanted, steps, other_months)


def request_aid(
    *,
    person: Person,
    kind: str,
    amount_requested: Decimal,
    justification: str,
    requested_on: date | None = None,
    training_field: str = "",
    training_title: str = "",
    training_cost: Decimal | None = None,
    voucher_first_month: date | None = None,
    voucher_months: int | None = None,
    acting_user,
) -> AidRequest:
    """A référent's request for a participant; the structure is that of the latest parcours."""
    require_capability(acting_user, Capability.REQUEST_AIDS)
    parcours = (
        Parcours.objects.visible_to(acting_user)
        .filter(person=person)
        .order_by("-entry_date", "-pk")
        .first()
    )
    if parcours is None:
        require_visible(Person.objects, acting_user, person.pk)
        raise ValidationError(
            {
                "person": [
                    "Cette personne n'a pas de parcours PLIE : aucune aide ne peut être demandée."
                ]
            }
        )
    requested_on = requested_on or timezone.localdate()
    if kind != AidKind.TRANSPORT_VOUCHERS:
        voucher_first_month, voucher_months = None, None
    elif voucher_first_month is not None:
        voucher_first_month = rules.first_of_month(voucher_first_month)
    maximum = rules.maximum_amounts().get(kind, Decimal(0))
    errors = rules.merge(
        rules.check_kind_details(kind, training_field, voucher_months),
        rules.check_amount(amount_requested, maximum, field="amount_requested"),
        {} if justification.strip() else {"justification": ["Motivez la demande."]},
    )
    if training_cost is not None and training_cost < 0:
        errors = rules.merge(errors, {"training_cost": ["Le coût ne peut pas être négatif."]})
    if kind == AidKind.TRANSPORT_VOUCHERS and voucher_first_month is None:
        errors = rules.merge(errors, {"voucher_first_month": ["Indiquez le premier mois."]})
    with attributed_to(acting_user), transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        if (
            kind == AidKind.TRANSPORT_VOUCHERS
            and not errors.get("voucher_months")
            and voucher_first_month
        ):
            errors = rules.merge(
                errors, _voucher_errors(person, voucher_first_month, voucher_months)
            )
        rules.raise_errors(errors)
        aid = AidRequest(
            person=person,
            structure=parcours.structure,
            requested_by=acting_user,
            requested_on=requested_on,
            kind=kind,
            training_field=training_field if kind == AidKind.TRAINING else "",
            training_title=training_title if kind == AidKind.TRAINING else "",
            training_cost=training_cost if kind == AidKind.TRAINING else None,
            voucher_first_month=voucher_first_month,
            voucher_months=voucher_months,
            amount_requested=amount_requested,
            justification=justification.strip(),
        )
        aid.full_clean()
        aid.save()
        changes = {k: [None, v] for k, v in snapshot(aid, AidRequest.REQUEST_FIELDS).items()}
        log(Action.CREATE, aid, person_id=person.pk, changes=changes)
    return aid


def decide_aid(
    *,
    aid: AidRequest,
    outcome: str,
    decided_on: date | None = None,
    amount_granted: Decimal | None = None,
    refusal_reason: str = "",
    payment_date: date | None = None,
    acting_user,
) -> dict:
    """Record (or correct) the PLIE's decision; returns ``{field: [before, after]}``."""
    require_capability(acting_user, Capability.DECIDE_AIDS)
    require_visible(AidRequest.objects, acting_user, aid.pk)
    decided_on = decided_on or timezone.localdate()
    if outcome == Outcome.ACCEPTED and amount_granted is None:
        amount_granted = aid.amount_requested
    if outcome == Outcome.REFUSED and amount_granted == 0:
        amount_granted = None
    if amount_granted is not None:
        amount_granted = amount_granted.quantize(CENTS)
    with attributed_to(acting_user), transaction.atomic():
        current = AidRequest.objects.select_for_update().get(pk=aid.pk)
        rules.raise_errors(
            rules.check_decision(
                outcome=outcome,
                amount_requested=current.amount_requested,
                amount_granted=amount_granted,
                refusal_reason=refusal_reason,
                maximum=rules.maximum_amounts()[current.kind],
                requested_on=current.requested_on,
                decided_on=decided_on,
                payment_date=payment_date,
            )
        )
        before = snapshot(current, AidRequest.DECISION_FIELDS)
        current.outcome = outcome
        current.decided_on = decided_on
        current.decided_by = acting_user
        current.amount_granted = amount_granted if outcome != Outcome.REFUSED else None
        current.refusal_reason = refusal_reason.strip() if outcome == Outcome.REFUSED else ""
        current.payment_date = payment_date if outcome != Outcome.REFUSED else None
        changes = diff(before, snapshot(current, AidRequest.DECISION_FIELDS))
        if list(changes) == ["decided_by"]:  # the same decision again: nothing changed
            changes = {}
        if not changes:
            return {}
        current.full_clean()
        current.save()
        log(Action.UPDATE, current, person_id=current.person_id, changes=changes)
    aid.refresh_from_db()
    return changes


def add_document(*, aid: AidRequest, uploaded_file, acting_user) -> AidDocument:
    """Attach a supporting document (PDF, image, text document; 5 Mo at most)."""
    require_capability(acting_user, Capability.REQUEST_AIDS, Capability.DECIDE_AIDS)
    require_visible(AidRequest.objects, acting_user, aid.pk)
    name = PurePath(uploaded_file.name or "document").name[:200]
    if PurePath(name).suffix.lower() not in DOCUMENT_SUFFIXES:
        raise ValidationError({"file": ["Formats acceptés : PDF, JPEG, PNG, ODT ou DOCX."]})
    if uploaded_file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError({"file": ["Le fichier dépasse 5 Mo."]})
    with attributed_to(acting_user), transaction.atomic():
        document = AidDocument(request=aid, name=name, uploaded_by=acting_user)
        document.file.save(name, uploaded_file, save=False)
        try:
            document.save()
            log(
                Action.CREATE,
                document,
                person_id=aid.person_id,
                changes={"request": [None, aid.pk], "name": [None, name]},
            )
        except Exception:
            document.file.delete(save=False)  # no file without its row
            raise
    return document


def open_document(*, document: AidDocument, acting_user):
    """The document's file, opened for reading; the display is audited."""
    require_capability(acting_user, Capability.REQUEST_AIDS, Capability.DECIDE_AIDS)
    require_visible(AidDocument.objects, acting_user, document.pk)
    with attributed_to(acting_user), transaction.atomic():
        log(Action.VIEW, document, person_id=document.request.person_id)
    return document.file.open("rb")


def create_session(
    *, service: str, provider: str, date: date, place: str, title: str = "", acting_user
) -> CollectiveSession:
    require_capability(acting_user, Capability.DECIDE_AIDS)
    with attributed_to(acting_user), transaction.atomic():
        session = CollectiveSession(
            service=service, provider=provider, date=date, place=place, title=title
        )
        session.full_clean()
        session.save()
        log(
            Action.CREATE,
            session,
            changes={
                k: [None, v]
                for k, v in snapshot(
                    session, ("service", "provider", "date", "place", "title")
                ).items()
            },
        )
    return session


def add_participant(
    *, session: CollectiveSession, person: Person, acting_user
) -> SessionParticipant:
    """Register a participant in scope (référents register theirs, the PLIE anyone)."""
    require_capability(acting_user, Capability.REQUEST_AIDS, Capability.DECIDE_AIDS)
    if not participants(acting_user).filter(pk=person.pk).exists():
        raise ValidationError({"person": ["Choisissez un participant du PLIE que vous suivez."]})
    with attributed_to(acting_user), transaction.atomic():
        if SessionParticipant.objects.filter(session=session, person=person).exists():
            raise ValidationError({"person": ["Cette personne est déjà inscrite à la session."]})
        row = SessionParticipant.objects.create(session=session, person=person)
        log(Action.CREATE, row, person_id=person.pk, changes={"session": [None, session.pk]})
    return row


def remove_participant(*, participant: SessionParticipant, acting_user) -> None:
    require_capability(acting_user, Capability.REQUEST_AIDS, Capability.DECIDE_AIDS)
    require_visible(SessionParticipant.objects, acting_user, participant.pk)
    with attributed_to(acting_user), transaction.atomic():
        log(
            Action.DELETE,
            participant,
            person_id=participant.person_id,
            changes={"session": [participant.session_id, None]},
        )
        participant.delete()


def set_envelope(*, year: int, kind: str, envelope: Decimal, acting_user) -> AidBudget:
    """Set the yearly envelope of a kind of aid (what is committed comes from decisions)."""
    require_capability(acting_user, Capability.DECIDE_AIDS)
    if envelope is None or envelope < 0:
        raise ValidationError({"envelope": ["L'enveloppe ne peut pas être négative."]})
    with attributed_to(acting_user), transaction.atomic():
        budget, created = AidBudget.objects.select_for_update().get_or_create(
            year=year, kind=kind, defaults={"envelope": envelope}
        )
        before = None if created else str(budget.envelope)
        if not created:
            budget.envelope = envelope
            budget.full_clean()
            budget.save()
        log(
            Action.CREATE if created else Action.UPDATE,
            budget,
            changes={"envelope": [before, str(envelope)]},
        )
    return budget
