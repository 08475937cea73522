"""Validation and follow-up commissions: plan them, build their agenda, decide, close.

The animation team (capability ``manage_commissions``) plans a commission for a
territory and a date; its agenda fills itself (``agenda``). For each file it
records a decision with its reason:

- an entry request accepted opens the parcours at the commission's date, with
  the file's référent, structure, entry situations and QPV
  (``services.open_parcours``, never re-implemented here);
- an exit proposal accepted is recorded on the parcours (``services.record_exit``,
  whose confirmation rule — a CDI exit without a CDI step — reaches the user as
  ``ConfirmationRequired``);
- refused or adjourned needs a reason; an adjourned file goes on the next
  planned commission of its territory;
- a follow-up review records what was decided for the parcours.

Holding the commission closes it: its decisions are its minutes and never change.
The référents' side (files, exit proposals) is in ``entry_services``; its main
functions are re-exported here.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import require_visible
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, build_entry, diff, log, log_many, snapshot
from maillage.core.permissions import require_capability
from maillage.organisations.models import Structure
from maillage.plie import agenda, eligibility, rules, services
from maillage.plie.commission_models import (
    Commission,
    CommissionDecision,
    CommissionKind,
    CommissionStatus,
    EntryRequest,
    EntryRequestStatus,
    ExitProposal,
    ExitProposalStatus,
    ItemKind,
    Outcome,
)
from maillage.plie.entry_services import (
    pending_entry_requests,
    propose_exit,
    record_engagement,
    submit_entry_request,
)
from maillage.plie.services import _full_clean

__all__ = [
    "build_agenda",
    "decide",
    "hold_commission",
    "pending_entry_requests",
    "propose_exit",
    "schedule_commission",
    "submit_entry_request",
    "territories",
    "update_commission",
]

#: What a commission may decide, by kind of file.
OUTCOMES = {
    ItemKind.ENTRY: (Outcome.ACCEPTED, Outcome.REFUSED, Outcome.ADJOURNED),
    ItemKind.EXIT: (Outcome.ACCEPTED, Outcome.REFUSED, Outcome.ADJOURNED),
    ItemKind.FOLLOW_UP: (Outcome.REVIEWED, Outcome.ADJOURNED),
}


def territories() -> list[str]:
    """The PLIE's territories: those of the active structures (the demo has five)."""
    values = (
        Structure.objects.filter(is_active=True)
        .exclude(territory="")
        .values_list("territory", flat=True)
        .distinct()
    )
    return sorted(set(values))


def _check_territory(territory: str) -> None:
    if territory not in territories():
        raise ValidationError({"territory": [f"Territoire inconnu : « {territory} »."]})


def schedule_commission(
    *,
    kind: str,
    territory: str,
    date: date,
    place: str = "",
    members=(),
    external_members: str = "",
    acting_user,
) -> Commission:
    """Plan a commission; its agenda is built at once from the territory's pending files."""
    require_capability(acting_user, Capability.MANAGE_COMMISSIONS)
    _check_territory(territory)
    with attributed_to(acting_user), transaction.atomic():
        commission = Commission(
            kind=kind,
            territory=territory,
            date=date,
            place=place,
            external_members=external_members,
            created_by=acting_user,
        )
        _full_clean(commission, exclude=["created_by"])
        commission.save()
        commission.members.set(members)
        changes = {k: [None, v] for k, v in snapshot(commission, Commission.AUDITED_FIELDS).items()}
        changes["members"] = [None, sorted(m.pk for m in members)]
        log(Action.CREATE, commission, changes=changes)
        agenda.build(commission)
    return commission


def update_commission(commission: Commission, *, acting_user, members=None, **values) -> dict:
    """Change the place, members, notes; the date only while nothing has been decided."""
    require_capability(acting_user, Capability.MANAGE_COMMISSIONS)
    allowed = {"date", "place", "external_members", "minutes"}
    if unknown := set(values) - allowed:
        raise TypeError(f"Champs non modifiables : {', '.join(sorted(unknown))}")
    with attributed_to(acting_user), transaction.atomic():
        current = Commission.objects.select_for_update().get(pk=commission.pk)
        fields = (*Commission.AUDITED_FIELDS, "minutes")
        before = snapshot(current, fields)
        if "date" in values and values["date"] != current.date:
            decided = current.decisions.exclude(outcome=Outcome.PENDING).exists()
            if not current.is_planned or decided:
                raise ValidationError(
                    {"date": ["Des décisions sont enregistrées : la date ne peut plus changer."]}
                )
        for name, value in values.items():
            setattr(current, name, value)
        changes = diff(before, snapshot(current, fields))
        if members is not None:
            old = sorted(current.members.values_list("pk", flat=True))
            new = sorted(m.pk for m in members)
            if old != new:
                current.members.set(members)
                changes["members"] = [old, new]
        if not changes:
            return {}
        _full_clean(current, exclude=["created_by"])
        current.save()
        log(Action.UPDATE, current, changes=changes)
    commission.refresh_from_db()
    return changes


def build_agenda(commission: Commission, *, acting_user) -> list[CommissionDecision]:
    """Add the files that arrived since the agenda was built (idempotent)."""
    require_capability(acting_user, Capability.MANAGE_COMMISSIONS)
    with attributed_to(acting_user), transaction.atomic():
        current = Commission.objects.select_for_update().get(pk=commission.pk)
        if not current.is_planned:
            raise ValidationError("La commission est close : son ordre du jour ne change plus.")
        return agenda.build(current)


def _refuse_unless_open(commission: Commission) -> None:
    if not commission.is_planned:
        raise ValidationError("La commission est close : ses décisions ne changent plus.")
    if commission.date > timezone.localdate():
        raise ValidationError(
            f"La commission n'a pas encore eu lieu (le {commission.date:%d/%m/%Y}) : "
            "ses décisions s'enregistrent à partir de cette date."
        )


def _check_outcome(decision, outcome: str, reason: str, actions: str) -> None:
    if outcome not in OUTCOMES[decision.item_kind]:
        raise ValidationError({"outcome": ["Choisissez une décision."]})
    if outcome in (Outcome.REFUSED, Outcome.ADJOURNED) and not reason.strip():
        raise ValidationError({"reason": ["Indiquez le motif du refus ou de l'ajournement."]})
    if outcome == Outcome.REVIEWED and not actions.strip():
        raise ValidationError({"actions": ["Indiquez ce que la commission a décidé."]})


def _decide_entry(decision, commission, outcome, engagement_signed_on, acting_user) -> None:
    entry = (
        EntryRequest.objects.select_for_update()
        .select_related("structure", "person")
        .get(pk=decision.entry_request_id)
    )
    if not entry.is_pending:
        raise ValidationError(
            f"Cette demande n'est plus en attente ({entry.get_status_display().lower()})."
        )
    before = snapshot(entry, ("status", "decided_on", "parcours"))
    if outcome == Outcome.ACCEPTED:
        rules.raise_errors(eligibility.check(eligibility.Diagnosis.of(entry)))
        entry.parcours = services.open_parcours(
            person=entry.person,
            structure=entry.structure,
            entry_date=commission.date,
            qpv_at_entry=entry.qpv_at_entry,
            entry_situations=entry.entry_situations,
            referent=entry.referent,
            acting_user=acting_user,
        )
        if engagement_signed_on is not None:
            record_engagement(
                parcours=entry.parcours, signed_on=engagement_signed_on, acting_user=acting_user
            )
    entry.status = {
        Outcome.ACCEPTED: EntryRequestStatus.ACCEPTED,
        Outcome.REFUSED: EntryRequestStatus.REFUSED,
        Outcome.ADJOURNED: EntryRequestStatus.ADJOURNED,
    }[outcome]
    entry.decided_on = commission.date if outcome != Outcome.ADJOURNED else None
    entry.save(update_fields=["status", "decided_on", "parcours", "updated_at"])
    changes = diff(before, snapshot(entry, ("status", "decided_on", "parcours")))
    log(Action.UPDATE, entry, person_id=entry.person_id, changes=changes)


def _decide_exit(decision, outcome, confirm, acting_user) -> None:
    proposal = (
        ExitProposal.objects.select_for_update()
        .select_related("parcours")
        .get(pk=decision.exit_proposal_id)
    )
    if not proposal.is_pending:
        raise ValidationError(
            f"Cette sortie n'est plus en attente ({proposal.get_status_display().lower()})."
        )
    if outcome == Outcome.ACCEPTED:
        services.record_exit(
            parcours=proposal.parcours,
            exit_date=proposal.exit_date,
            exit_type=proposal.exit_type,
            exit_reason=proposal.exit_reason,
            exit_comment=proposal.exit_comment,
            confirm=confirm,
            acting_user=acting_user,
        )
    before = proposal.status
    proposal.status = {
        Outcome.ACCEPTED: ExitProposalStatus.ACCEPTED,
        Outcome.REFUSED: ExitProposalStatus.REFUSED,
        Outcome.ADJOURNED: ExitProposalStatus.ADJOURNED,
    }[outcome]
    proposal.save(update_fields=["status", "updated_at"])
    log(
        Action.UPDATE,
        proposal,
        person_id=proposal.parcours.person_id,
        changes={"status": [before, proposal.status]},
    )


def decide(
    decision: CommissionDecision,
    *,
    outcome: str,
    reason: str = "",
    actions: str = "",
    confirm: bool = False,
    engagement_signed_on: date | None = None,
    acting_user,
) -> CommissionDecision:
    """Record the commission's decision on one file of its agenda (see the module's doc)."""
    require_capability(acting_user, Capability.MANAGE_COMMISSIONS)
    require_visible(CommissionDecision.objects, acting_user, decision.pk)
    with attributed_to(acting_user), transaction.atomic():
        current = (
            CommissionDecision.objects.select_for_update()
            .select_related("commission")
            .get(pk=decision.pk)
        )
        commission = current.commission
        _refuse_unless_open(commission)
        if current.is_decided:
            raise ValidationError("Une décision est déjà enregistrée pour ce dossier.")
        _check_outcome(current, outcome, reason, actions)
        if current.item_kind == ItemKind.ENTRY:
            _decide_entry(current, commission, outcome, engagement_signed_on, acting_user)
        elif current.item_kind == ItemKind.EXIT:
            _decide_exit(current, outcome, confirm, acting_user)
        before = snapshot(current, CommissionDecision.AUDITED_FIELDS)
        current.outcome, current.reason, current.actions = outcome, reason.strip(), actions.strip()
        current.decided_at, current.decided_by = timezone.now(), acting_user
        current.save()
        changes = diff(before, snapshot(current, CommissionDecision.AUDITED_FIELDS))
        log(Action.UPDATE, current, person_id=current.person_id, changes=changes)
        if outcome == Outcome.ADJOURNED and current.item_kind != ItemKind.FOLLOW_UP:
            file = current.entry_request or current.exit_proposal
            agenda.put_on_next(file, after=commission)
    decision.refresh_from_db()
    return decision


def hold_commission(commission: Commission, *, minutes: str | None = None, acting_user):
    """Close the commission: every entry and exit decided; unexamined reviews leave the agenda.

    A follow-up commission rarely examines every proposed parcours; those it did
    not look at are not decisions, and the rules propose them again next time.
    """
    require_capability(acting_user, Capability.MANAGE_COMMISSIONS)
    with attributed_to(acting_user), transaction.atomic():
        current = Commission.objects.select_for_update().get(pk=commission.pk)
        if not current.is_planned:
            raise ValidationError("La commission est déjà close.")
        if current.date > timezone.localdate():
            raise ValidationError(
                f"La commission n'a pas encore eu lieu (le {current.date:%d/%m/%Y})."
            )
        undecided = list(current.decisions.filter(outcome=Outcome.PENDING))
        if undecided and current.kind == CommissionKind.VALIDATION:
            raise ValidationError(
                f"{len(undecided)} dossier(s) sans décision : acceptez, refusez ou ajournez "
                "chacun avant de clore la commission."
            )
        log_many(
            [
                build_entry(
                    Action.DELETE,
                    decision,
                    person_id=decision.person_id,
                    changes={"commission": [decision.commission_id, None]},
                )
                for decision in undecided
            ]
        )
        CommissionDecision.objects.filter(pk__in=[d.pk for d in undecided]).delete()
        before = snapshot(current, ("status", "minutes"))
        current.status, current.held_at = CommissionStatus.HELD, timezone.now()
        if minutes is not None:
            current.minutes = minutes
        current.save()
        log(Action.UPDATE, current, changes=diff(before, snapshot(current, ("status", "minutes"))))
    commission.refresh_from_db()
    return commission
