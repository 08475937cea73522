"""The charter's figures, computed in SQL (docs/charter.md gives the definitions).

- *Signatories at the end of Y*: companies whose ``charter_signed_on`` ≤ Y-12-31;
  *new signatories of Y*: signed in Y.
- *Commitments of Y*: the commitments of those signatories taken on or before
  Y-12-31 and still open on Y-01-01 (neither realised nor dropped before Y).
  *Realised in Y*: among them, those realised in Y. The *realisation rate* is
  realised / commitments (2017: 55 %); a commitment realised in 2016 is no
  longer followed in 2017, one dropped in 2017 counts as not realised.
- *Sponsorships of Y*: the pairs overlapping Y.
- The evening of Y: its guest lines and those marked present.
"""

import datetime

from django.db.models import Count, F, Q, QuerySet

from maillage.charter.models import (
    Commitment,
    Guest,
    GuestStatus,
    Sponsorship,
)
from maillage.companies.models import Company


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def share(numerator: int, denominator: int) -> float:
    """A float in [0, 1], unrounded (the display rounds); 0.0 when there is nothing to divide."""
    return numerator / denominator if denominator else 0.0


def signatories(year: int) -> QuerySet:
    """Companies that had signed the charter by the end of ``year``."""
    return Company.objects.filter(charter_signed_on__lte=year_bounds(year)[1])


def followed_in(year: int, prefix: str = "") -> Q:
    """Taken by the end of ``year`` and still open on its first day; ``prefix`` reaches the
    commitments from another model (``"charter_commitments__"`` from companies)."""
    start, end = year_bounds(year)
    return (
        Q(**{f"{prefix}taken_on__lte": end})
        & (Q(**{f"{prefix}realised_on__isnull": True}) | Q(**{f"{prefix}realised_on__gte": start}))
        & (Q(**{f"{prefix}dropped_on__isnull": True}) | Q(**{f"{prefix}dropped_on__gte": start}))
    )


def realised_in(year: int, prefix: str = "") -> Q:
    start, end = year_bounds(year)
    return Q(**{f"{prefix}realised_on__gte": start, f"{prefix}realised_on__lte": end})


def commitments_of_year(year: int) -> QuerySet:
    """The commitments followed in ``year`` (the denominator of the realisation rate): those
    of the companies that had signed by the end of the year."""
    return Commitment.objects.filter(
        followed_in(year), company__charter_signed_on__lte=year_bounds(year)[1]
    )


def realisation(year: int, kinds=None, companies: QuerySet | None = None) -> dict:
    """``{commitments, realised, realisation_rate}`` of ``year``, in one query."""
    rows = commitments_of_year(year)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    if companies is not None:
        rows = rows.filter(company__in=companies)
    counts = rows.aggregate(commitments=Count("pk"), realised=Count("pk", filter=realised_in(year)))
    return counts | {"realisation_rate": share(counts["realised"], counts["commitments"])}


def realisation_by_kind(year: int) -> dict[str, dict]:
    """``{kind: {commitments, realised, realisation_rate}}`` of ``year``, in one query."""
    rows = (
        commitments_of_year(year)
        .values("kind")
        .annotate(commitments=Count("pk"), realised=Count("pk", filter=realised_in(year)))
        .order_by()
    )
    return {
        row["kind"]: {
            "commitments": row["commitments"],
            "realised": row["realised"],
            "realisation_rate": share(row["realised"], row["commitments"]),
        }
        for row in rows
    }


def sponsorships_of_year(year: int) -> QuerySet:
    return Sponsorship.objects.overlapping(*year_bounds(year))


def charter_block(year: int) -> dict:
    """The ``charter`` block of the annual report."""
    start, end = year_bounds(year)
    companies = Company.objects.aggregate(
        signatories=Count("pk", filter=Q(charter_signed_on__lte=end)),
        new_signatories=Count(
            "pk", filter=Q(charter_signed_on__gte=start, charter_signed_on__lte=end)
        ),
    )
    sponsorships = sponsorships_of_year(year).aggregate(
        sponsorships=Count("pk"),
        sponsoring_companies=Count("company_id", distinct=True),
        sponsored_people=Count("person_id", distinct=True),
    )
    guests = Guest.objects.filter(evening__year=year).aggregate(
        evening_guests=Count("pk"),
        evening_present=Count("pk", filter=Q(status=GuestStatus.PRESENT)),
    )
    return (
        companies
        | realisation(year)
        | {"commitments_by_kind": realisation_by_kind(year)}
        | sponsorships
        | guests
    )


def partner_company_ids(year: int) -> QuerySet:
    """Companies with a charter action in ``year``: signature, realised commitment,
    sponsorship running in the year, presence at the evening (``values("company_id")``)."""
    start, end = year_bounds(year)
    return Company.objects.filter(
        Q(charter_signed_on__gte=start, charter_signed_on__lte=end)
        | Q(pk__in=Commitment.objects.filter(realised_in(year)).values("company_id"))
        | Q(pk__in=Sponsorship.objects.overlapping(start, end).values("company_id"))
        | Q(
            pk__in=Guest.objects.filter(
                evening__year=year, status=GuestStatus.PRESENT, company__isnull=False
            ).values("company_id")
        )
    ).values(company_id=F("pk"))
