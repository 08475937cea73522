"""The quarterly ZFU-TE / CLEE reporting: what the chargé de mission of the zone reports.

For the companies located in the ZFU-TE (``Company.in_zfu``), per quarter of a year:

- *appointments*: done interactions of kind appointment or visit ("rendez-vous en
  entreprises");
- *qualified exchanges*: done interactions by phone or email (kind call or email)
  whose "ce qui a été convenu" is filled in — an exchange that led to something
  agreed ("échanges qualifiés par mail et téléphone"); a call with nothing agreed
  is not counted;
- *signatories*: companies of the zone that had signed the charter by the end of
  the quarter, and *new signatories*: signed during the quarter.

Quarters are calendar quarters in local time. The zone is the company's current
``in_zfu`` (no history of moves is kept). One aggregate query per table:
interactions, companies. The seed's 2017 year: 75 appointments, 101 qualified
exchanges, 40 signatories of which 12 new.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from maillage.companies.models import Company, Interaction, InteractionKind

QUARTERS = (1, 2, 3, 4)
APPOINTMENT_KINDS = (InteractionKind.APPOINTMENT, InteractionKind.VISIT)
EXCHANGE_KINDS = (InteractionKind.CALL, InteractionKind.EMAIL)
#: The rows of the table, in order: key and French label.
ROWS = (
    ("appointments", "Rendez-vous en entreprise (rendez-vous et visites)"),
    ("qualified_exchanges", "Échanges qualifiés par téléphone ou courriel"),
    ("signatories", "Entreprises signataires de la charte (fin de trimestre)"),
    ("new_signatories", "dont nouvelles signataires du trimestre"),
)


def quarter_dates(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of the quarter."""
    first = datetime.date(year, 3 * quarter - 2, 1)
    following = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return first, following - datetime.timedelta(days=1)


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _interaction_counts(year: int) -> dict:
    qualified = Q(kind__in=EXCHANGE_KINDS) & ~Q(agreed="")
    aggregates = {}
    for quarter in QUARTERS:
        first, last = quarter_dates(year, quarter)
        within = Q(
            occurred_at__gte=_moment(first),
            occurred_at__lt=_moment(last + datetime.timedelta(days=1)),
        )
        aggregates[f"appointments_{quarter}"] = Count(
            "pk", filter=within & Q(kind__in=APPOINTMENT_KINDS)
        )
        aggregates[f"qualified_exchanges_{quarter}"] = Count("pk", filter=within & qualified)
    return Interaction.objects.filter(company__in_zfu=True, done=True).aggregate(**aggregates)


def _signatory_counts(year: int) -> dict:
    aggregates = {}
    for quarter in QUARTERS:
        first, last = quarter_dates(year, quarter)
        aggregates[f"signatories_{quarter}"] = Count("pk", filter=Q(charter_signed_on__lte=last))
        aggregates[f"new_signatories_{quarter}"] = Count(
            "pk", filter=Q(charter_signed_on__gte=first, charter_signed_on__lte=last)
        )
    return Company.objects.filter(in_zfu=True).aggregate(**aggregates)


def quarterly_report(year: int) -> dict:
    """``{"year", "quarters": {1: {row: n}, …}, "total": {row: n}}``.

    The year's total sums the quarters, except ``signatories``, which is the
    count at the end of the year (the 4th quarter's).
    """
    counts = _interaction_counts(year) | _signatory_counts(year)
    quarters = {q: {key: counts[f"{key}_{q}"] for key, _label in ROWS} for q in QUARTERS}
    total = {key: sum(quarters[q][key] for q in QUARTERS) for key, _label in ROWS}
    total["signatories"] = quarters[4]["signatories"]
    return {"year": year, "quarters": quarters, "total": total}


def table(report: dict) -> list[tuple[str, list[int], int]]:
    """Rows for display and export: label, the four quarters, the year."""
    return [
        (label, [report["quarters"][q][key] for q in QUARTERS], report["total"][key])
        for key, label in ROWS
    ]


def zfu_block(year: int) -> dict:
    """The annual report's ``zfu`` block: the year's totals and each quarter (companies of the
    zone, never a person): ``{appointments, qualified_exchanges, signatories, new_signatories,
    quarters: {"1": {…}, …}}``."""
    report = quarterly_report(year)
    return {
        **report["total"],
        "quarters": {str(q): report["quarters"][q] for q in QUARTERS},
    }
