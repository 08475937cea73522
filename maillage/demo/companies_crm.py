"""Demo company relationship: owners, clubs and networks, contacts, 2017-to-now interactions.

Gives the demo companies (``maillage.demo.companies``) what a chargé de relations
entreprises records: a commune and zone, a size band, an owner (mostly the
``entreprises`` demo user), tags (ALLIANCE, Club RH…), one to three contacts
(some have left: their row stays) and a timeline of appointments, visits, calls,
emails and events since 2017. The last interaction of many companies carries a
next action: some done, some coming, some late — "Mes actions" is never empty.

Fast (bulk writes) and idempotent: everything is drawn for every company, in
external-id order, and only written where it is missing (no owner, no contact,
no interaction), so a second run changes nothing.
"""

import datetime
import random

from django.utils import timezone

from maillage.accounts.models import User
from maillage.accounts.roles import Role
from maillage.companies.models import Company, CompanyTag, Contact, Interaction, TagKind
from maillage.demo import names
from maillage.demo.base import DemoContext
from maillage.demo.companies import EXTERNAL_ID_PREFIX

START = datetime.date(2017, 1, 2)
TAGS = (
    ("ALLIANCE", TagKind.NETWORK, 0.15),
    ("Club RH", TagKind.CLUB, 0.12),
    ("Club des entreprises de la Duchère", TagKind.CLUB, 0.06),
    ("Réseau Entreprendre", TagKind.NETWORK, 0.05),
    ("Fondation Agir Contre l'Exclusion", TagKind.NETWORK, 0.04),
)
CITIES = {
    "69001": "Lyon",
    "69002": "Lyon",
    "69003": "Lyon",
    "69007": "Lyon",
    "69008": "Lyon",
    "69009": "Lyon",
    "69100": "Villeurbanne",
    "69200": "Vénissieux",
    "69120": "Vaulx-en-Velin",
    "69500": "Bron",
    "69800": "Saint-Priest",
    "69300": "Caluire-et-Cuire",
    "69130": "Écully",
}
ZFU_POSTCODES = {"69009", "69120", "69200"}  # La Duchère, Vaulx-en-Velin, Les Minguettes
QPV_POSTCODES = ZFU_POSTCODES | {"69008", "69100", "69500", "69800"}
SIZE_WEIGHTS = {"01": 20, "02": 18, "03": 15, "11": 14, "12": 14, "21": 8, "22": 6, "32": 4}
STREETS = (
    "rue de la République",
    "avenue Jean Jaurès",
    "rue Garibaldi",
    "boulevard Vivier-Merle",
    "rue Marietton",
    "avenue Berthelot",
    "rue du Professeur Beauvisage",
    "route de Vienne",
)
FUNCTIONS = (
    "Gérant",
    "Directrice des ressources humaines",
    "Chargée de recrutement",
    "Responsable d'exploitation",
    "Assistante de direction",
    "Chef d'équipe",
)
KINDS = ("appointment", "visit", "call", "call", "email", "email", "event")
SUMMARIES = (
    "Présentation du PLIE et des candidats disponibles.",
    "Point sur les besoins de recrutement de la saison.",
    "Visite des locaux et des postes de travail.",
    "Retour sur l'intégration des personnes recrutées.",
    "Rencontre au petit-déjeuner du club d'entreprises.",
    "Échange sur une clause d'insertion dans un marché public.",
)
AGREED = (
    "Envoi de trois CV sous quinzaine.",
    "Organisation d'une session de recrutement collective.",
    "Accueil d'une personne en période d'immersion.",
    "Participation au prochain forum emploi.",
    "",
)
NEXT_ACTIONS = (
    "Envoyer les CV présélectionnés",
    "Relancer pour le retour sur les candidatures",
    "Planifier la visite de l'entreprise",
    "Préparer la session de recrutement",
    "Transmettre la convention d'immersion",
    "Faire le point sur la période d'essai",
)


def _owners(context: DemoContext) -> tuple[User | None, User | None]:
    chargee = context.users.get("entreprises") or (
        User.objects.filter(memberships__role=Role.COMPANY_RELATIONS).order_by("id").first()
    )
    admin = context.users.get("admin") or (
        User.objects.filter(memberships__role=Role.ADMIN).order_by("id").first()
    )
    return chargee, admin


def _moment(rng: random.Random, day: datetime.date) -> datetime.datetime:
    at = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.choice((0, 30))))
    return timezone.make_aware(at)


def _day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _contacts(rng, company, today) -> list[Contact]:
    contacts = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        since = _day_between(rng, datetime.date(2010, 1, 1), today - datetime.timedelta(days=400))
        left = None
        if rng.random() < 0.2:
            left = _day_between(rng, since + datetime.timedelta(days=180), today)
        contacts.append(
            Contact(
                company=company,
                last_name=rng.choice(names.last_names()),
                first_names=rng.choice(("Claire", "Sophie", "Nicolas", "Samir", "Inès", "Marc")),
                function=rng.choice(FUNCTIONS),
                phone=f"04 7{rng.randint(2, 8)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}",
                active_from=since,
                active_until=left,
            )
        )
    return contacts


def _interactions(rng, company, staff, today) -> list[Interaction]:
    if staff is None or rng.random() < 0.3:
        return []
    days = sorted(
        _day_between(rng, START, today - datetime.timedelta(days=1))
        for _ in range(rng.randint(1, 8))
    )
    interactions = []
    for number, day in enumerate(days):
        last = number == len(days) - 1
        interaction = Interaction(
            company=company,
            kind=rng.choice(KINDS),
            occurred_at=_moment(rng, day),
            done=True,
            staff=staff,
            summary=rng.choice(SUMMARIES),
            agreed=rng.choice(AGREED),
        )
        if rng.random() < (0.7 if last else 0.3):
            interaction.next_action = rng.choice(NEXT_ACTIONS)
            interaction.next_action_due = day + datetime.timedelta(days=rng.randint(7, 45))
            # Older actions were done; recent ones are pending, and some of those are late.
            if not last or interaction.next_action_due < today - datetime.timedelta(days=90):
                interaction.next_action_done = True
                interaction.next_action_done_on = min(interaction.next_action_due, today)
        interactions.append(interaction)
    if rng.random() < 0.15:  # a planned appointment: not done yet, it is in the future
        day = today + datetime.timedelta(days=rng.randint(2, 30))
        interactions.append(
            Interaction(
                company=company,
                kind="appointment",
                occurred_at=_moment(rng, day),
                done=False,
                staff=staff,
                summary="Rendez-vous prévu : " + rng.choice(SUMMARIES).lower(),
            )
        )
    return interactions


def create_companies_crm(rng: random.Random, context: DemoContext) -> None:
    today = context.today
    tags = {}
    for name, kind, _share in TAGS:
        tags[name], _ = CompanyTag.objects.get_or_create(name=name, defaults={"kind": kind})
    chargee, admin = _owners(context)
    companies = list(
        Company.objects.filter(external_id__startswith=EXTERNAL_ID_PREFIX).order_by("external_id")
    )
    with_contacts = set(
        Contact.objects.filter(company__in=companies).values_list("company_id", flat=True)
    )
    with_interactions = set(
        Interaction.objects.filter(company__in=companies).values_list("company_id", flat=True)
    )
    tagged = set(
        Company.tags.through.objects.filter(company__in=companies).values_list(
            "company_id", flat=True
        )
    )
    to_update, links, contacts, interactions = [], [], [], []
    for company in companies:
        owner = admin if rng.random() < 0.15 else chargee
        zfu = company.postcode in ZFU_POSTCODES and rng.random() < 0.4
        qpv = zfu or (company.postcode in QPV_POSTCODES and rng.random() < 0.3)
        size = rng.choices(list(SIZE_WEIGHTS), weights=list(SIZE_WEIGHTS.values()))[0]
        street = f"{rng.randint(1, 180)} {rng.choice(STREETS)}"
        company_tags = [tags[name] for name, _kind, share in TAGS if rng.random() < share]
        drawn_contacts = _contacts(rng, company, today)
        drawn_interactions = _interactions(rng, company, owner, today)
        if company.owner_id is None and owner is not None:
            company.owner, company.in_zfu, company.in_qpv = owner, zfu, qpv
            company.size_band = company.size_band or size
            company.address = company.address or street
            company.city = company.city or CITIES.get(company.postcode, "")
            company.search_key = company.compute_search_key()
            to_update.append(company)
        elif not company.search_key:
            company.search_key = company.compute_search_key()
            to_update.append(company)
        if company.pk not in tagged:
            links += [Company.tags.through(company=company, companytag=t) for t in company_tags]
        if company.pk not in with_contacts:
            contacts += drawn_contacts
        if company.pk not in with_interactions:
            interactions += drawn_interactions
    Company.objects.bulk_update(
        to_update,
        ["owner", "in_zfu", "in_qpv", "size_band", "address", "city", "search_key"],
        batch_size=500,
    )
    Company.tags.through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
    Contact.objects.bulk_create(contacts, batch_size=1000)
    # A contact met: one of the company's contacts, chosen once they have ids.
    by_company: dict[int, list[Contact]] = {}
    for contact in contacts:
        by_company.setdefault(contact.company_id, []).append(contact)
    for interaction in interactions:
        candidates = by_company.get(interaction.company_id)
        if candidates and rng.random() < 0.8:
            interaction.contact = rng.choice(candidates)
    Interaction.objects.bulk_create(interactions, batch_size=1000)
    late = sum(1 for i in interactions if i.is_late(today))
    for key, n in (
        ("entreprises complétées (chargé de mission, zone, effectif)", len(to_update)),
        ("contacts d'entreprise créés", len(contacts)),
        ("interactions avec les entreprises créées", len(interactions)),
        ("prochaines actions en retard", late),
    ):
        if n:
            context.count(key, n)
    if interactions and chargee is not None:
        mine = Interaction.objects.pending_actions().owned_by(chargee)
        context.notes.append(
            f"« Mes actions » de {chargee.username} : {mine.count()} action(s) en cours."
        )
