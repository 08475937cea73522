"""Demo protocol: the objectives of the PLIE of Lyon's "protocole d'accord" 2012-2018.

The report (seed p. 9): 6 000 participants over the protocol, 900 new
entrants a year, 35 % of them from a QPV, at least 2/3 of the participants with
a work step (the table's "66 %"), at least 50 % positive exits: 42 % to
employment and 8 % to a qualifying training. The protocol first ran
2012-2017; an amendment added 2018.

Idempotent: the protocol and each objective are created when missing; a
target an administrator changed is left as it is.
"""

import random
from decimal import Decimal

from maillage.demo.base import DemoContext
from maillage.reports.models import Indicator, Objective, Period, Protocol

NAME = "Protocole d'accord du PLIE de Lyon"
START_YEAR, END_YEAR = 2012, 2018
OBJECTIVES = (
    (Indicator.PARTICIPANTS, Period.WHOLE_PROTOCOL, Decimal(6000)),
    (Indicator.NEW_ENTRANTS, Period.EACH_YEAR, Decimal(900)),
    (Indicator.NEW_ENTRANTS_QPV_SHARE, Period.EACH_YEAR, Decimal("0.35")),
    (Indicator.EMPLOYMENT_STEP_SHARE, Period.EACH_YEAR, Decimal("0.66")),
    (Indicator.POSITIVE_EXIT_RATE, Period.EACH_YEAR, Decimal("0.50")),
    (Indicator.POSITIVE_EXIT_EMPLOYMENT_SHARE, Period.EACH_YEAR, Decimal("0.42")),
    (Indicator.POSITIVE_EXIT_QUALIFYING_SHARE, Period.EACH_YEAR, Decimal("0.08")),
)


def create_protocol(rng: random.Random, context: DemoContext) -> None:
    protocol, created = Protocol.objects.get_or_create(
        name=NAME, start_year=START_YEAR, end_year=END_YEAR
    )
    if created:
        context.count("protocoles créés")
    for indicator, period, target in OBJECTIVES:
        _, created = Objective.objects.get_or_create(
            protocol=protocol, indicator=indicator, period=period, defaults={"target": target}
        )
        if created:
            context.count("objectifs du protocole créés")
