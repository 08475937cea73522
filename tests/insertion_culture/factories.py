"""Factories and fixtures of the Mission Insertion Culture tests."""

import datetime

import factory
import pytest
from factory.django import DjangoModelFactory

from maillage.accounts.roles import Role
from maillage.insertion_culture.models import (
    ActionSession,
    CollectiveAction,
    Participation,
    Partner,
    PartnerCategory,
    side_of,
)
from tests.factories import PersonFactory, StructureFactory, user_with_role


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    code = factory.Sequence(lambda n: f"TEST-P{n:04d}")
    name = factory.Sequence(lambda n: f"Partenaire {n}")
    category = PartnerCategory.THEATRE
    side = factory.LazyAttribute(lambda o: side_of(o.category))


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = CollectiveAction

    code = factory.Sequence(lambda n: f"TEST-A{n:04d}")
    title = factory.Sequence(lambda n: f"Atelier théâtre {n}")
    kind = "theatre_workshop"
    starts_on = datetime.date(2017, 3, 1)
    ends_on = datetime.date(2017, 6, 30)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = ActionSession

    action = factory.SubFactory(ActionFactory)
    date = factory.LazyAttribute(lambda o: o.action.starts_on)
    place = "Théâtre de l'Iris"


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    action = factory.SubFactory(ActionFactory)
    person = factory.SubFactory(PersonFactory)
    registered_on = factory.LazyAttribute(lambda o: o.action.starts_on)
    territory = "Lyon 9e"
    territory_kind = "lyon"


@pytest.fixture
def culture_structure(db):
    return StructureFactory(code="CPT", name="Culture pour tous", kind="culture")


@pytest.fixture
def coordinator(culture_structure):
    return user_with_role(Role.CULTURE, culture_structure, username="culture")
