"""Factories of the charter tests (companies come from tests.companies.factories)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from maillage.charter.models import Commitment, Evening, Guest, Signature, Sponsorship
from tests.companies.factories import CompanyFactory
from tests.factories import PersonFactory


class SignatoryFactory(CompanyFactory):
    charter_signed_on = datetime.date(2016, 5, 10)


class SignatureFactory(DjangoModelFactory):
    class Meta:
        model = Signature

    company = factory.SubFactory(SignatoryFactory)
    signatory_name = "Anne Girard"
    signatory_function = "Gérante"


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    company = factory.SubFactory(SignatoryFactory)
    kind = "recruitment"
    taken_on = factory.LazyAttribute(lambda c: c.company.charter_signed_on)


class SponsorshipFactory(DjangoModelFactory):
    class Meta:
        model = Sponsorship

    company = factory.SubFactory(SignatoryFactory)
    person = factory.SubFactory(PersonFactory)
    sponsor_name = "Marc Olivier"
    started_on = datetime.date(2017, 2, 1)


class EveningFactory(DjangoModelFactory):
    class Meta:
        model = Evening
        django_get_or_create = ("year",)

    year = 2017
    held_on = datetime.date(2017, 3, 20)
    title = "Lancement de la charte"
    place = "Musée des Confluences"


class GuestFactory(DjangoModelFactory):
    class Meta:
        model = Guest

    evening = factory.SubFactory(EveningFactory)
    company = factory.SubFactory(SignatoryFactory)
