"""Factories of the company relationship (companies, tags, contacts, interactions)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from maillage.companies.models import Company, CompanyTag, Contact, Interaction

VALID_SIRET = "73282932000074"
# Valid only through La Poste's rule (digit sum a multiple of 5), not through Luhn.
LA_POSTE_SIRET = "35600000010000"


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    external_id = factory.Sequence(lambda n: f"ENT-{n:05d}")
    name = factory.Sequence(lambda n: f"Société {n}")
    naf = "56.10A"
    postcode = "69009"
    city = "Lyon"


class CompanyTagFactory(DjangoModelFactory):
    class Meta:
        model = CompanyTag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Club {n}")


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    company = factory.SubFactory(CompanyFactory)
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    first_names = "Claire"
    function = "Responsable RH"


class InteractionFactory(DjangoModelFactory):
    class Meta:
        model = Interaction

    company = factory.SubFactory(CompanyFactory)
    kind = "call"
    occurred_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    done = True
    summary = "Point sur les recrutements"
