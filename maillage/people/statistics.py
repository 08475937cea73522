"""Anonymous figures about people, computed in the database (never a name)."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from maillage.people.education import EducationLevel
from maillage.people.models import Sex

# Same brackets as the PLIE figures (indicators.md: age_brackets).
AGE_BRACKETS = (("<26", None, 25), ("26-45", 26, 45), ("46-50", 46, 50), (">50", 51, None))


def _born_after(today: date, years: int) -> date:
    """The earliest birth date of someone aged at most ``years`` on ``today``."""
    try:
        anniversary = today.replace(year=today.year - years - 1)
    except ValueError:  # 29 February
        anniversary = today.replace(year=today.year - years - 1, day=28)
    return date.fromordinal(anniversary.toordinal() + 1)


def age_filter(today: date, low: int | None, high: int | None) -> Q:
    q = Q()
    if high is not None:
        q &= Q(birth_date__gte=_born_after(today, high))
    if low is not None:
        q &= Q(birth_date__lt=_born_after(today, low - 1))
    return q


def people_figures(people: QuerySet, today: date | None = None) -> dict:
    """Totals by sex, age bracket, QPV and education level: two queries whatever the size."""
    today = today or date.today()
    aggregates = {"total": Count("pk"), "qpv": Count("pk", filter=Q(qpv__isnull=False))}
    for code in Sex.values:
        aggregates[f"sex_{code}"] = Count("pk", filter=Q(sex=code))
    for key, low, high in AGE_BRACKETS:
        aggregates[f"age_{key}"] = Count("pk", filter=age_filter(today, low, high))
    row = people.aggregate(**aggregates)
    education = dict(people.order_by().values_list("education_level").annotate(n=Count("pk")))
    return {
        "total": row["total"],
        "qpv": row["qpv"],
        "sex": [(label, row[f"sex_{code}"]) for code, label in Sex.choices],
        "age_brackets": [(key, row[f"age_{key}"]) for key, _low, _high in AGE_BRACKETS],
        "education_levels": [
            (label, education.get(code, 0)) for code, label in EducationLevel.choices
        ]
        + [("Non renseigné", education.get("", 0))],
    }
