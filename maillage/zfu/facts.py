"""What the ZFU-TE simulator reads and returns: frozen dataclasses, no behaviour.

``CompanyFacts`` is the input (from the page's form or from a JSON file, see
``maillage.zfu.schema``); ``Simulation`` the result of ``rules.simulate``. The
French labels of outcomes and verdicts live here so that the page, the JSON
output and the tests say the same words.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

REFERENCE = "CGI art. 44 octies A"


class ActivityKind(StrEnum):
    INDUSTRIAL = "industrielle"
    COMMERCIAL = "commerciale"
    CRAFT = "artisanale"
    LIBERAL = "liberale"
    OTHER = "autre"


ACTIVITY_LABELS = {
    ActivityKind.INDUSTRIAL: "Industrielle",
    ActivityKind.COMMERCIAL: "Commerciale",
    ActivityKind.CRAFT: "Artisanale",
    ActivityKind.LIBERAL: "Libérale",
    ActivityKind.OTHER: "Autre (civile, agricole…)",
}


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    TO_CHECK = "to_check"
    NOT_ASSESSED = "not_assessed"


OUTCOME_LABELS = {
    Outcome.MET: "Condition remplie",
    Outcome.NOT_MET: "Condition non remplie",
    Outcome.TO_CHECK: "À vérifier",
    Outcome.NOT_ASSESSED: "Non appréciée (réputée remplie)",
}


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    TO_CONFIRM = "to_confirm"


VERDICT_LABELS = {
    Verdict.ELIGIBLE: "Éligible",
    Verdict.NOT_ELIGIBLE: "Non éligible",
    Verdict.TO_CONFIRM: "Éligible sous réserve de vérification",
}


@dataclass(frozen=True)
class FiscalYearFacts:
    """One fiscal year (12 months) counted from the installation: year 1 is the first."""

    year: int
    profit: int  # euros, profit of the activity carried on in the zone (a loss is negative)
    qualifying_employees: int  # at closing: CDI or CDD ≥ 12 months, ≥ 16 h a week
    resident_employees: int  # of whom living in a ZFU-TE or a QPV
    qualifying_hires: int  # hired on those terms since the installation
    resident_hires: int  # of whom living in a ZFU-TE or a QPV
    resident_new_hires: int  # new employees living in a ZFU-TE or QPV (raise the cap)


@dataclass(frozen=True)
class CompanyFacts:
    company_name: str
    naf_code: str
    activity_kind: ActivityKind
    installation_date: date
    employees: int
    turnover: int  # euros, excluding tax
    balance_sheet: int  # euros, balance sheet total
    large_firms_capital_share: Decimal  # percent held by firms of more than 250 employees
    sedentary_activity: bool
    zone_turnover_share: Decimal  # percent of the turnover made in the zone
    sedentary_fte_in_zone: Decimal  # sedentary full-time equivalents in the zone's premises
    fiscal_years: tuple[FiscalYearFacts, ...] = ()


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    outcome: Outcome
    explanation: str
    reference: str = REFERENCE

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


@dataclass(frozen=True)
class Eligibility:
    verdict: Verdict
    explanation: str
    criteria: tuple[Criterion, ...]
    reference: str = REFERENCE

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


@dataclass(frozen=True)
class HiringClause:
    outcome: Outcome
    explanation: str
    reference: str = REFERENCE

    @property
    def satisfied(self) -> bool:
        return self.outcome in (Outcome.MET, Outcome.NOT_ASSESSED)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


@dataclass(frozen=True)
class YearResult:
    year: int
    profit: int
    rate: int  # percent
    exemptable_profit: int  # profit × rate, before the cap
    cap: int
    cap_applied: bool
    exempt_profit: int
    hiring_clause: HiringClause
    explanation: str
    reference: str = REFERENCE


@dataclass(frozen=True)
class Simulation:
    facts: CompanyFacts
    eligibility: Eligibility
    years: tuple[YearResult, ...]
    local_shop: Criterion
    reference: str = REFERENCE

    @property
    def total_exempt_profit(self) -> int:
        return sum(year.exempt_profit for year in self.years)


def euros(amount: int) -> str:
    """``50 000 €``: French grouping, whole euros."""
    return f"{amount:,} €".replace(",", " ")


def number(value: Decimal | int) -> str:
    """``12,5`` for Decimal("12.50"), ``100`` for Decimal("100"): French decimal comma."""
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def percent(value: Decimal | int) -> str:
    return f"{number(value)} %"
