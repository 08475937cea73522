"""Demo people: fictitious residents of Lyon followed by the demo structures, outside the PLIE.

The PLIE participants, with their parcours, are drawn by ``plie.py`` with the
same functions (``draw_person``, ``build_person``); the people here are the
others: met at an antenna, accompanied by a referent structure or the Mission
Locale outside the PLIE. Their distributions follow the PLIE public of the 2017
report too (seed p. 13), where it gives them:

- age at entry: 6 % under 26, 61 % 26-45, 13 % 46-50, 20 % over 50;
- education level: 8/7/10/16/24/15/13/6/1 % (levels 1, 2, 3, 4, 5, 5 bis, 6,
  foreign diploma, unknown);
- entry years 2012-2017 weighted like the report's "répartition par année
  d'entrée", plus a share of entries since 2018 so the demo looks current;
- about 30 % living in a QPV (the report: 29-32 % of entrants a year).

The report gives no usable split by sex or arrondissement (its charts are
images): sex is 50/50 and the arrondissements are weighted towards the 8th,
9th and 7th, where most QPVs and antennas are. A person's QPV is always one
whose postcodes include the person's postcode.

Every person is followed ("accompagnement", not the PLIE) by one referent
structure of their territory (the Mission Locale for the under-26s), some also
by their territory's antenna; the structures of the demo users ``referent``
and ``referent2`` follow about 90 of them each, besides their PLIE
participants. A few
near-duplicates (same birth date, the name with or without accents, hyphens
or capitals) are there for the duplicate detection and the merge tool.
"""

import datetime
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace

from maillage.accounts.roles import Role
from maillage.demo import names
from maillage.demo.base import DemoContext
from maillage.demo.structures import (
    ANTENNA_OF_TERRITORY,
    CONVENTIONED_2017,
    TERRITORY_OF_POSTCODE,
)
from maillage.demo.users import DEMO_USERS
from maillage.organisations.models import StructureKind
from maillage.people.models import Followup, Person, Qpv

#: (weight %, youngest, oldest) — age at entry.
AGE_BRACKETS = ((6, 18, 25), (61, 26, 45), (13, 46, 50), (20, 51, 64))
EDUCATION_LEVELS = (
    ("1", 8),
    ("2", 7),
    ("3", 10),
    ("4", 16),
    ("5", 24),
    ("5bis", 15),
    ("6", 13),
    ("foreign", 6),
    ("", 1),
)
#: Postcode → weight (%). Not in the report: weighted towards the QPV arrondissements.
ARRONDISSEMENTS = {
    "69001": 6,
    "69002": 3,
    "69003": 11,
    "69004": 4,
    "69005": 8,
    "69006": 3,
    "69007": 15,
    "69008": 28,
    "69009": 22,
}
#: Postcode → probability of living in one of its QPVs (≈ 31 % overall).
QPV_SHARE = {
    "69001": 0.35,
    "69003": 0.12,
    "69004": 0.15,
    "69005": 0.15,
    "69007": 0.15,
    "69008": 0.48,
    "69009": 0.45,
}
#: Entry year → weight (report: participants at 31/12/2017 by entry year, "before
#: 2012" folded into 2012).
ENTRY_YEARS = {2012: 5, 2013: 5, 2014: 10, 2015: 17, 2016: 26, 2017: 37}
RECENT_ENTRY_SHARE = 0.4  # entries from 2018 to today
ANTENNA_SHARE = 0.4  # also followed by their territory's antenna
MARRIED_NAME_SHARE = 0.2  # women over 26 with a birth name different from their usage name
FOCUS_CASELOAD = 90  # people followed by each demo referent's structure
YOUTH_STRUCTURE = "S-MISSION-LOCALE"
FIRST_DAY = datetime.date(2012, 1, 1)
BATCH_SIZE = 500
EXTERNAL_ID_PREFIX = "DEMO-"


@dataclass
class PersonDraft:
    """A person before it is written, with the follow-ups to create."""

    last_name: str
    first_names: str
    birth_name: str
    sex: str
    birth_date: datetime.date
    postcode: str
    qpv: Qpv | None
    education_level: str
    territory: str
    young: bool
    started_on: datetime.date
    referent_code: str = ""
    service: str = Followup.Service.GENERAL
    antenna_started_on: datetime.date | None = None
    duplicate: bool = False


def _random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _entry_date(rng: random.Random, today: datetime.date) -> datetime.date:
    recent_start = datetime.date(2018, 1, 1)
    if today >= recent_start and rng.random() < RECENT_ENTRY_SHARE:
        return _random_date(rng, recent_start, today)
    year = rng.choices(list(ENTRY_YEARS), weights=list(ENTRY_YEARS.values()))[0]
    return _random_date(rng, datetime.date(year, 1, 1), min(today, datetime.date(year, 12, 31)))


def _birth_date(rng: random.Random, started_on: datetime.date) -> tuple[datetime.date, bool]:
    _, youngest, oldest = rng.choices(AGE_BRACKETS, weights=[b[0] for b in AGE_BRACKETS])[0]
    age = rng.randint(youngest, oldest)
    # Between exactly ``age`` and ``age + 1`` years old on the entry date.
    latest = started_on.replace(year=started_on.year - age, day=min(started_on.day, 28))
    birth = latest - datetime.timedelta(days=rng.randint(0, 364))
    return birth, youngest < 26


def draw_person(
    rng: random.Random,
    today: datetime.date,
    qpvs_by_postcode: dict[str, list[Qpv]],
    started_on: datetime.date | None = None,
) -> PersonDraft:
    """A person met on ``started_on`` (drawn when not given); age, education, QPV as the report."""
    sex = rng.choice("FM")
    if started_on is None:
        started_on = _entry_date(rng, today)
    birth_date, young = _birth_date(rng, started_on)
    last_name = rng.choice(names.last_names())
    birth_name = ""
    if sex == "F" and not young and rng.random() < MARRIED_NAME_SHARE:
        birth_name = rng.choice(names.last_names())
        if birth_name == last_name:
            birth_name = ""
    postcode = rng.choices(list(ARRONDISSEMENTS), weights=list(ARRONDISSEMENTS.values()))[0]
    qpv = None
    candidates = qpvs_by_postcode.get(postcode)
    # Always draw, so the sequence does not depend on which QPVs are loaded.
    in_qpv = rng.random() < QPV_SHARE.get(postcode, 0)
    if candidates and in_qpv:
        qpv = rng.choice(candidates)
    level = rng.choices(
        [code for code, _ in EDUCATION_LEVELS], weights=[w for _, w in EDUCATION_LEVELS]
    )[0]
    return PersonDraft(
        last_name=last_name,
        first_names=rng.choice(names.first_names(sex)),
        birth_name=birth_name,
        sex=sex,
        birth_date=birth_date,
        postcode=postcode,
        qpv=qpv,
        education_level=level,
        territory=TERRITORY_OF_POSTCODE[postcode],
        young=young,
        started_on=started_on,
    )


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def name_variants(draft: PersonDraft) -> list[tuple[str, str]]:
    """(last name, first names) spellings of the same person, as another desk would type them."""
    variants = []
    for last, first in (
        (strip_accents(draft.last_name), draft.first_names),
        (draft.last_name, strip_accents(draft.first_names)),
        (draft.last_name, draft.first_names.replace("-", " ")),
        (draft.last_name.replace("'", " "), draft.first_names),
    ):
        if (last, first) != (draft.last_name, draft.first_names):
            variants.append((last, first))
    return variants


def assign_referents(
    rng: random.Random, drafts: list[PersonDraft], focus_codes: list[str], caseload: int
) -> None:
    """A referent structure for each draft: the focus structures get ``caseload`` people each."""
    specs = {spec.code: spec for spec in CONVENTIONED_2017}
    referents = [spec.code for spec in CONVENTIONED_2017 if spec.kind == StructureKind.REFERENT]
    by_territory: dict[str, list[str]] = defaultdict(list)
    for code in referents:
        if code not in focus_codes and code != YOUTH_STRUCTURE:
            by_territory[specs[code].territory].append(code)
    fallback = [code for codes in by_territory.values() for code in codes]

    for draft in drafts:
        if draft.young:
            draft.referent_code = YOUTH_STRUCTURE
    for code in focus_codes:
        territory = specs[code].territory
        free = [d for d in drafts if not d.referent_code]
        local = [d for d in free if d.territory == territory]
        others = [d for d in free if d.territory != territory]
        chosen = rng.sample(local, min(caseload, len(local)))
        chosen += rng.sample(others, min(caseload - len(chosen), len(others)))
        for draft in chosen:
            draft.referent_code = code
    for draft in drafts:
        if not draft.referent_code:
            draft.referent_code = rng.choice(by_territory.get(draft.territory) or fallback)


def draw_people(
    rng: random.Random,
    count: int,
    today: datetime.date,
    qpvs_by_postcode: dict[str, list[Qpv]],
) -> list[PersonDraft]:
    """``count`` people (near-duplicates included), with their follow-ups; no database access."""
    duplicates = max(count // 250, min(3, count // 20))
    drafts = [draw_person(rng, today, qpvs_by_postcode) for _ in range(count - duplicates)]
    focus_codes = [u.structure_code for u in DEMO_USERS if u.role == Role.REFERENT]
    caseload = min(FOCUS_CASELOAD, max(5, count // 10))
    assign_referents(rng, drafts, focus_codes, caseload)
    for draft in drafts:
        if rng.random() < ANTENNA_SHARE:
            earlier = draft.started_on - datetime.timedelta(days=rng.randint(0, 180))
            draft.antenna_started_on = max(FIRST_DAY, earlier)

    # Near-duplicates: another desk created the same person again, spelled differently.
    others = [
        code
        for code in dict.fromkeys(d.referent_code for d in drafts)
        if code not in focus_codes and code != YOUTH_STRUCTURE
    ]
    sources = [d for d in drafts if name_variants(d)]
    for source in rng.sample(sources, min(duplicates, len(sources))):
        last, first = rng.choice(name_variants(source))
        later = source.started_on + datetime.timedelta(days=rng.randint(30, 900))
        drafts.append(
            replace(
                source,
                last_name=last,
                first_names=first,
                education_level="",
                started_on=min(later, today),
                referent_code=rng.choice(
                    [c for c in others if c != source.referent_code] or [source.referent_code]
                ),
                service=Followup.Service.GENERAL,
                antenna_started_on=None,
                duplicate=True,
            )
        )
    rng.shuffle(drafts)
    return drafts


def build_person(draft: PersonDraft, external_id: str) -> Person:
    """The unsaved ``Person`` of a draft, ready for ``bulk_create``."""
    person = Person(
        external_id=external_id,
        last_name=draft.last_name,
        first_names=draft.first_names,
        birth_name=draft.birth_name,
        sex=draft.sex,
        birth_date=draft.birth_date,
        postcode=draft.postcode,
        city="Lyon",
        qpv=draft.qpv,
        education_level=draft.education_level,
    )
    # bulk_create skips save(), which computes the search key.
    person.search_key = person.compute_search_key()
    return person


def create_people(rng: random.Random, context: DemoContext) -> None:
    if context.people_count <= 0:
        return
    if Person.objects.filter(external_id__startswith=EXTERNAL_ID_PREFIX).exists():
        context.notes.append("Les personnes de démonstration sont déjà en place.")
        return
    if Person.objects.exists():
        context.notes.append(
            "La base contient déjà des personnes : aucune personne de démonstration "
            "n'a été ajoutée."
        )
        return

    qpvs_by_postcode: dict[str, list[Qpv]] = defaultdict(list)
    for qpv in Qpv.objects.order_by("code"):
        for postcode in qpv.postcodes.split():
            qpvs_by_postcode[postcode].append(qpv)
    drafts = draw_people(rng, context.people_count, context.today, qpvs_by_postcode)

    people = [
        build_person(draft, f"{EXTERNAL_ID_PREFIX}{number:05d}")
        for number, draft in enumerate(drafts, start=1)
    ]
    Person.objects.bulk_create(people, batch_size=BATCH_SIZE)

    followups = []
    for person, draft in zip(people, drafts, strict=True):
        followups.append(
            Followup(
                person=person,
                structure=context.structures[draft.referent_code],
                service=draft.service,
                started_on=draft.started_on,
            )
        )
        if draft.antenna_started_on:
            followups.append(
                Followup(
                    person=person,
                    structure=context.structures[ANTENNA_OF_TERRITORY[draft.territory]],
                    service=Followup.Service.RECEPTION,
                    started_on=draft.antenna_started_on,
                )
            )
    Followup.objects.bulk_create(followups, batch_size=BATCH_SIZE)

    context.people = people
    context.count("personnes créées", len(people))
    context.count("dont quasi-doublons", sum(d.duplicate for d in drafts))
    context.count("personnes en QPV", sum(d.qpv is not None for d in drafts))
    context.count("suivis créés", len(followups))
