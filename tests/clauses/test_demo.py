"""The demo's clause step: the seed's 2017 synthesis (full size), 2016 for the ↗/↘, idempotent."""

import datetime
import time

import pytest

from maillage.clauses import figures
from maillage.clauses.demo import create_clauses
from maillage.clauses.models import ClauseOperation
from maillage.demo.base import DemoContext
from maillage.demo.companies import create_companies
from maillage.demo.people import create_people
from maillage.demo.steps import run_steps
from maillage.demo.structures import create_structures
from maillage.demo.users import create_users
from maillage.recruitment.models import Placement

pytestmark = pytest.mark.django_db
PREREQUISITES = [create_structures, create_users, create_people, create_companies]


def _context(people: int) -> DemoContext:
    return DemoContext(
        seed=2017, people_count=people, today=datetime.date(2018, 3, 1), plie_scale=0
    )


def test_full_size_demo_matches_the_seed_synthesis():
    context = _context(1400)
    run_steps(context, steps=PREREQUISITES)
    started = time.monotonic()
    run_steps(context, steps=[create_clauses])
    assert time.monotonic() - started < 60
    block = figures.clauses_block(2017)
    assert block["total"] == {
        "beneficiaries": 968,
        "contracts": 999,
        "hours": 314_183.0,
        "companies": 245,
        "operations": 94,
        "buyers": 22,
    }
    execution = block["by_legal_basis"]["execution_clause"]
    assert (execution["beneficiaries"], execution["contracts"], execution["hours"]) == (
        738,
        769,
        266_269.0,
    )
    assert execution["companies"] == 231
    city = ClauseOperation.objects.get(external_id="DEMO-CLA-001").buyer
    assert city.name == "Ville de Lyon"
    city_table = figures.buyer_synthesis(city.pk, 2017)
    assert city_table["total"]["operations"] == 30
    assert city_table["total"]["hours"] == 77_275.0
    previous = figures.clauses_block(2016)["total"]
    assert (previous["beneficiaries"], previous["contracts"], previous["hours"]) == (
        1009,
        1155,
        320_153.0,
    )
    assert previous["companies"] == 235 and previous["buyers"] == 19
    assert Placement.objects.filter(channel="clauses", started_on__year=2017).count() == 968

    counts = (ClauseOperation.objects.count(), Placement.objects.count())
    run_steps(context, steps=[create_clauses])
    assert (ClauseOperation.objects.count(), Placement.objects.count()) == counts


def test_a_small_demo_is_scaled_down():
    context = _context(150)
    run_steps(context, steps=[*PREREQUISITES, create_clauses])
    total = figures.clauses_block(2017)["total"]
    assert 0 < total["beneficiaries"] <= 150
    assert total["buyers"] <= 22
