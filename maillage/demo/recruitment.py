"""Demo recruitment support of 2017: the seed's four large campaigns, offers, placements.

The campaigns of the report (EXKI, Intermarché Berliet, Primark, UNIQLO) get
fictitious candidates whose funnel by channel resembles the report's tables
(Primark's "Analyse globale" and "Analyse du public du réseau", made
non-increasing along the stages); the 196 placements of recruitment support
(the campaigns' hires among them) are the report's. The other channels' placements
come from their own modules' demo steps, tied to their records: 968 clause
placements (clauses), 98 IOD hires (iod), 66 Dating Emploi contracts (events).
With fewer demo people than needed, every count is scaled down.

Idempotent: nothing is written when the demo campaigns exist already.
"""

import datetime
import math
import random

from maillage.companies.models import Company
from maillage.demo.base import DemoContext
from maillage.demo.companies import fake_siret
from maillage.people.models import Followup, Person
from maillage.recruitment.models import (
    FUNNEL,
    Campaign,
    CampaignSession,
    Candidacy,
    ContractType,
    JobOffer,
    OfferSource,
    OfferStatus,
    Placement,
    PlacementChannel,
    Stage,
    StageChange,
)

YEAR = 2017
CODE_PREFIX = "DEMO-CAMP-"
#: channel → candidacies reaching at least: positioned, CV sent, convened, info session,
#: interview, hired (a candidate stopped after "CV sent" withdrew, like Primark's 11).
CAMPAIGNS = {
    "EXKI": {
        "company": "EXKI République",
        "title": "EXKI — ouverture rue de la République",
        "opened_on": datetime.date(2017, 11, 6),
        "sessions": [("information", 27, "Locaux du Service Entreprises")] * 3,
        "funnel": {
            "pole_emploi_offer": (15, 15, 12, 8, 8, 4),
            "mission_locale": (8, 8, 6, 5, 5, 4),
            "garantie_jeunes": (2, 2, 2, 1, 1, 1),
            "plie": (4, 4, 3, 3, 3, 1),
            "network": (4, 4, 3, 2, 2, 1),
        },
    },
    "INTERMARCHE": {
        "company": "Intermarché Berliet",
        "title": "Intermarché Berliet — ouverture Lyon 8e",
        "opened_on": datetime.date(2017, 4, 3),
        "sessions": [
            ("information", 24, "Antenne Mermoz/Bachut"),
            ("information", 26, "Locaux du Service Entreprises"),
            ("interviews", 40, "Espace 101"),
        ],
        "funnel": {
            "pole_emploi_offer": (55, 55, 50, 46, 10, 2),
            "plie": (22, 22, 20, 18, 6, 2),
            "rsa": (9, 9, 8, 7, 2, 2),
            "mission_locale": (15, 15, 14, 13, 4, 3),
            "garantie_jeunes": (6, 6, 6, 6, 2, 2),
            "network": (7, 7, 6, 5, 1, 0),
        },
    },
    "PRIMARK": {
        "company": "Primark Lyon",
        "title": "Primark — session de recrutement de novembre",
        "opened_on": datetime.date(2017, 10, 16),
        "sessions": [
            ("information", 30, "Locaux du Service Entreprises"),
            ("interviews", 31, "Locaux du Service Entreprises"),
        ],
        "funnel": {
            "pole_emploi_offer": (75, 75, 67, 17, 15, 15),
            "plie": (7, 7, 7, 5, 5, 3),
            "rsa": (4, 4, 4, 2, 2, 2),
            "mission_locale": (17, 17, 17, 7, 7, 6),
            "garantie_jeunes": (6, 6, 6, 5, 5, 3),
            "network": (32, 32, 29, 19, 15, 8),
        },
    },
    "UNIQLO": {
        "company": "UNIQLO Lyon",
        "title": "UNIQLO — ouverture du magasin",
        "opened_on": datetime.date(2017, 5, 15),
        "sessions": [("interviews", 40 + d, "Pôle emploi") for d in range(6)]
        + [("interviews", 50 + d, "Locaux du Service Entreprises") for d in range(3)]
        + [("induction", 90 + d, "Locaux du Service Entreprises") for d in range(3)],
        "funnel": {
            "pole_emploi_offer": (450, 450, 400, 180, 170, 44),
            "mission_locale": (65, 65, 60, 30, 28, 16),
            "garantie_jeunes": (27, 27, 25, 18, 16, 10),
            "rsa": (12, 12, 10, 7, 6, 4),
            "plie": (24, 24, 20, 10, 9, 4),
            "network": (20, 20, 16, 6, 5, 2),
        },
    },
}
PLACEMENTS = {PlacementChannel.RECRUITMENT_SUPPORT: 196}
OFFERS = [
    ("Agent de propreté", "K2204", "Nettoyage de locaux", ContractType.CDI, 24),
    (
        "Employé polyvalent de restauration",
        "G1603",
        "Personnel polyvalent en restauration",
        ContractType.CDD,
        30,
    ),
    (
        "Vendeur en prêt-à-porter",
        "D1214",
        "Vente en habillement et accessoires de la personne",
        ContractType.CDI,
        35,
    ),
    ("Aide à domicile", "K1304", "Services domestiques", ContractType.CDI, 28),
    (
        "Préparateur de commandes",
        "N1103",
        "Magasinage et préparation de commandes",
        ContractType.INTERIM,
        35,
    ),
    (
        "Manœuvre du BTP",
        "F1704",
        "Préparation du gros œuvre et des travaux publics",
        ContractType.CDD,
        35,
    ),
    ("Agent de sécurité", "K2503", "Sécurité et surveillance privées", ContractType.CDI, 35),
]


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _company(rng: random.Random, key: str, name: str) -> Company:
    company, _ = Company.objects.get_or_create(
        external_id=f"DEMO-ENT-{key}",
        defaults={"name": name, "siret": fake_siret(rng), "naf": "47.71Z", "postcode": "69002"},
    )
    return company


def create_recruitment(rng: random.Random, context: DemoContext) -> None:
    if Campaign.objects.filter(code__startswith=CODE_PREFIX).exists():
        return
    people = list(Person.objects.order_by("pk").values_list("pk", "birth_date"))
    companies = list(
        Company.objects.filter(external_id__regex=r"^DEMO-ENT-\d+$").values_list("pk", flat=True)
    )
    if not people or not companies:
        context.notes.append("Recrutement : pas de personnes ou d'entreprises de démonstration.")
        return
    needed = max(sum(c["funnel"][k][0] for k in c["funnel"]) for c in CAMPAIGNS.values())
    scale = min(1.0, len(people) / max(needed, sum(PLACEMENTS.values())))
    young = [pk for pk, born in people if born and born.year >= 1991]
    structure = context.structures.get("ALLIES")

    candidacies, hires = _campaigns(rng, people, young, scale)
    offers = _offers(rng, companies)
    if offers:
        for offer in offers[:4]:
            for pk in rng.sample([p for p, _ in people], min(3, len(people))):
                candidacies.append(
                    (
                        Candidacy(
                            person_id=pk,
                            offer=offer,
                            channel="plie",
                            positioned_on=offer.published_on,
                            stage=Stage.CV_SENT,
                            reached=1,
                        ),
                        [
                            (Stage.POSITIONED, offer.published_on),
                            (Stage.CV_SENT, offer.published_on),
                        ],
                    )
                )
    Candidacy.objects.bulk_create([c for c, _ in candidacies], batch_size=500)
    StageChange.objects.bulk_create(
        [StageChange(candidacy=c, stage=s, date=d) for c, steps in candidacies for s, d in steps],
        batch_size=1000,
    )
    if structure is not None:
        followed = set(
            Followup.objects.filter(
                structure=structure, service=Followup.Service.COMPANIES
            ).values_list("person_id", flat=True)
        )
        new = {c.person_id for c, _ in candidacies} - followed
        Followup.objects.bulk_create(
            [
                Followup(
                    person_id=pk,
                    structure=structure,
                    service=Followup.Service.COMPANIES,
                    started_on=datetime.date(YEAR, 1, 2),
                )
                for pk in sorted(new)
            ],
            batch_size=1000,
        )
    placements = _placements(rng, people, companies, hires, scale)
    Placement.objects.bulk_create(placements, batch_size=1000)
    context.count("campagnes de recrutement créées", len(CAMPAIGNS))
    context.count("candidatures créées", len(candidacies))
    context.count("mises à l'emploi créées", len(placements))


def _campaigns(rng, people, young, scale):
    candidacies, hires = [], []
    all_pks = [pk for pk, _ in people]
    for key, spec in CAMPAIGNS.items():
        company = _company(rng, key, spec["company"])
        opened = spec["opened_on"]
        campaign = Campaign.objects.create(
            company=company, code=f"{CODE_PREFIX}{key}", title=spec["title"], opened_on=opened
        )
        CampaignSession.objects.bulk_create(
            CampaignSession(
                campaign=campaign, kind=kind, date=opened + datetime.timedelta(days=d), place=place
            )
            for kind, d, place in spec["sessions"]
        )
        used: set[int] = set()
        for channel, counts in spec["funnel"].items():
            counts = [math.ceil(n * scale) for n in counts]  # keeps the order, never 0
            pool = (
                young
                if channel in ("mission_locale", "garantie_jeunes") and len(young) > 60
                else all_pks
            )
            for i in range(counts[0]):
                free = [p for p in pool if p not in used] or [p for p in all_pks if p not in used]
                if not free:  # fewer demo people than candidates: the campaign stays smaller
                    break
                pk = rng.choice(free)
                used.add(pk)
                reached = max(r for r in range(len(FUNNEL)) if i < counts[r])
                positioned = opened - datetime.timedelta(days=rng.randint(5, 20))
                steps = [
                    (FUNNEL[r], positioned + datetime.timedelta(days=3 * r))
                    for r in range(reached + 1)
                ]
                stage = FUNNEL[reached]
                if reached < len(FUNNEL) - 1:
                    stage = Stage.WITHDRAWN if reached == 1 else Stage.NOT_RETAINED
                    steps.append((stage, steps[-1][1] + datetime.timedelta(days=1)))
                candidacy = Candidacy(
                    person_id=pk,
                    campaign=campaign,
                    channel=channel,
                    positioned_on=positioned,
                    stage=stage,
                    reached=reached,
                    hired_on=steps[-1][1] if stage == Stage.HIRED else None,
                )
                candidacies.append((candidacy, steps))
                if stage == Stage.HIRED:
                    hires.append((candidacy, company))
    return candidacies, hires


def _offers(rng, companies):
    offers = []
    for n, (title, code, label, contract, hours) in enumerate(OFFERS * 3, start=1):
        offers.append(
            JobOffer(
                company_id=rng.choice(companies),
                reference=f"DEMO-OFFRE-{n:03d}",
                title=title,
                rome_code=code,
                rome_label=label,
                contract_type=contract,
                weekly_hours=hours,
                location="Lyon",
                posts=rng.randint(1, 4),
                status=rng.choice(
                    [OfferStatus.OPEN, OfferStatus.OPEN, OfferStatus.FILLED, OfferStatus.CANCELLED]
                ),
                source=rng.choice(list(OfferSource.values)),
                published_on=_day(rng, datetime.date(YEAR, 1, 9), datetime.date(YEAR, 12, 15)),
            )
        )
    return JobOffer.objects.bulk_create(offers)


def _placements(rng, people, companies, hires, scale):
    placements = [
        Placement(
            person_id=c.person_id,
            company=company,
            contract_type=ContractType.CDI,
            started_on=c.hired_on,
            channel=PlacementChannel.RECRUITMENT_SUPPORT,
            candidacy=c,
            external_id=f"DEMO-MAE-C{c.pk}",
        )
        for c, company in hires
    ]
    pool = [pk for pk, _ in people]
    rng.shuffle(pool)
    n = 0
    for channel, count in PLACEMENTS.items():
        target = round(count * scale)
        if channel == PlacementChannel.RECRUITMENT_SUPPORT:
            target = max(0, target - len(hires))
        for _ in range(target):
            n += 1
            placements.append(
                Placement(
                    person_id=pool[n % len(pool)],
                    company_id=rng.choice(companies),
                    contract_type=rng.choice(
                        [ContractType.CDI, ContractType.CDD, ContractType.INTERIM]
                    ),
                    started_on=_day(rng, datetime.date(YEAR, 1, 2), datetime.date(YEAR, 12, 22)),
                    channel=channel,
                    external_id=f"DEMO-MAE-{n:05d}",
                )
            )
    return placements
