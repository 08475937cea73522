"""Factories and helpers for the aids tests."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from maillage.aids.models import AidKind, AidRequest, CollectiveSession, TrainingField
from maillage.plie.models import StepCategory
from tests.factories import followed_person
from tests.plie.factories import ParcoursFactory, StepFactory


def participant(structure, *, entry=datetime.date(2017, 1, 10), **person):
    """A person followed by ``structure`` with a PLIE parcours there."""
    person = followed_person(structure, **person)
    ParcoursFactory(person=person, structure=structure, entry_date=entry)
    return person


def working(person, start: datetime.date, end: datetime.date | None = None, *, category=None):
    """An employment step (or ``category``) in the person's parcours."""
    parcours = person.plie_parcours.get()
    category = category or StepCategory.EMPLOYMENT_CONTRACT
    return StepFactory(parcours=parcours, category=category, start_date=start, end_date=end)


class AidRequestFactory(DjangoModelFactory):
    class Meta:
        model = AidRequest

    person = None
    structure = factory.LazyAttribute(lambda o: o.person.plie_parcours.get().structure)
    requested_on = datetime.date(2017, 3, 1)
    kind = AidKind.TRAINING
    training_field = factory.LazyAttribute(
        lambda o: TrainingField.SECURITY if o.kind == AidKind.TRAINING else ""
    )
    amount_requested = Decimal("500")
    justification = "Complément de financement"


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = CollectiveSession

    service = "relooking"
    provider = "Image Attitude"
    date = datetime.date(2017, 5, 12)
    place = "Lyon 9e"
