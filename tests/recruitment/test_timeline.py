"""Candidacies and placements in the person's file: labels, links, scope, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.recruitment.models import Stage
from maillage.recruitment.timeline import recruitment_items
from tests.factories import followed_person, user_with_role
from tests.people.html import page_text
from tests.recruitment.factories import (
    CampaignFactory,
    CandidacyFactory,
    JobOfferFactory,
    PlacementFactory,
)

pytestmark = pytest.mark.django_db


def _grow(person, n):
    for _ in range(n):
        CandidacyFactory(person=person, campaign=CampaignFactory())
        PlacementFactory(person=person)


def test_items_and_links(structure_a):
    chargee = user_with_role(Role.COMPANY_RELATIONS, structure_a)
    reception = user_with_role(Role.RECEPTION, structure_a)
    person = followed_person(structure_a)
    offer = JobOfferFactory(title="Agent de propreté", company__name="Net Plus")
    candidacy = CandidacyFactory(
        person=person,
        campaign=None,
        offer=offer,
        stage=Stage.HIRED,
        reached=5,
        hired_on=datetime.date(2017, 10, 9),
    )
    PlacementFactory(
        person=person, company=offer.company, started_on=datetime.date(2017, 10, 9), channel="iod"
    )
    items = recruitment_items(person, chargee)
    assert [(i.label, i.url) for i in items] == [
        (
            "Candidature sur l'offre « Agent de propreté » (Net Plus) — recruté le 09/10/2017",
            reverse("recruitment:candidacy", args=[candidacy.pk]),
        ),
        ("Mise à l'emploi chez Net Plus (CDI, Méthode IOD)", None),
    ]
    # The reception reads the file but not the recruitment pages: no link.
    assert [i.url for i in recruitment_items(person, reception)] == [None, None]


def test_person_file_shows_them_at_constant_queries(client, structure_a):
    chargee = user_with_role(Role.COMPANY_RELATIONS, structure_a)
    person = followed_person(structure_a)
    url = reverse("people:detail", args=[person.pk])
    client.force_login(chargee)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            html = page_text(client.get(url))
        return len(ctx), html

    _grow(person, 2)
    few, html = count()
    assert "Candidature sur la campagne" in html and "Mise à l&#x27;emploi chez" in html
    _grow(person, 10)
    assert count()[0] == few
