"""A commission's agenda: which files it examines, put there automatically.

A validation commission examines the pending files of its territory — entry
requests submitted or adjourned, exit proposals pending or adjourned — whose
référent structure is on that territory. A follow-up commission examines the
parcours ``followup_rules`` proposes (blocked, successful).

A pending file waits on one agenda at a time: the next planned commission of
its territory. It is put there when the commission is planned (``build``),
when the file is submitted, or when a commission adjourns it
(``put_on_next``); a file adjourned with no commission planned yet waits for
the next one to be planned.

These helpers write without checking who acts: the services
(``commission_services``, ``entry_services``) check capabilities and scope,
then call them inside their transaction. They log one audit entry per file put
on an agenda (it names the person).
"""

from django.db.models import Exists, OuterRef

from maillage.audit.services import Action, build_entry, log_many
from maillage.plie import followup_rules
from maillage.plie.commission_models import (
    Commission,
    CommissionDecision,
    CommissionKind,
    CommissionStatus,
    EntryRequest,
    ExitProposal,
    ItemKind,
    Outcome,
    ReviewReason,
)


def next_planned(territory: str, *, kind: str = CommissionKind.VALIDATION, exclude=None):
    """The territory's next planned commission of ``kind`` (earliest date), or None."""
    commissions = Commission.objects.filter(
        kind=kind, status=CommissionStatus.PLANNED, territory=territory
    )
    if exclude is not None:
        commissions = commissions.exclude(pk=exclude.pk)
    return commissions.order_by("date", "id").first()


def _waiting(field: str) -> Exists:
    """The file already waits, undecided, on the agenda of a planned commission."""
    return Exists(
        CommissionDecision.objects.filter(
            **{field: OuterRef("pk")},
            outcome=Outcome.PENDING,
            commission__status=CommissionStatus.PLANNED,
        )
    )


def _create(decisions: list[CommissionDecision]) -> list[CommissionDecision]:
    created = CommissionDecision.objects.bulk_create(decisions)
    log_many(
        [
            build_entry(
                Action.CREATE,
                decision,
                person_id=decision.person_id,
                changes={
                    "commission": [None, decision.commission_id],
                    "item_kind": [None, decision.item_kind],
                    "review_reason": [None, decision.review_reason],
                },
            )
            for decision in created
        ]
    )
    return created


def _entry_item(commission, entry) -> CommissionDecision:
    return CommissionDecision(
        commission=commission,
        item_kind=ItemKind.ENTRY,
        person_id=entry.person_id,
        entry_request=entry,
    )


def _exit_item(commission, proposal, person_id: int) -> CommissionDecision:
    return CommissionDecision(
        commission=commission,
        item_kind=ItemKind.EXIT,
        person_id=person_id,
        exit_proposal=proposal,
    )


def build(commission: Commission) -> list[CommissionDecision]:
    """Add to a planned commission's agenda what it should examine and is not there yet."""
    if not commission.is_planned:
        return []
    if commission.is_validation:
        entries = (
            EntryRequest.objects.pending()
            .filter(structure__territory=commission.territory)
            .filter(~_waiting("entry_request"))
            .order_by("submitted_at", "id")
        )
        exits = (
            ExitProposal.objects.pending()
            .filter(parcours__structure__territory=commission.territory)
            .filter(~_waiting("exit_proposal"))
            .select_related("parcours")
            .order_by("created_at", "id")
        )
        items = [_entry_item(commission, entry) for entry in entries]
        items += [_exit_item(commission, p, p.parcours.person_id) for p in exits]
        return _create(items)
    proposed = followup_rules.proposals(commission.territory, commission.date)
    already = set(commission.decisions.values_list("parcours_id", flat=True))
    items = []
    # A parcours both blocked now and successful earlier in the period is examined as blocked.
    for reason in (ReviewReason.BLOCKED, ReviewReason.SUCCESSFUL):
        for parcours_id, person_id in (
            proposed[reason].order_by("entry_date", "id").values_list("pk", "person_id")
        ):
            if parcours_id in already:
                continue
            already.add(parcours_id)
            items.append(
                CommissionDecision(
                    commission=commission,
                    item_kind=ItemKind.FOLLOW_UP,
                    person_id=person_id,
                    parcours_id=parcours_id,
                    review_reason=reason,
                )
            )
    return _create(items)


def put_on_next(file, *, after=None) -> Commission | None:
    """Put a pending entry request or exit proposal on its territory's next planned commission.

    ``after`` is the commission that just adjourned the file (never the next one).
    Returns the commission, or None when none is planned or the file already waits on one.
    """
    if isinstance(file, EntryRequest):
        territory, field = file.structure.territory, "entry_request"
    else:
        territory, field = file.parcours.structure.territory, "exit_proposal"
    commission = next_planned(territory, exclude=after)
    if commission is None:
        return None
    waiting = CommissionDecision.objects.filter(
        **{field: file},
        outcome=Outcome.PENDING,
        commission__status=CommissionStatus.PLANNED,
    )
    if waiting.exists():
        return None
    if isinstance(file, EntryRequest):
        _create([_entry_item(commission, file)])
    else:
        _create([_exit_item(commission, file, file.parcours.person_id)])
    return commission


def remove_pending(file) -> None:
    """Take a withdrawn file off the agendas where it still waits undecided."""
    field = "entry_request" if isinstance(file, EntryRequest) else "exit_proposal"
    waiting = list(
        CommissionDecision.objects.filter(
            **{field: file},
            outcome=Outcome.PENDING,
            commission__status=CommissionStatus.PLANNED,
        )
    )
    log_many(
        [
            build_entry(
                Action.DELETE,
                decision,
                person_id=decision.person_id,
                changes={"commission": [decision.commission_id, None]},
            )
            for decision in waiting
        ]
    )
    CommissionDecision.objects.filter(pk__in=[d.pk for d in waiting]).delete()
