"""The demo ticketing resembles 2017 at 1/10 and runs twice without duplicating."""

import time

import pytest
from django.utils import timezone

from maillage.culture.demo import create_culture
from maillage.culture.figures import culture_block
from maillage.culture.models import Booking, CulturalPartner, Desk, Offer, SocialPartner
from maillage.demo.base import DemoContext
from maillage.demo.people import create_people
from maillage.demo.steps import run_steps
from maillage.demo.structures import create_structures
from maillage.demo.users import create_users

pytestmark = pytest.mark.django_db


def test_demo_resembles_2017_and_is_idempotent():
    context = DemoContext(seed=2017, people_count=1500, today=timezone.localdate(), plie_scale=0)
    run_steps(context, [create_structures, create_users, create_people])
    started = time.monotonic()
    run_steps(context, [create_culture])
    assert time.monotonic() - started < 120  # ~10 s idle; generous for a busy machine
    figures = culture_block(2017)
    assert CulturalPartner.objects.count() == 28
    assert SocialPartner.objects.count() == 87
    assert Desk.objects.count() == 5
    assert 4_400 <= figures["invitations_offered"] <= 4_600
    assert 1_400 <= figures["outings_realised"] <= 1_650
    assert figures["no_shows"] > 0 and figures["desks"]
    assert figures["evolution"]["invitations_offered"]["previous"] >= 3_750
    assert figures["choreia"]["offers"] > 0
    assert 1_050 <= figures["actionneurs_registered"] <= 1_100
    assert Booking.objects.filter(status="booked", offer_date__starts_at__gt=timezone.now())
    counts = (Offer.objects.count(), Booking.objects.count(), SocialPartner.objects.count())
    run_steps(context, [create_culture])
    assert (Offer.objects.count(), Booking.objects.count(), SocialPartner.objects.count()) == (
        counts
    )
