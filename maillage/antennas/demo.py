"""Demo visits of the five antennas in 2017, resembling the report (seed p. 59-61).

The report: "Les 5 antennes de proximité ont reçu 12 374 personnes pour 51 305
visites". The demo writes a sample of that year at ``SCALE`` (1/10: about 1 240
people for 5 130 visits), because the people come from the demo's own files
(3 000 by default), not from 12 000 new ones; docs/antennas.md says so. What the
report does not give is chosen and written here:

- antennas: Duchère 26 %, Mermoz 24 %, Gerland 20 %, Voltaire 18 %, Pentes 12 %
  (Pentes joined the figures in 2017);
- 10 % of visits anonymous; every identified visitor comes at least once, a few
  come very often (Cyber-base users), about 4 visits a person on average;
- working days, 9:00-17:30, a quiet August;
- reasons and orientations weighted below; a fifth of visits have two reasons.

The visitors are demo people followed by an antenna first, then others of the
antenna's territory (the antenna then follows them too). Runs after ``create_people``
(and ``create_structures``, ``create_users``). Idempotent: nothing is written when the
antennas already have 2017 visits. A few visits of today at Duchère, recorded by the
demo user ``accueil``, fill the desk's "visites du jour".
"""

import datetime
import random
from collections import Counter

from django.utils import timezone

from maillage.antennas.models import AgeBand, Reason, Visit, VisitReason
from maillage.antennas.rules import age_band
from maillage.demo.base import DemoContext
from maillage.demo.structures import ANTENNAS, TERRITORIES, TERRITORY_OF_POSTCODE
from maillage.organisations.models import Structure
from maillage.people.models import Followup, Person

YEAR = 2017
SCALE = 0.1
REPORT_PEOPLE = 12_374
REPORT_VISITS = 51_305
ANONYMOUS_SHARE = 0.10
BATCH_SIZE = 2000
ANTENNA_WEIGHTS = {"PENTES": 12, "VOLTAIRE": 18, "GERLAND": 20, "MERMOZ": 24, "DUCHERE": 26}
MONTH_WEIGHTS = (10, 10, 11, 9, 9, 10, 7, 3, 10, 11, 10, 7)
REASON_WEIGHTS = {
    Reason.INFORMATION: 28,
    Reason.JOB_SEARCH: 24,
    Reason.CYBER_BASE: 22,
    Reason.PARTNER_APPOINTMENT: 12,
    Reason.WORKSHOP: 8,
    Reason.TRAINING: 5,
    Reason.CREATION: 3,
    Reason.CULTURE: 2,
    Reason.OTHER: 3,
}
ORIENTATION_WEIGHTS = {
    "": 55,
    "Pôle emploi": 12,
    "Mission Locale": 7,
    "PLIE": 6,
    "Partenaire de l'antenne": 6,
    "Cyber-base emploi": 5,
    "Organisme de formation": 3,
    "Maison de la création d'entreprise": 2,
    "Structure d'insertion (SIAE)": 2,
    "Référent RSA": 2,
}
ANONYMOUS_AGE_WEIGHTS = {
    AgeBand.UNDER_26: 20,
    AgeBand.FROM_26_TO_45: 50,
    AgeBand.FROM_46_TO_50: 12,
    AgeBand.OVER_50: 18,
}
TODAY_VISITS = 6


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _working_days(year: int) -> dict[int, list[datetime.date]]:
    days: dict[int, list[datetime.date]] = {m: [] for m in range(1, 13)}
    day = datetime.date(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5:
            days[day.month].append(day)
        day += datetime.timedelta(days=1)
    return days


def _moment(rng: random.Random, days: dict[int, list[datetime.date]]) -> datetime.datetime:
    month = rng.choices(range(1, 13), weights=MONTH_WEIGHTS)[0]
    day = rng.choice(days[month])
    minutes = rng.randint(9 * 60, 17 * 60 + 30)
    naive = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
    return timezone.make_aware(naive)


def _reasons(rng: random.Random) -> list[str]:
    first = _pick(rng, REASON_WEIGHTS)
    if rng.random() < 0.2:
        second = _pick(rng, REASON_WEIGHTS)
        return sorted({first, second})
    return [first]


def _visitors(rng: random.Random, antennas: dict[str, Structure], wanted: int) -> list:
    """``(person, antenna code)``: people followed by an antenna first, then by territory."""
    code_of = {a.pk: code for code, a in antennas.items()}
    followed = {}
    for person_id, structure_id in (
        Followup.objects.filter(structure__in=antennas.values(), started_on__year__lte=YEAR)
        .order_by("person_id", "started_on")
        .values_list("person_id", "structure_id")
    ):
        followed.setdefault(person_id, code_of[structure_id])
    people = {p.pk: p for p in Person.objects.order_by("pk")}
    chosen = rng.sample(sorted(followed), min(wanted, len(followed)))
    visitors = [(people[pk], followed[pk]) for pk in chosen]
    others = [p for pk, p in people.items() if pk not in followed]
    antenna_of_territory = {spec.territory: spec.code[4:] for spec in ANTENNAS}
    for person in rng.sample(others, min(wanted - len(visitors), len(others))):
        territory = TERRITORY_OF_POSTCODE.get(person.postcode)
        code = antenna_of_territory.get(territory) or _pick(rng, ANTENNA_WEIGHTS)
        visitors.append((person, code))
    return visitors


def _identified(rng, visitors, count: int, days) -> list[tuple]:
    """``count`` visits shared among ``visitors``: one each, the rest to a frequent few."""
    if not visitors:
        return []
    weights = [rng.paretovariate(1.4) for _ in visitors]
    extra = Counter(rng.choices(range(len(visitors)), weights=weights, k=count - len(visitors)))
    rows = []
    for index, (person, code) in enumerate(visitors):
        for _ in range(1 + extra[index]):
            rows.append((code, person, _moment(rng, days)))
    return rows


def create_antennas(rng: random.Random, context: DemoContext) -> None:
    codes = [spec.code for spec in ANTENNAS]
    # "ANT-DUCHERE" → "DUCHERE"
    antennas = {s.code[4:]: s for s in Structure.objects.filter(code__in=codes)}
    if len(antennas) != len(codes):
        context.notes.append("Antennes absentes : pas de visites de démonstration.")
        return
    if Visit.objects.filter(antenna__in=antennas.values(), at__year=YEAR).exists():
        context.notes.append("Les visites 2017 des antennes sont déjà en place.")
        return
    days = _working_days(YEAR)
    total = round(REPORT_VISITS * SCALE)
    anonymous = round(total * ANONYMOUS_SHARE)
    visitors = _visitors(rng, antennas, round(REPORT_PEOPLE * SCALE))
    if not visitors:
        context.notes.append("Aucune personne de démonstration : visites anonymes seulement.")
    rows = _identified(rng, visitors, max(total - anonymous, len(visitors)), days)
    for _ in range(anonymous):
        code = _pick(rng, ANTENNA_WEIGHTS)
        rows.append((code, None, _moment(rng, days)))
    rows.sort(key=lambda row: row[2])
    desk = context.users.get("accueil")
    today = timezone.localtime().replace(second=0, microsecond=0)
    for minutes in range(TODAY_VISITS):
        person = rng.choice(visitors)[0] if visitors and minutes % 3 else None
        rows.append(("DUCHERE", person, today - datetime.timedelta(minutes=40 * (minutes + 1))))

    visits, reasons = [], []
    for code, person, at in rows:
        visit = _visit(rng, antennas[code], person, at)
        if at.date().year != YEAR and desk is not None:
            visit.recorded_by = desk
        visits.append(visit)
        reasons.append(_reasons(rng))
    Visit.objects.bulk_create(visits, batch_size=BATCH_SIZE)
    VisitReason.objects.bulk_create(
        [VisitReason(visit=v, reason=r) for v, rs in zip(visits, reasons, strict=True) for r in rs],
        batch_size=BATCH_SIZE,
    )
    _follow(visits)
    of_year = [v for v in visits if v.at.year == YEAR]
    context.count(f"visites en antenne {YEAR} (échelle 1/{round(1 / SCALE)})", len(of_year))
    context.count(
        f"personnes reçues en antenne {YEAR} (échelle 1/{round(1 / SCALE)})",
        len({v.person_id for v in of_year if v.person_id}),
    )


def _visit(rng: random.Random, antenna: Structure, person: Person | None, at) -> Visit:
    if person is None:
        postcode = rng.choice(TERRITORIES.get(antenna.territory, ("",)))
        sex, band = rng.choice("FM"), _pick(rng, ANONYMOUS_AGE_WEIGHTS)
    else:
        postcode, sex = person.postcode, person.sex
        band = age_band(person.birth_date, at.date())
    return Visit(
        antenna=antenna,
        person=person,
        sex=sex,
        age_band=band,
        postcode=postcode,
        orientation=_pick(rng, ORIENTATION_WEIGHTS),
        at=at,
    )


def _follow(visits: list[Visit]) -> None:
    """The antenna follows each of its identified visitors from their first visit."""
    first: dict[tuple[int, int], datetime.date] = {}
    for visit in visits:
        if visit.person_id:
            key = (visit.person_id, visit.antenna_id)
            day = timezone.localdate(visit.at)
            first[key] = min(first.get(key, day), day)
    existing = set(
        Followup.objects.filter(
            structure_id__in={a for _, a in first}, person_id__in={p for p, _ in first}
        ).values_list("person_id", "structure_id")
    )
    Followup.objects.bulk_create(
        [
            Followup(
                person_id=p, structure_id=a, service=Followup.Service.RECEPTION, started_on=day
            )
            for (p, a), day in first.items()
            if (p, a) not in existing
        ],
        batch_size=BATCH_SIZE,
    )
