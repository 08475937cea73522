"""The annual report's sections, laid out from the report's blocks (never from rows).

``build_sections(year, since)`` runs ``build_report`` for the year and for the
year before, then arranges the figures the way the 2017 report does (its table
of contents: ALLIES en chiffres, PLIE, aides individuelles, Service Entreprises,
charte, clauses, événements, antennes, culture, Mission Insertion Culture).
Every figure is read from a block: this module never counts anything, so the
HTML, the PDF, the web page and ``--format json`` always agree.

A section is a title, a few key figures and a list of ``Table``s; it is present
only when its block has data for the year (``PRESENCE``). A breakdown table puts
each figure beside the previous year's (columns 1 and 2, ``extra["compare"]``);
the renderer adds the difference and the ↗/↘. The labels come from the domain
apps' choices, so a code renamed there is renamed in the report.
"""

from dataclasses import dataclass, field

from maillage.plie import statistics
from maillage.reports import objectives
from maillage.reports.blocks import build_report
from maillage.reports.tables import Table


@dataclass
class KeyFigure:
    label: str
    value: object
    previous: object = None  # None: no previous year to compare with
    fmt: str = "count"  # "count", "percent", "ratio", "eur", "hours"
    comparison: objectives.Comparison | None = None  # against the protocol's objective


@dataclass
class Section:
    key: str  # anchor: "plie"
    title: str
    figures: list[KeyFigure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    intro: str = ""


@dataclass
class Report:
    year: int
    since: int | None
    sections: list[Section]
    current: dict  # build_report(year, since)
    previous: dict  # build_report(year - 1)


def _dig(block: dict | None, path: str):
    value = block
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _nonzero(value) -> bool:
    if isinstance(value, dict):
        return any(_nonzero(v) for v in value.values())
    if isinstance(value, list):
        return bool(value)
    try:
        return float(value or 0) != 0
    except (TypeError, ValueError):
        return False


#: The figure of each block that tells whether the year has data for that section.
PRESENCE = {
    "plie": ("participants", "exits"),
    "programme": ("operations",),
    "aids": ("requests", "transport_vouchers.requests", "collective_services.sessions"),
    "companies": ("placements", "partner_companies", "campaigns"),
    "iod": ("people_followed",),
    "charter": ("signatories",),
    "clauses": ("total.hours", "total.beneficiaries"),
    "events": ("",),
    "antennas": ("visits",),
    "culture": ("bookings", "invitations_offered"),
    "insertion_culture": ("actions", "participants"),
    "zfu": ("appointments", "qualified_exchanges", "new_signatories"),
}


def has_data(report: dict, name: str) -> bool:
    block = report.get(name)
    if not block:
        return False
    return any(_nonzero(_dig(block, p) if p else block) for p in PRESENCE.get(name, ("",)))


def figure(label, current: dict, previous: dict | None, path: str, fmt="count", comparison=None):
    return KeyFigure(label, _dig(current, path), _dig(previous, path), fmt, comparison)


def breakdown(
    key: str,
    title: str,
    labels: dict,
    current: dict | None,
    previous: dict | None,
    year: int,
    *,
    first: str = "",
    fmt: str = "count",
    value=None,
    chart: str | None = None,
    note: str = "",
    counts_people: bool = True,
    skip_empty: bool = False,
) -> Table:
    """One row per label: the year's value beside the previous year's.

    ``value`` reads the figure from a dict entry (``lambda entry: entry["visits"]``)
    when the breakdown holds several figures per key.
    """
    current, previous = current or {}, previous or {}

    def read(block, code):
        entry = block.get(code, 0)
        return (value(entry) if entry else 0) if value else (entry or 0)

    rows = []
    for code, label in labels.items():
        row = [str(label), read(current, code), read(previous, code)]
        if skip_empty and not row[1] and not row[2]:
            continue
        rows.append(row)
    return Table(
        key=key,
        title=title,
        columns=[first, str(year), str(year - 1)],
        rows=rows,
        counts_people=counts_people,
        note=note,
        chart=chart,
        extra={"formats": ["text", fmt, fmt], "compare": True},
    )


def matrix(
    key: str,
    title: str,
    labels: dict,
    columns: dict,
    data: dict,
    *,
    first: str = "",
    formats: dict | None = None,
    counts_people: bool = True,
    note: str = "",
    chart: str | None = None,
) -> Table:
    """Rows ``labels`` × columns ``columns`` of a ``{row: {column: value}}`` dict (one year)."""
    formats = formats or {}
    return Table(
        key=key,
        title=title,
        columns=[first, *(str(label) for label in columns.values())],
        rows=[
            [str(label), *((data.get(code) or {}).get(col, 0) for col in columns)]
            for code, label in labels.items()
        ],
        counts_people=counts_people,
        note=note,
        chart=chart,
        extra={"formats": ["text", *(formats.get(col, "count") for col in columns)]},
    )


def _key_figures_section(cur: dict, prev: dict, plie_targets: dict) -> Section:
    """« ALLIES en chiffres »: one headline figure per service that has data."""
    figures = []
    if has_data(cur, "plie"):
        figures += [
            figure(
                "Personnes accompagnées par le PLIE", cur["plie"], prev.get("plie"), "participants"
            ),
            figure(
                "Taux de sorties positives du PLIE",
                cur["plie"],
                prev.get("plie"),
                "positive_exit_rate",
                "percent",
                plie_targets.get("plie.positive_exit_rate"),
            ),
        ]
    candidates = (
        ("companies", "Mises à l'emploi", "placements"),
        ("companies", "Entreprises partenaires", "partner_companies"),
        ("iod", "Participants suivis par la méthode IOD", "people_followed"),
        ("clauses", "Personnes en emploi grâce aux clauses sociales", "total.beneficiaries"),
        ("clauses", "Heures d'insertion réalisées", "total.hours"),
        ("antennas", "Visites dans les antennes de proximité", "visits"),
        ("charter", "Entreprises signataires de la charte", "signatories"),
        ("culture", "Sorties culturelles réalisées", "outings_realised"),
        ("insertion_culture", "Participants de la Mission Insertion Culture", "participants"),
    )
    for block, label, path in candidates:
        if has_data(cur, block):
            fmt = "hours" if path.endswith("hours") else "count"
            figures.append(figure(label, cur[block], prev.get(block), path, fmt))
    return Section("chiffres", "ALLIES en chiffres", figures)


def build_sections(year: int, since: int | None = None) -> Report:
    """The report of ``year`` with the previous year's figures beside each one."""
    from maillage.reports import section_builders  # the per-service layouts

    current = build_report(year, since)
    previous = build_report(year - 1)
    plie_blocks = {year: current["plie"], year - 1: previous["plie"]} if "plie" in current else {}
    targets = objectives.objectives_of(objectives.protocol_for_year(year))
    plie_targets = {}
    if "plie" in current:
        for indicator, _label in objectives.Indicator.choices:
            comparison = objectives.compare(
                objectives.annual_value(indicator, current["plie"]),
                objectives.annual_objective(targets, indicator),
            )
            if comparison is not None:
                plie_targets[indicator] = comparison
    sections = [_key_figures_section(current, previous, plie_targets)]
    for name, builder in section_builders.BUILDERS:
        if has_data(current, name):
            sections.append(
                builder(
                    current[name],
                    previous.get(name),
                    year,
                    context={"plie_blocks": plie_blocks, "targets": plie_targets},
                )
            )
    if not sections[0].figures:
        sections = sections[1:]
    return Report(year, since, sections, current, previous)


def point_etape_tables(year: int, blocks: dict) -> list[Table]:
    """The protocol's « Point d'étape » and the objectives, from ``plie.statistics``."""
    point = statistics.point_etape(year, blocks)
    etape = Table(
        key="plie-point-etape",
        title=point.title,
        columns=["Indicateur", "Objectif", *(str(y) for y in point.years), "Cumul"],
        rows=[
            [row.label, row.objective or "—", *(c.text for c in row.cells), row.cumulative.text]
            for row in point.rows
        ],
        counts_people=False,  # formatted figures over thousands of people
        extra={
            "formats": ["text"] * (len(point.years) + 3),
            "reached": [
                [None, None, *(c.reached for c in row.cells), row.cumulative.reached]
                for row in point.rows
            ],
        },
    )
    tables = [etape]
    lines = statistics.objective_lines(point, blocks, year)
    if lines:
        tables.append(
            Table(
                key="plie-objectifs",
                title="Objectifs du protocole : réalisé et écart",
                columns=["Objectif", "Période", "Cible", "Réalisé", "Écart", "Atteint"],
                rows=[
                    [
                        ln.label,
                        ln.period,
                        ln.target,
                        ln.actual,
                        ln.gap,
                        "oui" if ln.reached else "non",
                    ]
                    for ln in lines
                ],
                counts_people=False,
                extra={"formats": ["text"] * 6},
            )
        )
    evolution_years = [y for y in point.years if y in blocks]
    if len(evolution_years) > 1:
        tables.append(
            Table(
                key="plie-evolution",
                title="Évolution sur le protocole",
                columns=["Année", "Participants", "Nouveaux entrants", "Sorties positives"],
                rows=[
                    [
                        str(y),
                        blocks[y]["participants"],
                        blocks[y]["new_entrants"],
                        blocks[y]["exits"]["positive"],
                    ]
                    for y in evolution_years
                ],
                chart="line",
                extra={"formats": ["text", "count", "count", "count"]},
            )
        )
    return tables
