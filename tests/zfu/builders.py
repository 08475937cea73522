"""Facts of an eligible company of the zone, to vary one criterion at a time."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from maillage.zfu.facts import ActivityKind, CompanyFacts, FiscalYearFacts


def a_year(**overrides) -> FiscalYearFacts:
    values = dict(
        year=1,
        profit=30_000,
        qualifying_employees=1,
        resident_employees=0,
        qualifying_hires=1,
        resident_hires=0,
        resident_new_hires=0,
    )
    return FiscalYearFacts(**(values | overrides))


def a_company(**overrides) -> CompanyFacts:
    """A bakery installed at La Duchère in 2016, sedentary, 6 employees: eligible."""
    company = CompanyFacts(
        company_name="Boulangerie du Plateau",
        naf_code="10.71C",
        activity_kind=ActivityKind.CRAFT,
        installation_date=date(2016, 3, 1),
        employees=6,
        turnover=620_000,
        balance_sheet=310_000,
        large_firms_capital_share=Decimal(0),
        sedentary_activity=True,
        zone_turnover_share=Decimal(0),
        sedentary_fte_in_zone=Decimal(0),
        fiscal_years=(a_year(),),
    )
    return replace(company, **overrides)


def json_input(**overrides) -> dict:
    """The same company as a JSON input (docs/zfu.md)."""
    values = {
        "company_name": "Boulangerie du Plateau",
        "naf_code": "1071C",
        "activity_kind": "artisanale",
        "installation_date": "2016-03-01",
        "employees": 6,
        "turnover_eur": 620000,
        "balance_sheet_eur": 310000,
        "large_firms_capital_share_percent": 0,
        "sedentary_activity": True,
        "fiscal_years": [
            {
                "year": 1,
                "profit_eur": 30000,
                "qualifying_employees": 1,
                "resident_employees": 0,
                "qualifying_hires": 1,
                "resident_hires": 0,
                "resident_new_hires": 0,
            }
        ],
    }
    return values | overrides
