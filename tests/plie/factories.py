"""Factories for the PLIE, programme and companies models (shared ones: tests.factories)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from maillage.companies.models import Company
from maillage.plie.models import EntrySituation, Parcours, Step, StepCategory
from maillage.programme.models import Axis, Operation
from tests.factories import PersonFactory, StructureFactory

__all__ = [
    "CompanyFactory",
    "OperationFactory",
    "ParcoursFactory",
    "PersonFactory",
    "StepFactory",
    "StructureFactory",
]


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ("external_id",)

    external_id = factory.Sequence(lambda n: f"C{n:05d}")
    name = factory.Sequence(lambda n: f"Entreprise {n}")
    postcode = "69007"


class OperationFactory(DjangoModelFactory):
    class Meta:
        model = Operation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"OP{n:04d}")
    structure = factory.SubFactory(StructureFactory, kind="operator")
    title = factory.Sequence(lambda n: f"Opération {n}")
    axis = Axis.ACTIVITY
    year = 2017


class ParcoursFactory(DjangoModelFactory):
    """A parcours; ``situations=["rsa", ...]`` adds its entry situations."""

    class Meta:
        model = Parcours
        skip_postgeneration_save = True

    external_id = factory.Sequence(lambda n: f"P{n:05d}")
    person = factory.SubFactory(PersonFactory)
    structure = factory.SubFactory(StructureFactory)
    entry_date = datetime.date(2017, 3, 1)
    qpv_at_entry = False

    @factory.post_generation
    def situations(self, create, extracted, **kwargs):
        if create and extracted:
            EntrySituation.objects.bulk_create(
                [EntrySituation(parcours=self, code=code) for code in extracted]
            )


class StepFactory(DjangoModelFactory):
    class Meta:
        model = Step

    external_id = factory.Sequence(lambda n: f"E{n:05d}")
    parcours = factory.SubFactory(ParcoursFactory)
    category = StepCategory.SUPPORT
    start_date = factory.LazyAttribute(lambda o: o.parcours.entry_date)
    contract_type = factory.LazyAttribute(
        lambda o: "cdd" if o.category == StepCategory.EMPLOYMENT_CONTRACT else ""
    )
