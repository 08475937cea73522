"""Demo IOD activity of 2017, shaped like the report's "Méthode IOD — Résultats".

137 PLIE participants followed (104 oriented in 2017, the others in the second
half of 2016), 86 of them met an employer on the work station (169 mises en
relation), 98 were hired (57 in durable employment, 41 transitional), 3 entered
a qualifying training; 131 new companies met and 493 appointments in
companies. People-related counts are scaled down when the demo PLIE has fewer
parcours open in 2017 than needed. Each hire has its placement (channel IOD)
and its follow-up schedule (``rules.followup_schedule``): done, except a few
left late; and a few hires of the last weeks give the chargé de mission due
follow-ups on his home page today.

Written with ``bulk_create`` (the services would write an audit entry per row;
the demo command records its own summary). Idempotent: nothing is written when
the demo IOD offers exist already.
"""

import datetime
import random

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from maillage.companies.models import Company, Interaction
from maillage.demo.base import DemoContext
from maillage.iod import rules
from maillage.iod.models import (
    CollaborationReview,
    CompanyAction,
    EndReason,
    FollowupContact,
    IodFollowup,
    OrientationSource,
    Proposal,
    ProposalStatus,
    ReviewOutcome,
)
from maillage.people.models import Followup
from maillage.plie.models import Parcours
from maillage.recruitment.models import JobOffer, OfferSource, OfferStatus, Placement

YEAR = 2017
OFFER_PREFIX = "DEMO-IOD-"
TARGETS = {
    "followed": 137,
    "oriented_in_year": 104,
    "interviewed": 86,
    "meetings": 169,
    "hired": 98,
    "durable": 57,
    "training": 3,
    "new_companies": 131,
    "known_companies": 40,
    "appointments": 493,
}
#: People interviewed and hired (the other hires followed a proposal without a recorded meeting).
INTERVIEWED_AND_HIRED = 70
#: Share of the 2017 follow-up contacts left undone (late).
LATE_SHARE = 0.04
#: Hires of the last weeks, so that today's home page has due follow-ups.
RECENT_HIRES = 3
POSTS = (
    ("Agent de propreté", "K2204", "Nettoyage de locaux"),
    ("Employé polyvalent de restauration", "G1603", "Personnel polyvalent en restauration"),
    ("Plongeur en restauration", "G1605", "Plonge en restauration"),
    ("Préparateur de commandes", "N1103", "Magasinage et préparation de commandes"),
    ("Employé de libre-service", "D1507", "Mise en rayon libre-service"),
    ("Aide à domicile", "K1304", "Services domestiques"),
    ("Agent d'entretien des espaces verts", "A1203", "Aménagement et entretien des espaces verts"),
    ("Manutentionnaire", "N1105", "Manutention manuelle de charges"),
)


def _day(rng, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _moment(rng, day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(9, 16))))


def create_iod(rng: random.Random, context: DemoContext) -> None:
    if JobOffer.objects.filter(reference__startswith=OFFER_PREFIX).exists():
        return
    chargee = context.users.get("entreprises")
    allies = context.structures.get("ALLIES")
    companies = list(
        Company.objects.filter(external_id__regex=r"^DEMO-ENT-\d+$").order_by("external_id")
    )
    if chargee is None or allies is None or not companies:
        context.notes.append("IOD : pas de chargé de mission, d'ALLIES ou d'entreprises.")
        return
    followups = _followups(rng, chargee, context)
    if not followups:  # nothing written: the next run tries again
        context.notes.append("IOD : aucun parcours PLIE en cours en 2017.")
        return
    met = _company_actions(rng, companies, chargee, context)
    _visible_to(allies, [f.person_id for f in followups])
    proposals = _proposals(rng, followups, met, chargee, context)
    _recent_hires(rng, chargee, allies, met, context)
    context.count("suivis IOD créés", len(followups))
    context.count("propositions IOD créées", len(proposals))


# --- Companies ------------------------------------------------------------------------------


def _company_actions(rng, companies, chargee, context) -> list[Company]:
    """The year's appointments: first ones with new companies, more with known ones."""
    rng.shuffle(companies)
    new = companies[: TARGETS["new_companies"]]
    known = companies[len(new) : len(new) + TARGETS["known_companies"]]
    rows = []  # (company, day, kind, purpose)
    for company in known:
        for _ in range(rng.randint(1, 3)):
            day = _day(rng, datetime.date(YEAR - 1, 7, 1), datetime.date(YEAR - 1, 12, 20))
            rows.append((company, day, "appointment", "prospection"))
    year_start, year_end = datetime.date(YEAR, 1, 3), datetime.date(YEAR, 12, 20)
    for company in new:
        rows.append((company, _day(rng, year_start, year_end), "appointment", "prospection"))
    pool = new + known
    for _ in range(TARGETS["appointments"] - len(new)):
        purpose = rng.choice(["workstation_visit", "negotiation", "collaboration", "prospection"])
        kind = "visit" if purpose == "workstation_visit" else "appointment"
        rows.append((rng.choice(pool), _day(rng, year_start, year_end), kind, purpose))
    interactions = Interaction.objects.bulk_create(
        Interaction(
            company=company,
            kind=kind,
            occurred_at=_moment(rng, day),
            done=True,
            staff=chargee,
            summary=str(CompanyAction.Purpose(purpose).label),
        )
        for company, day, kind, purpose in rows
    )
    CompanyAction.objects.bulk_create(
        CompanyAction(interaction=interaction, purpose=row[3])
        for interaction, row in zip(interactions, rows, strict=True)
    )
    context.count("rendez-vous IOD en entreprise créés", len(rows))
    return pool


# --- Participants ---------------------------------------------------------------------------


def _followups(rng, chargee, context) -> list[IodFollowup]:
    """PLIE participants oriented to IOD: some in late 2016, most in 2017, while in the PLIE."""
    late_2016 = (datetime.date(YEAR - 1, 7, 1), datetime.date(YEAR - 1, 12, 15))
    in_year = (datetime.date(YEAR, 1, 5), datetime.date(YEAR, 9, 15))
    candidates = list(
        Parcours.objects.filter(entry_date__lte=in_year[1])
        .exclude(exit_date__lt=datetime.date(YEAR, 3, 1))
        .exclude(person__iod_followups__isnull=False)
        .order_by("external_id")
        .values_list("pk", "person_id", "entry_date", "exit_date", "referent_id")
    )
    rng.shuffle(candidates)
    scale = min(1.0, len(candidates) / TARGETS["followed"])
    wanted = round(TARGETS["followed"] * scale)
    in_year_count = round(TARGETS["oriented_in_year"] * scale)
    followups, seen = [], set()
    for pk, person_id, entry, exit_date, referent_id in candidates:
        if len(followups) == wanted:
            break
        if person_id in seen:
            continue
        start, end = in_year if len(followups) < in_year_count else late_2016
        start = max(start, entry)
        end = min(end, exit_date or end)
        if start > end:
            continue
        seen.add(person_id)
        followups.append(
            IodFollowup(
                person_id=person_id,
                parcours_id=pk,
                chargee=chargee,
                oriented_by_id=referent_id,
                oriented_on=_day(rng, start, end),
                source=rng.choice([OrientationSource.REFERENT] * 5 + [OrientationSource.IOD_TEAM]),
            )
        )
    return IodFollowup.objects.bulk_create(followups)


def _visible_to(structure, person_ids) -> None:
    """ALLIES' chargé de mission sees the participants he follows (Service Entreprises)."""
    followed = set(
        Followup.objects.filter(structure=structure, person_id__in=person_ids).values_list(
            "person_id", flat=True
        )
    )
    Followup.objects.bulk_create(
        Followup(
            person_id=pk,
            structure=structure,
            service=Followup.Service.COMPANIES,
            started_on=datetime.date(YEAR - 1, 7, 1),
        )
        for pk in sorted(set(person_ids) - followed)
    )


# --- Proposals, hires, follow-ups -----------------------------------------------------------


def _plan(rng, followups):
    """Per person: how many mises en relation, hired or not (scaled like the followed)."""
    n = len(followups)
    scale = n / TARGETS["followed"]
    interviewed = min(n, round(TARGETS["interviewed"] * scale))
    hired_met = min(interviewed, round(INTERVIEWED_AND_HIRED * scale))
    hired_direct = min(n - interviewed, round((TARGETS["hired"] - INTERVIEWED_AND_HIRED) * scale))
    meetings = [1] * interviewed
    for _ in range(max(0, round(TARGETS["meetings"] * scale) - interviewed) if interviewed else 0):
        meetings[rng.randrange(interviewed)] += 1
    plan = []
    for i, followup in enumerate(followups):
        if i < interviewed:
            plan.append((followup, min(meetings[i], 4), i < hired_met))
        else:
            plan.append((followup, 0, i < interviewed + hired_direct))
    return plan


def _proposals(rng, followups, companies, chargee, context) -> list[Proposal]:
    plan = _plan(rng, sorted(followups, key=lambda f: f.oriented_on))
    drafts = []  # (proposal, hire?) in date order
    for followup, meetings, hired in plan:
        day = max(followup.oriented_on, datetime.date(YEAR, 1, 3))
        for n in range(max(meetings, 1 if hired else 0)):
            proposed = day + datetime.timedelta(days=rng.randint(3, 12))
            meeting = proposed + datetime.timedelta(days=rng.randint(2, 6)) if meetings else None
            last = n == max(meetings, 1) - 1
            proposal = Proposal(
                followup=followup,
                proposed_on=proposed,
                proposed_by=chargee,
                meeting_on=meeting,
                meeting_staff=chargee if meeting else None,
                status=ProposalStatus.MET if meeting else ProposalStatus.PROPOSED,
            )
            if hired and last:
                _hire(
                    rng,
                    proposal,
                    (meeting or proposed) + datetime.timedelta(days=rng.randint(3, 10)),
                )
            else:
                proposal.status = ProposalStatus.NOT_RETAINED
                proposal.outcome_on = (meeting or proposed) + datetime.timedelta(days=2)
            drafts.append(proposal)
            day = proposal.outcome_on + datetime.timedelta(days=rng.randint(2, 8))
    _durable_split(rng, [p for p in drafts if p.status == ProposalStatus.HIRED])
    offers = _offers(rng, drafts, companies)
    for proposal in drafts:
        proposal.offer = offers[id(proposal)][0]
        proposal.post = offers[id(proposal)][1]
    placements = Placement.objects.bulk_create(
        Placement(
            person_id=p.followup.person_id,
            company_id=p.offer.company_id,
            contract_type=p.contract_type if p.contract_type != "pmsmp" else "other",
            started_on=p.hired_on,
            channel="iod",
            external_id=f"{OFFER_PREFIX}MAE-{n:04d}",
        )
        for n, p in enumerate(drafts)
        if p.status == ProposalStatus.HIRED
    )
    hires = [p for p in drafts if p.status == ProposalStatus.HIRED]
    for proposal, placement in zip(hires, placements, strict=True):
        proposal.placement = placement
    Proposal.objects.bulk_create(drafts)
    _schedules(rng, hires, context.today)
    _ends_and_reviews(rng, plan, hires, context.today)
    context.count("mises à l'emploi IOD créées", len(placements))
    return drafts


def _hire(rng, proposal, hired_on):
    proposal.status = ProposalStatus.HIRED
    proposal.hired_on = min(hired_on, datetime.date(YEAR, 12, 28))
    proposal.outcome_on = proposal.hired_on
    proposal.weekly_hours = rng.choice([20, 24, 26, 30, 35, 35])
    proposal.trial_period_end = proposal.hired_on + datetime.timedelta(
        days=rng.choice([14, 30, 30, 60, 60])
    )


def _durable_split(rng, hires) -> None:
    """57 of 98 durable (CDI or CDD of 6 months and more), the others CDD < 6 months or PMSMP."""
    durable = round(len(hires) * TARGETS["durable"] / TARGETS["hired"])
    rng.shuffle(hires)
    for n, proposal in enumerate(hires):
        start = proposal.hired_on
        if n < durable:
            proposal.contract_type = rng.choice(["cdi", "cdi", "cdd"])
            months = rng.choice([6, 9, 12])
        else:
            proposal.contract_type = rng.choice(["cdd", "cdd", "pmsmp"])
            months = 1 if proposal.contract_type == "pmsmp" else rng.choice([2, 3, 4])
        if proposal.contract_type == "pmsmp":
            proposal.trial_period_end = None
        if proposal.contract_type != "cdi":
            proposal.contract_end = (
                start + relativedelta(months=months) - datetime.timedelta(days=1)
            )
        proposal.durable = rules.is_durable(proposal.contract_type, start, proposal.contract_end)


def _offers(rng, drafts, companies) -> dict[int, tuple[JobOffer, int]]:
    """Group the proposals into offers of 1 to 3 posts; a post gets one hire at most."""
    queue = sorted(drafts, key=lambda p: p.proposed_on)
    assignments, offers = {}, []
    while queue:
        first = queue[0].proposed_on
        title, rome, label = rng.choice(POSTS)
        offer = JobOffer(
            company=rng.choice(companies),
            reference=f"{OFFER_PREFIX}{len(offers) + 1:04d}",
            title=title,
            rome_code=rome,
            rome_label=label,
            contract_type="cdi",
            weekly_hours=35,
            location="Lyon",
            posts=rng.choice([1, 1, 1, 2, 3]),
            status=OfferStatus.OPEN,
            source=OfferSource.IOD,
            published_on=first - datetime.timedelta(days=rng.randint(5, 20)),
        )
        filled = 0
        for post in range(1, offer.posts + 1):
            for _ in range(3):
                if not queue:
                    break
                proposal = queue.pop(0)
                assignments[id(proposal)] = (offer, post)
                if proposal.status == ProposalStatus.HIRED:
                    filled += 1
                    break
        if filled == offer.posts:
            offer.status = OfferStatus.FILLED
        offers.append(offer)
    JobOffer.objects.bulk_create(offers)
    return assignments


def _schedules(rng, hires, today) -> None:
    contacts = []
    for proposal in hires:
        for item in rules.followup_schedule(proposal.hired_on, proposal.trial_period_end):
            done = item.due_on < today and rng.random() > LATE_SHARE
            contacts.append(
                FollowupContact(
                    proposal=proposal,
                    party=item.party,
                    phase=item.phase,
                    planned_on=item.due_on,
                    due_on=item.due_on,
                    done_on=item.due_on if done else None,
                    notes="Point fait, rien à signaler." if done else "",
                )
            )
    FollowupContact.objects.bulk_create(contacts, batch_size=1000)


def _ends_and_reviews(rng, plan, hires, today) -> None:
    """Follow-ups end 6 months after a hire; 3 people go to training; reviews at 6 months."""
    ends = {p.followup_id: rules.follow_up_end(p.hired_on) for p in hires}
    not_hired = [f for f, _, hired in plan if not hired]
    training = {f.pk for f in not_hired[: max(1, round(TARGETS["training"] * len(plan) / 137))]}
    changed, reviews = [], []
    for followup, _, _ in plan:
        if followup.pk in training:
            followup.ended_on = max(followup.oriented_on, datetime.date(YEAR, 9, 4))
            followup.end_reason = EndReason.QUALIFYING_TRAINING
        elif followup.pk in ends and ends[followup.pk] < today:
            followup.ended_on = ends[followup.pk]
            followup.end_reason = EndReason.EMPLOYMENT
        else:
            review_on = rules.next_review_due(followup.oriented_on, None)
            if review_on < min(today, datetime.date(YEAR + 1, 1, 31)):
                reviews.append(
                    CollaborationReview(
                        followup=followup,
                        held_on=review_on,
                        referent_id=followup.oriented_by_id,
                        outcome=rng.choice([ReviewOutcome.CONTINUE, ReviewOutcome.ADJUST]),
                        notes="Bilan avec le référent : poursuite des mises en relation.",
                    )
                )
            continue
        changed.append(followup)
    IodFollowup.objects.bulk_update(changed, ["ended_on", "end_reason"])
    CollaborationReview.objects.bulk_create(reviews)


def _recent_hires(rng, chargee, allies, companies, context) -> None:
    """A few hires of the last weeks: today's home page lists their due follow-ups."""
    today = context.today
    parcours = list(
        Parcours.objects.filter(
            exit_date__isnull=True, entry_date__lte=today - datetime.timedelta(days=90)
        )
        .exclude(person__in=IodFollowup.objects.filter(ended_on__isnull=True).values("person"))
        .order_by("external_id")[:RECENT_HIRES]
    )
    for n, item in enumerate(parcours):
        oriented = today - datetime.timedelta(days=60)
        followup = IodFollowup.objects.create(
            person_id=item.person_id,
            parcours=item,
            chargee=chargee,
            oriented_by_id=item.referent_id,
            oriented_on=oriented,
        )
        _visible_to(allies, [item.person_id])
        title, rome, label = POSTS[n % len(POSTS)]
        offer = JobOffer.objects.create(
            company=companies[n % len(companies)],
            reference=f"{OFFER_PREFIX}R{n + 1:02d}",
            title=title,
            rome_code=rome,
            rome_label=label,
            contract_type="cdi",
            posts=1,
            status=OfferStatus.FILLED,
            source=OfferSource.IOD,
            published_on=oriented + datetime.timedelta(days=5),
        )
        hired_on = today - datetime.timedelta(days=10 + 7 * n)
        placement = Placement.objects.create(
            person_id=item.person_id,
            company=offer.company,
            contract_type="cdi",
            started_on=hired_on,
            channel="iod",
            external_id=f"{OFFER_PREFIX}MAE-R{n + 1:02d}",
        )
        proposal = Proposal.objects.create(
            offer=offer,
            followup=followup,
            proposed_on=oriented + datetime.timedelta(days=10),
            proposed_by=chargee,
            meeting_on=oriented + datetime.timedelta(days=15),
            meeting_staff=chargee,
            status=ProposalStatus.HIRED,
            outcome_on=hired_on,
            contract_type="cdi",
            weekly_hours=35,
            hired_on=hired_on,
            trial_period_end=hired_on + datetime.timedelta(days=60),
            durable=True,
            placement=placement,
        )
        _schedules(rng, [proposal], today - datetime.timedelta(days=3))
