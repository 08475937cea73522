"""The steps of the demo PLIE's parcours: when they start, how long they last, which ones.

``fill_year`` is the quota part of ``plie_history``: it counts the steps of a
year already there (begun earlier, or drawn with an entry or an exit) and adds
steps until the year has the report's number of steps and contracts and its
share of participants with a contract. Contracts go preferably to participants
likely to work (``ParcoursDraft.propensity``), so that over six years 71 % of
the participants held one, as in the report, although only 58 % a year do;
other steps fill the longest stretch without a step, as a référent would. The
durations are set so that steps run over New Year about as often as the
report's cumulative column implies (contracts often, other steps seldom).
"""

import datetime
import itertools
import random
from collections import Counter

from maillage.demo.plie_drafts import (
    CONTRACT,
    DAY,
    Date,
    ParcoursDraft,
    StepDraft,
    apportion,
    weighted_sample,
    year_bounds,
)
from maillage.demo.plie_targets import STEP_CATEGORIES

#: (weight, shortest, usual, longest) duration in days, by contract type.
CONTRACTS = {
    "interim": (26, 5, 30, 180),
    "cdd": (26, 30, 120, 300),
    "siae": (14, 120, 300, 720),  # a CDDI of 4 months, renewed up to 24
    "pmsmp": (12, 3, 10, 30),
    "cui_cie": (5, 180, 365, 540),  # replaced by the PEC in 2018
    "cdi": (6, 60, 240, 720),
    "professionalisation": (2, 180, 365, 730),
    "apprenticeship": (1, 365, 730, 1095),
    "other": (8, 30, 120, 365),
}
OTHER_STEPS = {  # category → (shortest, usual, longest) in days
    "training": (2, 10, 60),
    "complementary_action": (1, 2, 20),
    "specific_service": (1, 5, 30),
    "support": (5, 20, 90),
}
#: Entrants whose first step (an orientation service, a support) starts in their first weeks.
FIRST_STEP_SHARE = 0.8


def duration(rng: random.Random, shortest: int, usual: int, longest: int) -> datetime.timedelta:
    return DAY * round(rng.triangular(shortest, longest, usual))


def stop_at_exit(parcours: ParcoursDraft, step: StepDraft) -> None:
    """A step ends by the exit, except a contract after a positive exit (a CDI goes on)."""
    exit_date = parcours.exit_date
    if exit_date is None or (step.category == CONTRACT and parcours.exit_type == "positive"):
        return
    if step.end is None or step.end > exit_date:
        step.end = exit_date


def end_steps_at_exit(parcours: ParcoursDraft) -> None:
    """Steps stop at the exit, except contracts after a positive exit (a CDI goes on).

    A first step planned after an early exit never took place.
    """
    parcours.steps = [step for step in parcours.steps if step.start <= parcours.exit_date]
    for step in parcours.steps:
        stop_at_exit(parcours, step)


def exit_step(rng: random.Random, parcours: ParcoursDraft, year_start: Date) -> None:
    """The step a positive exit rests on: the CDI, the long CDD, the training, the business."""
    reason = parcours.exit_reason
    exit_date = parcours.exit_date
    earliest = max(parcours.entry_date, year_start)
    if reason == "cdi":
        start = max(earliest, exit_date - DAY * rng.randint(0, 90))
        step = StepDraft(CONTRACT, start, None, "cdi", origin=reason)
    elif reason == "cdd_6m_plus":
        start = max(earliest, exit_date - DAY * rng.randint(0, 60))
        step = StepDraft(CONTRACT, start, start + DAY * rng.randint(183, 365), "cdd", reason)
    elif reason == "qualifying_training":
        start = max(earliest, exit_date - DAY * rng.randint(0, 45))
        step = StepDraft("training", start, start + DAY * rng.randint(120, 300), "", reason)
    elif reason == "business_creation":
        start = max(earliest, exit_date - DAY * rng.randint(30, 180))
        step = StepDraft("support", start, exit_date, "", reason)
    else:
        return
    parcours.steps.append(step)


def first_step(rng: random.Random, parcours: ParcoursDraft) -> None:
    """Most entrants begin with an orientation service or a support in their first weeks."""
    if rng.random() < FIRST_STEP_SHARE:
        category = rng.choice(("specific_service", "support"))
        start = parcours.entry_date + DAY * rng.randint(3, 45)
        parcours.steps.append(
            StepDraft(category, start, start + duration(rng, *OTHER_STEPS[category]))
        )


def free_day(rng: random.Random, parcours: ParcoursDraft, low: Date, high: Date) -> Date:
    """A day in the longest stretch of [low, high] without a step: référents keep people busy."""
    covered = sorted(
        (max(step.start, low), min(step.end or high, high))
        for step in parcours.steps
        if step.start <= high and (step.end is None or step.end >= low)
    )
    gaps, cursor = [], low
    for start, end in covered:
        if start > cursor:
            gaps.append((cursor, start - DAY))
        cursor = max(cursor, end + DAY)
    if cursor <= high:
        gaps.append((cursor, high))
    first, last = max(gaps, key=lambda gap: gap[1] - gap[0]) if gaps else (low, high)
    return first + DAY * rng.randint(0, (last - first).days)


def contract_type(rng: random.Random, year: int) -> str:
    types = list(CONTRACTS)
    chosen = rng.choices(types, weights=[CONTRACTS[t][0] for t in types])[0]
    return "pec" if chosen == "cui_cie" and year >= 2018 else chosen


def fill_year(
    rng: random.Random,
    active: list[ParcoursDraft],
    year: int,
    steps: int,
    contracts: int,
    holders: int,
) -> None:
    """Add steps to the ``active`` parcours until ``year`` has ``steps`` steps and
    ``contracts`` contracts held by ``holders`` people (the steps already running count)."""
    start, end = year_bounds(year)
    windows = {}
    for parcours in active:
        low = max(parcours.entry_date, start)
        high = min(parcours.exit_date or end, end)
        windows[id(parcours)] = (low, high, (high - low).days + 1)
    existing = [
        step
        for parcours in active
        for step in parcours.steps
        if step.start <= end and (step.end is None or step.end >= start)
    ]
    holding = {
        id(p)
        for p in active
        for s in p.steps
        if s.category == CONTRACT and s.start <= end and (s.end is None or s.end >= start)
    }
    need_contracts = max(0, contracts - sum(s.category == CONTRACT for s in existing))
    candidates = [p for p in active if id(p) not in holding and windows[id(p)][2] >= 7]
    weights = [windows[id(p)][2] * p.propensity for p in candidates]
    new_holders = weighted_sample(
        rng, candidates, weights, min(max(0, holders - len(holding)), need_contracts)
    )
    per_parcours = Counter(id(p) for p in new_holders)
    holder_list = [p for p in active if id(p) in holding] + new_holders
    extra = need_contracts - len(new_holders)
    if extra > 0 and holder_list:
        weights = [windows[id(p)][2] * (0.2 + p.propensity) for p in holder_list]
        per_parcours.update(id(p) for p in rng.choices(holder_list, weights=weights, k=extra))
    by_id = {id(p): p for p in active}
    for key, n in per_parcours.items():
        _add_contracts(rng, by_id[key], windows[key], n, year)

    need_others = max(0, steps - len(existing) - need_contracts)
    if not active or not need_others:
        return
    categories = _other_categories(rng, existing, steps, need_others)
    weights = [windows[id(p)][2] for p in active]
    for parcours, category in zip(
        rng.choices(active, weights=weights, k=need_others), categories, strict=True
    ):
        low, high, _days = windows[id(parcours)]
        begin = free_day(rng, parcours, low, high)
        step = StepDraft(category, begin, begin + duration(rng, *OTHER_STEPS[category]))
        stop_at_exit(parcours, step)
        parcours.steps.append(step)


def _other_categories(
    rng: random.Random, existing: list[StepDraft], steps: int, count: int
) -> list[str]:
    """``count`` categories that bring the year's steps closest to the report's split."""
    others = {c: share for c, share in STEP_CATEGORIES.items() if c != CONTRACT}
    total_share = sum(STEP_CATEGORIES.values())
    present = Counter(step.category for step in existing)
    missing = {c: max(0.0, steps * share / total_share - present[c]) for c, share in others.items()}
    if not sum(missing.values()):
        missing = dict(others)
    chosen = apportion(
        count,
        {c: count * m / sum(missing.values()) for c, m in missing.items()},
        dict.fromkeys(missing, count),
    )
    categories = [c for c, n in chosen.items() for _ in range(n)]
    rng.shuffle(categories)
    return categories


def _add_contracts(
    rng: random.Random, parcours: ParcoursDraft, window: tuple, n: int, year: int
) -> None:
    """``n`` contracts one after the other within the window (each begins in its share)."""
    low, _high, days = window
    starts = sorted(
        low + DAY * (i * days // n + rng.randrange(max(1, days // n))) for i in range(n)
    )
    drafted = []
    for begin in starts:
        kind = contract_type(rng, year)
        finish = begin + duration(rng, *CONTRACTS["cui_cie" if kind == "pec" else kind][1:])
        drafted.append(StepDraft(CONTRACT, begin, finish, kind))
    for current, following in itertools.pairwise(drafted):
        if current.end >= following.start:
            current.end = max(current.start, following.start - DAY)
    for step in drafted:
        stop_at_exit(parcours, step)
    parcours.steps.extend(drafted)
