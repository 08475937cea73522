"""The charter in other modules' pages: the person file and "Mes actions".

Registered from ``CharterConfig.ready()``:
- ``sponsorship_items``: a person's sponsorships in the "Parcours et activités"
  section of their file (one query; the link only for users who read companies);
- ``commitment_items``: the open commitments with a due date, on the "Mes
  actions" page of the chargé de mission who follows them (the signature's
  officer, or the company's owner when no officer is named); one query.
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format

from maillage.accounts.roles import Capability
from maillage.charter.models import Commitment, Sponsorship
from maillage.companies.home_sources import HomeItem
from maillage.people.timeline import TimelineItem

SERVICE = "Charte des 1 000 entreprises"


def sponsorship_label(sponsorship: Sponsorship) -> str:
    label = f"Parrainage par {sponsorship.sponsor_label} ({sponsorship.company})"
    if sponsorship.ended_on:
        label += f", terminé le {date_format(sponsorship.ended_on, 'd/m/Y')}"
        if sponsorship.outcome:
            label += f" : {sponsorship.get_outcome_display().lower()}"
    return label


def sponsorship_items(person, user) -> list[TimelineItem]:
    linked = user.has_capability(Capability.VIEW_COMPANIES)
    return [
        TimelineItem(
            sponsorship.started_on,
            sponsorship_label(sponsorship),
            SERVICE,
            reverse("charter:sponsorship", args=[sponsorship.pk]) if linked else None,
        )
        for sponsorship in Sponsorship.objects.visible_to(user)
        .filter(person=person)
        .select_related("company", "sponsor_contact")
    ]


def commitment_items(user, today: datetime.date) -> list[HomeItem]:
    if not user.has_capability(Capability.EDIT_COMPANIES):
        return []
    mine = Q(company__charter_signature__officer=user) | Q(
        company__charter_signature__officer__isnull=True, company__owner=user
    )
    commitments = (
        Commitment.objects.open()
        .filter(mine, due_on__isnull=False, company__charter_signed_on__isnull=False)
        .select_related("company")
        .order_by("due_on", "pk")
    )
    return [
        HomeItem(
            label=f"Engagement « {c.get_kind_display()} » de {c.company}",
            due=c.due_on,
            url=reverse("charter:company", args=[c.company_id]),
            source=SERVICE,
        )
        for c in commitments
    ]
