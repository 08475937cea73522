"""The Mission Insertion Culture in the "Parcours et activités" section of a person's file.

Registered from ``InsertionCultureConfig.ready()``: each participation in a collective
action (with the sessions attended) and each result with a cultural employer the user
may see (placements excepted: the recruitment app lists them). Two queries whatever
their number.
"""

from django.db.models import Count
from django.urls import reverse

from maillage.accounts.roles import Capability
from maillage.insertion_culture.models import EmployerOutcome, EmployerOutcomeKind, Participation
from maillage.people.timeline import TimelineItem

SERVICE = "Mission Insertion Culture"


def insertion_culture_items(person, user) -> list[TimelineItem]:
    can_open = user.has_capability(Capability.MANAGE_INSERTION_CULTURE)
    participations = (
        Participation.objects.visible_to(user)
        .filter(person=person)
        .select_related("action")
        .annotate(present=Count("attendances"))
    )
    items = [
        TimelineItem(
            p.registered_on,
            f"Action culture : {p.action.title} ({p.action.get_kind_display().lower()}, "
            f"{p.present} présence{'s' if p.present > 1 else ''})",
            SERVICE,
            reverse("insertion_culture:action", args=[p.action_id]) if can_open else None,
        )
        for p in participations
    ]
    # A placement is a recruitment.Placement too, which the recruitment app already shows.
    outcomes = (
        EmployerOutcome.objects.visible_to(user)
        .filter(person=person)
        .exclude(kind=EmployerOutcomeKind.PLACEMENT)
    )
    items += [
        TimelineItem(
            o.date,
            f"{o.get_kind_display()} chez {o.company}" + (f" : {o.title}" if o.title else ""),
            SERVICE,
        )
        for o in outcomes.select_related("company")
    ]
    return items
