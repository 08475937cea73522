"""Demo ticketing: Culture pour tous in 2016-2017 at 1/10 of the report (seed p. 53-55).

The report: 283 coopérateurs culturels et sportifs, 871 coopérateurs sociaux, 44 500
invitations in 2017 (38 000 in 2016), about 15 000 outings realised (12 000 in 2016),
11 000 actionneurs registered in Lyon, 5 guichets (350 people received, about 1 200
bookings), Choreia (1 460 employees). At ``SCALE`` = 1/10: 28 cultural partners, 87
social partners, ~4 450 invitations, ~1 500 outings, ~1 100 actionneurs taken among the
demo's people, the 5 guichets of the 2017-2018 season. What the report does not give is
chosen here: kinds and territories, offers' rules, a no-show rate of about 8 %,
cancellations of about 5 %, an average party of 1.8 seats.

Besides the past years, a season to come (dates in the next weeks, from today) fills the
agenda, with some bookings of the demo référents, so the booking flow can be tried.

Runs after ``create_people`` and ``create_structures``/``create_users``. Idempotent:
partners, venues and desks are upserted by code and name; offers and bookings are written
only when the Théâtre des Célestins has no offer yet.
"""

import datetime
import random
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from maillage.culture.models import (
    Booking,
    BookingStatus,
    Channel,
    CompanyBooking,
    CulturalPartner,
    Desk,
    DeskSession,
    Offer,
    OfferDate,
    Registration,
    SocialPartner,
    Venue,
)
from maillage.demo.base import DemoContext
from maillage.demo.people import EXTERNAL_ID_PREFIX
from maillage.organisations.models import Structure, StructureKind
from maillage.people.models import Followup, Person

SCALE = 0.1
INVITATIONS = {2016: 38_000, 2017: 44_500}
OUTINGS = {2016: 12_000, 2017: 15_000}
ACTIONNEURS = 11_000
SOCIAL_PARTNERS = 87
NO_SHOW_RATE = 0.08
CANCEL_RATE = 0.05
BATCH_SIZE = 2000
CPT_CODE = "S-CULTURE-POUR-TOUS"
CELESTINS = "C-CELESTINS"

#: (code, name, kind, city, categories): 28 cultural and sports partners of the agglomeration.
CULTURAL = (
    (CELESTINS, "Théâtre des Célestins", "theatre", "Lyon", ("theatre",)),
    ("C-CROIX-ROUSSE", "Théâtre de la Croix-Rousse", "theatre", "Lyon", ("theatre", "dance")),
    ("C-TNP", "Théâtre National Populaire", "theatre", "Villeurbanne", ("theatre",)),
    ("C-TNG", "Théâtre Nouvelle Génération", "theatre", "Lyon", ("young_public", "theatre")),
    ("C-GUIGNOL", "Théâtre La Maison de Guignol", "theatre", "Lyon", ("young_public",)),
    ("C-MARRONNIERS", "Théâtre des Marronniers", "theatre", "Lyon", ("theatre",)),
    ("C-DANSE", "Maison de la Danse", "theatre", "Lyon", ("dance",)),
    ("C-OPERA", "Opéra de Lyon", "music", "Lyon", ("music", "dance")),
    ("C-AUDITORIUM", "Auditorium — Orchestre national de Lyon", "music", "Lyon", ("music",)),
    ("C-TRANSBORDEUR", "Le Transbordeur", "music", "Villeurbanne", ("music",)),
    ("C-PERISCOPE", "Le Périscope", "music", "Lyon", ("music",)),
    ("C-SUBSISTANCES", "Les Subsistances", "theatre", "Lyon", ("theatre", "dance")),
    ("C-CONFLUENCES", "Musée des Confluences", "museum", "Lyon", ("museum", "science")),
    ("C-BEAUX-ARTS", "Musée des Beaux-Arts", "museum", "Lyon", ("museum",)),
    ("C-MAC", "Musée d'art contemporain", "museum", "Lyon", ("museum",)),
    ("C-GADAGNE", "Musées Gadagne", "museum", "Lyon", ("museum", "young_public")),
    ("C-LUGDUNUM", "Lugdunum — Musée et théâtres romains", "museum", "Lyon", ("museum",)),
    ("C-CHRD", "Centre d'histoire de la résistance", "museum", "Lyon", ("museum",)),
    ("C-PLANETARIUM", "Planétarium", "museum", "Vaulx-en-Velin", ("science",)),
    ("C-LUMIERE", "Institut Lumière", "cinema", "Lyon", ("cinema",)),
    ("C-COMOEDIA", "Cinéma Comoedia", "cinema", "Lyon", ("cinema",)),
    ("C-FOURVIERE", "Les Nuits de Fourvière", "festival", "Lyon", ("festival", "music")),
    ("C-BIENNALE", "Biennale de la danse", "festival", "Lyon", ("festival", "dance")),
    ("C-QUAIS-POLAR", "Quais du Polar", "festival", "Lyon", ("festival",)),
    ("C-ASVEL", "ASVEL Basket", "sport", "Villeurbanne", ("sport",)),
    ("C-LOU", "LOU Rugby", "sport", "Lyon", ("sport",)),
    ("C-HANDBALL", "Villeurbanne Handball Association", "sport", "Villeurbanne", ("sport",)),
    ("C-BM-LYON", "Bibliothèque municipale de Lyon", "library", "Lyon", ("other", "young_public")),
)

#: The 5 guichets of the 2017-2018 season (seed p. 55), all run by Culture pour tous.
DESKS = (
    ("Bibliothèque de la Duchère", "Duchère"),
    ("MJC d'Oullins", "Oullins"),
    ("Medialys - Lyon", "Lyon"),
    ("PIMMS Etats-Unis - Lyon", "Lyon 8e"),
    ("Les Subsistances", "Lyon 1er"),
)
DESK_PEOPLE, DESK_BOOKINGS = 350, 1_200

SOCIAL_KINDS = {"social": 40, "insertion": 30, "disability": 10, "health": 8, "public": 7}
TERRITORIES = {
    "Lyon": 60,
    "Vaulx-en-Velin": 10,
    "Villeurbanne": 8,
    "Villefranche-sur-Saône": 8,
    "Saint-Priest": 5,
    "Rhône": 6,
    "Ain": 3,
}
SOCIAL_NAMES = ("Centre social", "MJC", "Maison des solidarités", "CCAS", "Foyer", "Association")
QUARTERS = (
    "Duchère",
    "Mermoz",
    "États-Unis",
    "Gerland",
    "Croix-Rousse",
    "Vaise",
    "Monplaisir",
    "Guillotière",
    "Mas du Taureau",
    "Grappinière",
    "Bel-Air",
    "Belleroche",
    "Tonkin",
    "Gratte-Ciel",
)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _cultural_partners(context: DemoContext) -> list[CulturalPartner]:
    partners = []
    for code, name, kind, city, _categories in CULTURAL:
        structure, _ = Structure.objects.update_or_create(
            code=code,
            defaults={"name": name, "kind": StructureKind.CULTURE, "city": city, "is_active": True},
        )
        partner, created = CulturalPartner.objects.update_or_create(
            structure=structure,
            defaults={"kind": kind, "territory": city, "joined_on": datetime.date(2012, 1, 1)},
        )
        Venue.objects.get_or_create(partner=partner, name=name, defaults={"city": city})
        partners.append(partner)
        if created:
            context.count("coopérateurs culturels créés")
    return partners


def _social_partners(rng: random.Random, context: DemoContext) -> list[SocialPartner]:
    """The demo's referent structures, antennas, SIAE and Culture pour tous, then others."""
    existing = [
        s
        for s in context.structures.values()
        if s.kind
        in (
            StructureKind.REFERENT,
            StructureKind.ANTENNA,
            StructureKind.SIAE,
            StructureKind.CULTURE,
        )
        and not s.code.startswith("C-")
    ]
    structures = list(existing)
    for number in range(1, SOCIAL_PARTNERS - len(existing) + 1):
        name = f"{rng.choice(SOCIAL_NAMES)} {rng.choice(QUARTERS)} ({number})"
        structure, _ = Structure.objects.get_or_create(
            code=f"CPT-SOC-{number:03d}",
            defaults={"name": name, "kind": StructureKind.OTHER, "city": "Lyon"},
        )
        structures.append(structure)
    partners = []
    for structure in structures:
        kind = (
            "insertion" if structure.kind != StructureKind.OTHER else _weighted(rng, SOCIAL_KINDS)
        )
        territory = structure.territory or _weighted(rng, TERRITORIES)
        partner, created = SocialPartner.objects.get_or_create(
            structure=structure,
            defaults={
                "kind": kind,
                "territory": territory,
                "joined_on": datetime.date(rng.randint(2010, 2016), 9, 1),
                "quota": rng.choice([None, None, None, 30, 60]),
            },
        )
        partners.append(partner)
        if created:
            context.count("coopérateurs sociaux créés")
    return partners


def _desks(partners: list[SocialPartner]) -> list[Desk]:
    cpt = next(p for p in partners if p.structure.code == CPT_CODE)
    return [
        Desk.objects.update_or_create(
            name=name, defaults={"kind": "desk", "social_partner": cpt, "territory": territory}
        )[0]
        for name, territory in DESKS
    ]


#: Demo structures whose users try the ticketing get more actionneurs (user, how many).
FEATURED = {
    "S-ALIS": ("referent", 60),
    "S-MIRLY": ("referent2", 30),
    "ANT-DUCHERE": ("accueil", 30),
}


def _registrations(rng, context, partners) -> list[Registration]:
    """About 1 100 demo people registered, each by one social partner (its referent: the
    demo user of that structure, or the culture coordinator).

    A référent registers people their structure already follows (a référent structure or an
    antenna never sees anyone else's file); other social partners (social centres, SIAE…)
    register people of the general pool, who are then followed by them for Culture pour tous.
    """
    people = list(
        Person.objects.filter(external_id__startswith=EXTERNAL_ID_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    followed: dict[int, list[int]] = {}
    for person_id, structure_id in Followup.objects.filter(person_id__in=people).values_list(
        "person_id", "structure_id"
    ):
        followed.setdefault(structure_id, []).append(person_id)
    for pool in followed.values():
        rng.shuffle(pool)
    general = list(people)
    rng.shuffle(general)
    target = min(len(people), round(ACTIONNEURS * SCALE))
    by_code = {p.structure.code: p for p in partners}
    assigned = []
    for code, (_username, n) in FEATURED.items():
        assigned += [by_code[code]] * n if code in by_code else []
    assigned += [rng.choice(partners) for _ in range(max(0, target - len(assigned)))]
    coordinator = context.users["culture"]
    registrations, followups, used = [], [], set()
    for partner in assigned:
        own = partner.structure.kind in (StructureKind.REFERENT, StructureKind.ANTENNA)
        pool = followed.get(partner.structure_id, []) if own else general
        while pool and pool[-1] in used:
            pool.pop()
        if not pool:
            continue
        person_id = pool.pop()
        used.add(person_id)
        username = FEATURED.get(partner.structure.code, ("culture", 0))[0]
        day = datetime.date(rng.choice((2015, 2016, 2017)), rng.randint(1, 12), rng.randint(1, 28))
        registrations.append(
            Registration(
                person_id=person_id,
                social_partner=partner,
                referent=context.users.get(username, coordinator),
                criterion=rng.choice(("minima", "jobseeker", "low_income", "insertion")),
                checked_on=day,
                registered_on=day,
            )
        )
        if not own:
            followups.append(
                Followup(
                    person_id=person_id,
                    structure=partner.structure,
                    service=Followup.Service.CULTURE,
                    started_on=day,
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=BATCH_SIZE)
    Followup.objects.bulk_create(followups, batch_size=BATCH_SIZE)
    context.count("actionneurs inscrits", len(registrations))
    return registrations


def _dates_of(rng, partners, venues, start, days, total_seats, channel=Channel.SOLIDARITY):
    """Offers and dates spread over ``days`` from ``start`` until ``total_seats`` are offered."""
    tz = timezone.get_current_timezone()
    offers, dates = [], []
    left = total_seats
    while left > 0:
        index = rng.randrange(len(partners))
        spec = CULTURAL[index]
        guests = rng.choice((0, 1, 1, 2, 3))
        offer = Offer(
            partner=partners[index],
            venue=venues[partners[index].pk],
            channel=channel,
            title=f"{rng.choice(TITLES[spec[4][0]])}",
            category=rng.choice(spec[4]),
            max_per_booking=guests + 1 + rng.choice((0, 1)),
            guests_allowed=guests,
            booking_closes_hours=rng.choice((24, 48)),
            wheelchair_access=rng.random() < 0.7,
            hearing_access=rng.random() < 0.2,
            visual_access=rng.random() < 0.15,
            rate=Decimal(rng.choice((8, 10, 12, 15))) if channel == Channel.CHOREIA else None,
        )
        offers.append(offer)
        for _ in range(rng.randint(1, 4)):
            seats = min(left, rng.choice((4, 6, 8, 10, 12, 20)))
            day = start + datetime.timedelta(days=rng.randrange(days))
            moment = datetime.datetime.combine(day, datetime.time(rng.choice((15, 18, 20)), 0))
            dates.append((offer, OfferDate(starts_at=timezone.make_aware(moment, tz), seats=seats)))
            left -= seats
            if left <= 0:
                break
    Offer.objects.bulk_create(offers, batch_size=BATCH_SIZE)
    for offer, offer_date in dates:
        offer_date.offer = offer
    OfferDate.objects.bulk_create([d for _, d in dates], batch_size=BATCH_SIZE)
    return [d for _, d in dates]


TITLES = {
    "theatre": ("Le Misanthrope", "Cyrano de Bergerac", "La Cerisaie", "Les Fourberies de Scapin"),
    "young_public": ("Le Petit Prince", "Pierre et le loup", "Guignol et le trésor"),
    "dance": ("Soirée danse contemporaine", "Hip-hop en scène", "Ballet de l'Opéra"),
    "music": ("Concert symphonique", "Jazz au Périscope", "Récital de piano", "Soirée rock"),
    "museum": ("Visite de l'exposition", "Visite guidée des collections", "Nocturne au musée"),
    "science": ("Séance au planétarium", "Exposition « Le ciel et nous »"),
    "cinema": ("Ciné-concert", "Avant-première", "Rétrospective Lumière"),
    "festival": ("Soirée du festival", "Journée festival en famille"),
    "sport": ("Match de championnat", "Match de coupe d'Europe"),
    "other": ("Lecture publique", "Rencontre d'auteur"),
}


def _bookings(rng, dates, registrations, users, outings_target, *, past: bool, desks):
    """Bookings on ``dates`` until about ``outings_target`` seats are realised (past years)
    or a third of the seats are booked (the season to come)."""
    bookings = []
    realised = 0
    taken = {}
    order = list(dates)
    rng.shuffle(order)
    for offer_date in order:
        if past and realised >= outings_target:
            break
        offer = offer_date.offer
        room = offer_date.seats if past else offer_date.seats // 3
        while room > 0:
            registration = rng.choice(registrations)
            guests = min(offer.guests_allowed, rng.choice((0, 0, 1, 1, 2)), room - 1)
            guests = max(guests, 0)
            if 1 + guests > room or 1 + guests > offer.max_per_booking:
                break
            if (registration.person_id, offer_date.pk) in taken:
                break
            status = BookingStatus.BOOKED
            if past:
                draw = rng.random()
                if draw < CANCEL_RATE:
                    status = BookingStatus.CANCELLED
                elif draw < CANCEL_RATE + NO_SHOW_RATE:
                    status = BookingStatus.NO_SHOW
                else:
                    status = BookingStatus.ATTENDED
                    realised += 1 + guests
            desk = rng.choice(desks) if desks and rng.random() < 0.13 else None
            bookings.append(
                Booking(
                    offer_date=offer_date,
                    person_id=registration.person_id,
                    social_partner=desk.social_partner if desk else registration.social_partner,
                    desk=desk,
                    guests=guests,
                    status=status,
                    booked_by=rng.choice(users),
                    outcome_source="venue" if status in (BookingStatus.ATTENDED,) else "",
                )
            )
            taken[(registration.person_id, offer_date.pk)] = True
            if status != BookingStatus.CANCELLED:
                room -= 1 + guests
                offer_date.booked += 1 + guests
    Booking.objects.bulk_create(bookings, batch_size=BATCH_SIZE)
    OfferDate.objects.bulk_update([d for d in dates if d.booked], ["booked"], batch_size=BATCH_SIZE)
    return bookings


def _desk_sessions(rng, desks, user, year):
    sessions = []
    per_desk = round(DESK_PEOPLE * SCALE / len(desks)) + 1
    for desk in desks:
        for week in rng.sample(range(1, 50), 6):
            day = datetime.date.fromisocalendar(year, week, 3)
            sessions.append(
                DeskSession(
                    desk=desk,
                    date=day,
                    people_received=max(1, round(per_desk / 6 * rng.uniform(0.5, 1.5))),
                    hours=Decimal("3.0"),
                    recorded_by=user,
                )
            )
    DeskSession.objects.bulk_create(sessions, ignore_conflicts=True)


def create_culture(rng: random.Random, context: DemoContext) -> None:
    """Partners, desks, actionneurs, 2016-2017 offers and outings, a season to come."""
    cultural = _cultural_partners(context)
    social = _social_partners(rng, context)
    desks = _desks(social)
    if Offer.objects.filter(partner__structure__code=CELESTINS).exists():
        context.notes.append("Les offres et réservations Culture pour tous sont déjà en place.")
        return
    if "culture" not in context.users:
        context.notes.append("Pas d'utilisateurs de démonstration : billetterie non remplie.")
        return
    users = [u for name, u in context.users.items() if name in ("referent", "referent2", "culture")]
    registrations = _registrations(rng, context, social)
    if not registrations:
        context.notes.append("Pas de personnes de démonstration : aucune réservation créée.")
        return
    venues = {v.partner_id: v for v in Venue.objects.filter(partner__in=cultural)}
    for year in (2016, 2017):
        dates = _dates_of(
            rng, cultural, venues, datetime.date(year, 1, 5), 355, round(INVITATIONS[year] * SCALE)
        )
        booked = _bookings(
            rng, dates, registrations, users, round(OUTINGS[year] * SCALE), past=True, desks=desks
        )
        context.count(f"invitations proposées {year}", sum(d.seats for d in dates))
        context.count(f"réservations {year}", len(booked))
        _desk_sessions(rng, desks, users[-1], year)

    today = timezone.localdate()
    season = _dates_of(rng, cultural, venues, today + datetime.timedelta(days=3), 60, 400)
    for username, _n in FEATURED.values():
        if username in context.users:
            user = context.users[username]
            theirs = [r for r in registrations if r.referent_id == user.pk]
            if theirs:
                _bookings(rng, season, theirs, [user], 0, past=False, desks=[])
    context.count("dates à venir", len(season))

    choreia = _dates_of(
        rng, cultural, venues, datetime.date(2017, 1, 5), 355, 300, Channel.CHOREIA
    ) + _dates_of(
        rng, cultural, venues, today + datetime.timedelta(days=3), 60, 200, Channel.CHOREIA
    )
    employee = context.users.get("salarie")
    company = context.structures.get("E-CHOREIA-LPA")
    if employee is not None and company is not None:
        picks = rng.sample(choreia, min(12, len(choreia)))
        CompanyBooking.objects.bulk_create(
            [
                CompanyBooking(offer_date=d, employee=employee, company=company, seats=2)
                for d in picks
            ]
        )
        OfferDate.objects.filter(pk__in=[d.pk for d in picks]).update(booked=F("booked") + 2)
    context.count("offres Choreia", len({d.offer_id for d in choreia}))
