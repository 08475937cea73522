"""ZFU-TE profit-tax exemption rules (CGI art. 44 octies A), as pure functions.

Built from the seed's pages "Zone Franche Urbaine – Territoire Entrepreneur":
eligibility of a company installed in the zone, the local hiring clause
assessed at each closing, and the exemption of each fiscal year (100 % for
years 1 to 5, then 60 %, 40 %, 20 %) capped at 50 000 € per 12 months plus
5 000 € per new employee living in a ZFU-TE or a QPV. Nothing here reads the
database: the same ``simulate`` serves the page and ``maillage zfu_simulate``.
Every outcome carries a plain-French explanation and its legal reference, so
the adviser can hand the result over as it is. Interpretations the seed leaves
open are listed in docs/zfu.md.
"""

from datetime import date
from decimal import Decimal

from maillage.zfu.facts import (
    ACTIVITY_LABELS,
    REFERENCE,
    ActivityKind,
    CompanyFacts,
    Criterion,
    Eligibility,
    FiscalYearFacts,
    HiringClause,
    Outcome,
    Simulation,
    Verdict,
    YearResult,
    euros,
    number,
    percent,
)
from maillage.zfu.sectors import SectorRule, SectorStatus, match_sector

__all__ = ["REFERENCE", "CompanyFacts", "FiscalYearFacts", "simulate"]

LOCAL_SHOP_REFERENCE = "CGI art. 1383 C ter (TFPB) et art. 1466 A I septies (CFE)"

LAST_INSTALLATION_DATE = date(2020, 12, 31)  # "installées … avant le 31 décembre 2020"
MAX_EMPLOYEES = 50
MAX_TURNOVER = 10_000_000  # turnover or balance sheet, euros
MAX_LARGE_FIRMS_SHARE = Decimal(25)  # strictly below, percent of capital
LARGE_FIRM_EMPLOYEES = 250
MIN_ZONE_TURNOVER_SHARE = Decimal(25)  # percent, for non-sedentary activities
MIN_SEDENTARY_FTE = Decimal(1)
BASE_CAP = 50_000  # euros per 12 months
CAP_PER_RESIDENT_HIRE = 5_000
CLAUSE_FROM_EMPLOYEES = 2  # "s'apprécie à compter du 2e salarié"
RATES = {1: 100, 2: 100, 3: 100, 4: 100, 5: 100, 6: 60, 7: 40, 8: 20}
LOCAL_SHOP_MAX_EMPLOYEES = 10  # strictly below
LOCAL_SHOP_MAX_TURNOVER = 2_000_000


# --- Eligibility ---------------------------------------------------------------------------


def installation_criterion(installed_on: date) -> Criterion:
    label = "Installation dans la zone au plus tard le 31/12/2020"
    when = installed_on.strftime("%d/%m/%Y")
    if installed_on <= LAST_INSTALLATION_DATE:
        return Criterion(
            "installation_date",
            label,
            Outcome.MET,
            f"Installée dans la ZFU-TE le {when}, avant la fin du dispositif (31/12/2020).",
        )
    return Criterion(
        "installation_date",
        label,
        Outcome.NOT_MET,
        f"Installée le {when} : le dispositif ne vaut que pour les entreprises installées "
        "en ZFU-TE au plus tard le 31/12/2020.",
    )


def activity_kind_criterion(kind: ActivityKind) -> Criterion:
    label = "Activité industrielle, commerciale, artisanale ou libérale"
    if kind is ActivityKind.OTHER:
        return Criterion(
            "activity_kind",
            label,
            Outcome.NOT_MET,
            "Seules les activités industrielles, commerciales, artisanales ou libérales "
            "ouvrent droit à l'exonération.",
        )
    return Criterion(
        "activity_kind",
        label,
        Outcome.MET,
        f"Activité {ACTIVITY_LABELS[kind].lower()} : elle fait partie des activités visées.",
    )


def employees_criterion(employees: int) -> Criterion:
    label = f"{MAX_EMPLOYEES} salariés au maximum"
    if employees <= MAX_EMPLOYEES:
        return Criterion(
            "employees",
            label,
            Outcome.MET,
            f"{employees} salarié(s) : pas plus de {MAX_EMPLOYEES}.",
        )
    return Criterion(
        "employees",
        label,
        Outcome.NOT_MET,
        f"{employees} salariés : l'entreprise dépasse le plafond de {MAX_EMPLOYEES} salariés.",
    )


def size_criterion(turnover: int, balance_sheet: int) -> Criterion:
    label = "Chiffre d'affaires ou total de bilan de 10 millions d'euros au maximum"
    figures = f"chiffre d'affaires {euros(turnover)}, total de bilan {euros(balance_sheet)}"
    if turnover <= MAX_TURNOVER or balance_sheet <= MAX_TURNOVER:
        return Criterion(
            "size",
            label,
            Outcome.MET,
            f"{figures.capitalize()} : l'un des deux au moins ne dépasse pas "
            f"{euros(MAX_TURNOVER)}.",
        )
    return Criterion(
        "size",
        label,
        Outcome.NOT_MET,
        f"{figures.capitalize()} : tous deux dépassent {euros(MAX_TURNOVER)}.",
    )


def capital_criterion(large_firms_share: Decimal) -> Criterion:
    label = (
        f"Capital détenu à moins de 25 % par des entreprises de plus de "
        f"{LARGE_FIRM_EMPLOYEES} salariés"
    )
    if large_firms_share < MAX_LARGE_FIRMS_SHARE:
        return Criterion(
            "capital",
            label,
            Outcome.MET,
            f"{percent(large_firms_share)} du capital détenu par des entreprises de plus de "
            f"{LARGE_FIRM_EMPLOYEES} salariés : moins de 25 %.",
        )
    return Criterion(
        "capital",
        label,
        Outcome.NOT_MET,
        f"{percent(large_firms_share)} du capital détenu par des entreprises de plus de "
        f"{LARGE_FIRM_EMPLOYEES} salariés : il faut moins de 25 %.",
    )


def sector_criterion(naf_code: str, rule: SectorRule | None = None) -> Criterion:
    """Excluded sectors of the seed, found from the NAF code (``rule`` overrides the lookup)."""
    label = "Activité hors des secteurs exclus"
    rule = rule if rule is not None else match_sector(naf_code)
    if rule is None:
        return Criterion(
            "sector",
            label,
            Outcome.MET,
            f"Le code NAF {naf_code} ne relève d'aucun secteur exclu (construction automobile "
            "ou navale, fibres textiles artificielles ou synthétiques, sablage, transports "
            "routiers de marchandises, crédit-bail mobilier, location d'immeubles à usage non "
            "professionnel, agriculture).",
        )
    if rule.status is SectorStatus.EXCLUDED:
        return Criterion(
            "sector",
            label,
            Outcome.NOT_MET,
            f"Le code NAF {naf_code} relève d'un secteur exclu du dispositif "
            f"(« {rule.seed_wording} »). {rule.comment}",
        )
    return Criterion(
        "sector",
        label,
        Outcome.TO_CHECK,
        f"Le code NAF {naf_code} est proche d'un secteur exclu (« {rule.seed_wording} ») : "
        f"à vérifier avec le service des impôts. {rule.comment}",
    )


def effective_activity_criterion(
    sedentary: bool, zone_turnover_share: Decimal, sedentary_fte: Decimal
) -> Criterion:
    label = "Activité effective dans la zone"
    if sedentary:
        return Criterion(
            "effective_activity",
            label,
            Outcome.MET,
            "Activité sédentaire : elle est jugée effective. Pour l'appréciation de la "
            "sédentarité, s'adresser au correspondant zones franches de la DRFIP et à l'Urssaf.",
        )
    if zone_turnover_share >= MIN_ZONE_TURNOVER_SHARE:
        return Criterion(
            "effective_activity",
            label,
            Outcome.MET,
            f"Activité non sédentaire réalisant {percent(zone_turnover_share)} de son chiffre "
            "d'affaires en ZFU-TE : au moins 25 %, elle est jugée effective.",
        )
    if sedentary_fte >= MIN_SEDENTARY_FTE:
        return Criterion(
            "effective_activity",
            label,
            Outcome.MET,
            f"Activité non sédentaire occupant {number(sedentary_fte)} "
            "équivalent(s) temps plein salarié(s) sédentaire(s) dans ses locaux en ZFU-TE : "
            "au moins un, elle est jugée effective.",
        )
    return Criterion(
        "effective_activity",
        label,
        Outcome.NOT_MET,
        f"Activité non sédentaire réalisant {percent(zone_turnover_share)} de son chiffre "
        "d'affaires en ZFU-TE (moins de 25 %) sans équivalent temps plein salarié sédentaire "
        "dans ses locaux de la zone : elle n'est pas jugée effective.",
    )


def eligibility(facts: CompanyFacts) -> Eligibility:
    criteria = (
        installation_criterion(facts.installation_date),
        activity_kind_criterion(facts.activity_kind),
        employees_criterion(facts.employees),
        size_criterion(facts.turnover, facts.balance_sheet),
        capital_criterion(facts.large_firms_capital_share),
        sector_criterion(facts.naf_code),
        effective_activity_criterion(
            facts.sedentary_activity, facts.zone_turnover_share, facts.sedentary_fte_in_zone
        ),
    )
    failed = [c.label.lower() for c in criteria if c.outcome is Outcome.NOT_MET]
    doubtful = [c.label.lower() for c in criteria if c.outcome is Outcome.TO_CHECK]
    if failed:
        return Eligibility(
            Verdict.NOT_ELIGIBLE,
            "L'entreprise ne peut pas bénéficier de l'exonération : condition(s) non remplie(s) : "
            + " ; ".join(failed)
            + ".",
            criteria,
        )
    if doubtful:
        return Eligibility(
            Verdict.TO_CONFIRM,
            "Toutes les conditions sont remplies, sauf une ou plusieurs à vérifier auprès du "
            "service des impôts : " + " ; ".join(doubtful) + ".",
            criteria,
        )
    return Eligibility(
        Verdict.ELIGIBLE,
        "L'entreprise remplit les conditions d'éligibilité à l'exonération d'impôt sur les "
        "bénéfices en ZFU-TE.",
        criteria,
    )


# --- Local hiring clause -------------------------------------------------------------------


def hiring_clause(year: FiscalYearFacts) -> HiringClause:
    """At closing: half the qualifying employees, or half the qualifying hires since the
    installation, live in a ZFU-TE or a QPV; not assessed below the 2nd qualifying employee."""
    employees, residents = year.qualifying_employees, year.resident_employees
    hires, resident_hires = year.qualifying_hires, year.resident_hires
    if employees < CLAUSE_FROM_EMPLOYEES:
        return HiringClause(
            Outcome.NOT_ASSESSED,
            f"{employees} salarié(s) en CDI ou CDD d'au moins 12 mois (16 h par semaine au "
            "moins) à la clôture : la clause d'embauche locale ne s'apprécie qu'à compter du "
            "2e salarié, elle ne fait pas obstacle à l'exonération.",
        )
    if 2 * residents >= employees:
        return HiringClause(
            Outcome.MET,
            f"{residents} salarié(s) sur {employees} résident en ZFU-TE ou en QPV à la "
            "clôture : au moins la moitié.",
        )
    if hires >= 1 and 2 * resident_hires >= hires:
        return HiringClause(
            Outcome.MET,
            f"Seulement {residents} salarié(s) sur {employees} résident en ZFU-TE ou en QPV, "
            f"mais {resident_hires} embauche(s) sur {hires} depuis l'implantation : au moins "
            "la moitié des embauches.",
        )
    return HiringClause(
        Outcome.NOT_MET,
        f"{residents} salarié(s) sur {employees} et {resident_hires} embauche(s) sur {hires} "
        "depuis l'implantation résident en ZFU-TE ou en QPV : moins de la moitié dans les "
        "deux cas. Pas d'exonération pour cet exercice.",
    )


# --- Exemption schedule --------------------------------------------------------------------


def exemption_rate(year: int) -> int:
    """100 % for years 1 to 5, then 60 %, 40 %, 20 %, then nothing."""
    return RATES.get(year, 0)


def exemption_cap(resident_new_hires: int) -> int:
    return BASE_CAP + CAP_PER_RESIDENT_HIRE * resident_new_hires


def year_result(year: FiscalYearFacts, verdict: Verdict) -> YearResult:
    rate = exemption_rate(year.year)
    cap = exemption_cap(year.resident_new_hires)
    clause = hiring_clause(year)
    exemptable = max(year.profit, 0) * rate // 100
    exempt = min(exemptable, cap)
    cap_applied = exemptable > cap
    base = f"Exercice {year.year} : taux d'exonération {rate} %"
    if verdict is Verdict.NOT_ELIGIBLE:
        return YearResult(
            year.year, year.profit, rate, exemptable, cap, False, 0, clause,
            f"{base}, mais l'entreprise n'est pas éligible : aucun bénéfice exonéré.",
        )  # fmt: skip
    if rate == 0:
        explanation = (
            f"Exercice {year.year} : au-delà de la 8e année, le bénéfice n'est plus exonéré."
        )
        return YearResult(year.year, year.profit, 0, 0, cap, False, 0, clause, explanation)
    if not clause.satisfied:
        return YearResult(
            year.year, year.profit, rate, exemptable, cap, False, 0, clause,
            f"{base}, mais la clause d'embauche locale n'est pas respectée à la clôture : "
            "aucun bénéfice exonéré.",
        )  # fmt: skip
    if year.profit <= 0:
        explanation = f"{base}, mais l'exercice ne dégage pas de bénéfice : rien à exonérer."
    elif cap_applied:
        explanation = (
            f"{base} sur un bénéfice de {euros(year.profit)}, soit {euros(exemptable)}, "
            f"ramené au plafond de {euros(cap)} ({euros(BASE_CAP)} + {euros(CAP_PER_RESIDENT_HIRE)}"
            f" × {year.resident_new_hires} nouveau(x) salarié(s) résidant en ZFU-TE ou QPV)."
        )
    else:
        explanation = (
            f"{base} sur un bénéfice de {euros(year.profit)} : {euros(exempt)} exonérés, sous "
            f"le plafond de {euros(cap)}."
        )
    if verdict is Verdict.TO_CONFIRM:
        explanation += " Sous réserve des vérifications signalées."
    return YearResult(
        year.year, year.profit, rate, exemptable, cap, cap_applied, exempt, clause, explanation
    )


# --- Local shops (information) -------------------------------------------------------------


def local_shop_relief(facts: CompanyFacts) -> Criterion:
    """TFPB and CFE relief of small shops in priority neighbourhoods (seed, information only)."""
    label = "Commerce de proximité : exonérations de TFPB et de CFE"
    small = facts.employees < LOCAL_SHOP_MAX_EMPLOYEES and (
        facts.turnover <= LOCAL_SHOP_MAX_TURNOVER or facts.balance_sheet <= LOCAL_SHOP_MAX_TURNOVER
    )
    if facts.activity_kind is ActivityKind.COMMERCIAL and small:
        return Criterion(
            "local_shop",
            label,
            Outcome.TO_CHECK,
            "Micro-entreprise commerciale (moins de 10 salariés, chiffre d'affaires ou bilan "
            "d'au plus 2 millions d'euros) : sauf délibération contraire de la collectivité, "
            "elle peut bénéficier en quartier prioritaire d'une exonération de taxe foncière "
            "(TFPB) pendant 5 ans et de cotisation foncière des entreprises (CFE) pendant 8 ans "
            "(100 % pendant 5 ans puis 60 %, 40 %, 20 %), dans la limite d'un montant revalorisé "
            "chaque année. À vérifier auprès du service des impôts.",
            LOCAL_SHOP_REFERENCE,
        )
    return Criterion(
        "local_shop",
        label,
        Outcome.NOT_MET,
        "Réservées aux micro-entreprises commerciales (moins de 10 salariés, chiffre d'affaires "
        "ou bilan d'au plus 2 millions d'euros) : l'entreprise n'est pas concernée.",
        LOCAL_SHOP_REFERENCE,
    )


def simulate(facts: CompanyFacts) -> Simulation:
    verdict = eligibility(facts)
    years = tuple(
        year_result(year, verdict.verdict)
        for year in sorted(facts.fiscal_years, key=lambda y: y.year)
    )
    return Simulation(facts, verdict, years, local_shop_relief(facts))
