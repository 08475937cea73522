"""Demo charter: signatures, commitments (≈ 55 % realised in 2017), sponsorships, the 2017 evening.

Runs after ``create_companies_crm`` (it reads the demo companies' charter dates,
contacts, owners and interactions) and ``create_recruitment`` (placements as
evidence, the people the Service Entreprises follows as godchildren). UNIQLO
signed on 27 July 2017, as in the seed.

Idempotent: a signature is created only for a signatory without one, commitments
only for a signatory without any, sponsorships only when the demo companies have
none, the 2017 evening's guests only when it has none.
"""

import datetime
import random

from django.db.models import Min

from maillage.charter.figures import commitments_of_year
from maillage.charter.models import (
    AXES,
    Commitment,
    CommitmentKind,
    Evening,
    EvidenceKind,
    Guest,
    GuestStatus,
    Signature,
    Sponsorship,
    SponsorshipOutcome,
)
from maillage.companies.models import Company, Contact, Interaction
from maillage.demo import names
from maillage.demo.base import DemoContext
from maillage.demo.companies import EXTERNAL_ID_PREFIX
from maillage.organisations.models import Structure
from maillage.people.models import Followup
from maillage.recruitment.models import Placement

YEAR = 2017
REALISED_SHARE = (
    0.55  # "En 2017, 55% des engagements pris par les 351 entreprises ont été réalisés."
)
NEW_KINDS_FROM = datetime.date(2017, 3, 20)  # the 2017 charter added its new commitments
UNIQLO_SIGNED_ON = datetime.date(2017, 7, 27)
SPONSORSHIPS = 25  # "18 entreprises ont parrainé 25 filleuls."
SPONSOR_COMPANIES = 18
EVENING = {
    "held_on": datetime.date(2017, 3, 20),
    "title": "Lancement de la charte des « 1 000 entreprises pour l'insertion et l'emploi »",
    "place": "Musée des Confluences",
}
FUNCTIONS = ("Gérant", "Directrice générale", "Président", "Directrice des ressources humaines")
DESCRIPTIONS = {
    CommitmentKind.RECRUITMENT: "Transmettre les offres d'emploi au Service Entreprises.",
    CommitmentKind.PROMOTE_JOBS: "Accueillir une Rencontre Métiers.",
    CommitmentKind.RETURN_TO_WORK: "Participer aux simulations d'entretien.",
    CommitmentKind.TRAINING: "Accueillir des personnes en immersion (PMSMP).",
    CommitmentKind.TERRITORY: "Participer au club d'entreprises du quartier.",
    CommitmentKind.INNOVATIVE_ACTIONS: "Tester le recrutement par simulation.",
    CommitmentKind.INCLUSIVE_RECRUITMENT: "Recruter sans CV sur un poste.",
    CommitmentKind.TESTIFY: "Témoigner lors d'une matinale.",
}


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _signatories() -> list[Company]:
    return list(
        Company.objects.filter(
            external_id__startswith=EXTERNAL_ID_PREFIX, charter_signed_on__isnull=False
        ).order_by("external_id")
    )


def _sign_uniqlo() -> None:
    Company.objects.filter(
        external_id__startswith=EXTERNAL_ID_PREFIX,
        name__startswith="UNIQLO",
        charter_signed_on__isnull=True,
    ).update(charter_signed_on=UNIQLO_SIGNED_ON)


def _signatures(rng, companies, context) -> None:
    signed = set(Signature.objects.values_list("company_id", flat=True))
    first_contact = {}
    for contact in Contact.objects.filter(company__in=companies).order_by("pk"):
        first_contact.setdefault(contact.company_id, contact)
    signatures = []
    for company in companies:
        contact = first_contact.get(company.pk)
        name = (
            str(contact)
            if contact
            else f"{rng.choice(('Anne', 'Pierre', 'Leïla', 'Youssef'))} "
            f"{rng.choice(names.last_names())}"
        )
        function = contact.function if contact and contact.function else rng.choice(FUNCTIONS)
        if company.pk not in signed:
            signatures.append(
                Signature(
                    company=company,
                    signatory_name=name,
                    signatory_function=function,
                    officer_id=company.owner_id,
                )
            )
    Signature.objects.bulk_create(signatures)
    if signatures:
        context.count("signatures de la charte complétées", len(signatures))


def _draw_commitments(rng, company) -> list[Commitment]:
    kinds = list(AXES)
    if company.charter_signed_on >= NEW_KINDS_FROM:
        kinds += [k for k in CommitmentKind if k not in AXES]
    chosen = sorted(rng.sample(kinds, rng.randint(2, 4)))
    return [
        Commitment(
            company=company,
            kind=kind,
            description=DESCRIPTIONS[kind] if rng.random() < 0.6 else "",
            taken_on=company.charter_signed_on,
            due_on=company.charter_signed_on + datetime.timedelta(days=730),
        )
        for kind in chosen
    ]


def _follow(rng, commitments, today) -> None:
    """Realise or drop them: before 2017 some, then 55 % of those followed in 2017, then later."""
    start = datetime.date(YEAR, 1, 1)
    end = datetime.date(YEAR, 12, 31)
    followed = []
    for c in commitments:
        if c.taken_on < start and rng.random() < 0.3:
            c.realised_on = _day(rng, c.taken_on, start - datetime.timedelta(days=1))
            c.evidence_kind, c.evidence_note = EvidenceKind.NOTE, "Action réalisée."
        elif c.taken_on <= end:
            followed.append(c)
        elif rng.random() < 0.4:
            c.realised_on = _day(rng, c.taken_on, today)
            c.evidence_kind, c.evidence_note = EvidenceKind.NOTE, "Action réalisée."
    rng.shuffle(followed)
    realised = round(len(followed) * REALISED_SHARE)
    for number, c in enumerate(followed):
        if number < realised:
            c.realised_on = _day(rng, max(c.taken_on, start), end)
            c.evidence_kind, c.evidence_note = EvidenceKind.NOTE, "Action réalisée."
        elif number < realised + len(followed) // 10:
            c.dropped_on = _day(rng, max(c.taken_on, start), end)
            c.evidence_note = "L'entreprise n'a pas donné suite."
        elif rng.random() < 0.5:
            c.realised_on = _day(rng, datetime.date(YEAR + 1, 1, 1), today)
            c.evidence_kind, c.evidence_note = EvidenceKind.NOTE, "Action réalisée."


def _evidence(commitments) -> None:
    """Where the company has a done interaction or a placement that fits, use it as evidence."""
    ids = {c.company_id for c in commitments if c.realised_on}
    interactions, placements = {}, {}
    for i in Interaction.objects.filter(company_id__in=ids, done=True).order_by("occurred_at"):
        interactions.setdefault(i.company_id, []).append(i)
    for p in Placement.objects.filter(company_id__in=ids).order_by("started_on", "pk"):
        placements.setdefault(p.company_id, []).append(p)
    for c in commitments:
        if not c.realised_on:
            continue
        if c.kind == CommitmentKind.RECRUITMENT:
            fits = [p for p in placements.get(c.company_id, []) if p.started_on <= c.realised_on]
            if fits and fits[-1].started_on >= c.taken_on:
                c.evidence_kind, c.placement, c.evidence_note = "placement", fits[-1], ""
                continue
        fits = [
            i
            for i in interactions.get(c.company_id, [])
            if c.taken_on <= i.occurred_at.date() <= c.realised_on
        ]
        if fits:
            c.evidence_kind, c.interaction, c.evidence_note = "interaction", fits[-1], ""


def _commitments(rng, companies, context) -> None:
    with_any = set(Commitment.objects.values_list("company_id", flat=True))
    drawn = [c for company in companies for c in _draw_commitments(rng, company)]
    missing = [c for c in drawn if c.company_id not in with_any]
    _follow(rng, missing, context.today)
    _evidence(missing)
    Commitment.objects.bulk_create(missing, batch_size=1000)
    if missing:
        context.count("engagements de la charte créés", len(missing))
        figures = commitments_of_year(YEAR)
        done = figures.filter(realised_on__year=YEAR).count()
        context.notes.append(
            f"Charte {YEAR} : {done} engagements réalisés sur {figures.count()} suivis."
        )


def _sponsorships(rng, companies, context) -> None:
    if Sponsorship.objects.filter(company__in=companies).exists():
        return
    structure = context.structures.get("ALLIES")
    people = list(
        Followup.objects.filter(structure=structure, service=Followup.Service.COMPANIES)
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()[:400]
        if structure is not None
        else []
    )
    sponsors = [c for c in companies if c.charter_signed_on.year <= YEAR]
    if len(people) < SPONSORSHIPS or len(sponsors) < SPONSOR_COMPANIES:
        context.notes.append(
            "Parrainages non créés : pas assez de personnes suivies ou de signataires."
        )
        return
    sponsors = rng.sample(sponsors, SPONSOR_COMPANIES)
    contacts = {}
    for contact in Contact.objects.filter(company__in=sponsors, active_until__isnull=True):
        contacts.setdefault(contact.company_id, []).append(contact)
    pairs = []
    for number, person_id in enumerate(rng.sample(people, SPONSORSHIPS)):
        company = sponsors[number % SPONSOR_COMPANIES]
        started = _day(rng, datetime.date(YEAR, 1, 9), datetime.date(YEAR, 11, 30))
        sponsorship = Sponsorship(company=company, person_id=person_id, started_on=started)
        if contacts.get(company.pk) and rng.random() < 0.8:
            sponsorship.sponsor_contact = rng.choice(contacts[company.pk])
        else:
            sponsorship.sponsor_name = f"{rng.choice(('Hélène', 'Marc', 'Sonia'))} " + rng.choice(
                names.last_names()
            )
        if rng.random() < 0.7:
            sponsorship.ended_on = min(
                started + datetime.timedelta(days=rng.randint(60, 300)), context.today
            )
            sponsorship.outcome = rng.choices(list(SponsorshipOutcome), weights=(45, 20, 20, 15))[0]
        pairs.append(sponsorship)
    Sponsorship.objects.bulk_create(pairs)
    context.count("parrainages créés", len(pairs))


def _evening(rng, context) -> None:
    evening, _ = Evening.objects.get_or_create(year=YEAR, defaults=EVENING)
    if evening.guests.exists():
        return
    held_on = evening.held_on
    contacts = Contact.objects.filter(
        company__charter_signed_on__lte=held_on, company__external_id__startswith=EXTERNAL_ID_PREFIX
    ).order_by("pk")
    statuses = [
        GuestStatus.PRESENT,
        GuestStatus.DECLINED,
        GuestStatus.INVITED,
        GuestStatus.CONFIRMED,
    ]
    guests = [
        Guest(
            evening=evening,
            company_id=contact.company_id,
            contact=contact,
            status=rng.choices(statuses, weights=(70, 15, 10, 5))[0],
        )
        for contact in contacts
        if contact.active_from is None or contact.active_from <= held_on
    ]
    partners = Structure.objects.exclude(code="ALLIES").order_by("code")[:40]
    guests += [
        Guest(
            evening=evening,
            structure=structure,
            status=rng.choices(statuses, weights=(60, 25, 10, 5))[0],
        )
        for structure in partners
    ]
    Guest.objects.bulk_create(guests)
    context.count("invités de la soirée 2017", len(guests))


def create_charter(rng: random.Random, context: DemoContext) -> None:
    _sign_uniqlo()
    companies = _signatories()
    if not companies:
        context.notes.append(
            "Charte : aucune entreprise signataire (créez d'abord les entreprises)."
        )
        return
    _signatures(rng, companies, context)
    _commitments(rng, companies, context)
    _sponsorships(rng, companies, context)
    _evening(rng, context)
    first = Company.objects.aggregate(first=Min("charter_signed_on"))["first"]
    context.notes.append(f"Charte : {len(companies)} signataires depuis le {first:%d/%m/%Y}.")
