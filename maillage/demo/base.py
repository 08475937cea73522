"""The context shared by the demo steps (see ``maillage.demo.steps``)."""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maillage.accounts.models import User
    from maillage.organisations.models import Structure
    from maillage.people.models import Person


@dataclass
class DemoAccount:
    """A line of the table printed at the end: who can log in, as what, where."""

    username: str
    role: str
    structure: str
    note: str = ""


@dataclass
class DemoContext:
    seed: int
    people_count: int
    today: datetime.date
    #: Size of the PLIE (1.0: the report's ≈ 2 400 participants a year; 0: no PLIE).
    plie_scale: float = 1.0
    #: Demo structures by code (``ALLIES``, ``S-ALIS``, ``ANT-DUCHERE``…).
    structures: dict[str, "Structure"] = field(default_factory=dict)
    #: Demo users by username.
    users: dict[str, "User"] = field(default_factory=dict)
    #: People created by this run (empty when people already existed).
    people: list["Person"] = field(default_factory=list)
    accounts: list[DemoAccount] = field(default_factory=list)
    #: Figures of this run, printed and written in the audit entry.
    summary: dict[str, int] = field(default_factory=dict)
    #: Messages for the operator (skipped parts, warnings).
    notes: list[str] = field(default_factory=list)

    def count(self, key: str, n: int = 1) -> None:
        self.summary[key] = self.summary.get(key, 0) + n


Step = Callable[[random.Random, DemoContext], None]
