"""Demo Mission Insertion Culture of 2017, resembling the report (seed p. 50-52).

117 partners (46 insertion, 71 culture), about 55 collective actions with their
sessions and 1 141 participants: 44 % living in Lyon (existing demo people, sampled
across the arrondissements) and 56 % in the 12 communes of the Métropole the report
names (new fictitious people, ``DEMO-MIC-…``), so that the figures show 21 territories;
publics drawn at the report's rates; presence at about 80 % of the sessions. The HR
side: 45 cultural employers (companies ``DEMO-MIC-EMP-…``) with the report's counts of
prospects, appointments, discoveries, offers, interviews, PMSMP and placements (also
``recruitment.Placement`` rows, channel "other").

With fewer demo people in Lyon than needed, every count of people is scaled down. All
rows are written with ``bulk_create``; the step runs after people, structures and
companies. Idempotent: nothing is written when the demo actions exist already.
"""

import datetime
import random

from maillage.companies.models import Company
from maillage.demo import names
from maillage.demo.base import DemoContext
from maillage.insertion_culture import demo_data as data
from maillage.insertion_culture.models import (
    ActionSession,
    Attendance,
    CollectiveAction,
    EmployerAction,
    EmployerOutcome,
    Participation,
    Partner,
    Side,
    side_of,
)
from maillage.insertion_culture.territories import territory_of
from maillage.organisations.models import Structure
from maillage.people.models import Followup, Person
from maillage.plie.models import Parcours
from maillage.recruitment.models import ContractType, Placement, PlacementChannel

YEAR = 2017
CODE_PREFIX = "DEMO-MIC-"
CULTURE_STRUCTURE = "S-CULTURE-POUR-TOUS"
BATCH = 500


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _partners() -> list[Partner]:
    """The 117 partners, upserted by code."""
    specs = [(name, cat, city) for name, cat, city in data.INSERTION_PARTNERS]
    for n in range(data.PARTNERS_INSERTION - len(specs)):
        category, label = data.GENERIC_INSERTION[n % len(data.GENERIC_INSERTION)]
        specs.append((f"{label} n° {n + 1}", category, ""))
    specs += [(name, cat, "") for name, cat in data.CULTURE_PARTNERS]
    for n in range(data.PARTNERS_CULTURE - len(data.CULTURE_PARTNERS)):
        category, label = data.GENERIC_CULTURE[n % len(data.GENERIC_CULTURE)]
        specs.append((f"{label} n° {n + 1}", category, ""))
    existing = set(
        Partner.objects.filter(code__startswith=CODE_PREFIX).values_list("code", flat=True)
    )
    missing = [
        Partner(
            code=f"{CODE_PREFIX}P{i:03d}", name=name, category=cat, side=side_of(cat), city=city
        )
        for i, (name, cat, city) in enumerate(specs, start=1)
        if f"{CODE_PREFIX}P{i:03d}" not in existing
    ]
    Partner.objects.bulk_create(missing)
    return list(Partner.objects.filter(code__startswith=CODE_PREFIX).order_by("code"))


def _commune_people(rng: random.Random, count: int) -> list[Person]:
    """New fictitious people living in the report's 12 communes outside Lyon."""
    communes = list(data.COMMUNES)
    weights = [w for _, w in data.COMMUNES.values()]
    people = []
    for n in range(1, count + 1):
        sex = rng.choice("FM")
        commune = rng.choices(communes, weights=weights)[0]
        young = rng.random() < data.COMMUNE_YOUNG_SHARE
        age = rng.randint(17, 25) if young else rng.randint(26, 60)
        born = datetime.date(YEAR - age, 1, 1) - datetime.timedelta(days=rng.randint(0, 364))
        person = Person(
            external_id=f"{CODE_PREFIX}{n:05d}",
            last_name=rng.choice(names.last_names()),
            first_names=rng.choice(names.first_names(sex)),
            sex=sex,
            birth_date=born,
            postcode=data.COMMUNES[commune][0],
            city=commune,
        )
        person.search_key = person.compute_search_key()
        people.append(person)
    Person.objects.bulk_create(people, batch_size=BATCH)
    return list(Person.objects.filter(external_id__startswith=CODE_PREFIX))


def _actions(rng: random.Random, partners: list[Partner], participants: int):
    """Actions of 2017 until their seats hold ``participants`` registrations (≈ 10 % twice)."""
    insertion = [p for p in partners if p.side == Side.INSERTION]
    culture = [p for p in partners if p.side == Side.CULTURE]
    rng.shuffle(insertion)
    rng.shuffle(culture)
    actions, links, seats, n = [], [], 0, 0
    target = int(participants * 1.1)
    while seats < target or n < len(insertion) or n < len(culture) // 2:
        kind, title, (s_min, s_max), (p_min, p_max) = data.ACTIONS[n % len(data.ACTIONS)]
        start = _day(rng, datetime.date(YEAR, 1, 9), datetime.date(YEAR, 11, 15))
        weeks = rng.randint(0, 10) if s_max > 1 else 0
        end = min(start + datetime.timedelta(weeks=weeks, days=1), datetime.date(YEAR, 12, 20))
        action = CollectiveAction(
            code=f"{CODE_PREFIX}A{n + 1:03d}",
            title=f"{title} ({n // len(data.ACTIONS) + 1})",
            kind=kind,
            starts_on=start,
            ends_on=end,
            description="Action de démonstration.",
        )
        action.demo_sessions = rng.randint(s_min, s_max)
        action.demo_seats = rng.randint(p_min, p_max)
        seats += action.demo_seats
        actions.append(action)
        chosen = {insertion[n % len(insertion)], culture[(2 * n) % len(culture)]}
        chosen.add(culture[(2 * n + 1) % len(culture)])
        if rng.random() < 0.4:
            chosen.add(rng.choice(insertion))
        links.append(chosen)
        n += 1
    CollectiveAction.objects.bulk_create(actions)
    saved = {a.code: a for a in CollectiveAction.objects.filter(code__startswith=CODE_PREFIX)}
    through = CollectiveAction.partners.through
    through.objects.bulk_create(
        [
            through(collectiveaction_id=saved[a.code].pk, partner_id=p.pk)
            for a, chosen in zip(actions, links, strict=True)
            for p in chosen
        ]
    )
    for action in actions:
        saved[action.code].demo_sessions = action.demo_sessions
        saved[action.code].demo_seats = action.demo_seats
    return [saved[a.code] for a in actions]


def _sessions(rng: random.Random, actions) -> dict[int, list[ActionSession]]:
    rows = []
    for action in actions:
        days = (action.ends_on - action.starts_on).days
        dates = sorted(
            action.starts_on + datetime.timedelta(days=rng.randint(0, days))
            for _ in range(action.demo_sessions)
        )
        place = rng.choice(data.SESSION_PLACES)
        rows += [ActionSession(action=action, date=d, place=place) for d in dates]
    ActionSession.objects.bulk_create(rows, batch_size=BATCH)
    by_action: dict[int, list[ActionSession]] = {}
    for session in ActionSession.objects.filter(action__in=actions):
        by_action.setdefault(session.action_id, []).append(session)
    return by_action


def _participations(rng, actions, people, plie_ids, partners) -> list[Participation]:
    """Each person once, then ≈ 10 % a second time, over the actions' seats."""
    order = list(people)
    rng.shuffle(order)
    order += rng.sample(order, int(len(order) * 0.1))
    referrers = [p for p in partners if p.side == Side.INSERTION]
    rows, seen, cursor = [], set(), 0
    for action in actions:
        for _ in range(action.demo_seats):
            if cursor >= len(order):
                break
            person = order[cursor]
            cursor += 1
            if (action.pk, person.pk) in seen:
                continue
            seen.add((action.pk, person.pk))
            territory, kind = territory_of(person.postcode, person.city)
            in_lyon = kind.value == "lyon"
            flags = {f: rng.random() < rate for f, rate in data.PUBLIC_RATES.items()}
            flags["is_plie"] = person.pk in plie_ids  # a PLIE parcours running in 2017
            flags["is_young"] = 16 <= _age(person.birth_date, action.starts_on) <= 25
            flags["is_qpv"] = person.qpv_id is not None or (
                not in_lyon and rng.random() < data.COMMUNE_QPV_SHARE
            )
            rows.append(
                Participation(
                    action=action,
                    person=person,
                    registered_on=action.starts_on - datetime.timedelta(days=rng.randint(0, 20)),
                    referred_by=rng.choice(referrers),
                    territory=territory,
                    territory_kind=kind.value,
                    **flags,
                )
            )
    Participation.objects.bulk_create(rows, batch_size=BATCH)
    return rows


def _attendances(rng, sessions_by_action) -> int:
    rows = []
    saved = Participation.objects.filter(action__code__startswith=CODE_PREFIX).only(
        "pk", "action_id"
    )
    for participation in saved:
        for session in sessions_by_action.get(participation.action_id, []):
            if rng.random() < 0.8:
                rows.append(Attendance(participation_id=participation.pk, session=session))
    Attendance.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _employers() -> list[Company]:
    names_ = list(data.EMPLOYERS)
    names_ += [
        f"Employeur culturel n° {n}" for n in range(1, data.EMPLOYERS_TOTAL - len(names_) + 1)
    ]
    existing = set(
        Company.objects.filter(external_id__startswith=f"{CODE_PREFIX}EMP-").values_list(
            "external_id", flat=True
        )
    )
    missing = []
    for i, name in enumerate(names_, start=1):
        code = f"{CODE_PREFIX}EMP-{i:03d}"
        if code not in existing:
            company = Company(external_id=code, name=name, naf="90.01Z", city="Lyon")
            company.search_key = company.compute_search_key()
            missing.append(company)
    Company.objects.bulk_create(missing)
    return list(Company.objects.filter(external_id__startswith=f"{CODE_PREFIX}EMP-"))


def _hr_side(rng: random.Random, employers: list[Company], people: list[Person], scale: float):
    start, end = datetime.date(YEAR, 1, 2), datetime.date(YEAR, 12, 20)
    actions = []
    prospects = employers[: data.HR_ACTIONS["prospect"]]
    for company in prospects:  # one prospection per employer: 41 distinct prospects
        actions.append(EmployerAction(company=company, kind="prospect", date=_day(rng, start, end)))
    for kind in ("hr_advice", "job_discovery", "job_offer"):
        for _ in range(data.HR_ACTIONS[kind]):
            actions.append(
                EmployerAction(
                    company=rng.choice(employers),
                    kind=kind,
                    date=_day(rng, start, end),
                    title=rng.choice(data.JOB_TITLES),
                    people_count=rng.randint(3, 12) if kind == "job_discovery" else 1,
                )
            )
    EmployerAction.objects.bulk_create(actions)
    outcomes, placements = [], []
    placed = rng.sample(
        people, min(len(people), max(1, round(data.HR_OUTCOMES["placement"] * scale)))
    )
    for person in placed:
        company, day = rng.choice(employers), _day(rng, start, end)
        placement = Placement(
            person=person,
            company=company,
            contract_type=rng.choice([ContractType.CDD, ContractType.CDD, ContractType.SUBSIDISED]),
            started_on=day,
            channel=PlacementChannel.OTHER,
        )
        placements.append(placement)
        outcomes.append(
            EmployerOutcome(
                company=company,
                person=person,
                kind="placement",
                date=day,
                title=rng.choice(data.JOB_TITLES),
                placement=placement,
            )
        )
    Placement.objects.bulk_create(placements)
    for kind, count in data.HR_OUTCOMES.items():
        if kind == "placement":
            continue
        for person in rng.sample(people, min(len(people), max(1, round(count * scale)))):
            day = _day(rng, start, end)
            outcomes.append(
                EmployerOutcome(
                    company=rng.choice(employers),
                    person=person,
                    kind=kind,
                    date=day,
                    ends_on=day + datetime.timedelta(days=13) if kind == "internship" else None,
                    title=rng.choice(data.JOB_TITLES),
                )
            )
    EmployerOutcome.objects.bulk_create(outcomes)
    return len(actions), len(outcomes)


def _follow(people: list[Person], structure_id: int) -> None:
    """The culture structure follows every participant, so its coordinator sees them."""
    already = set(
        Followup.objects.filter(
            structure_id=structure_id, service=Followup.Service.CULTURE
        ).values_list("person_id", flat=True)
    )
    Followup.objects.bulk_create(
        [
            Followup(
                person=p,
                structure_id=structure_id,
                service=Followup.Service.CULTURE,
                started_on=datetime.date(YEAR, 1, 2),
            )
            for p in people
            if p.pk not in already
        ],
        batch_size=BATCH,
    )


def create_insertion_culture(rng: random.Random, context: DemoContext) -> None:
    if CollectiveAction.objects.filter(code__startswith=CODE_PREFIX).exists():
        context.notes.append("La Mission Insertion Culture de démonstration est déjà en place.")
        return
    lyon_people = list(
        Person.objects.filter(postcode__in=[f"6900{n}" for n in range(1, 10)])
        .exclude(external_id__startswith=CODE_PREFIX)
        .order_by("pk")
    )
    wanted_lyon = round(data.PARTICIPANTS * data.LYON_SHARE)
    if not lyon_people:
        context.notes.append("Mission Insertion Culture : aucune personne de démonstration.")
        return
    scale = min(1.0, len(lyon_people) / wanted_lyon)
    participants = round(data.PARTICIPANTS * scale)
    lyon = rng.sample(lyon_people, round(participants * data.LYON_SHARE))
    outside = _commune_people(rng, participants - len(lyon))
    people = lyon + outside
    plie_ids = set(
        Parcours.objects.filter(
            person__in=lyon,
            entry_date__lte=datetime.date(YEAR, 12, 31),
        )
        .exclude(exit_date__lt=datetime.date(YEAR, 1, 1))
        .values_list("person_id", flat=True)
    )
    partners = _partners()
    actions = _actions(rng, partners, participants)
    sessions = _sessions(rng, actions)
    participations = _participations(rng, actions, people, plie_ids, partners)
    attendances = _attendances(rng, sessions)
    employers = _employers()
    hr_actions, hr_outcomes = _hr_side(rng, employers, people, scale)
    structure = (
        context.structures.get(CULTURE_STRUCTURE)
        or Structure.objects.filter(code=CULTURE_STRUCTURE).first()
    )
    if structure is not None:
        _follow(people, structure.pk)
    if scale < 1:
        context.notes.append(
            f"Mission Insertion Culture : {participants} participants au lieu de "
            f"{data.PARTICIPANTS} (trop peu de personnes de démonstration à Lyon)."
        )
    context.count("MIC : partenaires", len(partners))
    context.count("MIC : actions 2017", len(actions))
    context.count("MIC : séances", sum(len(s) for s in sessions.values()))
    context.count("MIC : participations", len(participations))
    context.count("MIC : présences", attendances)
    context.count("MIC : actions auprès d'employeurs culturels", hr_actions)
    context.count("MIC : résultats pour des personnes", hr_outcomes)
