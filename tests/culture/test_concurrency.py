"""The last seat booked by several référents at the same moment: exactly one succeeds.

PostgreSQL only (``select_for_update`` on the date row); SQLite serialises every write
and has no row locks to test.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from maillage.culture import services
from maillage.culture.models import Booking, OfferDate
from tests.culture.factories import RegistrationFactory
from tests.factories import followed_person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL"
    ),
]

THREADS = 6


def test_parallel_bookings_of_the_last_seat(world):
    OfferDate.objects.filter(pk=world.offer_date.pk).update(seats=1)
    people = [world.person]
    for _ in range(THREADS - 1):
        person = followed_person(world.social.structure)
        RegistrationFactory(person=person, social_partner=world.social)
        people.append(person)
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(person):
        try:
            barrier.wait()
            services.book(offer_date=world.offer_date, person=person, acting_user=world.referent)
            result = "booked"
        except ValidationError as exc:
            result = "refused: " + exc.messages[0]
        except Exception as exc:  # an integrity error would mean the lock did not serialise
            result = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(outcomes) == THREADS
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    assert outcomes.count("booked") == 1, outcomes
    assert all("Plus assez de places" in o for o in outcomes if o != "booked")
    assert Booking.objects.count() == 1
    assert OfferDate.objects.get(pk=world.offer_date.pk).booked == 1
