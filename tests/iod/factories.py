"""Factories of the IOD tests: a participant followed by a chargé de mission, IOD offers."""

import datetime

import factory
from factory.django import DjangoModelFactory

from maillage.accounts.roles import Role
from maillage.iod.models import IodFollowup, Proposal
from tests.factories import FollowupFactory, StructureFactory, user_with_role
from tests.plie.factories import ParcoursFactory
from tests.recruitment.factories import JobOfferFactory


class IodOfferFactory(JobOfferFactory):
    source = "iod"
    title = "Employé polyvalent de restauration"
    rome_code = "G1603"
    published_on = datetime.date(2017, 3, 1)


class IodFollowupFactory(DjangoModelFactory):
    class Meta:
        model = IodFollowup

    parcours = factory.SubFactory(ParcoursFactory, entry_date=datetime.date(2017, 1, 10))
    person = factory.LazyAttribute(lambda o: o.parcours.person)
    chargee = factory.LazyFunction(lambda: user_with_role(Role.COMPANY_RELATIONS))
    oriented_on = datetime.date(2017, 2, 1)


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    offer = factory.SubFactory(IodOfferFactory)
    followup = factory.SubFactory(IodFollowupFactory)
    post = 1
    proposed_on = datetime.date(2017, 3, 10)


def iod_participant(structure, chargee, **kwargs) -> IodFollowup:
    """An open IOD follow-up of a PLIE participant followed by ``structure`` (in its scope)."""
    followup = IodFollowupFactory(chargee=chargee, parcours__structure=StructureFactory(), **kwargs)
    FollowupFactory(
        person=followup.person, structure=structure, started_on=datetime.date(2017, 1, 2)
    )
    return followup
