"""Demo individual aids of 2017, shaped like the report's "Aides individuelles" page.

87 requests (training and childcare) from 81 participants — 58 women, 23 men —,
75 accepted (a few of them partly), 6 refused with a reason, 6 left without a
decision; the 49 accepted training aids split by field as the report's table;
transport vouchers for 133 participants in an employment or training step for
each month covered; the 2017 collective services (Image Attitude's « Mieux
communiquer » 60 people, « Relooking professionnel » 13 in 2 sessions,
« Reflet de soie » 5); the 2017 budget envelopes.

The plan is drawn by ``plan_requests`` (pure, tested at full scale); with a
smaller PLIE (``plie_scale`` < 1) a proportional sample of it is written.
Participants are demo PLIE participants (``maillage.demo.plie``) whose parcours
runs in 2017. Idempotent: nothing is written when demo aids exist already.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from maillage.aids import rules
from maillage.aids.models import (
    AidBudget,
    AidKind,
    AidRequest,
    CollectiveSession,
    Outcome,
    SessionParticipant,
)
from maillage.demo.base import DemoContext
from maillage.demo.plie import PARCOURS_PREFIX
from maillage.plie.models import Parcours, Step

YEAR = 2017
#: Accepted training aids by field (report p. 15).
TRAINING_ACCEPTED = {
    "logistics": 10,
    "general": 8,
    "animation": 1,
    "security": 6,
    "driving": 6,
    "health": 5,
    "fle": 4,
    "other": 9,
}
CHILDCARE_ACCEPTED = 26  # 75 accepted in all, 49 of them training
REFUSED = {AidKind.TRAINING: 4, AidKind.CHILDCARE: 2}
PENDING = {AidKind.TRAINING: 4, AidKind.CHILDCARE: 2}
PARTLY = 8  # accepted requests granted part of the amount
PERSONS = {"F": 58, "M": 23}  # 81 people made the 87 requests
VOUCHER_PERSONS = 133
MONTHLY_PASS = Decimal("63.30")
ENVELOPES = {
    AidKind.TRAINING: Decimal("45000"),
    AidKind.CHILDCARE: Decimal("12000"),
    AidKind.MOBILITY: Decimal("5000"),
    AidKind.TRANSPORT_VOUCHERS: Decimal("25000"),
}
#: (service, title, provider, place, participants per session)
SESSIONS = [
    *[("communication", "Mieux communiquer", "Image Attitude", "Lyon 7e", 10) for _ in range(6)],
    ("relooking", "Relooking professionnel", "Image Attitude", "Lyon 9e — ZIG ZAG", 7),
    ("relooking", "Relooking professionnel", "Image Attitude", "Lyon 9e — ZIG ZAG", 6),
    ("self_image", "Reflet de soie", "Image Attitude", "Lyon 9e — ZIG ZAG", 5),
]
REFUSAL_REASONS = [
    "Ne relève pas des critères d'admission des aides (cofinancement non justifié).",
    "Formation déjà financée en totalité par un autre dispositif.",
    "Frais engagés avant la demande.",
]


@dataclass
class PlannedRequest:
    kind: str
    training_field: str
    outcome: str
    partly: bool = False


def plan_requests(rng: random.Random) -> list[PlannedRequest]:
    """The 87 requests of 2017, in random order."""
    plan = [
        PlannedRequest(AidKind.TRAINING, field, Outcome.ACCEPTED)
        for field, n in TRAINING_ACCEPTED.items()
        for _ in range(n)
    ]
    plan += [
        PlannedRequest(AidKind.CHILDCARE, "", Outcome.ACCEPTED) for _ in range(CHILDCARE_ACCEPTED)
    ]
    for kind, n in REFUSED.items():
        plan += [PlannedRequest(kind, _field(rng, kind), Outcome.REFUSED) for _ in range(n)]
    for kind, n in PENDING.items():
        plan += [PlannedRequest(kind, _field(rng, kind), "") for _ in range(n)]
    accepted = [p for p in plan if p.outcome == Outcome.ACCEPTED]
    for planned in rng.sample(accepted, PARTLY):
        planned.outcome, planned.partly = Outcome.PARTLY_ACCEPTED, True
    rng.shuffle(plan)
    return plan


def _field(rng: random.Random, kind: str) -> str:
    return rng.choice(list(TRAINING_ACCEPTED)) if kind == AidKind.TRAINING else ""


def _scaled(rng: random.Random, items: list, scale: float) -> list:
    if scale >= 1:
        return items
    return rng.sample(items, round(len(items) * scale))


def create_aids(rng: random.Random, context: DemoContext) -> None:
    if context.plie_scale <= 0:
        return
    if AidRequest.objects.filter(person__external_id__startswith="DEMO-").exists():
        context.notes.append("Les aides individuelles de démonstration sont déjà en place.")
        return
    start, end = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
    parcours = list(
        Parcours.objects.filter(external_id__startswith=PARCOURS_PREFIX)
        .active_in(start, end)
        .select_related("person")
        .order_by("external_id")
    )
    if not parcours:
        return
    scale = min(context.plie_scale, 1.0)
    requests = _write_requests(rng, context, parcours, scale)
    vouchers = _write_vouchers(rng, parcours, scale)
    participations = _write_sessions(rng, parcours, scale)
    for kind, envelope in ENVELOPES.items():
        AidBudget.objects.get_or_create(
            year=YEAR,
            kind=kind,
            defaults={"envelope": (envelope * Decimal(str(scale))).quantize(Decimal(1))},
        )
    context.count("demandes d'aides individuelles créées", requests)
    context.count("demandes de bons de transport créées", vouchers)
    context.count("participations aux prestations collectives créées", participations)


def _window(parcours: Parcours) -> tuple[datetime.date, datetime.date]:
    first = max(parcours.entry_date, datetime.date(YEAR, 1, 2))
    last = min(parcours.exit_date or datetime.date(YEAR, 12, 15), datetime.date(YEAR, 12, 15))
    return first, max(first, last)


def _day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low, high, 10))


def _write_requests(rng, context, parcours: list[Parcours], scale: float) -> int:
    plan = _scaled(rng, plan_requests(rng), scale)
    by_sex = {sex: [p for p in parcours if p.person.sex == sex] for sex in PERSONS}
    people: list[Parcours] = []
    for sex, n in PERSONS.items():
        want = min(len(by_sex[sex]), max(1, round(n * scale)))
        people += rng.sample(by_sex[sex], want)
    rng.shuffle(people)
    if not people:
        return 0
    admin = context.users.get("admin")
    rows = []
    for index, planned in enumerate(plan):
        # The first ones each for a new person, the last few for someone asking again.
        chosen = people[index] if index < len(people) else rng.choice(people)
        first, last = _window(chosen)
        requested_on = _day_between(rng, first, last)
        if planned.kind == AidKind.TRAINING:
            low, high = (300, 900) if planned.training_field == "driving" else (150, 2500)
        else:
            low, high = (80, 900)
        requested = _amount(rng, low, high)
        row = AidRequest(
            person=chosen.person,
            structure_id=chosen.structure_id,
            requested_on=requested_on,
            kind=planned.kind,
            training_field=planned.training_field,
            training_title="Heures de conduite" if planned.training_field == "driving" else "",
            amount_requested=requested,
            justification="Complément de financement (demande de démonstration).",
        )
        if planned.outcome:
            row.outcome = planned.outcome
            row.decided_on = min(
                requested_on + datetime.timedelta(days=rng.randint(7, 25)),
                datetime.date(YEAR, 12, 31),
            )
            row.decided_by = admin
        if planned.outcome == Outcome.REFUSED:
            row.refusal_reason = rng.choice(REFUSAL_REASONS)
        elif planned.outcome:
            share = Decimal(rng.randint(50, 80)) / 100 if planned.partly else Decimal(1)
            row.amount_granted = (requested * share).quantize(Decimal("1"))
            row.payment_date = row.decided_on + datetime.timedelta(days=rng.randint(10, 30))
        rows.append(row)
    AidRequest.objects.bulk_create(rows)
    return len(rows)


def _months_with_steps(parcours: list[Parcours]) -> dict[int, list[datetime.date]]:
    """Per parcours: the months of the year with a running employment or training step."""
    steps: dict[int, list[tuple]] = {}
    for parcours_id, s, e in Step.objects.filter(
        parcours__in=parcours,
        category__in=rules.VOUCHER_STEP_CATEGORIES,
        start_date__lte=datetime.date(YEAR, 12, 31),
    ).values_list("parcours_id", "start_date", "end_date"):
        steps.setdefault(parcours_id, []).append((s, e))
    months = [datetime.date(YEAR, m, 1) for m in range(1, 13)]
    found = {}
    for pid, intervals in steps.items():
        covered = [m for m in months if not rules.months_without_step([m], intervals)]
        if covered:
            found[pid] = covered
    return found


def _write_vouchers(rng, parcours: list[Parcours], scale: float) -> int:
    months = _months_with_steps(parcours)
    eligible = [p for p in parcours if p.pk in months]
    chosen = rng.sample(eligible, min(len(eligible), round(VOUCHER_PERSONS * scale)))
    rows = []
    for p in chosen:
        covered = months[p.pk]
        first = rng.choice(covered)
        n = 1
        while n < 3 and rules.add_months(first, n) in covered and rng.random() < 0.75:
            n += 1
        requested_on = first - datetime.timedelta(days=rng.randint(3, 20))
        requested_on = max(requested_on, p.entry_date, datetime.date(YEAR, 1, 1))
        decided_on = max(requested_on, first - datetime.timedelta(days=1))
        amount = MONTHLY_PASS * n
        rows.append(
            AidRequest(
                person=p.person,
                structure_id=p.structure_id,
                requested_on=requested_on,
                kind=AidKind.TRANSPORT_VOUCHERS,
                voucher_first_month=first,
                voucher_months=n,
                amount_requested=amount,
                justification="Abonnement TCL pendant l'étape (demande de démonstration).",
                outcome=Outcome.ACCEPTED,
                decided_on=decided_on,
                amount_granted=amount,
            )
        )
    AidRequest.objects.bulk_create(rows)
    return len(rows)


def _write_sessions(rng, parcours: list[Parcours], scale: float) -> int:
    women = [p.person for p in parcours if p.person.sex == "F"]
    everyone = [p.person for p in parcours]
    rows = []
    for number, (service, title, provider, place, size) in enumerate(SESSIONS):
        session = CollectiveSession.objects.create(
            service=service,
            title=title,
            provider=provider,
            place=place,
            date=datetime.date(YEAR, 2 + number, rng.randint(3, 25)),
        )
        pool = everyone if service == "communication" else women
        count = min(len(pool), max(1, round(size * scale)))
        rows += [SessionParticipant(session=session, person=p) for p in rng.sample(pool, count)]
    SessionParticipant.objects.bulk_create(rows)
    return len(rows)
