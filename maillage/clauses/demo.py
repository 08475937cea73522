"""Demo clause activity of 2016-2017 resembling the seed's "Clauses sociales" pages.

2017 follows the "Tableau de synthèse" exactly (when the demo has enough people
and companies): 22 buyers, 968 people, 999 contracts, 314 183 hours, 245
companies, split between the two legal bases like the seed (738 / 230 people,
769 / 230 contracts, 266 269 / 47 914 hours, 231 / 14 companies), the Ville de
Lyon with its 30 operations (24 + 6) and the figures of its synthesis; 2016
gives the comparison (1 009 people, 1 155 contracts, 320 153 hours, 235
companies, 19 buyers: the seed's ↘ 41, ↘ 156, ↘ 5 970, ↗ 10). Some operations
are on urban-renewal sites.

Fast: everything is bulk-created (no service per row); placements and
follow-ups go through ``clauses.placements`` (one placement per person and
year, the follow-up by ALLIES so that the demo facilitator sees the people).
With fewer demo people or companies than needed, every count is scaled down.
Idempotent: nothing is written when the demo operations exist already.
"""

import calendar
import datetime as dt
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from maillage.clauses.models import (
    AwardedCompany,
    Buyer,
    BuyerContact,
    BuyerKind,
    ClauseContract,
    ClauseHours,
    ClauseOffer,
    ClauseOperation,
    CompanyRole,
    ContractKind,
    Criterion,
    Eligibility,
    FulfilmentMode,
    LegalBasis,
    MeetingKind,
    NetworkMeeting,
    Sector,
)
from maillage.clauses.placements import ensure_followups, ensure_placements
from maillage.companies.models import Company
from maillage.demo.base import DemoContext
from maillage.people.models import Person

PREFIX = "DEMO-CLA-"
CITY = "Ville de Lyon"
#: The 22 buyers of the seed's list (and their kind); the last three had no hours in 2016.
BUYERS = [
    ("État — services déconcentrés", BuyerKind.STATE),
    (CITY, BuyerKind.CITY),
    ("Grand Lyon Métropole", BuyerKind.METROPOLIS),
    ("Lyon Métropole Habitat", BuyerKind.SOCIAL_LANDLORD),
    ("GRANDLYON HABITAT", BuyerKind.SOCIAL_LANDLORD),
    ("ALLIADÉ HABITAT", BuyerKind.SOCIAL_LANDLORD),
    ("SERL", BuyerKind.DEVELOPER),
    ("SPL Lyon Confluence", BuyerKind.DEVELOPER),
    ("SACVL", BuyerKind.SOCIAL_LANDLORD),
    ("SAHLMAS", BuyerKind.SOCIAL_LANDLORD),
    ("3F Immobilier Rhône-Alpes", BuyerKind.SOCIAL_LANDLORD),
    ("Hospices Civils de Lyon", BuyerKind.HOSPITAL),
    ("Foyer Notre Dame des Sans Abris", BuyerKind.OTHER),
    ("Université Lyon 3 Jean Moulin", BuyerKind.UNIVERSITY),
    ("Lyon Campus", BuyerKind.UNIVERSITY),
    ("Université Lyon 1 Claude Bernard", BuyerKind.UNIVERSITY),
    ("SEMCODA", BuyerKind.SOCIAL_LANDLORD),
    ("Groupe AMALLIA", BuyerKind.SOCIAL_LANDLORD),
    ("Région Auvergne-Rhône-Alpes", BuyerKind.OTHER),
    ("SPL Part-Dieu", BuyerKind.DEVELOPER),
    ("IFCM", BuyerKind.OTHER),
    ("UNIBAIL-RODAMCO", BuyerKind.DEVELOPER),
]
NEW_IN_2017 = 3


@dataclass(frozen=True)
class Group:
    """Contracts of one year on one set of operations, with the seed's totals."""

    year: int
    basis: str
    city: bool  # operations of the Ville de Lyon, or of the other buyers
    contracts: int
    people: int
    hours: int
    operations: int
    companies: int


GROUPS_2017 = [
    Group(2017, LegalBasis.EXECUTION_CLAUSE, True, 128, 119, 33_775, 24, 43),
    Group(2017, LegalBasis.EXECUTION_CLAUSE, False, 641, 619, 232_494, 62, 188),
    Group(2017, LegalBasis.INSERTION_MARKET, True, 219, 219, 43_500, 6, 10),
    Group(2017, LegalBasis.INSERTION_MARKET, False, 11, 11, 4_414, 2, 4),
]
GROUP_2016 = Group(2016, LegalBasis.EXECUTION_CLAUSE, False, 1_155, 1_009, 320_153, 0, 235)
#: 2016's people who are also among 2017's.
PEOPLE_IN_BOTH_YEARS = 600
WORKS = [
    "Réhabilitation du groupe scolaire {}",
    "Construction de la résidence {}",
    "Voirie et réseaux — secteur {}",
    "Rénovation thermique des logements {}",
    "Aménagement des espaces publics {}",
]
SERVICES = [
    ("Nettoyage des locaux — lot {}", Sector.CLEANING),
    ("Entretien des espaces verts — lot {}", Sector.GREEN_SPACES),
    ("Restauration collective — lot {}", Sector.CATERING),
    ("Infogérance informatique — lot {}", Sector.IT),
    ("Maintenance de l'éclairage public — lot {}", Sector.MAINTENANCE),
]
PLACES = ["Mermoz", "La Duchère", "Langlet-Santy", "Gerland", "Vaise", "Part-Dieu", "Confluence"]
RENEWAL_SITES = {"Mermoz", "La Duchère", "Langlet-Santy"}
MEETINGS = [
    (dt.date(2017, 3, 14), MeetingKind.PLENARY, "Les clauses sociales et la méthode IOD"),
    (dt.date(2017, 5, 16), MeetingKind.WORKING_GROUP, "Les clauses immersion"),
    (
        dt.date(2017, 9, 26),
        MeetingKind.WORKING_GROUP,
        "Schéma de promotion des achats responsables",
    ),
    (dt.date(2017, 11, 21), MeetingKind.PLENARY, "La propreté et le travail en journée"),
]


def _split(rng: random.Random, total: int, n: int, floor: int = 8) -> list[int]:
    """``n`` positive integers summing exactly to ``total``, of random sizes."""
    weights = [rng.uniform(0.3, 1.7) for _ in range(n)]
    scale = (total - floor * n) / sum(weights)
    parts = [floor + int(w * scale) for w in weights]
    for i in range(total - sum(parts)):
        parts[i % n] += 1
    return parts


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _spread(rng: random.Random, hours: int, year: int) -> tuple[int, list[tuple[int, int]]]:
    """The contract's first month and its ``(month, hours)`` in ``year``, ≤ 150 h a month."""
    months = min(12, max(1, math.ceil(hours / 150)))
    first = rng.randint(1, 13 - months)
    base, extra = divmod(hours, months)
    return first, [(first + i, base + (1 if i < extra else 0)) for i in range(months)]


def _scaled(group: Group, scale: float) -> Group:
    def s(n):
        return max(1, round(n * scale))

    people = s(group.people)
    contracts = max(people, s(group.contracts))
    return Group(
        group.year,
        group.basis,
        group.city,
        contracts,
        people,
        s(group.hours),
        min(s(group.operations), contracts) if group.operations else 0,
        min(s(group.companies), contracts),
    )


def _operations(rng, buyers, groups) -> dict[Group, list[ClauseOperation]]:
    """The operations of each 2017 group (2016's contracts use those of the older buyers)."""
    city, others = buyers[CITY], [b for name, b in buyers.items() if name != CITY]
    made, number = {}, 0
    for group in groups:
        operations = []
        for i in range(group.operations):
            number += 1
            place = rng.choice(PLACES)
            # Every other buyer gets an operation, the first eight most of them.
            spread = others[i] if i < len(others) else rng.choice(others[:8])
            buyer = city if group.city else spread
            if group.basis == LegalBasis.INSERTION_MARKET or rng.random() < 0.4:
                template, sector = rng.choice(SERVICES)
            else:
                template, sector = rng.choice(WORKS), Sector.WORKS
            start = dt.date(2015, 9, 1) + dt.timedelta(days=rng.randint(0, 400))
            operations.append(
                ClauseOperation(
                    external_id=f"{PREFIX}{number:03d}",
                    buyer=buyer,
                    title=template.format(place if sector == Sector.WORKS else number),
                    sector=sector,
                    legal_basis=group.basis,
                    award_criterion=rng.random() < 0.2,
                    reserved_siae=group.basis == LegalBasis.INSERTION_MARKET and rng.random() < 0.3,
                    start_date=start,
                    end_date=dt.date(2017 + rng.randint(0, 2), rng.randint(1, 12), 28),
                    urban_renewal_site=place
                    if sector == Sector.WORKS and place in RENEWAL_SITES
                    else "",
                    advice="Heures calculées sur la part de main-d'œuvre du lot.",
                )
            )
        made[group] = operations
    return made


def _contracts(rng, group, people, operations, companies, number):
    """The group's contracts (every person, operation and company has at least one)."""
    persons = list(people) + [rng.choice(people) for _ in range(group.contracts - len(people))]
    rng.shuffle(persons)
    hours = _split(rng, group.hours, group.contracts)
    contracts, rows = [], []
    for i, (person, total) in enumerate(zip(persons, hours, strict=True)):
        operation = operations[i] if i < len(operations) else rng.choice(operations)
        company = companies[i] if i < len(companies) else rng.choice(companies)
        first, months = _spread(rng, total, group.year)
        kind = (
            ContractKind.CDDI
            if group.basis == LegalBasis.INSERTION_MARKET
            else rng.choice([ContractKind.CDD, ContractKind.INTERIM, ContractKind.CDI])
        )
        contract = ClauseContract(
            external_id=f"{PREFIX}{group.year}-{number + i:05d}",
            person_id=person,
            company=company,
            operation=operation,
            kind=kind,
            start_date=dt.date(group.year, first, 1),
            end_date=_month_end(group.year, months[-1][0]),
        )
        contracts.append(contract)
        rows.append((contract, months))
    return contracts, rows


def create_clauses(rng: random.Random, context: DemoContext) -> None:
    if ClauseOperation.objects.filter(external_id__startswith=PREFIX).exists():
        return
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    companies = list(Company.objects.order_by("pk"))
    needed_people = sum(g.people for g in GROUPS_2017) + GROUP_2016.people - PEOPLE_IN_BOTH_YEARS
    needed_companies = sum(g.companies for g in GROUPS_2017)
    scale = min(1.0, len(people) / needed_people, len(companies) / needed_companies)
    if scale < 0.02:
        context.notes.append("Clauses : pas assez de personnes ou d'entreprises de démonstration.")
        return
    groups = [_scaled(group, scale) for group in GROUPS_2017]
    old_group = _scaled(GROUP_2016, scale)

    buyers = {}
    for name, kind in BUYERS:
        buyers[name], _ = Buyer.objects.get_or_create(
            name=name, defaults={"kind": kind, "in_network": rng.random() < 0.7}
        )
    by_group = _operations(rng, buyers, groups)
    ClauseOperation.objects.bulk_create([op for ops in by_group.values() for op in ops])

    # People and companies: disjoint between 2017's groups, like the seed's totals.
    rng.shuffle(people)
    rng.shuffle(companies)
    contracts, rows, start_p, start_c, number = [], [], 0, 0, 1
    for group in groups:
        chosen = people[start_p : start_p + group.people]
        employers = companies[start_c : start_c + group.companies]
        start_p, start_c = start_p + group.people, start_c + group.companies
        made, made_rows = _contracts(rng, group, chosen, by_group[group], employers, number)
        contracts += made
        rows += made_rows
        number += len(made)
    both = round(PEOPLE_IN_BOTH_YEARS * scale)
    old_people = people[:both] + people[start_p : start_p + old_group.people - both]
    older_buyers = {buyers[name].pk for name, _ in BUYERS[: len(BUYERS) - NEW_IN_2017]}
    old_operations = [
        op for ops in by_group.values() for op in ops if op.buyer_id in older_buyers
    ] or [op for ops in by_group.values() for op in ops]
    old_companies = companies[: min(old_group.companies, len(companies))]
    made, made_rows = _contracts(rng, old_group, old_people, old_operations, old_companies, 1)
    contracts += made
    rows += made_rows

    ClauseContract.objects.bulk_create(contracts, batch_size=1000)
    hours = [
        ClauseHours(
            operation_id=contract.operation_id,
            contract=contract,
            person_id=contract.person_id,
            company_id=contract.company_id,
            month=dt.date(contract.start_date.year, month, 1),
            hours=Decimal(value),
        )
        for contract, months in rows
        for month, value in months
    ]
    ClauseHours.objects.bulk_create(hours, batch_size=2000)
    awards = {(c.operation_id, c.company_id) for c in contracts}
    AwardedCompany.objects.bulk_create(
        [
            AwardedCompany(
                operation_id=operation,
                company_id=company,
                role=rng.choice([CompanyRole.HOLDER, CompanyRole.SUBCONTRACTOR]),
                fulfilment_mode=rng.choice(FulfilmentMode.values),
            )
            for operation, company in sorted(awards)
        ],
        batch_size=1000,
    )
    _required_hours(rng, [op for ops in by_group.values() for op in ops], hours)
    placements = ensure_placements(contracts, audit=False)
    starts: dict[int, dt.date] = {}
    for contract in contracts:
        starts[contract.person_id] = min(
            contract.start_date, starts.get(contract.person_id, contract.start_date)
        )
    allies = context.structures.get("ALLIES")
    ensure_followups(starts, allies.pk if allies else None, audit=False)
    _eligibility(rng, context, contracts)
    _network(rng, context, buyers, by_group)

    context.count("donneurs d'ordre (clauses)", len(buyers))
    context.count("opérations avec clause", sum(len(ops) for ops in by_group.values()))
    context.count("contrats sous clause", len(contracts))
    context.count("heures d'insertion (mois)", len(hours))
    context.count("mises à l'emploi via les clauses", len(placements))


def _required_hours(rng, operations, hours) -> None:
    """Required hours around the realised ones: most on track, some behind (the alerts)."""
    realised: dict[int, int] = {}
    for row in hours:
        realised[row.operation_id] = realised.get(row.operation_id, 0) + int(row.hours)
    for operation in operations:
        done = realised.get(operation.pk, 0) or 500
        operation.required_hours = Decimal(round(done * rng.uniform(0.9, 1.8), -1))
        operation.hourly_cost = Decimal("28.50")
        operation.labour_share = Decimal("0.4500")
        operation.insertion_rate = Decimal("0.0500")
        operation.amount_eur = (
            operation.required_hours * operation.hourly_cost / Decimal("0.0225")
        ).quantize(Decimal("1"))
    ClauseOperation.objects.bulk_update(
        operations,
        ["required_hours", "hourly_cost", "labour_share", "insertion_rate", "amount_eur"],
        batch_size=500,
    )


def _eligibility(rng, context: DemoContext, contracts) -> None:
    """Most people were validated eligible before their first contract."""
    facilitator = context.users.get("clauses")
    if facilitator is None:
        return
    first: dict[int, dt.date] = {}
    for contract in contracts:
        first[contract.person_id] = min(
            contract.start_date, first.get(contract.person_id, contract.start_date)
        )
    prescribers = ["PLIE de Lyon", "Pôle emploi", "Mission locale", "Maison de la Métropole (RSA)"]
    Eligibility.objects.bulk_create(
        [
            Eligibility(
                person_id=person,
                criterion=rng.choice(Criterion.values[:-1]),
                checked_on=start - dt.timedelta(days=rng.randint(3, 40)),
                prescriber=rng.choice(prescribers),
                checked_by=facilitator,
            )
            for person, start in first.items()
            if rng.random() < 0.97
        ],
        batch_size=1000,
    )


def _network(rng, context: DemoContext, buyers: dict, by_group) -> None:
    """The buyers' network meetings, a contact per buyer, a few open offers."""
    members = [buyer for buyer in buyers.values() if buyer.in_network]
    for date, kind, theme in MEETINGS:
        meeting = NetworkMeeting.objects.create(date=date, kind=kind, theme=theme)
        meeting.attendees.set(rng.sample(members, min(len(members), rng.randint(6, 12))))
    BuyerContact.objects.bulk_create(
        [
            BuyerContact(
                buyer=buyer, name=f"Service des achats ({buyer.name})", job_title="Acheteur"
            )
            for buyer in buyers.values()
        ]
    )
    city_operations = [op for group, ops in by_group.items() if group.city for op in ops]
    for operation in city_operations[:3]:
        award = AwardedCompany.objects.filter(operation=operation).first()
        if award is not None:
            ClauseOffer.objects.create(
                operation=operation,
                company_id=award.company_id,
                title=rng.choice(["Agent d'entretien", "Manœuvre", "Ouvrier VRD", "Plaquiste"]),
                posts=rng.randint(1, 4),
                opened_on=context.today - dt.timedelta(days=rng.randint(5, 60)),
            )
