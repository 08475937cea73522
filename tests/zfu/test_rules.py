"""The ZFU-TE rules, checked against the seed's own wording (quoted in each test)."""

from datetime import date
from decimal import Decimal

import pytest

from maillage.zfu import rules
from maillage.zfu.facts import ActivityKind, Outcome, Verdict
from tests.zfu.builders import a_company, a_year


def outcome(facts, code: str) -> Outcome:
    return next(c.outcome for c in rules.eligibility(facts).criteria if c.code == code)


def test_the_bakery_is_eligible_and_every_criterion_cites_the_cgi():
    verdict = rules.eligibility(a_company())
    assert verdict.verdict is Verdict.ELIGIBLE
    assert {c.code for c in verdict.criteria} == {
        "installation_date",
        "activity_kind",
        "employees",
        "size",
        "capital",
        "sector",
        "effective_activity",
    }
    assert all(c.reference == "CGI art. 44 octies A" for c in verdict.criteria)
    assert all(c.outcome is Outcome.MET and c.explanation for c in verdict.criteria)


# "installées en ZFU-TE … avant le 31 décembre 2020"
@pytest.mark.parametrize(
    ("installed_on", "expected"),
    [
        (date(2015, 1, 1), Outcome.MET),
        (date(2020, 12, 30), Outcome.MET),
        (date(2020, 12, 31), Outcome.MET),
        (date(2021, 1, 1), Outcome.NOT_MET),
        (date(2022, 6, 1), Outcome.NOT_MET),
    ],
)
def test_installation_by_the_end_of_2020(installed_on, expected):
    assert outcome(a_company(installation_date=installed_on), "installation_date") is expected


def test_installation_explanation_gives_the_date_in_french():
    criterion = rules.installation_criterion(date(2021, 1, 1))
    assert "01/01/2021" in criterion.explanation and "31/12/2020" in criterion.explanation


# "une activité industrielle, commerciale, artisanale ou libérale"
@pytest.mark.parametrize("kind", [k for k in ActivityKind if k is not ActivityKind.OTHER])
def test_industrial_commercial_craft_or_liberal_activities(kind):
    assert outcome(a_company(activity_kind=kind), "activity_kind") is Outcome.MET


def test_other_activities_are_not_covered():
    assert outcome(a_company(activity_kind=ActivityKind.OTHER), "activity_kind") is Outcome.NOT_MET


# "50 salariés au maximum"
@pytest.mark.parametrize(
    ("employees", "expected"),
    [(0, Outcome.MET), (49, Outcome.MET), (50, Outcome.MET), (51, Outcome.NOT_MET)],
)
def test_at_most_50_employees(employees, expected):
    assert outcome(a_company(employees=employees), "employees") is expected


# "10 millions d'euros de chiffres d'affaires maximum" (turnover or balance sheet, issue 5)
@pytest.mark.parametrize(
    ("turnover", "balance_sheet", "expected"),
    [
        (10_000_000, 10_000_000, Outcome.MET),
        (9_999_999, 50_000_000, Outcome.MET),
        (10_000_001, 10_000_000, Outcome.MET),
        (50_000_000, 10_000_000, Outcome.MET),
        (10_000_001, 10_000_001, Outcome.NOT_MET),
    ],
)
def test_turnover_or_balance_sheet_at_most_10_million(turnover, balance_sheet, expected):
    facts = a_company(turnover=turnover, balance_sheet=balance_sheet)
    assert outcome(facts, "size") is expected


# "un capital détenu à moins de 25 % par une entreprise de plus de 250 salariés"
@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (Decimal(0), Outcome.MET),
        (Decimal("24.99"), Outcome.MET),
        (Decimal(25), Outcome.NOT_MET),
        (Decimal("25.01"), Outcome.NOT_MET),
    ],
)
def test_capital_held_below_25_percent_by_large_firms(share, expected):
    assert outcome(a_company(large_firms_capital_share=share), "capital") is expected


def test_capital_explanation_writes_a_french_decimal_comma():
    criterion = rules.capital_criterion(Decimal("24.50"))
    assert "24,5 %" in criterion.explanation


# "Sont exclues du dispositif les activités relevant des secteurs suivants : …"
@pytest.mark.parametrize(
    ("naf", "expected"),
    [
        ("29.10Z", Outcome.NOT_MET),  # construction automobile
        ("30.11Z", Outcome.NOT_MET),  # construction navale
        ("20.60Z", Outcome.NOT_MET),  # fibres textiles artificielles ou synthétiques
        ("49.41A", Outcome.NOT_MET),  # transports routiers de marchandises
        ("68.20A", Outcome.NOT_MET),  # location d'immeubles à usage non professionnel
        ("01.11Z", Outcome.NOT_MET),  # agriculture
        ("64.91Z", Outcome.TO_CHECK),  # crédit-bail (mobilier or not)
        ("43.99D", Outcome.TO_CHECK),  # sablage among other works
        ("10.71C", Outcome.MET),
        ("47.11F", Outcome.MET),
        ("62.01Z", Outcome.MET),
    ],
)
def test_excluded_sectors_from_the_naf_code(naf, expected):
    assert outcome(a_company(naf_code=naf), "sector") is expected


def test_an_excluded_sector_makes_the_company_not_eligible_and_says_why():
    verdict = rules.eligibility(a_company(naf_code="49.41A"))
    assert verdict.verdict is Verdict.NOT_ELIGIBLE
    sector = next(c for c in verdict.criteria if c.code == "sector")
    assert "transports routiers de marchandises" in sector.explanation


def test_a_doubtful_sector_gives_an_eligibility_to_confirm():
    verdict = rules.eligibility(a_company(naf_code="64.91Z"))
    assert verdict.verdict is Verdict.TO_CONFIRM
    assert "à vérifier" in verdict.explanation


# "Les activités sédentaires sont jugées effectives. Les activités non sédentaires ne seront
# jugées effectives que si elles réalisent au moins 25 % de leur chiffre d'affaires (CA) en
# ZFU-TE ou si elles occupent au moins un équivalent temps plein salarié sédentaire"
@pytest.mark.parametrize(
    ("sedentary", "zone_share", "fte", "expected"),
    [
        (True, Decimal(0), Decimal(0), Outcome.MET),
        (False, Decimal(25), Decimal(0), Outcome.MET),
        (False, Decimal("24.99"), Decimal(0), Outcome.NOT_MET),
        (False, Decimal(0), Decimal(1), Outcome.MET),
        (False, Decimal(0), Decimal("0.99"), Outcome.NOT_MET),
        (False, Decimal(10), Decimal("1.5"), Outcome.MET),
    ],
)
def test_effective_activity(sedentary, zone_share, fte, expected):
    facts = a_company(
        sedentary_activity=sedentary, zone_turnover_share=zone_share, sedentary_fte_in_zone=fte
    )
    assert outcome(facts, "effective_activity") is expected


def test_every_failed_criterion_is_named_in_the_verdict():
    verdict = rules.eligibility(a_company(employees=51, installation_date=date(2021, 3, 1)))
    assert verdict.verdict is Verdict.NOT_ELIGIBLE
    assert "50 salariés au maximum" in verdict.explanation
    assert "installation dans la zone" in verdict.explanation


# --- Local hiring clause: "La condition d'emploi ou d'embauche locale s'apprécie à compter
# du 2e salarié. Ainsi, une entreprise … n'employant qu'un salarié qui ne réside pas dans une
# ZFU-TE peut bénéficier de l'exonération d'impôt."


@pytest.mark.parametrize("employees", [0, 1])
def test_clause_not_assessed_before_the_second_employee(employees):
    clause = rules.hiring_clause(a_year(qualifying_employees=employees, qualifying_hires=employees))
    assert clause.outcome is Outcome.NOT_ASSESSED
    assert clause.satisfied
    assert "2e salarié" in clause.explanation


def test_clause_assessed_from_the_second_employee():
    clause = rules.hiring_clause(a_year(qualifying_employees=2, qualifying_hires=2))
    assert clause.outcome is Outcome.NOT_MET
    assert not clause.satisfied


# "la moitié des salariés doit … résider dans une ZFU-TE ou dans un quartier prioritaire"
@pytest.mark.parametrize(
    ("employees", "residents", "expected"),
    [
        (2, 1, Outcome.MET),
        (4, 2, Outcome.MET),
        (4, 1, Outcome.NOT_MET),
        (5, 2, Outcome.NOT_MET),
        (5, 3, Outcome.MET),
    ],
)
def test_clause_on_the_employees_at_closing(employees, residents, expected):
    year = a_year(qualifying_employees=employees, resident_employees=residents, qualifying_hires=0)
    assert rules.hiring_clause(year).outcome is expected


# "soit par rapport aux embauches effectuées depuis … l'implantation dans la zone"
@pytest.mark.parametrize(
    ("hires", "resident_hires", "expected"),
    [(0, 0, Outcome.NOT_MET), (2, 1, Outcome.MET), (3, 1, Outcome.NOT_MET), (1, 1, Outcome.MET)],
)
def test_clause_on_the_hires_since_installation(hires, resident_hires, expected):
    year = a_year(
        qualifying_employees=6,
        resident_employees=1,
        qualifying_hires=hires,
        resident_hires=resident_hires,
    )
    assert rules.hiring_clause(year).outcome is expected


# --- Exemption: "100 % pendant les 5 premières années, 60 % pendant la 6e année, 40 % pendant
# la 7e année, 20 % pendant la 8e année."


@pytest.mark.parametrize(
    ("year", "rate"),
    [(1, 100), (2, 100), (3, 100), (4, 100), (5, 100), (6, 60), (7, 40), (8, 20), (9, 0), (15, 0)],
)
def test_exemption_rate_by_year(year, rate):
    assert rules.exemption_rate(year) == rate


# "Le plafond … est fixé à 50 000 € par période de 12 mois. Ce plafond est majoré de 5.000 €
# par salarié recruté en ZFU-TE ou QPV."
@pytest.mark.parametrize(("hires", "cap"), [(0, 50_000), (1, 55_000), (3, 65_000)])
def test_cap_with_resident_hires(hires, cap):
    assert rules.exemption_cap(hires) == cap


@pytest.mark.parametrize(
    ("hires", "profit", "exempt", "capped"),
    [
        (0, 80_000, 50_000, True),
        (1, 80_000, 55_000, True),
        (3, 80_000, 65_000, True),
        (3, 60_000, 60_000, False),
        (0, 50_000, 50_000, False),
        (0, 50_001, 50_000, True),
    ],
)
def test_exempt_profit_of_a_full_rate_year(hires, profit, exempt, capped):
    year = a_year(year=2, profit=profit, resident_new_hires=hires)
    result = rules.year_result(year, Verdict.ELIGIBLE)
    assert (result.exempt_profit, result.cap_applied) == (exempt, capped)


@pytest.mark.parametrize(
    ("year", "exempt"), [(5, 40_000), (6, 24_000), (7, 16_000), (8, 8_000), (9, 0)]
)
def test_exempt_profit_follows_the_declining_rates(year, exempt):
    result = rules.year_result(a_year(year=year, profit=40_000), Verdict.ELIGIBLE)
    assert result.exempt_profit == exempt


def test_the_cap_applies_after_the_rate():
    """Year 6, 120 000 € of profit: 60 % is 72 000 €, capped at 50 000 €."""
    result = rules.year_result(a_year(year=6, profit=120_000), Verdict.ELIGIBLE)
    assert (result.exemptable_profit, result.exempt_profit) == (72_000, 50_000)
    assert "ramené au plafond de 50 000 €" in result.explanation


def test_no_exemption_without_profit():
    result = rules.year_result(a_year(profit=-5_000), Verdict.ELIGIBLE)
    assert result.exempt_profit == 0
    assert "pas de bénéfice" in result.explanation


def test_no_exemption_when_the_clause_fails_at_closing():
    year = a_year(profit=40_000, qualifying_employees=4, resident_employees=1, qualifying_hires=0)
    result = rules.year_result(year, Verdict.ELIGIBLE)
    assert result.exempt_profit == 0
    assert result.hiring_clause.outcome is Outcome.NOT_MET
    assert "clause d'embauche locale" in result.explanation


def test_no_exemption_for_a_company_that_is_not_eligible():
    simulation = rules.simulate(a_company(employees=60))
    assert simulation.total_exempt_profit == 0
    assert "pas éligible" in simulation.years[0].explanation


def test_an_eligibility_to_confirm_still_computes_with_a_reservation():
    simulation = rules.simulate(a_company(naf_code="64.91Z"))
    assert simulation.years[0].exempt_profit == 30_000
    assert "Sous réserve" in simulation.years[0].explanation


def test_simulation_sorts_years_and_totals_them():
    years = (a_year(year=6, profit=10_000), a_year(year=1, profit=20_000))
    simulation = rules.simulate(a_company(fiscal_years=years))
    assert [y.year for y in simulation.years] == [1, 6]
    assert simulation.total_exempt_profit == 20_000 + 6_000


# "les micro-entreprises (moins de 10 salariés et chiffre d'affaires annuel ou total de bilan
# n'excédant pas 2 millions d'euros) ayant une activité commerciale bénéficient …"
@pytest.mark.parametrize(
    ("kind", "employees", "turnover", "expected"),
    [
        (ActivityKind.COMMERCIAL, 9, 2_000_000, Outcome.TO_CHECK),
        (ActivityKind.COMMERCIAL, 10, 500_000, Outcome.NOT_MET),
        (ActivityKind.COMMERCIAL, 3, 2_000_001, Outcome.TO_CHECK),  # the balance sheet is small
        (ActivityKind.CRAFT, 3, 500_000, Outcome.NOT_MET),
    ],
)
def test_local_shop_relief(kind, employees, turnover, expected):
    facts = a_company(activity_kind=kind, employees=employees, turnover=turnover)
    assert rules.local_shop_relief(facts).outcome is expected


def test_local_shop_relief_needs_turnover_or_balance_sheet_at_most_2_million():
    facts = a_company(
        activity_kind=ActivityKind.COMMERCIAL,
        employees=3,
        turnover=2_000_001,
        balance_sheet=2_000_001,
    )
    assert rules.local_shop_relief(facts).outcome is Outcome.NOT_MET
