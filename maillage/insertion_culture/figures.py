"""Figures of the Mission Insertion Culture for year Y (seed p. 50-52): the report block.

Every key is defined in docs/insertion_culture.md. All counts are computed in SQL
(a fixed number of queries, whatever the number of rows) over every row of the platform:
they are anonymous totals, shown to VIEW_AGGREGATES and MANAGE_INSERTION_CULTURE.

- *Actions of Y*: the actions whose dates overlap Y.
- *Participations of Y*: the registrations on actions of Y; *participants of Y*: their
  distinct persons. A participant counts under a public when at least one of their
  participations of Y has that flag; their territory is the one of their latest
  participation of Y (by registration date, then id), so territory shares add up to 1.
"""

import datetime

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from maillage.insertion_culture.models import (
    CULTURE_CATEGORIES,
    PUBLIC_FLAGS,
    ActionSession,
    Attendance,
    CollectiveAction,
    EmployerAction,
    EmployerActionKind,
    EmployerOutcome,
    EmployerOutcomeKind,
    Participation,
    Partner,
    PartnerCategory,
    Side,
)
from maillage.insertion_culture.territories import TerritoryKind

#: Keys of the ``publics`` object, by participation flag.
PUBLIC_KEYS = {
    "is_rsa": "rsa",
    "is_plie": "plie",
    "is_deld": "deld",
    "is_fle": "fle",
    "is_young": "young_16_25",
    "is_qpv": "qpv",
    "is_qva": "qva",
}
assert set(PUBLIC_KEYS) == set(PUBLIC_FLAGS)


def _bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def actions_of_year(year: int):
    start, end = _bounds(year)
    return CollectiveAction.objects.filter(starts_on__lte=end, ends_on__gte=start)


def participations_of_year(year: int):
    start, end = _bounds(year)
    return Participation.objects.filter(action__starts_on__lte=end, action__ends_on__gte=start)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _participants(year: int) -> dict:
    rows = participations_of_year(year)
    totals = rows.aggregate(
        participations=Count("pk"),
        participants=Count("person", distinct=True),
        **{
            key: Count("person", distinct=True, filter=Q(**{flag: True}))
            for flag, key in PUBLIC_KEYS.items()
        },
    )
    participants = totals["participants"]
    publics = {key: totals[key] for key in PUBLIC_KEYS.values()}
    return {
        "participants": participants,
        "participations": totals["participations"],
        "publics": publics,
        "public_shares": {key: _share(n, participants) for key, n in publics.items()},
    }


def _territories(year: int) -> dict:
    rows = participations_of_year(year)
    latest = rows.filter(person=OuterRef("person")).order_by("-registered_on", "-pk")
    per_person = (
        rows.filter(pk=Subquery(latest.values("pk")[:1]))
        .values("territory_kind", "territory")
        .annotate(n=Count("person"))
        .order_by("territory")
    )
    by_kind = {k.value: 0 for k in TerritoryKind}
    by_territory: dict[str, int] = {}
    counted = {TerritoryKind.LYON.value: [], TerritoryKind.METROPOLE.value: []}
    for row in per_person:
        by_kind[row["territory_kind"]] += row["n"]
        if row["territory_kind"] in counted and row["territory"]:
            by_territory[row["territory"]] = by_territory.get(row["territory"], 0) + row["n"]
            counted[row["territory_kind"]].append(row["territory"])
    total = sum(by_kind.values())
    return {
        "participants_by_territory_kind": by_kind,
        "lyon_share": _share(by_kind[TerritoryKind.LYON], total),
        "metropole_outside_lyon_share": _share(by_kind[TerritoryKind.METROPOLE], total),
        "territories": len(by_territory),
        "lyon_territories": sorted(set(counted[TerritoryKind.LYON])),
        "metropole_territories": sorted(set(counted[TerritoryKind.METROPOLE])),
        "participants_by_territory": dict(sorted(by_territory.items())),
    }


def _partners(year: int) -> dict:
    rows = (
        Partner.objects.filter(actions__in=actions_of_year(year))
        .values("side", "category")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    by_side = {side: 0 for side in Side.values}
    by_category = {}
    for row in rows:
        by_side[row["side"]] += row["n"]
        by_category[row["category"]] = row["n"]
    return {
        "partners": sum(by_side.values()),
        "partners_by_side": by_side,
        "culture_partners_by_category": {
            c: by_category.get(c, 0) for c in PartnerCategory.values if c in CULTURE_CATEGORIES
        },
    }


def employers_of_year(year: int):
    """Cultural employers with an action or a result in ``year`` (company ids, for partners)."""
    from maillage.companies.models import Company

    start, end = _bounds(year)
    return Company.objects.filter(
        Q(pk__in=EmployerAction.objects.filter(date__range=(start, end)).values("company_id"))
        | Q(pk__in=EmployerOutcome.objects.filter(date__range=(start, end)).values("company_id"))
    ).values("pk")


def _hr(year: int) -> dict:
    start, end = _bounds(year)
    actions = EmployerAction.objects.filter(date__range=(start, end)).aggregate(
        prospects=Count("company", distinct=True, filter=Q(kind=EmployerActionKind.PROSPECT)),
        hr_advice=Count("pk", filter=Q(kind=EmployerActionKind.HR_ADVICE)),
        job_discoveries=Count("pk", filter=Q(kind=EmployerActionKind.JOB_DISCOVERY)),
        job_discovery_people=Sum("people_count", filter=Q(kind=EmployerActionKind.JOB_DISCOVERY)),
        job_offers=Count("pk", filter=Q(kind=EmployerActionKind.JOB_OFFER)),
    )
    outcomes = EmployerOutcome.objects.filter(date__range=(start, end)).aggregate(
        interviews=Count("pk", filter=Q(kind=EmployerOutcomeKind.INTERVIEW)),
        sponsorships=Count("pk", filter=Q(kind=EmployerOutcomeKind.SPONSORSHIP)),
        internships=Count("pk", filter=Q(kind=EmployerOutcomeKind.INTERNSHIP)),
        trainings=Count("pk", filter=Q(kind=EmployerOutcomeKind.TRAINING)),
        people_placed=Count("person", distinct=True, filter=Q(kind=EmployerOutcomeKind.PLACEMENT)),
    )
    actions["job_discovery_people"] = actions["job_discovery_people"] or 0
    return {**actions, **outcomes, "employers": employers_of_year(year).count()}


def insertion_culture_block(year: int) -> dict:
    """The ``insertion_culture`` block of the annual report for ``year``."""
    start, end = _bounds(year)
    return {
        "actions": actions_of_year(year).count(),
        "sessions": ActionSession.objects.filter(date__range=(start, end)).count(),
        "attendances": Attendance.objects.filter(session__date__range=(start, end)).count(),
        **_participants(year),
        **_territories(year),
        **_partners(year),
        "hr": _hr(year),
    }
