"""The simulator's JSON: input parsed into ``CompanyFacts``, ``Simulation`` written out.

Both schemas are documented in docs/zfu.md. Parsing collects every problem
before refusing, each message in French and prefixed with the key it concerns
(``fiscal_years[2].profit_eur``), so that a file can be fixed in one go. The
page's form feeds the same ``parse_facts``: there is one definition of a valid
input.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from maillage.companies.models import normalise_naf
from maillage.zfu.facts import (
    REFERENCE,
    ActivityKind,
    CompanyFacts,
    Criterion,
    FiscalYearFacts,
    HiringClause,
    Simulation,
    YearResult,
)

_NAF_RE = re.compile(r"^\d{2}\.\d{2}[A-Z]$")
MAX_YEAR = 50

COMPANY_KEYS = {
    "company_name",
    "naf_code",
    "activity_kind",
    "installation_date",
    "employees",
    "turnover_eur",
    "balance_sheet_eur",
    "large_firms_capital_share_percent",
    "sedentary_activity",
    "zone_turnover_share_percent",
    "sedentary_fte_in_zone",
    "fiscal_years",
}
OPTIONAL_DEFAULTS = {
    "company_name": "",
    "zone_turnover_share_percent": 0,
    "sedentary_fte_in_zone": 0,
    "fiscal_years": [],
}
YEAR_COUNTS = (
    "qualifying_employees",
    "resident_employees",
    "qualifying_hires",
    "resident_hires",
    "resident_new_hires",
)
YEAR_KEYS = {"year", "profit_eur", *YEAR_COUNTS}


class InvalidInput(ValueError):
    """The input does not describe a company: ``errors`` lists every problem, in French."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


class _Reader:
    """Reads typed values from a dict, recording errors instead of stopping at the first."""

    def __init__(self, errors: list[str], prefix: str = ""):
        self.errors = errors
        self.prefix = prefix

    def fail(self, key: str, message: str) -> None:
        self.errors.append(f"{self.prefix}{key} : {message}")

    def integer(self, data: dict, key: str, *, minimum: int | None = 0) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, "doit être un nombre entier.")
            return 0
        if minimum is not None and value < minimum:
            self.fail(key, f"doit être supérieur ou égal à {minimum}.")
        return value

    def decimal(self, data: dict, key: str, *, maximum: Decimal | None = None) -> Decimal:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            self.fail(key, "doit être un nombre.")
            return Decimal(0)
        try:
            number = Decimal(str(value))
        except InvalidOperation:  # pragma: no cover - json never yields such floats
            self.fail(key, "doit être un nombre.")
            return Decimal(0)
        if not number.is_finite() or number < 0 or (maximum is not None and number > maximum):
            bound = f" et {maximum}" if maximum is not None else ""
            self.fail(key, f"doit être compris entre 0{bound}." if bound else "doit être positif.")
        return number

    def unknown(self, data: dict, allowed: set[str]) -> None:
        for key in sorted(set(data) - allowed):
            self.fail(key, "clé inconnue.")

    def missing(self, data: dict, required: set[str]) -> bool:
        absent = sorted(required - set(data))
        for key in absent:
            self.fail(key, "valeur obligatoire manquante.")
        return bool(absent)


def _fiscal_year(data, index: int, errors: list[str]) -> FiscalYearFacts | None:
    read = _Reader(errors, f"fiscal_years[{index}].")
    if not isinstance(data, dict):
        errors.append(f"fiscal_years[{index}] : doit être un objet JSON.")
        return None
    read.unknown(data, YEAR_KEYS)
    if read.missing(data, YEAR_KEYS):
        return None
    before = len(errors)
    year = read.integer(data, "year", minimum=1)
    if year > MAX_YEAR:
        read.fail("year", f"doit être au plus {MAX_YEAR}.")
    profit = read.integer(data, "profit_eur", minimum=None)
    counts = {key: read.integer(data, key) for key in YEAR_COUNTS}
    if counts["resident_employees"] > counts["qualifying_employees"]:
        read.fail("resident_employees", "ne peut pas dépasser qualifying_employees.")
    if counts["resident_hires"] > counts["qualifying_hires"]:
        read.fail("resident_hires", "ne peut pas dépasser qualifying_hires.")
    if len(errors) > before:
        return None
    return FiscalYearFacts(year=year, profit=profit, **counts)


def parse_facts(data) -> CompanyFacts:
    """``CompanyFacts`` from the decoded JSON input, or ``InvalidInput`` listing every problem."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise InvalidInput(["L'entrée doit être un objet JSON ({…})."])
    read = _Reader(errors)
    read.unknown(data, COMPANY_KEYS)
    read.missing(data, COMPANY_KEYS - set(OPTIONAL_DEFAULTS))
    data = OPTIONAL_DEFAULTS | data

    name = data.get("company_name")
    if not isinstance(name, str):
        read.fail("company_name", "doit être une chaîne de caractères.")
        name = ""
    naf = data.get("naf_code")
    naf = normalise_naf(naf) if isinstance(naf, str) else ""
    if "naf_code" in data and not _NAF_RE.match(naf):
        read.fail("naf_code", "code NAF invalide (exemple : 47.11F ou 4711F).")
    kind = data.get("activity_kind")
    if "activity_kind" in data and kind not in set(ActivityKind):
        read.fail("activity_kind", "valeurs possibles : " + ", ".join(ActivityKind) + ".")
    installed = data.get("installation_date")
    installed_on = date(2000, 1, 1)
    if "installation_date" in data:
        try:
            installed_on = date.fromisoformat(installed)
        except (TypeError, ValueError):
            read.fail("installation_date", "date attendue au format AAAA-MM-JJ.")
    sedentary = data.get("sedentary_activity")
    if "sedentary_activity" in data and not isinstance(sedentary, bool):
        read.fail("sedentary_activity", "doit valoir true ou false.")
    numbers = {
        "employees": read.integer(data, "employees") if "employees" in data else 0,
        "turnover": read.integer(data, "turnover_eur") if "turnover_eur" in data else 0,
        "balance_sheet": (
            read.integer(data, "balance_sheet_eur") if "balance_sheet_eur" in data else 0
        ),
        "large_firms_capital_share": (
            read.decimal(data, "large_firms_capital_share_percent", maximum=Decimal(100))
            if "large_firms_capital_share_percent" in data
            else Decimal(0)
        ),
        "zone_turnover_share": read.decimal(
            data, "zone_turnover_share_percent", maximum=Decimal(100)
        ),
        "sedentary_fte_in_zone": read.decimal(data, "sedentary_fte_in_zone"),
    }
    years_data = data.get("fiscal_years")
    years: list[FiscalYearFacts] = []
    if not isinstance(years_data, list):
        read.fail("fiscal_years", "doit être une liste d'exercices.")
    else:
        for index, item in enumerate(years_data):
            if (year := _fiscal_year(item, index, errors)) is not None:
                years.append(year)
        seen = [year.year for year in years]
        for duplicate in sorted({y for y in seen if seen.count(y) > 1}):
            read.fail("fiscal_years", f"l'exercice {duplicate} apparaît plusieurs fois.")
    if errors:
        raise InvalidInput(errors)
    return CompanyFacts(
        company_name=name.strip(),
        naf_code=naf,
        activity_kind=ActivityKind(kind),
        installation_date=installed_on,
        sedentary_activity=sedentary,
        fiscal_years=tuple(sorted(years, key=lambda y: y.year)),
        **numbers,
    )


def _criterion(criterion: Criterion) -> dict:
    return {
        "code": criterion.code,
        "label": criterion.label,
        "outcome": str(criterion.outcome),
        "outcome_label": criterion.outcome_label,
        "explanation": criterion.explanation,
        "reference": criterion.reference,
    }


def _clause(clause: HiringClause) -> dict:
    return {
        "outcome": str(clause.outcome),
        "outcome_label": clause.outcome_label,
        "explanation": clause.explanation,
        "reference": clause.reference,
    }


def _year(result: YearResult) -> dict:
    return {
        "year": result.year,
        "profit_eur": result.profit,
        "rate_percent": result.rate,
        "exemptable_profit_eur": result.exemptable_profit,
        "cap_eur": result.cap,
        "cap_applied": result.cap_applied,
        "exempt_profit_eur": result.exempt_profit,
        "hiring_clause": _clause(result.hiring_clause),
        "explanation": result.explanation,
        "reference": result.reference,
    }


def simulation_to_json(simulation: Simulation) -> dict:
    """The output schema of docs/zfu.md (plain JSON types only)."""
    facts, verdict = simulation.facts, simulation.eligibility
    return {
        "reference": REFERENCE,
        "company_name": facts.company_name,
        "naf_code": facts.naf_code,
        "eligibility": {
            "verdict": str(verdict.verdict),
            "label": verdict.label,
            "explanation": verdict.explanation,
            "reference": verdict.reference,
            "criteria": [_criterion(c) for c in verdict.criteria],
        },
        "fiscal_years": [_year(year) for year in simulation.years],
        "total_exempt_profit_eur": simulation.total_exempt_profit,
        "local_shop": _criterion(simulation.local_shop),
    }
