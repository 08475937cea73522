"""The demo's 2017 antenna visits: a 1/10 sample of the report, fast and idempotent."""

import datetime
import time

import pytest
from django.utils import timezone

from maillage.antennas.demo import REPORT_PEOPLE, REPORT_VISITS, SCALE, create_antennas
from maillage.antennas.models import Visit, VisitReason
from maillage.antennas.statistics import antennas_block
from maillage.demo.base import DemoContext
from maillage.demo.people import create_people
from maillage.demo.steps import run_steps
from maillage.demo.structures import create_structures
from maillage.demo.users import create_users
from maillage.people.models import Followup

pytestmark = pytest.mark.django_db


def _context(people: int) -> DemoContext:
    return DemoContext(seed=2017, people_count=people, today=timezone.localdate(), plie_scale=0)


def test_visits_resemble_the_report_and_the_demo_is_idempotent():
    context = _context(1500)
    run_steps(context, [create_structures, create_users, create_people])
    started = time.monotonic()
    run_steps(context, [create_antennas])
    assert time.monotonic() - started < 30  # a few seconds on a free machine
    block = antennas_block(2017)
    assert block["visits"] == pytest.approx(REPORT_VISITS * SCALE, rel=0.01)
    assert block["people"] == pytest.approx(REPORT_PEOPLE * SCALE, rel=0.01)
    assert 0.08 < block["anonymous_visits"] / block["visits"] < 0.12
    assert len(block["by_antenna"]) == 5
    assert all(line["visits"] > 0 for line in block["by_antenna"].values())
    assert block["by_month"]["08"]["visits"] < block["by_month"]["03"]["visits"]
    assert all(not Visit.objects.filter(at__week_day=d, at__year=2017).exists() for d in (1, 7))
    # Every identified visitor is followed by the antenna they came to.
    pairs = set(Visit.objects.filter(person__isnull=False).values_list("person", "antenna"))
    followed = set(Followup.objects.values_list("person", "structure"))
    assert pairs <= followed
    # Visits of today at Duchère, for the desk's screen.
    today = Visit.objects.filter(at__date=timezone.localdate(), antenna__code="ANT-DUCHERE")
    assert today.exists() and all(v.recorded_by.username == "accueil" for v in today)
    assert context.summary["visites en antenne 2017 (échelle 1/10)"] == block["visits"]
    counts = (Visit.objects.count(), VisitReason.objects.count(), Followup.objects.count())
    run_steps(context, [create_antennas])
    assert (Visit.objects.count(), VisitReason.objects.count(), Followup.objects.count()) == counts


def test_without_people_the_visits_are_anonymous():
    context = _context(0)
    run_steps(context, [create_structures, create_users, create_antennas])
    assert Visit.objects.filter(person__isnull=False).count() == 0
    assert Visit.objects.filter(at__year=2017).exists()
    assert any("anonymes" in note for note in context.notes)


def test_visit_dates_are_in_working_hours():
    context = _context(200)
    run_steps(context, [create_structures, create_users, create_people, create_antennas])
    for visit in Visit.objects.filter(at__year=2017)[:200]:
        local = timezone.localtime(visit.at)
        assert datetime.time(9) <= local.time() <= datetime.time(17, 30)
