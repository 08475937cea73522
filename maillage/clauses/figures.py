"""Clause figures, computed in SQL: the annual report's ``clauses`` block and the syntheses.

Every table is one or two aggregate queries, whatever the number of rows
(``Count(..., distinct=True)`` over ``ClauseHours``), so the pages and the
XLSX exports have constant query counts. The normative definitions are
../shared/spec/indicators.md ("clauses" block): rows of clause hours whose
month is in Y, grouped by their operation's legal basis; the total's distinct
counts are computed over all rows, never summed.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from maillage.clauses.models import ClauseHours, LegalBasis

#: The five figures of a column, in the order of the seed's tables.
MEASURES = ("beneficiaries", "contracts", "hours", "companies", "operations")
LABELS = {
    "beneficiaries": "Nombre de bénéficiaires",
    "contracts": "Nombre de contrats",
    "hours": "Nombre d'heures",
    "companies": "Nombre d'entreprises",
    "operations": "Nombre d'opérations",
    "buyers": "Nombre de donneurs d'ordre",
}


def _measures(prefix: str = "n_", condition: Q | None = None) -> dict:
    """The five aggregates, named ``prefix + measure`` (a bare "hours" would clash with the
    model's field of that name)."""

    def count(field):
        return Count(field, distinct=True, filter=condition)

    return {
        f"{prefix}beneficiaries": count("person"),
        f"{prefix}contracts": count("contract"),
        f"{prefix}hours": Sum("hours", filter=condition),
        f"{prefix}companies": count("company"),
        f"{prefix}operations": count("operation"),
    }


def _clean(values: dict, keys=MEASURES, prefix: str = "n_") -> dict:
    result = {key: values.get(prefix + key) or 0 for key in keys}
    result["hours"] = float(result["hours"])
    return result


def hours_of_year(year: int):
    return ClauseHours.objects.filter(month__year=year)


def by_legal_basis(rows) -> dict:
    """``{basis: {five measures}, "total": {… + buyers}}`` over ``rows``, in one query."""
    aggregates = {"n_buyers": Count("operation__buyer", distinct=True), **_measures()}
    for basis in LegalBasis.values:
        aggregates.update(_measures(f"{basis}_", Q(operation__legal_basis=basis)))
    values = rows.aggregate(**aggregates)
    result = {basis: _clean(values, prefix=f"{basis}_") for basis in LegalBasis.values}
    result["total"] = _clean(values, (*MEASURES, "buyers"))
    return result


def clauses_block(year: int) -> dict:
    """The ``clauses`` block of ``maillage annual_report`` (indicators.md, normative)."""
    figures = by_legal_basis(hours_of_year(year))
    total = figures.pop("total")
    return {"by_legal_basis": figures, "total": total}


@dataclass(frozen=True)
class Comparison:
    label: str
    current: float
    previous: float

    @property
    def difference(self) -> float:
        return abs(self.current - self.previous)

    @property
    def arrow(self) -> str:
        if self.current > self.previous:
            return "↗"
        return "↘" if self.current < self.previous else "="


def global_synthesis(year: int) -> dict:
    """The seed's "Tableau de synthèse" and its comparison with the previous year."""
    current = by_legal_basis(hours_of_year(year))
    previous = by_legal_basis(hours_of_year(year - 1))["total"]
    comparison = [
        Comparison(LABELS[key], current["total"][key], previous[key])
        for key in ("beneficiaries", "contracts", "hours", "companies", "buyers")
    ]
    return {"columns": current, "comparison": comparison, "previous": previous}


def table_rows(columns: dict, keys=MEASURES) -> list[dict]:
    """Rows of a table by legal basis: label, one value per basis, the total."""
    return [
        {
            "label": LABELS[key],
            "values": [columns[basis][key] for basis in LegalBasis.values],
            "total": columns["total"][key],
        }
        for key in keys
    ]


def buyer_synthesis(buyer_id: int, year: int) -> dict:
    """The per-buyer table (like the seed's "Synthèse Ville de Lyon")."""
    return by_legal_basis(hours_of_year(year).filter(operation__buyer_id=buyer_id))


def buyers_table(year: int) -> list[dict]:
    """One row per buyer with hours in ``year``: one query."""
    rows = (
        hours_of_year(year)
        .values("operation__buyer_id", "operation__buyer__name")
        .annotate(**_measures())
        .order_by("-n_hours", "operation__buyer__name")
    )
    return [
        {"buyer_id": row["operation__buyer_id"], "name": row["operation__buyer__name"]}
        | _clean(row)
        for row in rows
    ]


def operation_hours(operation_ids: list[int]) -> dict[int, float]:
    """Realised hours of each operation, all months: one query."""
    rows = (
        ClauseHours.objects.filter(operation_id__in=operation_ids)
        .values("operation_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    return {row["operation_id"]: float(row["total"]) for row in rows}


def monthly_hours(queryset) -> list[tuple]:
    """``[(month, hours)]`` of the rows of ``queryset``, in month order."""
    rows = queryset.values("month").annotate(total=Sum("hours")).order_by("month")
    return [(row["month"], float(row["total"])) for row in rows]


def qpv_shares(queryset) -> dict:
    """Shares of people living in a QPV and of the hours they worked, over ``queryset``."""
    in_qpv = Q(person__qpv__isnull=False)
    values = queryset.aggregate(
        people=Count("person", distinct=True),
        people_qpv=Count("person", distinct=True, filter=in_qpv),
        all_hours=Sum("hours"),
        hours_qpv=Sum("hours", filter=in_qpv),
    )
    hours = float(values["all_hours"] or 0)
    return {
        "people": values["people"],
        "people_qpv": values["people_qpv"],
        "people_share": values["people_qpv"] / values["people"] if values["people"] else None,
        "hours": hours,
        "hours_qpv": float(values["hours_qpv"] or 0),
        "hours_share": float(values["hours_qpv"] or 0) / hours if hours else None,
    }


def grouped(queryset, *fields: str) -> list[dict]:
    """Hours, people and contracts grouped by ``fields`` (per company, per person…)."""
    return [
        _clean(row) | {field: row[field] for field in fields}
        for row in queryset.values(*fields).annotate(**_measures()).order_by("-n_hours", *fields)
    ]


def urban_renewal(since: int, until: int) -> dict:
    """Urban-renewal sites since ``since``: operations, hours, people, QPV shares (2 queries)."""
    rows = ClauseHours.objects.filter(month__year__gte=since, month__year__lte=until).exclude(
        operation__urban_renewal_site=""
    )
    sites = [
        _clean(row) | {"site": row["operation__urban_renewal_site"]}
        for row in rows.values("operation__urban_renewal_site")
        .annotate(**_measures())
        .order_by("operation__urban_renewal_site")
    ]
    total = _clean(rows.aggregate(**_measures())) | qpv_shares(rows)
    return {"sites": sites, "total": total}


def partner_company_ids(year: int):
    """Companies with clause hours in ``year`` (partner companies of the Service Entreprises)."""
    return hours_of_year(year).values("company_id")
