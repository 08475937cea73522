"""The "Parcours et activités" section of a person's file, filled by every module.

One person, one file: the file shows what each service did with the person, but
the people app cannot know the modules built after it (PLIE parcours, clause
hours, bookings…). Each module registers a *provider* instead, usually from its
``AppConfig.ready()``::

    from maillage.people.timeline import TimelineItem, register

    @register
    def parcours_items(person, user):
        return [
            TimelineItem(p.started_on, f"Entrée dans le PLIE ({p.referent})", "PLIE",
                         reverse("plie:parcours", args=[p.pk]))
            for p in Parcours.objects.visible_to(user).filter(person=person)
        ]

A provider receives the person (already checked visible to ``user``) and the user,
and returns its items; it filters what the user may see itself (``visible_to``)
and runs a fixed number of queries, whatever the number of items.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format


@dataclass(frozen=True)
class TimelineItem:
    date: date
    label: str
    service: str
    url: str | None = None


Provider = Callable[..., Iterable[TimelineItem]]

_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (usable as a decorator); registering twice has no effect."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    """Remove a provider (tests, or a module switched off)."""
    if provider in _providers:
        _providers.remove(provider)


def items_for(person, user) -> list[TimelineItem]:
    """Every provider's items, most recent first."""
    items = [item for provider in _providers for item in provider(person, user)]
    return sorted(items, key=lambda item: item.date, reverse=True)


@register
def followup_items(person, user) -> list[TimelineItem]:
    """The structures that follow the person, from ``person.followups`` (prefetch it)."""
    items = []
    for followup in person.followups.all():
        start = date_format(followup.started_on, "d/m/Y")
        if followup.ended_on:
            end = date_format(followup.ended_on, "d/m/Y")
            label = f"Suivi par {followup.structure} du {start} au {end}"
        else:
            label = f"Suivi par {followup.structure} depuis le {start}"
        items.append(TimelineItem(followup.started_on, label, followup.get_service_display()))
    return items
