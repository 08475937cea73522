"""Registrations arriving together for the last places: never above capacity.

PostgreSQL only (``select_for_update`` on the event row); SQLite serialises every
write and has no row locks to test.
"""

import threading

import pytest
from django.db import connection

from maillage.events import public, services
from maillage.events.models import Registration, RegistrationStatus
from tests.events.factories import EventFactory
from tests.factories import followed_person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL"
    ),
]

THREADS = 8
CAPACITY = 3


def run_together(calls):
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def attempt(call):
        try:
            barrier.wait()
            call()
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(c,)) for c in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_parallel_staff_registrations(manager, structure_a):
    event = EventFactory(capacity=CAPACITY)
    people = [followed_person(structure_a) for _ in range(THREADS)]
    run_together(
        [
            lambda p=p: services.register_person(event=event, person=p, acting_user=manager)
            for p in people
        ]
    )
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.REGISTERED) == CAPACITY
    assert statuses.count(RegistrationStatus.WAITING) == THREADS - CAPACITY


def test_parallel_public_registrations(transactional_db):
    event = EventFactory(capacity=CAPACITY)
    run_together(
        [
            lambda n=n: public.public_register(
                event=event,
                last_name=f"Nom{n}",
                first_name="Test",
                email=f"n{n}@example.org",
                consent=True,
            )
            for n in range(THREADS)
        ]
    )
    assert event.registrations.listed().count() == CAPACITY
    assert event.registrations.count() == THREADS
