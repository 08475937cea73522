"""The demo's events step: the seed's 2017 figures, Dating Emploi placements, idempotent."""

import datetime
import random

import pytest

from maillage.demo.base import DemoContext
from maillage.demo.steps import run_steps
from maillage.demo.structures import create_structures
from maillage.events.demo import create_events
from maillage.events.figures import events_block
from maillage.events.models import Event, EventCompany, RecurringSeries, Registration
from maillage.recruitment.models import Placement, PlacementChannel
from tests.factories import PersonFactory
from tests.recruitment.factories import CompanyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def context():
    context = DemoContext(seed=7, people_count=0, today=datetime.date(2026, 11, 29))
    run_steps(context, steps=[create_structures])
    PersonFactory.create_batch(300)
    for n in range(1, 100):
        CompanyFactory(external_id=f"DEMO-ENT-{n:04d}")
    return context


def test_demo_events_follow_the_seed(context):
    create_events(random.Random(1), context)
    block = events_block(2017)
    assert block["job_dating"] == {
        "events": 5,
        "companies": 86,
        "attendees": 863,
        "interviews": 1468,
        "hires": 66,
    }
    assert block["rencontre_metiers"]["events"] == 62
    assert block["company_visit"]["events"] == 8
    simulations = block["interview_simulation"]
    assert simulations["attendees"] == 255 and simulations["events"] == 55
    sim_rows = Registration.objects.filter(
        event__kind="interview_simulation", event__date__year=2017, attended=True
    )
    assert sim_rows.values("person").distinct().count() == 241
    companies = EventCompany.objects.filter(
        event__kind="interview_simulation", event__date__year=2017
    )
    assert companies.values("company").distinct().count() == 35
    assert block["forum"]["events"] == 1 and block["programme"]["events"] == 1
    placements = Placement.objects.filter(channel=PlacementChannel.DATING_EMPLOI)
    assert placements.count() == 66
    assert Registration.objects.filter(hired=True, placement__isnull=False).count() == 66
    assert RecurringSeries.objects.count() == 10
    assert Event.objects.filter(date__gt=context.today, is_public=True).exists()
    # Idempotent.
    counts = (Event.objects.count(), Registration.objects.count(), Placement.objects.count())
    create_events(random.Random(2), context)
    assert counts == (
        Event.objects.count(),
        Registration.objects.count(),
        Placement.objects.count(),
    )
