"""Factories of the recruitment tests: companies, offers, campaigns, candidacies."""

import datetime
import itertools

import factory
from factory.django import DjangoModelFactory

from maillage.companies.models import Company
from maillage.recruitment.models import (
    Campaign,
    Candidacy,
    JobOffer,
    Placement,
    PlacementChannel,
)
from tests.factories import PersonFactory

_n = itertools.count(1)


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    external_id = factory.Sequence(lambda n: f"TEST-ENT-{n:04d}")
    name = factory.Sequence(lambda n: f"Entreprise {n}")


class JobOfferFactory(DjangoModelFactory):
    class Meta:
        model = JobOffer

    company = factory.SubFactory(CompanyFactory)
    reference = factory.Sequence(lambda n: f"OFFRE-{n:04d}")
    title = "Agent de propreté"
    rome_code = "K2204"
    rome_label = "Nettoyage de locaux"
    contract_type = "cdi"
    source = "recruitment_support"
    published_on = datetime.date(2017, 3, 1)


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    company = factory.SubFactory(CompanyFactory)
    code = factory.Sequence(lambda n: f"CAMP-{n:04d}")
    title = factory.Sequence(lambda n: f"Campagne {n}")
    opened_on = datetime.date(2017, 10, 16)


class CandidacyFactory(DjangoModelFactory):
    class Meta:
        model = Candidacy

    person = factory.SubFactory(PersonFactory)
    campaign = factory.SubFactory(CampaignFactory)
    channel = "plie"
    positioned_on = datetime.date(2017, 10, 1)


class PlacementFactory(DjangoModelFactory):
    class Meta:
        model = Placement

    person = factory.SubFactory(PersonFactory)
    company = factory.SubFactory(CompanyFactory)
    contract_type = "cdi"
    started_on = datetime.date(2017, 6, 1)
    channel = PlacementChannel.CLAUSES
