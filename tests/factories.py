"""factory_boy factories shared by every test module."""

import datetime

import factory
from factory.django import DjangoModelFactory

from maillage.accounts.models import Membership, User
from maillage.accounts.roles import Role
from maillage.organisations.models import Structure, StructureKind
from maillage.people.models import Followup, Person, Qpv


class StructureFactory(DjangoModelFactory):
    class Meta:
        model = Structure
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"S{n:03d}")
    name = factory.Sequence(lambda n: f"Structure {n}")
    kind = StructureKind.REFERENT


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Agent{n}")
    password = factory.django.Password("motdepasse-de-test")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    role = Role.REFERENT


def user_with_role(role: str, structure: Structure | None = None, **kwargs) -> User:
    """A user holding ``role`` in ``structure`` (a new structure when None)."""
    membership = MembershipFactory(
        role=role, structure=structure or StructureFactory(), user=UserFactory(**kwargs)
    )
    return membership.user


class QpvFactory(DjangoModelFactory):
    class Meta:
        model = Qpv
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"QPVTEST{n:03d}")
    name = factory.Sequence(lambda n: f"Quartier {n}")
    city = "Lyon"
    list_version = "test"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    last_name = factory.Faker("last_name", locale="fr_FR")
    first_names = factory.Faker("first_name", locale="fr_FR")
    sex = factory.Iterator(["F", "M"])
    birth_date = factory.Faker(
        "date_between",
        start_date=datetime.date(1955, 1, 1),
        end_date=datetime.date(2004, 12, 31),
    )
    postcode = "69009"
    city = "Lyon"


class FollowupFactory(DjangoModelFactory):
    class Meta:
        model = Followup

    person = factory.SubFactory(PersonFactory)
    structure = factory.SubFactory(StructureFactory)
    started_on = datetime.date(2024, 1, 15)


def followed_person(structure: Structure, **kwargs) -> Person:
    """A person followed by ``structure``: visible to its staff."""
    person = PersonFactory(**kwargs)
    FollowupFactory(person=person, structure=structure)
    return person
