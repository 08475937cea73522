"""The demo steps, in order. Each is ``step(rng, context)`` (see ``maillage.demo.base``).

To add demo data for a new app (PLIE parcours, companies, clauses, events,
culture…): write a function ``create_<things>(rng, context)`` — in
``maillage/demo/<app>.py`` or in the app itself — that upserts by stable codes
(running the demo twice must not duplicate anything), reads what it needs from
``context`` (structures, users, the people created by this run) and adds its
figures with ``context.count(...)``; then append it to ``STEPS``. Each step gets
its own random generator, seeded from the demo seed and the step's name, so
adding a step never changes the data of the others.
"""

import random

from maillage.antennas.demo import create_antennas
from maillage.charter.demo import create_charter
from maillage.clauses.demo import create_clauses
from maillage.culture.demo import create_culture
from maillage.demo.aids import create_aids
from maillage.demo.base import DemoContext, Step
from maillage.demo.companies import create_companies
from maillage.demo.companies_crm import create_companies_crm
from maillage.demo.people import create_people
from maillage.demo.plie import create_plie
from maillage.demo.programme import create_programme
from maillage.demo.programme_workflow import create_programme_workflow
from maillage.demo.protocol import create_protocol
from maillage.demo.recruitment import create_recruitment
from maillage.demo.structures import create_structures
from maillage.demo.users import create_users
from maillage.events.demo import create_events
from maillage.insertion_culture.demo import create_insertion_culture
from maillage.iod.demo import create_iod

STEPS: list[Step] = [
    create_structures,
    create_users,
    create_people,
    create_companies,
    create_programme,
    create_plie,
    create_protocol,
    create_programme_workflow,
    create_aids,
    create_recruitment,
    create_clauses,
    create_companies_crm,
    create_charter,
    create_events,
    create_iod,
    create_antennas,
    create_insertion_culture,
    create_culture,
]


def step_rng(seed: int, step: Step) -> random.Random:
    return random.Random(f"{seed}:{step.__module__}.{step.__qualname__}")


def run_steps(context: DemoContext, steps: list[Step] | None = None) -> None:
    for step in STEPS if steps is None else steps:
        step(step_rng(context.seed, step), context)
