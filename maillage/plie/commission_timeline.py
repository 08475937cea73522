"""Entry files and commission decisions in the person's file ("Parcours et activités").

A provider of ``people.timeline``: the orientations to the PLIE (entry files)
and what the commissions decided about the person — entries, exits, follow-up
reviews. Two queries whatever the number of items; only what ``user`` may see.
"""

from django.urls import reverse

from maillage.people.timeline import TimelineItem
from maillage.plie.commission_models import (
    CommissionDecision,
    EntryRequest,
    ItemKind,
    Outcome,
)

SERVICE = "PLIE"

_SUBJECT = {
    ItemKind.ENTRY: {
        Outcome.ACCEPTED: "entrée acceptée",
        Outcome.REFUSED: "entrée refusée",
        Outcome.ADJOURNED: "demande d'entrée ajournée",
    },
    ItemKind.EXIT: {
        Outcome.ACCEPTED: "sortie validée",
        Outcome.REFUSED: "sortie refusée",
        Outcome.ADJOURNED: "sortie ajournée",
    },
    ItemKind.FOLLOW_UP: {
        Outcome.REVIEWED: "parcours examiné",
        Outcome.ADJOURNED: "examen du parcours ajourné",
    },
}


def decision_label(decision: CommissionDecision) -> str:
    label = f"{decision.commission} : {_SUBJECT[decision.item_kind][decision.outcome]}"
    if decision.review_reason:
        label += f" ({decision.get_review_reason_display().lower()})"
    detail = decision.actions or decision.reason
    if detail:
        label += f" — {detail}"
    return label


def commission_items(person, user) -> list[TimelineItem]:
    entries = EntryRequest.objects.visible_to(user).filter(person=person)
    items = [
        TimelineItem(
            entry.oriented_on,
            f"Orientation vers le PLIE ({entry.prescriber_display}) — dossier "
            f"{entry.get_status_display().lower()}",
            SERVICE,
            reverse("plie:entry_detail", args=[entry.pk]),
        )
        for entry in entries.select_related("prescriber_structure")
    ]
    decisions = (
        CommissionDecision.objects.visible_to(user)
        .filter(person=person)
        .exclude(outcome=Outcome.PENDING)
        .select_related("commission")
    )
    for decision in decisions:
        items.append(
            TimelineItem(
                decision.commission.date,
                decision_label(decision),
                SERVICE,
                reverse("plie:commission_detail", args=[decision.commission_id]),
            )
        )
    return items
