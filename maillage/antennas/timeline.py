"""Antenna visits in the "Parcours et activités" section of a person's file.

Registered from ``AntennasConfig.ready()``. Visits are many (four a year on average,
some people come every week): one item per visit would drown the other services'
items, so one item per antenna and month says how many visits and why. Two queries
(the visits, their reasons).
"""

from collections import defaultdict

from django.utils import timezone

from maillage.antennas.models import Reason, Visit
from maillage.antennas.statistics import MONTH_NAMES
from maillage.people.timeline import TimelineItem

SERVICE = "Accueil en antenne"


def visit_items(person, user) -> list[TimelineItem]:
    groups: dict[tuple, list[Visit]] = defaultdict(list)
    visits = (
        Visit.objects.visible_to(user)
        .filter(person=person)
        .select_related("antenna")
        .prefetch_related("reasons")
        .order_by("at", "id")
    )
    for visit in visits:
        day = timezone.localdate(visit.at)
        groups[(visit.antenna, day.year, day.month)].append(visit)
    items = []
    for (antenna, year, month), month_visits in groups.items():
        reasons = {r.reason for v in month_visits for r in v.reasons.all()}
        labels = ", ".join(Reason(r).label.lower() for r in Reason.values if r in reasons)
        n = len(month_visits)
        first = timezone.localdate(month_visits[0].at)
        if n == 1:
            label = f"Visite à l'accueil de {antenna.name} le {first:%d/%m/%Y} ({labels})"
        else:
            month_name = MONTH_NAMES[month - 1]
            label = f"{n} visites à l'accueil de {antenna.name} en {month_name} {year} ({labels})"
        items.append(TimelineItem(first, label, SERVICE))
    return items
