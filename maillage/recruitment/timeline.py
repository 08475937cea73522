"""Candidacies and placements in the "Parcours et activités" section of a person's file.

Registered from ``RecruitmentConfig.ready()``. Two queries whatever their
number; the links lead to pages the user may open (the candidacy page needs
``view_recruitment``, so other readers of the file get the line without a link).
"""

from django.urls import reverse
from django.utils.formats import date_format

from maillage.accounts.roles import Capability
from maillage.people.timeline import TimelineItem
from maillage.recruitment.models import Candidacy, Placement, Stage

SERVICE = "Service Entreprises"


def _candidacy_label(candidacy: Candidacy) -> str:
    target = candidacy.offer or candidacy.campaign
    kind = "l'offre" if candidacy.offer_id else "la campagne"
    label = f"Candidature sur {kind} « {target.title} » ({target.company.name})"
    if candidacy.stage == Stage.HIRED:
        return f"{label} — recruté le {date_format(candidacy.hired_on, 'd/m/Y')}"
    return f"{label} — {candidacy.get_stage_display().lower()}"


def recruitment_items(person, user) -> list[TimelineItem]:
    linked = user.has_capability(Capability.VIEW_RECRUITMENT)
    items = [
        TimelineItem(
            candidacy.positioned_on,
            _candidacy_label(candidacy),
            SERVICE,
            reverse("recruitment:candidacy", args=[candidacy.pk]) if linked else None,
        )
        for candidacy in Candidacy.objects.visible_to(user)
        .filter(person=person)
        .select_related("offer__company", "campaign__company")
    ]
    items += [
        TimelineItem(
            placement.started_on,
            f"Mise à l'emploi chez {placement.company.name} "
            f"({placement.get_contract_type_display()}, {placement.get_channel_display()})",
            SERVICE,
        )
        for placement in Placement.objects.visible_to(user)
        .filter(person=person)
        .select_related("company")
    ]
    return items
