"""The référent's side of the commissions: entry files, exit proposals, engagement contract.

A référent records a candidate's file (draft), completes it, submits it: it is
then on the agenda of its territory's next validation commission. Submitting
requires the three eligibility conditions (``eligibility.check``); the entry
situations ticked never replace them. For a parcours in progress the référent
proposes the exit, which the validation commission confirms.

Same conventions as ``services.py``: keyword-only ``acting_user``, capability
and scope checked first (out of scope is refused like a missing object),
``transaction.atomic()``, one audit entry per change in the same transaction.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import User
from maillage.accounts.roles import Capability, Role
from maillage.accounts.scoping import require_visible
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.core.permissions import require_capability
from maillage.organisations.models import Structure, StructureKind
from maillage.people.models import Person
from maillage.plie import agenda, eligibility, rules
from maillage.plie.commission_models import (
    DifficultyKind,
    EntryRequest,
    EntryRequestStatus,
    ExitProposal,
    ExitProposalStatus,
)
from maillage.plie.models import EntrySituationCode, Parcours
from maillage.plie.services import ConfirmationRequired, _full_clean


def referent_structures(user):
    """Structures ``user`` may put a file in: their own as référent; any référent one to manage."""
    if user.has_capability(Capability.MANAGE_COMMISSIONS):
        return Structure.objects.filter(is_active=True, kind=StructureKind.REFERENT)
    return Structure.objects.filter(
        is_active=True, pk__in=user.structure_ids(roles={Role.REFERENT})
    )


def referents_of(structure_ids) -> "User.objects":
    """Users holding the référent role in one of ``structure_ids``."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.REFERENT,
            memberships__structure_id__in=structure_ids,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def pending_entry_requests(user):
    """Files waiting for a validation commission, among those ``user`` may see (workspace)."""
    return EntryRequest.objects.visible_to(user).pending()


def _codes(values, allowed, field: str, label: str) -> list[str]:
    codes = sorted(set(values or ()))
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        raise ValidationError({field: [f"{label} inconnue : « {unknown[0]} »."]})
    return codes


def _clean(data: dict, user) -> dict:
    """Typed values a user may record: known codes, their structures, a référent of it."""
    unknown = set(data) - set(EntryRequest.EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Champs non modifiables : {', '.join(sorted(unknown))}")
    data = dict(data)
    if "difficulties" in data:
        data["difficulties"] = _codes(
            data["difficulties"], DifficultyKind.values, "difficulties", "Difficulté"
        )
    if "entry_situations" in data:
        data["entry_situations"] = _codes(
            data["entry_situations"], EntrySituationCode.values, "entry_situations", "Situation"
        )
    oriented_on = data.get("oriented_on")
    if oriented_on is not None and oriented_on > timezone.localdate():
        raise ValidationError({"oriented_on": ["La date d'orientation est dans le futur."]})
    structure = data.get("structure")
    if structure is not None and not referent_structures(user).filter(pk=structure.pk).exists():
        raise ValidationError(
            {"structure": ["Choisissez une structure référente dans laquelle vous intervenez."]}
        )
    return data


def _check_referent(entry: EntryRequest) -> None:
    if (
        entry.referent_id
        and not referents_of([entry.structure_id]).filter(pk=entry.referent_id).exists()
    ):
        raise ValidationError(
            {"referent": [f"Ce référent n'est pas référent de parcours de {entry.structure}."]}
        )


def _check_prescriber(entry: EntryRequest) -> None:
    if entry.prescriber_structure_id is None and not entry.prescriber_organisation.strip():
        raise ValidationError(
            {"prescriber_structure": ["Indiquez la structure qui oriente la personne."]}
        )


def _audit_values(entry: EntryRequest) -> dict:
    return snapshot(entry, EntryRequest.AUDITED_FIELDS)


def create_entry_request(
    *, person: Person, acting_user, submit: bool = False, **data
) -> EntryRequest:
    """Record a candidate's file as a draft, or submit it at once (``submit``)."""
    require_capability(acting_user, Capability.SUBMIT_PLIE_FILES)
    require_visible(Person.objects, acting_user, person.pk)
    data = _clean(data, acting_user)
    with attributed_to(acting_user), transaction.atomic():
        entry = EntryRequest(person=person, created_by=acting_user, **data)
        _check_prescriber(entry)
        _check_referent(entry)
        _full_clean(entry, exclude=["created_by"])
        entry.save()
        changes = {k: [None, v] for k, v in _audit_values(entry).items()}
        log(Action.CREATE, entry, person_id=person.pk, changes=changes)
        if submit:
            submit_entry_request(entry, acting_user=acting_user)
    return entry


def update_entry_request(entry: EntryRequest, *, acting_user, **data) -> dict:
    """Complete or correct a file not yet decided; returns ``{field: [before, after]}``.

    A pending file that no longer meets the conditions is refused: it would go to
    commission incomplete.
    """
    require_capability(acting_user, Capability.SUBMIT_PLIE_FILES)
    require_visible(EntryRequest.objects, acting_user, entry.pk)
    data = _clean(data, acting_user)
    with attributed_to(acting_user), transaction.atomic():
        current = EntryRequest.objects.select_for_update().get(pk=entry.pk)
        if not current.is_editable:
            raise ValidationError("Cette demande a été décidée : elle ne peut plus être modifiée.")
        before = _audit_values(current)
        for name, value in data.items():
            setattr(current, name, value)
        _check_prescriber(current)
        _check_referent(current)
        if current.is_pending:
            rules.raise_errors(eligibility.check(eligibility.Diagnosis.of(current)))
        changes = diff(before, _audit_values(current))
        if not changes:
            return {}
        _full_clean(current, exclude=["created_by"])
        current.save()
        log(Action.UPDATE, current, person_id=current.person_id, changes=changes)
    entry.refresh_from_db()
    return changes


def submit_entry_request(entry: EntryRequest, *, acting_user) -> EntryRequest:
    """Send a draft to commission: eligible, then on the next validation commission's agenda."""
    require_capability(acting_user, Capability.SUBMIT_PLIE_FILES)
    require_visible(EntryRequest.objects, acting_user, entry.pk)
    with attributed_to(acting_user), transaction.atomic():
        current = (
            EntryRequest.objects.select_for_update().select_related("structure").get(pk=entry.pk)
        )
        if current.status != EntryRequestStatus.DRAFT:
            raise ValidationError("Seul un brouillon peut être soumis à la commission.")
        rules.raise_errors(eligibility.check(eligibility.Diagnosis.of(current)))
        current.status = EntryRequestStatus.SUBMITTED
        current.submitted_at = timezone.now()
        current.save(update_fields=["status", "submitted_at", "updated_at"])
        log(
            Action.UPDATE,
            current,
            person_id=current.person_id,
            changes={"status": [EntryRequestStatus.DRAFT, EntryRequestStatus.SUBMITTED]},
        )
        agenda.put_on_next(current)
    entry.refresh_from_db()
    return entry


def withdraw_entry_request(entry: EntryRequest, *, acting_user) -> EntryRequest:
    """The person or the référent gives up before the decision: off every agenda."""
    require_capability(acting_user, Capability.SUBMIT_PLIE_FILES)
    require_visible(EntryRequest.objects, acting_user, entry.pk)
    with attributed_to(acting_user), transaction.atomic():
        current = EntryRequest.objects.select_for_update().get(pk=entry.pk)
        if not current.is_editable:
            raise ValidationError("Cette demande a été décidée : elle ne peut plus être retirée.")
        before = current.status
        current.status = EntryRequestStatus.WITHDRAWN
        current.save(update_fields=["status", "updated_at"])
        log(
            Action.UPDATE,
            current,
            person_id=current.person_id,
            changes={"status": [before, current.status]},
        )
        agenda.remove_pending(current)
    entry.refresh_from_db()
    return entry


def propose_exit(
    *,
    parcours: Parcours,
    exit_date: date,
    exit_type: str,
    exit_reason: str = "",
    exit_comment: str = "",
    confirm: bool = False,
    acting_user,
) -> ExitProposal:
    """Propose the exit of an open parcours to the validation commission.

    The rules of ``record_exit`` apply now, so the commission receives a coherent
    exit; a surprising one (a CDI exit without a CDI step) raises
    ``ConfirmationRequired`` unless ``confirm``, and the confirmation is kept.
    """
    require_capability(acting_user, Capability.SUBMIT_PLIE_FILES)
    require_visible(Parcours.objects, acting_user, parcours.pk)
    with attributed_to(acting_user), transaction.atomic():
        current = (
            Parcours.objects.select_for_update().select_related("structure").get(pk=parcours.pk)
        )
        if not current.is_open:
            raise ValidationError("Ce parcours est déjà clos.")
        if current.exit_proposals.filter(
            status__in=[ExitProposalStatus.PENDING, ExitProposalStatus.ADJOURNED]
        ).exists():
            raise ValidationError("Une sortie est déjà proposée pour ce parcours.")
        others = (
            Parcours.objects.filter(person_id=current.person_id)
            .exclude(pk=current.pk)
            .values_list("entry_date", "exit_date")
        )
        rules.raise_errors(
            rules.merge(
                rules.check_exit(current.entry_date, exit_date, exit_type, exit_reason),
                rules.check_steps_before_exit(
                    exit_date, current.steps.values_list("start_date", flat=True)
                ),
                rules.check_no_overlap(current.entry_date, exit_date, others, field="exit_date"),
            )
        )
        current.exit_date, current.exit_type = exit_date, exit_type
        current.exit_reason, current.exit_comment = exit_reason, exit_comment
        warnings = rules.positive_exit_consistency(current)
        if warnings and not confirm:
            raise ConfirmationRequired(warnings)
        proposal = ExitProposal(
            parcours_id=current.pk,
            exit_date=exit_date,
            exit_type=exit_type,
            exit_reason=exit_reason,
            exit_comment=exit_comment,
            confirmed=bool(warnings),
            proposed_by=acting_user,
        )
        _full_clean(proposal, exclude=["proposed_by"])
        proposal.save()
        changes = {k: [None, v] for k, v in snapshot(proposal, ExitProposal.AUDITED_FIELDS).items()}
        log(Action.CREATE, proposal, person_id=current.person_id, changes=changes)
        proposal.parcours = Parcours.objects.select_related("structure").get(pk=current.pk)
        agenda.put_on_next(proposal)
    return proposal


def withdraw_exit_proposal(proposal: ExitProposal, *, acting_user) -> ExitProposal:
    require_capability(acting_user, Capability.SUBMIT_PLIE_FILES)
    require_visible(ExitProposal.objects, acting_user, proposal.pk)
    with attributed_to(acting_user), transaction.atomic():
        current = ExitProposal.objects.select_for_update().get(pk=proposal.pk)
        if not current.is_pending:
            raise ValidationError("Cette sortie a été décidée : elle ne peut plus être retirée.")
        before = current.status
        current.status = ExitProposalStatus.WITHDRAWN
        current.save(update_fields=["status", "updated_at"])
        person_id = current.parcours.person_id
        log(Action.UPDATE, current, person_id=person_id, changes={"status": [before, "withdrawn"]})
        agenda.remove_pending(current)
    proposal.refresh_from_db()
    return proposal


def record_engagement(*, parcours: Parcours, signed_on: date | None, acting_user) -> dict:
    """Date the participant signed the engagement contract (contrat d'engagement)."""
    allowed = (Capability.SUBMIT_PLIE_FILES, Capability.MANAGE_COMMISSIONS)
    if acting_user is None or not any(acting_user.has_capability(c) for c in allowed):
        raise PermissionDenied
    require_visible(Parcours.objects, acting_user, parcours.pk)
    with attributed_to(acting_user), transaction.atomic():
        current = Parcours.objects.select_for_update().get(pk=parcours.pk)
        if signed_on is not None and signed_on < current.entry_date:
            raise ValidationError(
                {
                    "engagement_signed_on": [
                        "Le contrat d'engagement est signé à l'entrée ou après "
                        f"(entrée le {current.entry_date:%d/%m/%Y})."
                    ]
                }
            )
        if signed_on is not None and signed_on > timezone.localdate():
            raise ValidationError(
                {"engagement_signed_on": ["La date de signature est dans le futur."]}
            )
        before = current.engagement_signed_on
        if before == signed_on:
            return {}
        current.engagement_signed_on = signed_on
        current.save(update_fields=["engagement_signed_on", "updated_at"])
        changes = {
            "engagement_signed_on": [
                before.isoformat() if before else None,
                signed_on.isoformat() if signed_on else None,
            ]
        }
        log(Action.UPDATE, current, person_id=current.person_id, changes=changes)
    parcours.refresh_from_db()
    return changes
