"""Participations and employer results in the person's file ("Parcours et activités")."""

import datetime

import pytest
from django.urls import reverse

from maillage.insertion_culture.models import Attendance, EmployerOutcome
from maillage.insertion_culture.timeline import insertion_culture_items
from maillage.people.timeline import items_for
from tests.factories import followed_person
from tests.insertion_culture.factories import ParticipationFactory, SessionFactory
from tests.recruitment.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_items_with_presences_and_results(coordinator, culture_structure, client):
    person = followed_person(culture_structure)
    participation = ParticipationFactory(person=person, action__title="Théâtre en Je")
    for day in (1, 8):
        session = SessionFactory(action=participation.action, date=datetime.date(2017, 3, day))
        Attendance.objects.create(participation=participation, session=session)
    EmployerOutcome.objects.create(
        company=CompanyFactory(name="Opéra de Lyon"),
        person=person,
        kind="internship",
        date=datetime.date(2017, 5, 2),
        title="Accueil",
    )
    EmployerOutcome.objects.create(
        company=CompanyFactory(), person=person, kind="placement", date=datetime.date(2017, 9, 1)
    )  # shown by the recruitment app (its Placement), not twice
    items = insertion_culture_items(person, coordinator)
    labels = [i.label for i in items]
    assert "Action culture : Théâtre en Je (atelier théâtre, 2 présences)" in labels
    assert "Stage, PMSMP chez Opéra de Lyon : Accueil" in labels and len(items) == 2
    assert items[0].url == reverse("insertion_culture:action", args=[participation.action_id])
    assert any(i.service == "Mission Insertion Culture" for i in items_for(person, coordinator))
    client.force_login(coordinator)
    response = client.get(reverse("people:detail", args=[person.pk]))
    assert "Théâtre en Je" in response.text


def test_items_follow_the_scope(referent_a, culture_structure, django_assert_num_queries):
    person = followed_person(culture_structure)
    ParticipationFactory(person=person)
    assert insertion_culture_items(person, referent_a) == []
    with django_assert_num_queries(2):
        insertion_culture_items(person, referent_a)
