"""What the demo PLIE is drawn as before it is written: people, parcours, steps (no database).

Plain data classes shared by ``plie_history`` (who enters and leaves when),
``plie_steps`` (the steps of each year) and ``plie`` (which writes them), and two
small drawing helpers they share.
"""

import datetime
import random
from dataclasses import dataclass, field

from maillage.demo.people import PersonDraft

Date = datetime.date
DAY = datetime.timedelta(days=1)
CONTRACT = "employment_contract"


@dataclass(eq=False)
class PersonRecord:
    number: int
    draft: PersonDraft
    parcours: list["ParcoursDraft"] = field(default_factory=list)


@dataclass(eq=False)
class StepDraft:
    category: str
    start: Date
    end: Date | None
    contract_type: str = ""
    #: Why the step was drawn: "fill", or the positive exit it explains.
    origin: str = "fill"


@dataclass(eq=False)
class ParcoursDraft:
    person: PersonRecord
    structure_code: str
    territory: str
    entry_date: Date
    qpv_at_entry: bool
    situations: tuple[str, ...]
    #: How likely this participant gets contracts (and a positive exit), in [0, 1].
    propensity: float
    exit_date: Date | None = None
    exit_type: str = ""
    exit_reason: str = ""
    steps: list[StepDraft] = field(default_factory=list)

    def active_in(self, start: Date, end: Date) -> bool:
        return self.entry_date <= end and (self.exit_date is None or self.exit_date >= start)


@dataclass
class History:
    people: list[PersonRecord]
    parcours: list[ParcoursDraft]


def year_bounds(year: int) -> tuple[Date, Date]:
    return Date(year, 1, 1), Date(year, 12, 31)


def weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """``k`` distinct items, each more likely with its weight (Efraimidis-Spirakis)."""
    keyed = [(rng.random() ** (1 / w), i) for i, w in enumerate(weights) if w > 0]
    keyed.sort(reverse=True)
    return [items[i] for _key, i in keyed[:k]]


def apportion(total: int, expected: dict, caps: dict) -> dict:
    """Integers summing to ``total`` (when the caps allow), close to ``expected``."""
    counts = {key: min(int(value), caps[key]) for key, value in expected.items()}
    rest = sorted(expected, key=lambda key: expected[key] - int(expected[key]), reverse=True)
    while sum(counts.values()) < total and any(counts[k] < caps[k] for k in rest):
        for key in rest:
            if sum(counts.values()) >= total:
                break
            if counts[key] < caps[key]:
                counts[key] += 1
    return counts
