"""Age in whole years on a given date, in Python and as a database expression.

Both follow the one rule counted everywhere else: (year difference) minus one
when the birthday has not yet come that year, comparing (month, day) pairs.
Someone born on 29 February is therefore one year older on 1 March of a
non-leap year (28 February comes before 29 February, 1 March does not). The
SQL form lets the report bracket 240 000 participants without loading them.
"""

from datetime import date

from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.expressions import Func
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import LessThan


def age_in_years(birth: date, on: date) -> int:
    return (on.year - birth.year) - ((on.month, on.day) < (birth.month, birth.day))


def _month_day(field: str):
    """(month, day) as one comparable number: 2 March is 302, 29 February is 229."""
    return ExtractMonth(F(field)) * Value(100) + ExtractDay(F(field))


def _extract_age(on_field: str, birth_field: str):
    birthday_not_reached = LessThan(_month_day(on_field), _month_day(birth_field))
    return (
        ExtractYear(F(on_field))
        - ExtractYear(F(birth_field))
        - Case(When(birthday_not_reached, then=Value(1)), default=Value(0))
    )


class AgeInYears(Func):
    """Age in whole years on ``on_field`` of someone born on ``birth_field``.

    PostgreSQL (and any other backend) computes it with EXTRACT. On SQLite,
    Django's EXTRACT is a Python function called per row, six times per age:
    too slow for 240 000 participants, so SQLite reads the ISO text Django
    stores ("YYYY-MM-DD") with its native substr(): same rule, same result.
    """

    output_field = IntegerField()

    def __init__(self, on_field: str, birth_field: str):
        super().__init__(F(on_field), F(birth_field), _extract_age(on_field, birth_field))

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[2])

    def as_sqlite(self, compiler, connection, **extra_context):
        on_sql, on_params = compiler.compile(self.source_expressions[0])
        birth_sql, birth_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"((CAST(substr({on_sql}, 1, 4) AS INTEGER)"
            f" - CAST(substr({birth_sql}, 1, 4) AS INTEGER))"
            f" - (substr({on_sql}, 6, 5) < substr({birth_sql}, 6, 5)))"
        )
        return sql, (*on_params, *birth_params, *on_params, *birth_params)


def age_on(on_field: str, birth_field: str) -> AgeInYears:
    """Expression: age in whole years on ``on_field`` of someone born on ``birth_field``."""
    return AgeInYears(on_field, birth_field)
