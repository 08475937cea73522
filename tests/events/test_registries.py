"""What the events app adds to other modules: partner companies, the person's timeline."""

import datetime

import pytest

from maillage.companies.partners import partner_companies
from maillage.events.timeline import registration_items
from tests.events.factories import EventCompanyFactory, RegistrationFactory
from tests.factories import followed_person

pytestmark = pytest.mark.django_db


def test_companies_present_at_events_are_partners_of_the_year():
    present = EventCompanyFactory(event__date=datetime.date(2017, 6, 23))
    EventCompanyFactory(event__date=datetime.date(2017, 7, 4), event__cancelled=True)
    assert list(partner_companies(2017)) == [present.company]
    assert not partner_companies(2018).exists()


def test_timeline_items_in_scope(manager, structure_a, django_assert_num_queries):
    person = followed_person(structure_a)
    RegistrationFactory(
        person=person,
        event__title="Dating Emploi BTP",
        event__date=datetime.date(2017, 3, 7),
        attended=True,
        interviews=2,
        hired=True,
    )
    RegistrationFactory(person=person, event__date=datetime.date(2017, 5, 1))
    registration_items(person, manager)  # the user's structures are read once, then cached
    with django_assert_num_queries(1):
        items = registration_items(person, manager)
    labels = {item.label for item in items}
    assert (
        "Dating Emploi (job dating) : Dating Emploi BTP — présent(e), 2 entretiens, contrat signé"
        in labels
    )
    assert len(labels) == 2 and any(label.endswith("— absent(e)") for label in labels)
