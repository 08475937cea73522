"""Entry files and commission decisions in the person's file, within the user's scope."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.accounts.roles import Role
from maillage.people import timeline
from maillage.plie import commission_services as cs
from maillage.plie.commission_timeline import commission_items
from tests.factories import StructureFactory, followed_person, user_with_role
from tests.plie.commission_factories import EntryRequestFactory

pytestmark = pytest.mark.django_db


def test_the_file_shows_the_orientation_and_the_decision(admin_user):
    pentes = StructureFactory(code="HS", territory="Pentes")
    referent = user_with_role(Role.REFERENT, pentes)
    outsider = user_with_role(Role.REFERENT, StructureFactory(code="OUT"))
    person = followed_person(pentes)
    EntryRequestFactory(person=person, structure=pentes, status="submitted")
    commission = cs.schedule_commission(
        kind="validation", territory="Pentes", date=date(2017, 3, 14), acting_user=admin_user
    )
    cs.decide(commission.decisions.get(), outcome="accepted", acting_user=admin_user)
    labels = [item.label for item in timeline.items_for(person, referent)]
    assert "Commission de validation Pentes du 14/03/2017 : entrée acceptée" in labels
    assert any(label.startswith("Orientation vers le PLIE (Pôle emploi") for label in labels)
    assert commission_items(person, outsider) == []


def test_a_fixed_number_of_queries(admin_user):
    pentes = StructureFactory(code="HS", territory="Pentes")
    person = followed_person(pentes)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            commission_items(person, admin_user)
        return len(ctx.captured_queries)

    EntryRequestFactory(person=person, structure=pentes, status="refused")
    count()  # the user's memberships, loaded once
    first = count()
    for _ in range(5):
        EntryRequestFactory(person=person, structure=pentes, status="refused")
    assert count() == first == 2
