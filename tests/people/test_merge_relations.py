"""Merging also moves the records of modules written later, without changing merge_people.

The models below stand for such modules (a booking with a hidden foreign key, a
one-to-one profile, an event with many-to-many participants). They are registered
and their tables created for these tests only, then removed.
"""

import datetime

import pytest
from django.apps import apps
from django.db import connection, models

from maillage.people import services
from maillage.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _model(name: str, **fields):
    meta = type("Meta", (), {"app_label": "people"})
    return type(name, (models.Model,), {"__module__": __name__, "Meta": meta, **fields})


@pytest.fixture
def later_models(transactional_db):
    booking = _model(
        "MergeTestBooking",
        person=models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+"),
    )
    profile = _model(
        "MergeTestProfile", person=models.OneToOneField(Person, on_delete=models.CASCADE)
    )
    event = _model("MergeTestEvent", participants=models.ManyToManyField(Person))
    created = [booking, profile, event]
    with connection.schema_editor() as editor:
        for model in created:
            editor.create_model(model)
    yield booking, profile, event
    with connection.schema_editor() as editor:
        for model in reversed(created):
            editor.delete_model(model)
    for model in created:
        del apps.all_models["people"][model._meta.model_name]
    through = event._meta.get_field("participants").remote_field.through
    apps.all_models["people"].pop(through._meta.model_name, None)
    apps.clear_cache()


def test_merge_moves_records_of_later_modules(admin_user, later_models):
    booking, profile, event = later_models
    keep = PersonFactory(birth_date=datetime.date(1990, 1, 1))
    remove = PersonFactory(birth_date=datetime.date(1990, 1, 1))
    booking.objects.create(person=remove)
    booking.objects.create(person=remove)
    profile.objects.create(person=remove)
    both, only_removed = event.objects.create(), event.objects.create()
    both.participants.add(keep, remove)
    only_removed.participants.add(remove)

    assert dict(services.linked_records(remove)) == {
        "merge test bookings": 2,
        "merge test profile": 1,
        "participants (merge test events)": 2,
    }
    services.merge_people(keep, remove, acting_user=admin_user)

    assert booking.objects.filter(person=keep).count() == 2
    assert profile.objects.get().person == keep
    assert list(both.participants.all()) == [keep]  # no duplicate link
    assert list(only_removed.participants.all()) == [keep]


def test_merge_refuses_two_one_to_one_records(admin_user, later_models):
    _booking, profile, _event = later_models
    keep, remove = PersonFactory(), PersonFactory()
    profile.objects.create(person=keep)
    profile.objects.create(person=remove)
    with pytest.raises(services.PeopleError):
        services.merge_people(keep, remove, acting_user=admin_user)
    assert Person.objects.filter(pk=remove.pk).exists()
    assert profile.objects.filter(person=remove).count() == 1
