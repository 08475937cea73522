"""Demo events: 2017 as the seed tells it, and upcoming sessions for the public agenda.

- 5 Dating Emploi (Alternance 7 March, "Ton Métier C'est Ton But" 23 June,
  WHAT'SAP 4 July, Petite enfance 7 July, Forum Intérim 17 October): 86
  companies, 863 people present, 1 468 interviews, 66 contracts (none at the
  Forum Intérim), each contract a placement of channel Dating Emploi;
- 62 Rencontres Métiers and 8 company or training-centre visits, with the
  satisfaction surveys (about 65 % of participants, 90 % of speakers);
- the interview simulations of the five antennas on their monthly rules (RRULE,
  August closed) in 2017 and 2018: 255 simulations in 2017 for 241 people with
  35 companies;
- the forum "Travailler et consommer autrement dans le 3e" inside a week-long
  programme, a matinale for companies;
- upcoming sessions from today for a year, so that the public agenda and its
  iCalendar feeds have something to show.

Fast (bulk inserts) and idempotent: nothing is written when the demo's events
exist already (``DEMO-EV-`` codes).
"""

import datetime
import random

from maillage.companies.models import Company
from maillage.demo.base import DemoContext
from maillage.events.models import (
    Event,
    EventCompany,
    EventKind,
    RecurringSeries,
    Registration,
    RegistrationSource,
    SurveyResponse,
    SurveyRole,
)
from maillage.events.recurrence import ANTENNA_SIMULATION_RULES, series_dates
from maillage.organisations.models import Structure
from maillage.people.models import Person
from maillage.recruitment.models import Placement, PlacementChannel

PREFIX = "DEMO-EV-"
YEAR = 2017

#: (code, title, date, theme, companies, present, contracts) — totals 86, 863, 66.
DATINGS = [
    ("ALTERNANCE", "Dating Emploi « Alternance »", (3, 7), "Alternance", 14, 180, 22),
    ("TMCTB", "Dating Emploi « Ton Métier C'est Ton But »", (6, 23), "Tous secteurs", 45, 240, 15),
    ("WHATSAP", "Dating Emploi « WHAT'SAP »", (7, 4), "Services à la personne", 8, 120, 17),
    ("PETITE-ENFANCE", "Dating Emploi « Petite enfance »", (7, 7), "Petite enfance", 7, 98, 12),
    ("INTERIM", "Dating Emploi — Forum Intérim", (10, 17), "Intérim", 12, 225, 0),
]
INTERVIEWS = 1468
NO_SHOW_SHARE = 0.12

THEMES = [
    "Logistique",
    "Propreté",
    "Bâtiment",
    "Hôtellerie-restauration",
    "Commerce",
    "Numérique",
    "Aide à la personne",
    "Transport",
    "Sécurité",
    "Industrie",
]
RENCONTRES = 62
VISITS = 8
SIMULATIONS_2017 = 255
SIMULATION_PEOPLE = 241
SIMULATION_COMPANIES = 35


class _Batch:
    """Rows to insert, and the next demo code."""

    def __init__(self):
        self.events: list[Event] = []
        self.companies: list[tuple[Event, int, int]] = []
        self.registrations: list[Registration] = []
        self.count = 0

    def event(self, code, *, save=False, **fields) -> Event:
        """A new event, inserted with the others (or now, when others point to it)."""
        event = Event(external_id=f"{PREFIX}{code}", **fields)
        if save:
            event.save()
        else:
            self.events.append(event)
        self.count += 1
        return event


def create_events(rng: random.Random, context: DemoContext) -> None:
    if Event.objects.filter(external_id__startswith=PREFIX).exists():
        return
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    companies = list(
        Company.objects.filter(external_id__startswith="DEMO-ENT-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not people or not companies:
        context.notes.append("Événements : pas de personnes ou d'entreprises de démonstration.")
        return
    structures = {s.code: s for s in Structure.objects.filter(code__startswith="ANT-")}
    allies = Structure.objects.filter(code="ALLIES").first()
    batch = _Batch()
    hires = _datings(rng, batch, people, companies, allies)
    surveyed = _rencontres(rng, batch, people, companies, allies, structures)
    _week(batch, allies, structures)
    _upcoming(batch, allies, context.today)
    Event.objects.bulk_create(batch.events, batch_size=500)
    series_events = _simulations(rng, batch, people, companies, structures, context.today)
    EventCompany.objects.bulk_create(
        [EventCompany(event=e, company_id=c, posts=p) for e, c, p in batch.companies],
        batch_size=1000,
    )
    _placements(hires)
    Registration.objects.bulk_create(batch.registrations, batch_size=1000)
    _surveys(rng, surveyed)
    context.count("événements", batch.count + series_events)
    context.count("inscriptions aux événements", len(batch.registrations))
    context.count("mises à l'emploi Dating Emploi", len(hires))


def _attendees(rng, event, people, present, *, interviews=0, hires=0, source="staff"):
    """``present`` people attended (plus no-shows); returns the rows and the hired ones."""
    count = min(len(people), round(present * (1 + NO_SHOW_SHARE)))
    chosen = rng.sample(people, count)
    rows = [
        Registration(
            event=event,
            person_id=pk,
            attended=index < present,
            source=source,
            interviews=1 if interviews and index < present else 0,
        )
        for index, pk in enumerate(chosen)
    ]
    present_rows = [r for r in rows if r.attended]
    for _ in range(max(interviews - len(present_rows), 0)):
        row = rng.choice(present_rows)
        row.interviews += 1
    hired = rng.sample(present_rows, min(hires, len(present_rows)))
    for row in hired:
        row.hired = True
    return rows, hired


def _datings(rng, batch, people, companies, allies):
    """The five Dating Emploi; returns ``[(registration, company id), …]`` for the hires."""
    total_present = sum(d[5] for d in DATINGS)
    hires = []
    spread = INTERVIEWS
    for index, (code, title, (month, day), theme, n_companies, present, contracts) in enumerate(
        DATINGS
    ):
        event = batch.event(
            f"DATING-{code}",
            kind=EventKind.JOB_DATING,
            title=title,
            date=datetime.date(YEAR, month, day),
            start_time=datetime.time(9),
            end_time=datetime.time(13),
            structure=allies,
            place="Lyon",
            theme=theme,
            capacity=round(present * 1.3),
            is_public=True,
            publics=["all"],
        )
        share = spread if index == len(DATINGS) - 1 else round(INTERVIEWS * present / total_present)
        spread -= share
        chosen = rng.sample(companies, min(n_companies, len(companies)))
        batch.companies += [(event, pk, rng.randint(1, 8)) for pk in chosen]
        rows, hired = _attendees(rng, event, people, present, interviews=share, hires=contracts)
        batch.registrations += rows
        hires += [(row, rng.choice(chosen)) for row in hired]
    return hires


def _rencontres(rng, batch, people, companies, allies, antennas):
    """62 Rencontres Métiers and 8 visits; returns the events whose surveys are typed."""
    organisers = [allies, *antennas.values()] if allies else list(antennas.values())
    surveyed = []
    for n in range(RENCONTRES + VISITS):
        visit = n >= RENCONTRES
        theme = THEMES[n % len(THEMES)]
        day = datetime.date(YEAR, 1, 9) + datetime.timedelta(
            days=(n * 347) // (RENCONTRES + VISITS)
        )
        event = batch.event(
            f"{'VISITE' if visit else 'RM'}-{n + 1:03d}",
            kind=EventKind.COMPANY_VISIT if visit else EventKind.RENCONTRE_METIERS,
            title=f"{'Visite' if visit else 'Rencontre Métiers'} — {theme}",
            date=day,
            start_time=datetime.time(14),
            end_time=datetime.time(16, 30),
            structure=organisers[n % len(organisers)] if organisers else None,
            theme=theme,
            capacity=20,
            is_public=True,
            speakers="Un(e) professionnel(le) du secteur, un(e) chargé(e) de relations entreprises",
        )
        batch.companies += [
            (event, pk, 0) for pk in rng.sample(companies, min(rng.randint(1, 2), len(companies)))
        ]
        rows, _ = _attendees(rng, event, people, rng.randint(9, 18))
        batch.registrations += rows
        surveyed.append((event, sum(1 for r in rows if r.attended)))
    return surveyed


def _week(batch, allies, antennas):
    """A week-long programme: the forum of the 3rd arrondissement and its workshops."""
    voltaire = antennas.get("ANT-VOLTAIRE")
    week = batch.event(
        "SEMAINE-ESS-3E",
        save=True,
        kind=EventKind.PROGRAMME,
        title="Mois de l'économie sociale et solidaire dans le 3e",
        date=datetime.date(YEAR, 11, 27),
        structure=voltaire,
        is_public=True,
        theme="Économie sociale et solidaire",
    )
    for code, kind, title, day in (
        ("FORUM-3E", EventKind.FORUM, "Forum « Travailler et consommer autrement dans le 3e »", 29),
        ("ATELIER-ESS", EventKind.WORKSHOP, "Atelier : créer son activité dans l'ESS", 27),
        ("INFO-ESS", EventKind.INFO_SESSION, "Réunion d'information : les métiers de l'ESS", 28),
    ):
        batch.event(
            code,
            kind=kind,
            title=title,
            date=datetime.date(YEAR, 11, day),
            structure=voltaire,
            parent=week,
            is_public=True,
            theme="Économie sociale et solidaire",
        )
    batch.event(
        "MATINALE-2017",
        kind=EventKind.MATINALE,
        title="Matinale des entreprises : recruter autrement",
        date=datetime.date(YEAR, 5, 18),
        start_time=datetime.time(8, 30),
        end_time=datetime.time(10),
        structure=allies,
    )


def _upcoming(batch, allies, today):
    batch.event(
        "DATING-A-VENIR",
        kind=EventKind.JOB_DATING,
        title="Dating Emploi « Logistique et transport »",
        date=today + datetime.timedelta(days=24),
        start_time=datetime.time(9),
        end_time=datetime.time(12, 30),
        structure=allies,
        place="Halle de la Duchère",
        theme="Logistique",
        capacity=120,
        is_public=True,
        publics=["all", "qpv"],
    )


def _simulations(rng, batch, people, companies, antennas, today) -> int:
    """The antennas' series (2017-2018, and the coming year), their 2017 attendance."""
    made, occurrences_2017 = 0, []
    partners = rng.sample(companies, min(SIMULATION_COMPANIES, len(companies)))
    periods = [
        ("2017", datetime.date(2017, 1, 1), datetime.date(2018, 12, 31)),
        ("A-VENIR", today, today + datetime.timedelta(days=365)),
    ]
    for code, (name, rule, label) in ANTENNA_SIMULATION_RULES.items():
        antenna = antennas.get(code)
        if antenna is None:
            continue
        for suffix, start, end in periods:
            series = RecurringSeries.objects.create(
                code=f"{PREFIX}SIM-{code}-{suffix}",
                title=f"Simulations d'entretien — {name} ({label})",
                kind=EventKind.INTERVIEW_SIMULATION,
                structure=antenna,
                rule=rule,
                starts_on=start,
                ends_on=end,
                closed_months=[8],
                start_time=datetime.time(9),
                end_time=datetime.time(12),
                place=antenna.name,
                capacity=6,
                theme="Préparer un entretien d'embauche",
            )
            events = [
                Event(
                    external_id=f"{series.code}-{day:%Y%m%d}",
                    kind=series.kind,
                    title=series.title,
                    date=day,
                    occurrence_date=day,
                    start_time=series.start_time,
                    end_time=series.end_time,
                    structure=antenna,
                    place=series.place,
                    capacity=series.capacity,
                    theme=series.theme,
                    is_public=True,
                    series=series,
                )
                for day in series_dates(series)
            ]
            Event.objects.bulk_create(events)
            made += len(events)
            occurrences_2017 += [e for e in events if e.date.year == YEAR]
    if occurrences_2017:
        _simulation_attendance(rng, batch, people, partners, occurrences_2017)
    return made


def _simulation_attendance(rng, batch, people, partners, sessions):
    """255 simulations for 241 people (14 came twice), 35 companies, spread on the sessions."""
    chosen = rng.sample(people, min(SIMULATION_PEOPLE, len(people)))
    visits = chosen + rng.sample(chosen, min(SIMULATIONS_2017 - len(chosen), len(chosen)))
    rng.shuffle(visits)
    taken: dict[int, set[int]] = {}
    for n, pk in enumerate(visits):
        # Round robin; someone coming back goes to a later session than a first visit.
        for offset in range(len(sessions)):
            index = (n + offset) % len(sessions)
            if pk not in taken.setdefault(index, set()):
                break
        taken[index].add(pk)
        batch.registrations.append(
            Registration(
                event=sessions[index],
                person_id=pk,
                attended=True,
                interviews=1,
                source=RegistrationSource.REFERENT,
            )
        )
    for n, session in enumerate(sessions):
        batch.companies.append((session, partners[n % len(partners)], 0))


def _placements(hires) -> None:
    placements = [
        Placement(
            person_id=row.person_id,
            company_id=company,
            contract_type="cdd" if n % 3 else "cdi",
            started_on=row.event.date,
            channel=PlacementChannel.DATING_EMPLOI,
            external_id=f"{PREFIX}PL-{row.event.external_id}-{row.person_id}",
        )
        for n, (row, company) in enumerate(hires)
    ]
    Placement.objects.bulk_create(placements)
    for (row, _company), placement in zip(hires, placements, strict=True):
        row.placement = placement


def _surveys(rng, surveyed) -> None:
    """Paper questionnaires of the Rencontres Métiers, shaped like the seed's results."""
    rows = []
    for event, present in surveyed:
        for _ in range(round(present * 0.68)):
            rows.append(
                SurveyResponse(
                    event=event,
                    role=SurveyRole.PARTICIPANT,
                    channel=SurveyResponse.Channel.PAPER,
                    organisation=4 if rng.random() < 0.97 else 3,
                    information=4 if rng.random() < 0.98 else 3,
                    speakers_rating=4 if rng.random() < 0.99 else 3,
                )
            )
        rows.append(
            SurveyResponse(
                event=event,
                role=SurveyRole.SPEAKER,
                channel=SurveyResponse.Channel.PAPER,
                organisation=4,
                information=4 if rng.random() < 0.99 else 3,
            )
        )
    SurveyResponse.objects.bulk_create(rows, batch_size=1000)
