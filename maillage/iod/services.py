"""What the IOD chargés de mission (and the référents, for the reviews) record.

Every function takes a keyword-only ``acting_user``, checks the capability
(``MANAGE_IOD``; a review also ``SUBMIT_PLIE_FILES``, the référents') and the
person scope, validates everything first — a refusal raises ``ValidationError``
in French and writes nothing — then writes in one transaction with its audit
entries. A hire also records the placement ("mise à l'emploi", channel IOD)
through ``recruitment.services`` and the follow-up schedule of ``rules``.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import require_visible
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, build_entry, diff, log, log_many, snapshot
from maillage.companies import services as company_services
from maillage.companies.models import Company, InteractionKind
from maillage.core.permissions import require_capability
from maillage.iod import rules
from maillage.iod.models import (
    ACTIVE_STATUSES,
    CollaborationReview,
    CompanyAction,
    EndReason,
    FollowupContact,
    HireContract,
    IodFollowup,
    OrientationSource,
    Proposal,
    ProposalStatus,
    ReviewOutcome,
)
from maillage.plie.models import Parcours
from maillage.recruitment import services as recruitment_services
from maillage.recruitment.models import (
    ContractType,
    JobOffer,
    OfferSource,
    OfferStatus,
    PlacementChannel,
)

MANAGE = Capability.MANAGE_IOD
#: Company actions of the IOD method happen in the company: appointments and visits.
APPOINTMENT_KINDS = (InteractionKind.APPOINTMENT, InteractionKind.VISIT)


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _not_future(value: datetime.date, field: str, what: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: f"{what} ne peut pas être dans le futur."})


def _not_before(value: datetime.date, limit: datetime.date, field: str, message: str) -> None:
    """Refuse ``value`` before ``limit``: "<message> (dd/mm/yyyy)."."""
    if value < limit:
        raise ValidationError({field: f"{message} ({_day(limit)})."})


def _create(instance, *, person_id: int | None):
    log(
        Action.CREATE,
        instance,
        person_id=person_id,
        changes=diff({}, snapshot(instance, instance.AUDITED_FIELDS)),
    )


def _save_changes(instance, fields: dict, *, person_id: int | None) -> dict:
    """Set ``fields``, save them and log what changed (inside the caller's transaction)."""
    before = snapshot(instance, instance.AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save(update_fields=list(fields))
    changes = diff(before, snapshot(instance, instance.AUDITED_FIELDS))
    if changes:
        log(Action.UPDATE, instance, person_id=person_id, changes=changes)
    return changes


# --- Participants -------------------------------------------------------------------------


def enrol(
    *,
    parcours: Parcours,
    chargee,
    oriented_on: datetime.date,
    source: str = OrientationSource.REFERENT,
    oriented_by=None,
    acting_user,
) -> IodFollowup:
    """Start the IOD follow-up of a PLIE participant oriented to ``chargee``."""
    require_capability(acting_user, MANAGE)
    require_visible(Parcours.objects, acting_user, parcours.pk)
    errors = {}
    if source not in OrientationSource.values:
        errors["source"] = "Origine de l'orientation inconnue."
    if not chargee.has_capability(MANAGE):
        errors["chargee"] = f"{chargee} n'est pas chargé de mission IOD."
    if oriented_on > timezone.localdate():
        errors["oriented_on"] = "La date d'orientation ne peut pas être dans le futur."
    elif oriented_on < parcours.entry_date or (
        parcours.exit_date is not None and oriented_on > parcours.exit_date
    ):
        errors["oriented_on"] = (
            "La méthode IOD s'adresse aux participants du PLIE : le parcours doit être en cours "
            "à la date d'orientation."
        )
    if IodFollowup.objects.filter(person_id=parcours.person_id, ended_on__isnull=True).exists():
        errors["parcours"] = "Cette personne est déjà suivie par la méthode IOD."
    if errors:
        raise ValidationError(errors)
    with attributed_to(acting_user), transaction.atomic():
        followup = IodFollowup.objects.create(
            person_id=parcours.person_id,
            parcours=parcours,
            chargee=chargee,
            oriented_by=oriented_by or parcours.referent,
            oriented_on=oriented_on,
            source=source,
        )
        _create(followup, person_id=followup.person_id)
    return followup


def end_followup(
    followup: IodFollowup, *, ended_on: datetime.date, reason: str, acting_user
) -> IodFollowup:
    """Close the IOD follow-up (a qualifying training counts in the year's figures)."""
    require_capability(acting_user, MANAGE)
    require_visible(IodFollowup.objects, acting_user, followup.pk)
    if not followup.is_open:
        raise ValidationError("Ce suivi IOD est déjà terminé.")
    if reason not in EndReason.values:
        raise ValidationError({"reason": "Motif de fin inconnu."})
    _not_future(ended_on, "ended_on", "La date de fin")
    _not_before(
        ended_on, followup.oriented_on, "ended_on", "La fin ne peut pas précéder l'orientation"
    )
    if followup.proposals.filter(status__in=(ProposalStatus.PROPOSED, ProposalStatus.MET)).exists():
        raise ValidationError(
            "Une proposition est en cours : enregistrez d'abord son issue (recrutement, non "
            "retenu ou désistement)."
        )
    with attributed_to(acting_user), transaction.atomic():
        _save_changes(
            followup, {"ended_on": ended_on, "end_reason": reason}, person_id=followup.person_id
        )
    return followup


def record_review(
    followup: IodFollowup,
    *,
    held_on: datetime.date,
    outcome: str,
    notes: str = "",
    referent=None,
    acting_user,
) -> CollaborationReview:
    """The 6-month collaboration review, recorded by the référent or the chargé de mission."""
    require_capability(acting_user, MANAGE, Capability.SUBMIT_PLIE_FILES)
    require_visible(IodFollowup.objects, acting_user, followup.pk)
    if outcome not in ReviewOutcome.values:
        raise ValidationError({"outcome": "Décision inconnue."})
    _not_future(held_on, "held_on", "La date du bilan")
    _not_before(
        held_on, followup.oriented_on, "held_on", "Le bilan ne peut pas précéder l'orientation"
    )
    if referent is None:
        referent = followup.parcours.referent or acting_user
    with attributed_to(acting_user), transaction.atomic():
        review = CollaborationReview.objects.create(
            followup=followup,
            held_on=held_on,
            outcome=outcome,
            notes=notes,
            referent=referent,
            recorded_by=acting_user,
        )
        _create(review, person_id=followup.person_id)
    return review


# --- Companies and offers -----------------------------------------------------------------


def record_company_action(
    company: Company,
    *,
    purpose: str,
    kind: str,
    occurred_at: datetime.datetime,
    summary: str = "",
    contact=None,
    offer: JobOffer | None = None,
    acting_user,
) -> CompanyAction:
    """An IOD appointment in a company, logged in the company's interactions too."""
    require_capability(acting_user, MANAGE)
    if kind not in APPOINTMENT_KINDS:
        raise ValidationError(
            {"kind": "Un rendez-vous IOD a lieu dans l'entreprise : rendez-vous ou visite."}
        )
    if purpose not in CompanyAction.Purpose.values:
        raise ValidationError({"purpose": "Objet inconnu."})
    if offer is not None and offer.company_id != company.pk:
        raise ValidationError({"offer": "Cette offre n'est pas celle de cette entreprise."})
    with attributed_to(acting_user), transaction.atomic():
        interaction = company_services.log_interaction(
            company,
            acting_user=acting_user,
            kind=kind,
            occurred_at=occurred_at,
            done=occurred_at <= timezone.now(),
            contact=contact,
            summary=summary or CompanyAction.Purpose(purpose).label,
        )
        action = CompanyAction.objects.create(interaction=interaction, purpose=purpose, offer=offer)
        log(
            Action.CREATE,
            action,
            changes={"purpose": [None, purpose], "offer": [None, offer.pk if offer else None]},
        )
    return action


def negotiate_offer(
    *,
    company: Company,
    title: str,
    rome_code: str,
    contract_type: str,
    published_on: datetime.date,
    posts: int = 1,
    rome_label: str = "",
    weekly_hours=None,
    location: str = "",
    acting_user,
) -> JobOffer:
    """The offer negotiated with the company after the visit of the work station."""
    require_capability(acting_user, MANAGE)
    offer = JobOffer(
        company=company,
        reference=f"IOD-{published_on:%Y}-{secrets.token_hex(4).upper()}",
        title=title,
        rome_code=rome_code,
        rome_label=rome_label,
        contract_type=contract_type,
        weekly_hours=weekly_hours,
        location=location,
        posts=posts,
        status=OfferStatus.OPEN,
        source=OfferSource.IOD,
        published_on=published_on,
    )
    offer.full_clean()
    _not_future(published_on, "published_on", "La date de l'offre")
    fields = ("company", "reference", "title", "rome_code", "contract_type", "posts", "source")
    with attributed_to(acting_user), transaction.atomic():
        offer.save()
        log(Action.CREATE, offer, changes=diff({}, snapshot(offer, fields)))
    return offer


# --- Proposals, meetings, outcomes ----------------------------------------------------------


def free_posts(offer: JobOffer) -> list[int]:
    """The posts of ``offer`` without an active proposal (one query)."""
    taken = set(
        Proposal.objects.filter(offer=offer, status__in=ACTIVE_STATUSES).values_list(
            "post", flat=True
        )
    )
    return [n for n in range(1, offer.posts + 1) if n not in taken]


def propose(
    *,
    offer: JobOffer,
    post: int,
    followup: IodFollowup,
    proposed_on: datetime.date,
    no_cv: bool,
    acting_user,
) -> Proposal:
    """Propose ``followup``'s participant on one post: one active candidate per post, no CV."""
    require_capability(acting_user, MANAGE)
    require_visible(IodFollowup.objects, acting_user, followup.pk)
    if offer.source != OfferSource.IOD:
        raise ValidationError(
            {"offer": "Seules les offres négociées par la méthode IOD reçoivent une proposition."}
        )
    if offer.status != OfferStatus.OPEN:
        raise ValidationError({"offer": "Cette offre n'est plus ouverte."})
    if not 1 <= post <= offer.posts:
        raise ValidationError({"post": f"Cette offre compte {offer.posts} poste(s)."})
    if not no_cv:
        raise ValidationError(
            {"no_cv": "La méthode IOD ne transmet pas de CV : confirmez qu'aucun CV n'est envoyé."}
        )
    if not followup.is_open:
        raise ValidationError({"followup": "Le suivi IOD de cette personne est terminé."})
    _not_future(proposed_on, "proposed_on", "La date de proposition")
    _not_before(
        proposed_on,
        followup.oriented_on,
        "proposed_on",
        "La proposition ne peut pas précéder l'orientation",
    )
    active = Proposal.objects.filter(offer=offer, status__in=ACTIVE_STATUSES)
    if active.filter(post=post).exists():
        raise ValidationError(
            {
                "post": f"Un candidat est déjà proposé sur le poste {post} de cette offre : la "
                "méthode IOD propose un seul candidat par poste."
            },
            code="post_taken",
        )
    if active.filter(followup__person_id=followup.person_id).exists():
        raise ValidationError(
            {"followup": "Cette personne est déjà proposée sur un autre poste de cette offre."}
        )
    try:
        with attributed_to(acting_user), transaction.atomic():
            proposal = Proposal.objects.create(
                offer=offer,
                post=post,
                followup=followup,
                proposed_on=proposed_on,
                proposed_by=acting_user,
                no_cv=True,
            )
            _create(proposal, person_id=followup.person_id)
    except IntegrityError as exc:  # two proposals on one post at the same instant
        raise ValidationError(
            {"post": f"Un candidat est déjà proposé sur le poste {post} de cette offre."},
            code="post_taken",
        ) from exc
    return proposal


def _check_proposal(proposal: Proposal, acting_user) -> None:
    require_capability(acting_user, MANAGE)
    require_visible(Proposal.objects, acting_user, proposal.pk)
    if proposal.status not in (ProposalStatus.PROPOSED, ProposalStatus.MET):
        raise ValidationError(
            f"L'issue de cette proposition est déjà enregistrée ({proposal.get_status_display()})."
        )


def record_meeting(
    proposal: Proposal, *, meeting_on: datetime.date, staff=None, acting_user
) -> Proposal:
    """The mise en relation: the meeting on the work station, the chargé de mission present."""
    _check_proposal(proposal, acting_user)
    staff = staff or acting_user
    _not_future(meeting_on, "meeting_on", "La mise en relation")
    _not_before(
        meeting_on,
        proposal.proposed_on,
        "meeting_on",
        "La mise en relation ne peut pas précéder la proposition",
    )
    if not staff.has_capability(MANAGE):
        raise ValidationError(
            {"meeting_staff": "La rencontre a lieu en présence d'un chargé de mission IOD."}
        )
    with attributed_to(acting_user), transaction.atomic():
        _save_changes(
            proposal,
            {"meeting_on": meeting_on, "meeting_staff": staff, "status": ProposalStatus.MET},
            person_id=proposal.followup.person_id,
        )
    return proposal


def _check_hire(proposal, *, hired_on, contract_type, trial_period_end, contract_end) -> None:
    errors = {}
    if hired_on is None:
        errors["hired_on"] = "Indiquez la date d'embauche."
    elif hired_on < proposal.proposed_on:
        errors["hired_on"] = (
            f"La date d'embauche ({_day(hired_on)}) ne peut pas précéder la proposition "
            f"({_day(proposal.proposed_on)})."
        )
    elif proposal.meeting_on and hired_on < proposal.meeting_on:
        errors["hired_on"] = (
            "La date d'embauche ne peut pas précéder la mise en relation "
            f"({_day(proposal.meeting_on)})."
        )
    if contract_type not in HireContract.values:
        errors["contract_type"] = "Indiquez le contrat."
    elif contract_type != HireContract.CDI and contract_end is None:
        errors["contract_end"] = "Indiquez la fin du contrat (seul un CDI n'en a pas)."
    if hired_on is not None and "hired_on" not in errors:
        if trial_period_end is not None and trial_period_end < hired_on:
            errors["trial_period_end"] = "La période d'essai ne peut pas finir avant l'embauche."
        if contract_end is not None and contract_end < hired_on:
            errors["contract_end"] = "Le contrat ne peut pas finir avant l'embauche."
    if errors:
        raise ValidationError(errors)


def record_outcome(
    proposal: Proposal,
    *,
    outcome: str,
    outcome_on: datetime.date,
    contract_type: str = "",
    weekly_hours=None,
    hired_on: datetime.date | None = None,
    trial_period_end: datetime.date | None = None,
    contract_end: datetime.date | None = None,
    notes: str = "",
    acting_user,
) -> Proposal:
    """Hired (placement + follow-up schedule), not retained or withdrawn (the post is free)."""
    _check_proposal(proposal, acting_user)
    if outcome not in (ProposalStatus.HIRED, ProposalStatus.NOT_RETAINED, ProposalStatus.WITHDRAWN):
        raise ValidationError({"outcome": "Issue inconnue."})
    _not_future(outcome_on, "outcome_on", "La date de l'issue")
    _not_before(
        outcome_on,
        proposal.proposed_on,
        "outcome_on",
        "L'issue ne peut pas précéder la proposition",
    )
    fields = {"status": outcome, "outcome_on": outcome_on, "notes": notes}
    if outcome == ProposalStatus.HIRED:
        _check_hire(
            proposal,
            hired_on=hired_on,
            contract_type=contract_type,
            trial_period_end=trial_period_end,
            contract_end=contract_end,
        )
        fields |= {
            "contract_type": contract_type,
            "weekly_hours": weekly_hours,
            "hired_on": hired_on,
            "trial_period_end": trial_period_end,
            "contract_end": contract_end,
            "durable": rules.is_durable(contract_type, hired_on, contract_end),
        }
    person_id = proposal.followup.person_id
    with attributed_to(acting_user), transaction.atomic():
        if outcome == ProposalStatus.HIRED:
            fields["placement"] = recruitment_services.record_placement(
                person=proposal.followup.person,
                company=proposal.offer.company,
                contract_type=contract_type
                if contract_type in ContractType.values
                else ContractType.OTHER,
                started_on=hired_on,
                channel=PlacementChannel.IOD,
                acting_user=acting_user,
            )
        _save_changes(proposal, fields, person_id=person_id)
        if outcome == ProposalStatus.HIRED:
            _schedule(proposal, person_id)
            _fill_offer_if_complete(proposal.offer)
    return proposal


def _schedule(proposal: Proposal, person_id: int) -> None:
    contacts = FollowupContact.objects.bulk_create(
        FollowupContact(
            proposal=proposal,
            party=item.party,
            phase=item.phase,
            planned_on=item.due_on,
            due_on=item.due_on,
        )
        for item in rules.followup_schedule(proposal.hired_on, proposal.trial_period_end)
    )
    log_many(
        [
            build_entry(
                Action.CREATE,
                contact,
                object_id=f"{proposal.pk}:{contact.party}:{contact.planned_on}",
                person_id=person_id,
                changes={"due_on": [None, contact.due_on.isoformat()]},
            )
            for contact in contacts
        ]
    )


def _fill_offer_if_complete(offer: JobOffer) -> None:
    hired = Proposal.objects.filter(offer=offer, status=ProposalStatus.HIRED).count()
    if hired >= offer.posts and offer.status == OfferStatus.OPEN:
        offer.status = OfferStatus.FILLED
        offer.save(update_fields=["status"])
        log(Action.UPDATE, offer, changes={"status": [OfferStatus.OPEN, OfferStatus.FILLED]})


# --- Follow-up contacts ---------------------------------------------------------------------


def _check_contact(contact: FollowupContact, acting_user) -> None:
    require_capability(acting_user, MANAGE)
    require_visible(FollowupContact.objects, acting_user, contact.pk)
    if contact.done_on is not None:
        raise ValidationError(f"Ce suivi est déjà fait (le {_day(contact.done_on)}).")


def record_contact(
    contact: FollowupContact, *, done_on: datetime.date, notes: str = "", acting_user
) -> FollowupContact:
    """The contact took place (with the party it was planned with)."""
    _check_contact(contact, acting_user)
    _not_future(done_on, "done_on", "La date du suivi")
    hired_on = contact.proposal.hired_on
    if done_on < hired_on:
        raise ValidationError(
            {"done_on": f"Le suivi ne peut pas précéder l'embauche ({_day(hired_on)})."}
        )
    with attributed_to(acting_user), transaction.atomic():
        _save_changes(
            contact,
            {"done_on": done_on, "notes": notes},
            person_id=contact.proposal.followup.person_id,
        )
    return contact


def reschedule_contact(
    contact: FollowupContact, *, due_on: datetime.date, acting_user
) -> FollowupContact:
    """Move a contact still to do to another day (its planned date is kept)."""
    _check_contact(contact, acting_user)
    hired_on = contact.proposal.hired_on
    if due_on < hired_on:
        raise ValidationError(
            {"due_on": f"Le suivi ne peut pas précéder l'embauche ({_day(hired_on)})."}
        )
    with attributed_to(acting_user), transaction.atomic():
        _save_changes(contact, {"due_on": due_on}, person_id=contact.proposal.followup.person_id)
    return contact
