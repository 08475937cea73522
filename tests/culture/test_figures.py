"""The ``culture`` block: definitions of docs/culture.md, a fixed number of queries."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.culture.figures import culture_block
from maillage.culture.models import CompanyBooking
from maillage.people.timeline import items_for
from maillage.reports.blocks import build_report
from tests.culture.factories import (
    BookingFactory,
    DeskFactory,
    OfferDateFactory,
    RegistrationFactory,
)
from tests.factories import PersonFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


def at(year, month=3, day=10):
    return timezone.make_aware(datetime.datetime(year, month, day, 20, 0))


def _year(world, year, scale=1):
    dates = [OfferDateFactory(starts_at=at(year, m), seats=100) for m in (2, 5)]
    desk = DeskFactory(social_partner=world.social)
    for _ in range(scale):
        person = PersonFactory()
        RegistrationFactory(person=person, social_partner=world.social)
        BookingFactory(
            offer_date=dates[0],
            person=person,
            social_partner=world.social,
            guests=1,
            accompanists=1,
            status="attended",
        )
        BookingFactory(
            offer_date=dates[1], person=person, social_partner=world.social, status="no_show"
        )
        BookingFactory(
            offer_date=dates[1],
            person=PersonFactory(),
            social_partner=world.social,
            status="cancelled",
            desk=desk,
        )
    return dates


def test_block_values(world):
    _year(world, 2016)
    _year(world, 2017, scale=2)
    choreia = OfferDateFactory(starts_at=at(2017), offer__channel="choreia", offer__rate="9.00")
    CompanyBooking.objects.create(
        offer_date=choreia, employee=UserFactory(), company=StructureFactory(code="E"), seats=2
    )
    block = culture_block(2017)
    assert block["invitations_offered"] == 200  # Choreia seats apart
    assert block["invitations_booked"] == 2 * 3 + 2 * 1
    assert block["outings_realised"] == 6 and block["bookings_realised"] == 2
    assert block["no_shows"] == 2 and block["cancelled_bookings"] == 2
    assert block["people_reached"] == {"actionneurs": 2, "guests": 2, "total": 4}
    assert block["accompanists"] == 2
    assert block["evolution"]["outings_realised"] == {
        "previous": 3,
        "current": 6,
        "change_percent": 100.0,
    }
    assert block["social_partners"]["total"] == 1
    assert block["cultural_partners"]["total"] == 2
    assert block["choreia"] == {
        "offers": 1,
        "dates": 1,
        "seats_offered": 10,
        "bookings": 1,
        "seats_booked": 2,
        "employees": 1,
        "companies": 1,
    }
    assert build_report(2017)["culture"]["year"] == 2017


def test_block_has_a_fixed_number_of_queries(world):
    _year(world, 2017)
    with CaptureQueriesContext(connection) as small:
        culture_block(2017)
    _year(world, 2017, scale=5)
    _year(world, 2016, scale=3)
    with CaptureQueriesContext(connection) as large:
        culture_block(2017)
    assert len(small) == len(large)


def test_timeline_and_reminder_command(world):
    BookingFactory(
        offer_date=OfferDateFactory(starts_at=timezone.now() + datetime.timedelta(hours=30)),
        person=world.person,
        social_partner=world.social,
    )
    labels = [item.label for item in items_for(world.person, world.referent)]
    assert any(label.startswith("Sortie « ") for label in labels)
    assert any("actionneur auprès de ALIS" in label for label in labels)
    out = io.StringIO()
    call_command("culture_reminders", stdout=out)
    assert "1 rappel(s)" in out.getvalue()
