"""The IOD figures of a year (the report's "Méthode IOD — Résultats"), in SQL.

Three aggregate queries whatever the volume: one over the IOD follow-ups, one
over the proposals, one over the IOD appointments in companies (plus one for
the companies already met before the year). The exact definition of each key
is in docs/iod.md; the annual report's ``iod`` block is this dict.
"""

import datetime

from django.db.models import Count, Q

from maillage.iod.models import CompanyAction, EndReason, IodFollowup, Proposal, ProposalStatus
from maillage.iod.services import APPOINTMENT_KINDS
from maillage.recruitment.models import JobOffer, OfferSource


def _share(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def appointments():
    """IOD appointments and visits that took place (not the planned ones)."""
    return CompanyAction.objects.filter(
        interaction__done=True, interaction__kind__in=APPOINTMENT_KINDS
    )


def iod_block(year: int) -> dict:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    in_year = {"oriented_on__lte": end}
    followed = Q(**in_year) & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    people = IodFollowup.objects.aggregate(
        people_followed=Count("person", distinct=True, filter=followed),
        orientations=Count("pk", filter=Q(oriented_on__range=(start, end))),
        qualifying_training=Count(
            "person",
            distinct=True,
            filter=Q(end_reason=EndReason.QUALIFYING_TRAINING, ended_on__range=(start, end)),
        ),
    )
    met = Q(meeting_on__range=(start, end))
    hired = Q(status=ProposalStatus.HIRED, hired_on__range=(start, end))
    proposals = Proposal.objects.aggregate(
        mises_en_relation=Count("pk", filter=met),
        people_with_interview=Count("followup__person", distinct=True, filter=met),
        hires=Count("pk", filter=hired),
        people_in_employment=Count("followup__person", distinct=True, filter=hired),
        durable=Count("followup__person", distinct=True, filter=hired & Q(durable=True)),
    )
    of_year = appointments().filter(interaction__occurred_at__year=year)
    met_before = appointments().filter(interaction__occurred_at__year__lt=year)
    companies = of_year.aggregate(
        company_appointments=Count("pk"),
        companies_met=Count("interaction__company", distinct=True),
    )
    new_companies = (
        of_year.exclude(interaction__company__in=met_before.values("interaction__company"))
        .values("interaction__company")
        .distinct()
        .count()
    )
    durable = proposals["durable"]
    return {
        "people_followed": people["people_followed"],
        "orientations": people["orientations"],
        "people_with_interview": proposals["people_with_interview"],
        "interview_rate": _share(proposals["people_with_interview"], people["people_followed"]),
        "new_companies_met": new_companies,
        "companies_met": companies["companies_met"],
        "company_appointments": companies["company_appointments"],
        "mises_en_relation": proposals["mises_en_relation"],
        "hires": proposals["hires"],
        "people_in_employment": proposals["people_in_employment"],
        "employment_rate": _share(proposals["people_in_employment"], people["people_followed"]),
        "employment": {
            # A person hired twice in the year counts once: durable if one of the hires is.
            "durable": durable,
            "transitional": proposals["people_in_employment"] - durable,
        },
        "qualifying_training": people["qualifying_training"],
    }


def iod_companies(year: int):
    """Partner companies (companies.partners): IOD offers negotiated or mises en relation in Y."""
    return (
        JobOffer.objects.filter(source=OfferSource.IOD)
        .filter(Q(published_on__year=year) | Q(iod_proposals__meeting_on__year=year))
        .values("company_id")
    )
