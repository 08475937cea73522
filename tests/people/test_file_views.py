"""The person's file: scope (404), audit of each display, timeline, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import Action, AuditEntry
from maillage.people import timeline
from tests.factories import (
    FollowupFactory,
    QpvFactory,
    followed_person,
    user_with_role,
)
from tests.people.html import page_text

pytestmark = pytest.mark.django_db


def detail_url(person) -> str:
    return reverse("people:detail", args=[person.pk])


def test_referent_gets_404_on_a_person_followed_only_by_another_structure(
    client, referent_a, structure_b
):
    theirs = followed_person(structure_b)
    client.force_login(referent_a)
    assert client.get(detail_url(theirs)).status_code == 404
    assert client.get(reverse("people:edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("people:detail", args=[999999])).status_code == 404
    assert not AuditEntry.objects.filter(action=Action.VIEW).exists()


def test_funder_gets_403_on_a_file(client, funder, structure_a):
    person = followed_person(structure_a)
    client.force_login(funder)
    assert client.get(detail_url(person)).status_code == 403


def test_each_display_writes_a_view_entry(client, referent_a, structure_a):
    person = followed_person(structure_a)
    client.force_login(referent_a)
    client.get(detail_url(person))
    client.get(detail_url(person))
    entries = AuditEntry.objects.filter(action=Action.VIEW, person_id=person.pk)
    assert entries.count() == 2
    entry = entries.first()
    assert entry.actor_name == "referent_a"
    assert entry.source == "web"
    assert entry.path == detail_url(person)


def test_file_shows_identity_education_equivalents_and_followups(client, referent_a, structure_a):
    qpv = QpvFactory(name="La Duchère", city="Lyon")
    person = followed_person(
        structure_a,
        last_name="Martin",
        first_names="Hélène",
        education_level="4",
        qpv=qpv,
        birth_date=datetime.date(1984, 3, 7),
    )
    client.force_login(referent_a)
    html = page_text(client.get(detail_url(person)))
    assert "MARTIN Hélène" in html
    assert "07/03/1984" in html
    assert "La Duchère" in html
    assert "Niveau 4 (bac, BP, BT)" in html
    assert "Nomenclature 2019 : niveau 4" in html
    assert "CITE 2011 : 3" in html
    assert "Structures qui suivent la personne" in html
    assert "Suivi par Structure A depuis le 15/01/2024" in html
    assert reverse("people:edit", args=[person.pk]) in html


def test_file_of_a_person_without_qpv_nor_education(client, referent_a, structure_a):
    person = followed_person(structure_a, education_level="", qpv=None)
    client.force_login(referent_a)
    html = page_text(client.get(detail_url(person)))
    assert "Non renseigné" in html
    assert "Hors QPV" in html


def test_direction_sees_the_file_without_edit_link(client, structure_a, structure_b):
    person = followed_person(structure_b)
    client.force_login(user_with_role(Role.DIRECTION, structure_a))
    html = page_text(client.get(detail_url(person)))
    assert reverse("people:edit", args=[person.pk]) not in html
    assert reverse("audit:list") in html  # direction may read the file's history


def test_timeline_shows_registered_providers(client, referent_a, structure_a):
    person = followed_person(structure_a)

    def parcours(p, user):
        assert p == person and user == referent_a
        return [timeline.TimelineItem(datetime.date(2025, 2, 1), "Entrée PLIE", "PLIE", "/plie/1/")]

    timeline.register(parcours)
    try:
        client.force_login(referent_a)
        html = page_text(client.get(detail_url(person)))
    finally:
        timeline.unregister(parcours)
    assert '<a href="/plie/1/">Entrée PLIE</a>' in html
    # Most recent first: the PLIE entry (2025) comes before the follow-up (2024).
    assert html.index("Entrée PLIE") < html.index("Suivi par Structure A")


def test_file_query_count_does_not_grow_with_followups(client, referent_a, structure_a):
    person = followed_person(structure_a, qpv=QpvFactory())

    def count_queries() -> int:
        client.force_login(referent_a)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail_url(person)).status_code == 200
        return len(ctx)

    for _ in range(2):
        FollowupFactory(person=person)
    few = count_queries()
    for _ in range(27):
        FollowupFactory(person=person)
    assert count_queries() == few
