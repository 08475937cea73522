"""A small ticketing world: a social partner and its référent, a theatre, an actionneur."""

from dataclasses import dataclass

import pytest

from maillage.accounts.roles import Role
from tests.culture.factories import (
    OfferDateFactory,
    RegistrationFactory,
    SocialPartnerFactory,
    VenueFactory,
)
from tests.factories import FollowupFactory, PersonFactory, StructureFactory, user_with_role


@dataclass
class World:
    social: object
    referent: object
    person: object
    registration: object
    venue: object
    offer_date: object
    theatre_user: object
    culture_user: object


@pytest.fixture
def world(db):
    structure = StructureFactory(code="ALIS", name="ALIS")
    social = SocialPartnerFactory(structure=structure)
    referent = user_with_role(Role.REFERENT, structure, username="referent", email="ref@x.fr")
    person = PersonFactory(last_name="Dupré", first_names="Hélène Marie", email="helene@x.fr")
    FollowupFactory(person=person, structure=structure)
    registration = RegistrationFactory(person=person, social_partner=social, referent=referent)
    venue = VenueFactory(name="Grande salle", partner__structure__name="Théâtre des Célestins")
    offer_date = OfferDateFactory(offer__venue=venue, seats=5)
    theatre_user = user_with_role(
        Role.CULTURAL_PARTNER, venue.partner.structure, username="theatre"
    )
    cpt = StructureFactory(code="CPT", name="Culture pour tous")
    culture_user = user_with_role(Role.CULTURE, cpt, username="culture")
    return World(
        social, referent, person, registration, venue, offer_date, theatre_user, culture_user
    )
