"""Individual aids in the "Parcours et activités" section of a person's file.

Registered from ``AidsConfig.ready()``: each request the user may see (with its
decision) and each collective session attended. Two queries whatever their number.
"""

from django.urls import reverse
from django.utils.formats import date_format

from maillage.aids.models import AidRequest, Outcome, SessionParticipant
from maillage.people.timeline import TimelineItem

SERVICE = "Aides individuelles"


def _euros(amount) -> str:
    return f"{amount:,.2f} €".replace(",", " ").replace(".", ",")


def request_label(aid: AidRequest) -> str:
    label = f"Demande d'aide : {aid.get_kind_display().lower()}, {_euros(aid.amount_requested)}"
    if aid.outcome == Outcome.REFUSED:
        label += f" — refusée le {date_format(aid.decided_on, 'd/m/Y')}"
    elif aid.outcome:
        label += (
            f" — {aid.get_outcome_display().lower()} le {date_format(aid.decided_on, 'd/m/Y')}"
            f" ({_euros(aid.amount_granted)})"
        )
    else:
        label += " — en attente de décision"
    return label


def aid_items(person, user) -> list[TimelineItem]:
    items = [
        TimelineItem(
            aid.requested_on, request_label(aid), SERVICE, reverse("aids:detail", args=[aid.pk])
        )
        for aid in AidRequest.objects.visible_to(user).filter(person=person)
    ]
    for row in (
        SessionParticipant.objects.visible_to(user).filter(person=person).select_related("session")
    ):
        session = row.session
        items.append(
            TimelineItem(
                session.date,
                f"Prestation collective : {session.get_service_display()} ({session.provider})",
                SERVICE,
                reverse("aids:session_detail", args=[session.pk]),
            )
        )
    return items
