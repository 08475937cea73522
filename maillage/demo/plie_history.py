"""The demo PLIE's history, drawn year by year in memory (no database access).

Why year by year, with quotas: the report's table gives, for each year, the
entries, the exits by type, the steps, the contracts and the share of
participants with a contract. Drawing each parcours on its own (a duration, a
rate of steps) would only match them on average; instead each year

1. the year's entrants arrive on the validation commissions' dates of their
   territory (``commission_dates``);
2. the year's exits (by type) are taken among the people in a parcours, more
   likely the longer they have been in (``HAZARD``, from the report's
   "participants at 31/12/2017 by year of entry"), on a commission date; a
   positive exit comes with the step that explains it (a CDI exit with its
   CDI, a qualifying exit with its training…);
3. the steps *of the year* already there (begun earlier and still running)
   are counted, and new ones are added until the year has its number of
   steps, contracts and contract holders (``plie_steps.fill_year``).

The people in a parcours on 1 January 2012 (2 459 − 720 = 1 739) are drawn
first, with their earlier years. Everything is drawn up to the end of the
current year, then cut at ``today``: later entries do not exist yet, later
exits are not decided yet. Each year has its own random generator, so the
history up to 2017 does not depend on the day the demo is run.
"""

import functools
import random

from maillage.demo.people import PersonDraft, draw_person
from maillage.demo.plie_drafts import (
    DAY,
    Date,
    History,
    ParcoursDraft,
    PersonRecord,
    apportion,
    weighted_sample,
    year_bounds,
)
from maillage.demo.plie_steps import end_steps_at_exit, exit_step, fill_year, first_step
from maillage.demo.plie_targets import POSITIVE_EXIT_REASONS, REPORT, targets_for
from maillage.demo.structures import CONVENTIONED_2017, TERRITORIES

FIRST_YEAR = 2012
#: In a parcours on 1 January 2012: the report's 2012 participants minus its entrants.
CARRY_IN = REPORT[2012].participants - REPORT[2012].new_entrants
#: Share of a year's entrants still in a parcours at the end of their k-th year
#: (k = 0: the year of entry): the report's participants at 31/12/2017 by year
#: of entry divided by each year's entries (648/705, 456/728, 298/740…).
SURVIVAL = (0.919, 0.626, 0.403, 0.234, 0.121, 0.052, 0.035, 0.025, 0.018)
#: Chance of leaving during the k-th year in a parcours (the last value: any later year).
HAZARD = (
    *(1 - SURVIVAL[k] / (SURVIVAL[k - 1] if k else 1.0) for k in range(len(SURVIVAL))),
    0.3,
)
#: Validation commissions: 9 a year per territory (45 in 2017), on the n-th weekday.
COMMISSION_MONTHS = (1, 2, 3, 4, 5, 6, 9, 10, 11)
COMMISSION_DAY = {  # territory → (weekday, n-th): Monday is 0
    "Pentes": (1, 1),
    "Voltaire": (1, 2),
    "Gerland": (3, 2),
    "Mermoz": (1, 3),
    "Duchère": (3, 3),
}
#: People re-entering the PLIE after an earlier parcours (from 2018: none in the
#: report's protocol, whose 6 107 participants are 1 739 + 4 368 distinct people).
REENTRY_SHARE = 0.04
REENTRY_FROM = 2018
YOUTH_STRUCTURE = "S-MISSION-LOCALE"
YOUTH_AT_MISSION_LOCALE = 0.7
#: Relative weight of the demo referents' structures in their territory, so each
#: has about 90-100 parcours open today (the others about 130).
FOCUS_WEIGHT = 0.55
FOCUS_STRUCTURES = ("S-ALIS", "S-MIRLY")
#: Pre-2012 years: steps, contracts and contract holders per participant.
EARLIER_RATES = (2.2, 1.0, 0.58)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> Date:
    first = Date(year, month, 1)
    return first + DAY * ((weekday - first.weekday()) % 7 + 7 * (nth - 1))


@functools.cache
def commission_dates(territory: str, year: int) -> tuple[Date, ...]:
    weekday, nth = COMMISSION_DAY[territory]
    return tuple(_nth_weekday(year, month, weekday, nth) for month in COMMISSION_MONTHS)


class HistoryDrawer:
    """Draws the whole history; ``draw()`` returns it cut at ``today``."""

    def __init__(self, seed: int, *, today: Date, scale: float, qpvs_by_postcode: dict):
        self.seed = seed
        self.today = today
        self.scale = scale
        self.qpvs_by_postcode = qpvs_by_postcode
        self.people: list[PersonRecord] = []
        self.parcours: list[ParcoursDraft] = []
        self.live: list[ParcoursDraft] = []
        specs = {spec.code: spec for spec in CONVENTIONED_2017}
        self.territory_of = {code: spec.territory for code, spec in specs.items()}
        self.structures_of: dict[str, list[str]] = {name: [] for name in TERRITORIES}
        for spec in CONVENTIONED_2017:
            if spec.kind == "referent":
                self.structures_of[spec.territory].append(spec.code)

    def rng(self, *parts) -> random.Random:
        return random.Random(":".join(str(p) for p in (self.seed, "plie", *parts)))

    def scaled(self, value: int) -> int:
        return round(value * self.scale)

    # --- people and their parcours -------------------------------------------------

    def _structure(self, rng: random.Random, territory: str, young: bool) -> str:
        if young and rng.random() < YOUTH_AT_MISSION_LOCALE:
            return YOUTH_STRUCTURE
        codes = self.structures_of[territory]
        weights = [FOCUS_WEIGHT if code in FOCUS_STRUCTURES else 1.0 for code in codes]
        return rng.choices(codes, weights=weights)[0]

    @staticmethod
    def _situations(rng: random.Random, draft: PersonDraft, age: int) -> tuple[str, ...]:
        codes = []
        status = rng.random()
        if status < 0.46:
            codes.append("deld")
        elif status < 0.73:
            codes.append("de_lt_1y")
        if rng.random() < 0.42:
            codes.append("rsa")
        if rng.random() < 0.04:
            codes.append("th")
        if rng.random() < (0.14 if draft.sex == "F" else 0.04):
            codes.append("single_parent")
        if rng.random() < (0.8 if age < 26 else 0.18 if age < 30 else 0):
            codes.append("young_unqualified")
        if rng.random() < 0.17:
            codes.append("other_exclusion")
        return tuple(sorted(codes))

    def _new_person(self, rng: random.Random, year: int) -> tuple[PersonRecord, Date]:
        """A new person and their entry date: a commission of their territory in ``year``."""
        placeholder = Date(year, 6, 1)
        draft = draw_person(rng, self.today, self.qpvs_by_postcode, started_on=placeholder)
        entry = rng.choice(commission_dates(draft.territory, year))
        # Same age at entry: the birth date moves with the entry date.
        draft.birth_date += entry - placeholder
        draft.started_on = entry
        person = PersonRecord(len(self.people) + 1, draft)
        self.people.append(person)
        return person, entry

    def _new_parcours(self, rng: random.Random, person: PersonRecord, entry: Date) -> ParcoursDraft:
        draft = person.draft
        born = draft.birth_date
        age = entry.year - born.year - ((entry.month, entry.day) < (born.month, born.day))
        code = self._structure(rng, draft.territory, age < 26)
        parcours = ParcoursDraft(
            person=person,
            structure_code=code,
            territory=self.territory_of[code],
            entry_date=entry,
            qpv_at_entry=draft.qpv is not None,
            situations=self._situations(rng, draft, age),
            propensity=rng.betavariate(1.0, 1.0),
        )
        person.parcours.append(parcours)
        self.parcours.append(parcours)
        self.live.append(parcours)
        return parcours

    def _carry_in(self) -> None:
        """The people in a parcours on 1 January 2012, entered 2004-2011."""
        rng = self.rng("carry-in")
        years = list(range(FIRST_YEAR - 1, FIRST_YEAR - 1 - len(SURVIVAL), -1))
        for _ in range(self.scaled(CARRY_IN)):
            year = rng.choices(years, weights=SURVIVAL)[0]
            self._new_parcours(rng, *self._new_person(rng, year))

    def _entrants(self, rng: random.Random, year: int, count: int) -> list[ParcoursDraft]:
        start, _end = year_bounds(year)
        reentrants = []
        if year >= REENTRY_FROM:
            former = [
                p.person
                for p in self.parcours
                if p.exit_date is not None
                and p.exit_date < start - DAY * 365
                and p is p.person.parcours[-1]
            ]
            reentrants = rng.sample(former, min(len(former), round(count * REENTRY_SHARE)))
        entrants = []
        for person in reentrants:
            entry = rng.choice(commission_dates(person.draft.territory, year))
            entrants.append(self._new_parcours(rng, person, entry))
        for _ in range(count - len(reentrants)):
            entrants.append(self._new_parcours(rng, *self._new_person(rng, year)))
        for parcours in entrants:
            first_step(rng, parcours)
        return entrants

    def _set_qpv_share(self, rng: random.Random, entrants: list[ParcoursDraft], share: float):
        """round(share × entrants) entrants living in a QPV: the report's yearly share."""
        fresh = [p for p in entrants if len(p.person.parcours) == 1]
        target = round(share * len(entrants)) - sum(
            p.qpv_at_entry for p in entrants if len(p.person.parcours) > 1
        )
        inside = [p for p in fresh if p.qpv_at_entry]
        if len(inside) > target:
            for parcours in rng.sample(inside, len(inside) - target):
                parcours.qpv_at_entry = False
                parcours.person.draft.qpv = None
        else:
            outside = [
                p
                for p in fresh
                if not p.qpv_at_entry and self.qpvs_by_postcode.get(p.person.draft.postcode)
            ]
            for parcours in rng.sample(outside, min(len(outside), target - len(inside))):
                draft = parcours.person.draft
                draft.qpv = rng.choice(self.qpvs_by_postcode[draft.postcode])
                parcours.qpv_at_entry = True

    # --- exits ---------------------------------------------------------------------

    def _exits(self, rng: random.Random, year: int, counts: tuple[int, int, int]) -> None:
        start, _end = year_bounds(year)
        total = sum(counts)
        by_age: dict[int, list[ParcoursDraft]] = {}
        for parcours in self.live:
            if parcours.exit_date is not None:
                continue
            if parcours.entry_date.year == year and not self._exit_dates(parcours, year):
                continue
            by_age.setdefault(year - parcours.entry_date.year, []).append(parcours)
        hazard = {age: HAZARD[min(age, len(HAZARD) - 1)] for age in by_age}
        expected = sum(len(group) * hazard[age] for age, group in by_age.items())
        factor = total / expected if expected else 0
        counts_by_age = apportion(
            total,
            {age: len(group) * hazard[age] * factor for age, group in by_age.items()},
            {age: len(group) for age, group in by_age.items()},
        )
        leaving = []
        for age in sorted(by_age):
            leaving += rng.sample(by_age[age], counts_by_age[age])
        # Positive exits go to those most likely to find work; the rest at random.
        positive = weighted_sample(rng, leaving, [0.2 + p.propensity for p in leaving], counts[0])
        chosen = set(map(id, positive))
        others = [p for p in leaving if id(p) not in chosen]
        rng.shuffle(others)
        dropouts = min(counts[1], len(others))
        types = ["positive"] * len(positive) + ["dropout"] * dropouts
        types += ["administrative"] * (len(others) - dropouts)
        reasons = list(POSITIVE_EXIT_REASONS)
        weights = list(POSITIVE_EXIT_REASONS.values())
        for parcours, exit_type in zip(positive + others, types, strict=True):
            parcours.exit_date = rng.choice(self._exit_dates(parcours, year))
            parcours.exit_type = exit_type
            if exit_type == "positive":
                parcours.exit_reason = rng.choices(reasons, weights=weights)[0]
            end_steps_at_exit(parcours)
            exit_step(rng, parcours, start)

    def _exit_dates(self, parcours: ParcoursDraft, year: int) -> list[Date]:
        earliest = parcours.entry_date + DAY * 28
        return [d for d in commission_dates(parcours.territory, year) if d >= earliest]

    # --- the whole history ---------------------------------------------------------

    def _earlier_years(self) -> None:
        first = min((p.entry_date.year for p in self.parcours), default=FIRST_YEAR)
        steps, contracts, holders = EARLIER_RATES
        for year in range(first, FIRST_YEAR):
            start, end = year_bounds(year)
            n = sum(p.active_in(start, end) for p in self.live)
            active = [p for p in self.live if p.active_in(start, end)]
            fill_year(
                self.rng("steps", year),
                active,
                year,
                round(n * steps),
                round(n * contracts),
                round(n * holders),
            )

    def draw(self) -> History:
        self._carry_in()
        self._earlier_years()
        for year in range(FIRST_YEAR, self.today.year + 1):
            targets = targets_for(year, self.rng("variation", year).random())
            rng = self.rng("entries", year)
            entrants = self._entrants(rng, year, self.scaled(targets.new_entrants))
            self._set_qpv_share(rng, entrants, targets.qpv_share)
            exits = (targets.positive, targets.dropout, targets.administrative)
            self._exits(self.rng("exits", year), year, tuple(map(self.scaled, exits)))
            start, end = year_bounds(year)
            participants = sum(p.active_in(start, end) for p in self.live)
            if year in REPORT:  # the report's counts, scaled
                steps, contracts = self.scaled(targets.steps), self.scaled(targets.contracts)
            else:
                steps = round(participants * targets.steps_per_participant)
                contracts = round(participants * targets.contracts_per_participant)
            holders = round(participants * targets.employment_step_share)
            active = [p for p in self.live if p.active_in(start, end)]
            fill_year(self.rng("steps", year), active, year, steps, contracts, holders)
            self.live = [p for p in self.live if p.exit_date is None or p.exit_date > end]
        return self._cut_at_today()

    def _cut_at_today(self) -> History:
        today = self.today
        kept = [p for p in self.parcours if p.entry_date <= today]
        for parcours in kept:
            if parcours.exit_date is not None and parcours.exit_date > today:
                parcours.exit_date, parcours.exit_type, parcours.exit_reason = None, "", ""
            parcours.steps = [s for s in parcours.steps if s.start <= today]
        for person in self.people:
            person.parcours = [p for p in person.parcours if p.entry_date <= today]
        people = [person for person in self.people if person.parcours]
        return History(people=people, parcours=kept)


def draw_history(seed: int, *, today: Date, scale: float, qpvs_by_postcode: dict) -> History:
    return HistoryDrawer(seed, today=today, scale=scale, qpvs_by_postcode=qpvs_by_postcode).draw()
