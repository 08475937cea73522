"""Helpers for the workspace and parcours page tests: a référent's caseload, dated from today."""

from datetime import date, timedelta

from django.utils import timezone

from tests.factories import FollowupFactory
from tests.plie.factories import ParcoursFactory, StepFactory


def today() -> date:
    return timezone.localdate()


def days(n: int) -> date:
    """``n`` days from today (negative: in the past)."""
    return today() + timedelta(days=n)


def followed_parcours(structure, referent=None, *, entry: date | None = None, **kwargs):
    """An open parcours of a person followed by ``structure`` (so its staff see it)."""
    parcours = ParcoursFactory(
        structure=structure, referent=referent, entry_date=entry or days(-365), **kwargs
    )
    FollowupFactory(person=parcours.person, structure=structure, started_on=parcours.entry_date)
    return parcours


def running_step(parcours, **kwargs):
    """A step that started a month ago and is still running."""
    return StepFactory(parcours=parcours, start_date=days(-30), end_date=None, **kwargs)
