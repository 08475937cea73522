"""The demo's figures next to the 2017 report's, as Markdown (``maillage demo_figures``).

The figures are the output of ``maillage annual_report --year Y --since S
--format json`` on the current database, never recomputed here: the tables
show what the command gives. ``docs/demo.md`` pastes the output for a fresh
``maillage demo``.
"""

from maillage.demo.plie_targets import (
    AGE_BRACKETS,
    EDUCATION_LEVELS,
    ENTRY_SITUATIONS,
    REPORT,
    REPORT_2017_ACTIVE_BY_ENTRY_YEAR,
    REPORT_2017_CONTRACT_HOLDERS,
    REPORT_2017_MEAN_PATH_MONTHS,
    REPORT_CUMULATIVE,
    REPORT_PRINTED_POSITIVE_EXIT_RATE,
    REPORT_PRINTED_STEPS_PER_PARTICIPANT,
    STEP_CATEGORIES,
)

SITUATION_LABELS = {
    "th": "Travailleurs handicapés",
    "young_unqualified": "Jeunes sans qualification",
    "single_parent": "Parents isolés",
    "other_exclusion": "Autres situations d'exclusion",
    "de_lt_1y": "DE (< 1 an)",
    "rsa": "Bénéficiaires du RSA",
    "deld": "DELD (≥ 1 an)",
}
EDUCATION_LABELS = {"5bis": "5 bis", "foreign": "diplôme étranger", "unknown": "non renseigné"}
REASON_LABELS = {
    "cdi": "CDI",
    "cdd_6m_plus": "CDD ≥ 6 mois",
    "qualifying_training": "formation qualifiante",
    "business_creation": "création d'activité",
    "other_status": "autre statut",
}
CHART_ONLY = "— (graphique)"
CATEGORY_LABELS = {
    "support": "Accompagnement prof., social, création d'activité",
    "specific_service": "Prestations spécifiques ou Pôle emploi",
    "complementary_action": "Actions complémentaires",
    "training": "Formation et accès à l'emploi",
    "employment_contract": "Contrat de travail",
}


def number(value: float, decimals: int = 0) -> str:
    """French style: 2 423, 2,22."""
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")
    return text


def percent(value: float) -> str:
    return f"{round(value * 100)} %"


def _cell(demo: str, report: str | None) -> str:
    return f"{demo} ({report})" if report is not None else demo


def _protocol_rows(reports: dict[int, dict], cumulative: dict) -> list[tuple[str, list[str]]]:
    """The "Point d'étape" rows: one cell per year then the cumulative one, "demo (report)"."""
    years = sorted(reports)

    def row(label, yearly, report_yearly, cumul, report_cumul):
        cells = []
        for year in years:
            expected = report_yearly(year) if year in REPORT else None
            cells.append(_cell(yearly(reports[year]["plie"]), expected))
        cells.append(_cell(cumul(cumulative), report_cumul))
        return label, cells

    exits = ("positive", "dropout", "administrative")
    rc = REPORT_CUMULATIVE
    return [
        row(
            "Participants",
            lambda p: number(p["participants"]),
            lambda y: number(REPORT[y].participants),
            lambda c: number(c["participants"]),
            number(rc["participants"]),
        ),
        row(
            "Nouveaux entrants",
            lambda p: number(p["new_entrants"]),
            lambda y: number(REPORT[y].new_entrants),
            lambda c: number(c["new_entrants"]),
            number(rc["new_entrants"]),
        ),
        row(
            "dont en QPV",
            lambda p: percent(p["new_entrants_qpv_share"]),
            lambda y: percent(REPORT[y].qpv_share),
            lambda c: percent(c["new_entrants_qpv_share"]),
            percent(rc["new_entrants_qpv_share"]),
        ),
        row(
            "Étapes",
            lambda p: number(p["steps"]),
            lambda y: number(REPORT[y].steps),
            lambda c: number(c["steps"]),
            number(rc["steps"]),
        ),
        row(
            "Étapes par personne",
            lambda p: number(p["steps_per_participant"], 2),
            lambda y: number(REPORT_PRINTED_STEPS_PER_PARTICIPANT[y], 2),
            lambda c: number(c["steps_per_participant"], 2),
            number(rc["steps_per_participant"], 2),
        ),
        row(
            "Participants avec une étape emploi",
            lambda p: percent(p["employment_step_share"]),
            lambda y: percent(REPORT[y].employment_step_share),
            lambda c: percent(c["employment_step_share"]),
            percent(rc["employment_step_share"]),
        ),
        row(
            "Contrats de travail",
            lambda p: number(p["contracts"]),
            lambda y: number(REPORT[y].contracts),
            lambda c: number(c["contracts"]),
            number(rc["contracts"]),
        ),
        row(
            "Taux de sorties positives",
            lambda p: percent(p["positive_exit_rate"]),
            lambda y: percent(REPORT_PRINTED_POSITIVE_EXIT_RATE[y]),
            lambda c: percent(c["positive_exit_rate"]),
            percent(rc["positive_exit_rate"]),
        ),
        *(
            row(
                label,
                lambda p, k=key: number(p["exits"][k]),
                lambda y, k=key: number(getattr(REPORT[y], k)),
                lambda c, k=key: number(c["exits"][k]),
                number(rc[key]),
            )
            for label, key in zip(
                ("Sorties positives", "Ruptures, abandons", "Sorties administratives"),
                exits,
                strict=True,
            )
        ),
    ]


def _table(header: list[str], rows: list[tuple[str, list[str]]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join([label, *cells]) + " |" for label, cells in rows]
    return lines


def _shares(counts: dict, total: int) -> dict[str, float]:
    return {key: (value / total if total else 0.0) for key, value in counts.items()}


def _details_2017(plie: dict) -> list[tuple[str, list[str]]]:
    """The 2017 report's other figures: "demo | report" for each."""
    participants = plie["participants"]
    rows = [
        (
            "Contrats de travail / personnes",
            [
                f"{number(plie['contracts'])} / {number(plie['contract_holders'])}",
                f"{number(REPORT[2017].contracts)} / {number(REPORT_2017_CONTRACT_HOLDERS)}",
            ],
        ),
        (
            "Durée moyenne de parcours (mois)",
            [number(plie["mean_path_months"], 2), number(REPORT_2017_MEAN_PATH_MONTHS, 2)],
        ),
    ]
    ages = _shares(plie["age_brackets"], participants)
    rows += [(f"Âge à l'entrée {k}", [percent(ages[k]), f"{v} %"]) for k, v in AGE_BRACKETS.items()]
    sex = _shares(plie["sex"], participants)
    rows += [
        ("Femmes", [percent(sex["F"]), CHART_ONLY]),
        ("Hommes", [percent(sex["M"]), CHART_ONLY]),
    ]
    situations = _shares(plie["entry_situations"], participants)
    rows += [
        (SITUATION_LABELS[k], [percent(situations[k]), f"{v} %"])
        for k, v in ENTRY_SITUATIONS.items()
    ]
    education = _shares(plie["education_levels"], participants)
    rows += [
        (f"Niveau de formation {EDUCATION_LABELS.get(k, k)}", [percent(education[k]), f"{v} %"])
        for k, v in EDUCATION_LEVELS.items()
    ]
    categories = _shares(plie["steps_by_category"], plie["steps"])
    rows += [
        (CATEGORY_LABELS[k], [percent(categories[k]), f"{v} %"]) for k, v in STEP_CATEGORIES.items()
    ]
    active = plie["active_at_year_end_by_entry_year"]
    by_entry = _shares(active, sum(active.values()))
    rows += [
        (
            f"En parcours au 31/12/2017, entrés {k.replace('before_', 'avant ')}",
            [
                percent(by_entry[k]),
                f"{v} %",
            ],
        )
        for k, v in REPORT_2017_ACTIVE_BY_ENTRY_YEAR.items()
    ]
    positive = plie["exits"]["positive"]
    reasons = _shares(plie["positive_exits_by_reason"], positive)
    rows += [
        (f"Sorties positives : {REASON_LABELS[k]}", [percent(reasons[k]), CHART_ONLY])
        for k in reasons
    ]
    return rows


def _later_rows(reports: dict[int, dict]) -> list[tuple[str, list[str]]]:
    keys = (
        ("Participants", lambda p: number(p["participants"])),
        ("Nouveaux entrants", lambda p: number(p["new_entrants"])),
        ("Étapes", lambda p: number(p["steps"])),
        ("Contrats de travail", lambda p: number(p["contracts"])),
        ("Taux de sorties positives", lambda p: percent(p["positive_exit_rate"])),
    )
    return [(label, [get(reports[y]["plie"]) for y in sorted(reports)]) for label, get in keys]


def markdown(reports: dict[int, dict], since: int, later: dict[int, dict] | None = None) -> str:
    """Markdown tables from ``annual_report`` outputs by year (the last with ``cumulative``)."""
    years = sorted(reports)
    last = reports[years[-1]]
    lines = [
        f"Chiffres de la démonstration (entre parenthèses, ceux du rapport 2017), sortie de "
        f"`maillage annual_report --year Y --since {since} --format json` :",
        "",
        *_table(
            ["", *map(str, years), f"Cumul {since}-{years[-1]}"],
            _protocol_rows(reports, last["cumulative"]),
        ),
    ]
    if years[-1] == 2017:
        lines += ["", "L'année 2017 en détail :", ""]
        lines += _table(["2017", "Démo", "Rapport"], _details_2017(last["plie"]))
    if later:
        lines += ["", "Après le rapport (la démonstration seule) :", ""]
        lines += _table(["", *map(str, sorted(later))], _later_rows(later))
    return "\n".join(lines) + "\n"
