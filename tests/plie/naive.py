"""A deliberately naive reading of indicators.md, in plain Python, to check the SQL against.

Written from the specification's text, not from maillage.plie.indicators: loops,
sets and dicts over in-memory rows, and its own age computation (counting
birthdays one by one), so that both implementations agreeing means something.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date


@dataclass
class NPerson:
    key: int
    sex: str
    birth_date: date
    education_level: str = ""


@dataclass
class NParcours:
    key: int
    person: int
    entry_date: date
    exit_date: date | None = None
    exit_type: str = ""
    exit_reason: str = ""
    qpv_at_entry: bool = False
    entry_situations: list[str] = field(default_factory=list)


@dataclass
class NStep:
    key: int
    parcours: int
    category: str
    start_date: date
    end_date: date | None = None
    contract_type: str = ""


SITUATIONS = [
    "rsa",
    "deld",
    "de_lt_1y",
    "th",
    "young_unqualified",
    "single_parent",
    "other_exclusion",
]
CATEGORIES = [
    "employment_contract",
    "training",
    "complementary_action",
    "specific_service",
    "support",
]
REASONS = ["cdi", "cdd_6m_plus", "qualifying_training", "business_creation", "other_status"]
EXIT_TYPES = ["positive", "dropout", "administrative"]
EDUCATION = ["1", "2", "3", "4", "5", "5bis", "6", "foreign"]


def overlaps(start, end, p_start, p_end):
    """indicators.md: start ≤ end of the period and (no end or end ≥ start of the period)."""
    return start <= p_end and (end is None or end >= p_start)


def birthday(birth: date, year: int) -> date:
    """The day someone born on ``birth`` turns a year older in ``year`` (29 Feb → 1 Mar)."""
    if birth.month == 2 and birth.day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 3, 1)
    return date(year, birth.month, birth.day)


def age(birth: date, on: date) -> int:
    years = 0
    while birthday(birth, birth.year + years + 1) <= on:
        years += 1
    return years


def div(a, b):
    return a / b if b else 0.0


def naive_plie(year, people, parcours, steps):
    y0, y1 = date(year, 1, 1), date(year, 12, 31)
    people = {p.key: p for p in people}
    by_key = {p.key: p for p in parcours}
    active = [p for p in parcours if overlaps(p.entry_date, p.exit_date, y0, y1)]
    latest = {}
    for p in active:
        if p.person not in latest or p.entry_date > latest[p.person].entry_date:
            latest[p.person] = p
    participants = len(latest)

    entered = defaultdict(list)
    for p in parcours:
        if y0 <= p.entry_date <= y1:
            entered[p.person].append(p)
    new_qpv = sum(1 for ps in entered.values() if max(ps, key=lambda p: p.entry_date).qpv_at_entry)

    year_steps = [
        s
        for s in steps
        if overlaps(s.start_date, s.end_date, y0, y1)
        and overlaps(by_key[s.parcours].entry_date, by_key[s.parcours].exit_date, y0, y1)
    ]
    contracts = [s for s in year_steps if s.category == "employment_contract"]
    holders = {by_key[s.parcours].person for s in contracts}

    exited = [p for p in parcours if p.exit_date is not None and y0 <= p.exit_date <= y1]
    exits = {t: sum(1 for p in exited if p.exit_type == t) for t in EXIT_TYPES}
    days = [(p.exit_date - p.entry_date).days / 30.4375 for p in exited]

    brackets = {"<26": 0, "26-45": 0, "46-50": 0, ">50": 0}
    sex = {"F": 0, "M": 0}
    education = {code: 0 for code in [*EDUCATION, "unknown"]}
    situations = {code: 0 for code in SITUATIONS}
    for person_key, p in latest.items():
        who = people[person_key]
        a = age(who.birth_date, p.entry_date)
        if a <= 25:
            brackets["<26"] += 1
        elif a <= 45:
            brackets["26-45"] += 1
        elif a <= 50:
            brackets["46-50"] += 1
        else:
            brackets[">50"] += 1
        sex[who.sex] += 1
        education[who.education_level or "unknown"] += 1
        for code in set(p.entry_situations):
            situations[code] += 1

    year_end = {f"before_{year - 5}": 0} | {str(y): 0 for y in range(year - 5, year + 1)}
    for p in parcours:
        if p.entry_date <= y1 and (p.exit_date is None or p.exit_date > y1):
            key = str(p.entry_date.year) if p.entry_date.year >= year - 5 else f"before_{year - 5}"
            year_end[key] += 1

    return {
        "participants": participants,
        "new_entrants": len(entered),
        "new_entrants_qpv": new_qpv,
        "new_entrants_qpv_share": div(new_qpv, len(entered)),
        "steps": len(year_steps),
        "steps_per_participant": div(len(year_steps), participants),
        "contracts": len(contracts),
        "contract_holders": len(holders),
        "employment_step_share": div(len(holders), participants),
        "exits": exits,
        "positive_exit_rate": div(exits["positive"], sum(exits.values())),
        "positive_exits_by_reason": {
            r: sum(1 for p in exited if p.exit_type == "positive" and p.exit_reason == r)
            for r in REASONS
        },
        "mean_path_months": sum(days) / len(days) if days else 0.0,
        "age_brackets": brackets,
        "sex": sex,
        "entry_situations": situations,
        "education_levels": education,
        "steps_by_category": {c: sum(1 for s in year_steps if s.category == c) for c in CATEGORIES},
        "active_at_year_end_by_entry_year": year_end,
    }


def naive_cumulative(since, year, parcours, steps):
    p0, p1 = date(since, 1, 1), date(year, 12, 31)
    by_key = {p.key: p for p in parcours}
    in_period = [p for p in parcours if overlaps(p.entry_date, p.exit_date, p0, p1)]
    participants = len({p.person for p in in_period})
    new = [p for p in parcours if p0 <= p.entry_date <= p1]
    period_steps = [
        s
        for s in steps
        if overlaps(s.start_date, s.end_date, p0, p1)
        and overlaps(by_key[s.parcours].entry_date, by_key[s.parcours].exit_date, p0, p1)
    ]
    contracts = [s for s in period_steps if s.category == "employment_contract"]
    exited = [p for p in parcours if p.exit_date is not None and p0 <= p.exit_date <= p1]
    exits = {t: sum(1 for p in exited if p.exit_type == t) for t in EXIT_TYPES}
    return {
        "participants": participants,
        "new_entrants": len(new),
        "new_entrants_qpv_share": div(sum(p.qpv_at_entry for p in new), len(new)),
        "steps": len(period_steps),
        "steps_per_participant": div(len(period_steps), participants),
        "contracts": len(contracts),
        "employment_step_share": div(
            len({by_key[s.parcours].person for s in contracts}), participants
        ),
        "exits": exits,
        "positive_exit_rate": div(exits["positive"], sum(exits.values())),
    }
