"""The demo step: 2017 resembling the report, idempotent, fast."""

import datetime

import pytest

from maillage.demo.base import DemoContext
from maillage.demo.people import create_people
from maillage.demo.steps import run_steps
from maillage.demo.structures import create_structures
from maillage.demo.users import create_users
from maillage.insertion_culture.demo import create_insertion_culture
from maillage.insertion_culture.figures import insertion_culture_block
from maillage.insertion_culture.models import CollectiveAction, Participation
from maillage.people.models import Person
from maillage.recruitment.models import Placement

pytestmark = pytest.mark.django_db

STEPS = [create_structures, create_users, create_people, create_insertion_culture]


def context(people: int) -> DemoContext:
    return DemoContext(
        seed=2017, people_count=people, today=datetime.date(2018, 6, 1), plie_scale=0
    )


def test_demo_resembles_the_report_at_a_smaller_scale():
    ctx = context(400)
    run_steps(ctx, steps=STEPS)
    block = insertion_culture_block(2017)
    lyon = Person.objects.filter(postcode__startswith="6900").count()
    # Fewer than the 502 Lyon residents needed: scaled down, and said so.
    assert any("Mission Insertion Culture" in note for note in ctx.notes)
    assert block["participants"] == pytest.approx(1141 * lyon / 502, abs=3)
    assert block["partners_by_side"] == {"insertion": 46, "culture": 71}
    assert block["territories"] == 21
    assert 0.40 <= block["lyon_share"] <= 0.48
    assert 0.35 <= block["public_shares"]["young_16_25"] <= 0.55
    assert block["hr"]["prospects"] == 41 and block["hr"]["job_offers"] == 26
    assert block["hr"]["people_placed"] == Placement.objects.filter(channel="other").count() > 0
    assert block["sessions"] > block["actions"] > 40
    assert block["attendances"] > block["participations"]
    # The demo coordinator sees the participants.
    coordinator = ctx.users["culture"]
    visible = Participation.objects.visible_to(coordinator).count()
    assert visible == Participation.objects.count()

    before = (CollectiveAction.objects.count(), Participation.objects.count())
    run_steps(context(400), steps=STEPS)
    assert (CollectiveAction.objects.count(), Participation.objects.count()) == before
