"""The antennas' figures (seed p. 59-61: "12 374 personnes pour 51 305 visites"), in SQL.

Definitions (docs/antennas.md):
- *visits* are the rows of the reception log dated in the year, anonymous ones included;
- *people* are the distinct identified visitors: an anonymous visitor cannot be told
  apart from another one, so anonymous visits count as visits and never as people
  (they are given apart, ``anonymous_visits``);
- sex and age band are those noted on the visit (the age at the visit);
- a visit with several reasons counts once under each reason.

``antennas_block(year)`` is the ``antennas`` block of ``maillage annual_report``; the
statistics page shows the same dict, limited to the user's antennas for a reception
desk. A fixed number of queries (nine), whatever the number of visits.
"""

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from maillage.antennas.models import AgeBand, Reason, Visit, VisitReason
from maillage.organisations.models import Structure, StructureKind
from maillage.people.models import Sex

COUNTS = {
    "visits": Count("pk"),
    "people": Count("person", distinct=True),
    "anonymous_visits": Count("pk", filter=Q(person__isnull=True)),
}
EMPTY = {"visits": 0, "people": 0, "anonymous_visits": 0}
MONTHS = [f"{m:02d}" for m in range(1, 13)]
ORIENTATION_LINES = 15


def _grouped(visits, *keys: str) -> dict:
    rows = visits.order_by().values(*keys).annotate(**COUNTS)
    return {tuple(row.pop(k) for k in keys): row for row in rows}


def antennas_block(year: int, antennas=None) -> dict:
    """The figures of ``year``, over every antenna or over ``antennas`` (queryset or list)."""
    visits = Visit.objects.of_year(year)
    listed = Structure.objects.filter(kind=StructureKind.ANTENNA)
    if antennas is not None:
        ids = antennas.values("pk") if hasattr(antennas, "values") else [a.pk for a in antennas]
        visits = visits.filter(antenna__in=ids)
        listed = listed.filter(pk__in=ids)
    totals = visits.aggregate(**COUNTS)
    by_antenna = _grouped(visits, "antenna")
    by_sex = _grouped(visits, "sex")
    by_band = _grouped(visits, "age_band")
    by_sex_band = _grouped(visits, "sex", "age_band")
    by_month = _grouped(visits.annotate(month=ExtractMonth("at")), "month")
    reasons = {
        row["reason"]: row
        for row in VisitReason.objects.filter(visit__in=visits.values("pk"))
        .order_by()
        .values("reason")
        .annotate(
            visits=Count("pk"),
            people=Count("visit__person", distinct=True),
            anonymous_visits=Count("pk", filter=Q(visit__person__isnull=True)),
        )
    }
    orientations = (
        visits.exclude(orientation="")
        .order_by()
        .values("orientation")
        .annotate(visits=Count("pk"))
        .order_by("-visits", "orientation")[:ORIENTATION_LINES]
    )
    return {
        **{k: totals[k] or 0 for k in EMPTY},
        "by_antenna": {
            antenna.code: {"name": antenna.name, **by_antenna.get((antenna.pk,), EMPTY)}
            for antenna in listed.order_by("name")
        },
        "by_reason": {r: _line(reasons.get(r)) for r in Reason.values},
        "by_sex": {s: _line(by_sex.get((s,))) for s in Sex.values},
        "by_age_band": {b: _line(by_band.get((b,))) for b in AgeBand.values},
        "by_sex_and_age_band": {
            s: {b: _line(by_sex_band.get((s, b))) for b in AgeBand.values} for s in Sex.values
        },
        "by_month": {m: _line(by_month.get((int(m),))) for m in MONTHS},
        "orientations": [
            {"orientation": row["orientation"], "visits": row["visits"]} for row in orientations
        ],
    }


def _line(row: dict | None) -> dict:
    row = row or EMPTY
    return {k: row.get(k) or 0 for k in EMPTY}


MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def display(block: dict) -> dict:
    """The tables of the statistics page, labelled in French, from the block."""
    return {
        "antenna_lines": [{"label": line["name"], **line} for line in block["by_antenna"].values()],
        "reason_lines": [
            {"label": Reason(k).label, **line} for k, line in block["by_reason"].items()
        ],
        "sex_band_lines": [
            {
                "label": AgeBand(band).label,
                "cells": [block["by_sex_and_age_band"][s][band] for s in Sex.values],
                "total": block["by_age_band"][band],
            }
            for band in AgeBand.values
        ],
        "sex_labels": [Sex(s).label for s in Sex.values],
        "sex_totals": [block["by_sex"][s] for s in Sex.values],
        "month_lines": [
            {"label": MONTH_NAMES[int(m) - 1], **line} for m, line in block["by_month"].items()
        ],
    }
