"""Factories of the clause models (companies and people from the shared factories)."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from maillage.clauses.models import (
    Buyer,
    ClauseContract,
    ClauseHours,
    ClauseOffer,
    ClauseOperation,
)
from tests.companies.factories import CompanyFactory
from tests.factories import PersonFactory


class BuyerFactory(DjangoModelFactory):
    class Meta:
        model = Buyer
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Acheteur {n}")


class OperationFactory(DjangoModelFactory):
    class Meta:
        model = ClauseOperation

    external_id = factory.Sequence(lambda n: f"OP-{n:04d}")
    buyer = factory.SubFactory(BuyerFactory)
    title = factory.Sequence(lambda n: f"Marché {n}")
    legal_basis = "execution_clause"
    start_date = dt.date(2017, 1, 1)
    end_date = dt.date(2017, 12, 31)
    required_hours = 1200


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = ClauseContract

    external_id = factory.Sequence(lambda n: f"CT-{n:04d}")
    person = factory.SubFactory(PersonFactory)
    company = factory.SubFactory(CompanyFactory)
    operation = factory.SubFactory(OperationFactory)
    kind = "cdd"
    start_date = dt.date(2017, 1, 1)
    end_date = dt.date(2017, 12, 31)


class HoursFactory(DjangoModelFactory):
    class Meta:
        model = ClauseHours

    contract = factory.SubFactory(ContractFactory)
    operation = factory.SelfAttribute("contract.operation")
    person = factory.SelfAttribute("contract.person")
    company = factory.SelfAttribute("contract.company")
    month = dt.date(2017, 1, 1)
    hours = 100


class OfferFactory(DjangoModelFactory):
    class Meta:
        model = ClauseOffer

    operation = factory.SubFactory(OperationFactory)
    company = factory.SubFactory(CompanyFactory)
    title = "Ouvrier VRD"
    opened_on = dt.date(2017, 3, 1)
