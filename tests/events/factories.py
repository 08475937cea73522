"""Factories of the events tests."""

import datetime

import factory
from factory.django import DjangoModelFactory

from maillage.events.models import Event, EventCompany, Registration
from tests.factories import PersonFactory
from tests.recruitment.factories import CompanyFactory


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    external_id = factory.Sequence(lambda n: f"EV-TEST-{n:04d}")
    kind = "job_dating"
    title = factory.Sequence(lambda n: f"Dating Emploi {n}")
    date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=10))
    is_public = True


class EventCompanyFactory(DjangoModelFactory):
    class Meta:
        model = EventCompany

    event = factory.SubFactory(EventFactory)
    company = factory.SubFactory(CompanyFactory)


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    source = "staff"
