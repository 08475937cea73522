"""The PLIE statistics page's tables, built from the report's blocks (never from rows).

The figures are exactly those of ``maillage annual_report`` (``indicators.py``):
``plie_block`` per year (5 queries) and ``cumulative_block`` for the
protocol's "Point d'étape" (2 queries). The page therefore costs a fixed number
of queries per year shown, whatever the number of participants; the tables
below only arrange and format those dicts the way the 2017 report shows them.

The "Point d'étape sur le protocole" has one column per year of the protocol
running in the chosen year, up to that year, and the cumulative value over
those years; without a protocol, the last six years. The detailed tables put
each figure of the year beside the previous year's, with its trend (↗/↘).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.formats import number_format

from maillage.people.education import EducationLevel
from maillage.people.models import Sex
from maillage.plie.indicators import AGE_BRACKETS, cumulative_block, plie_block
from maillage.plie.models import EntrySituationCode, ExitReason, ExitType, Parcours, StepCategory
from maillage.reports import objectives
from maillage.reports.models import Indicator, Period, Protocol

#: Years shown in the "Point d'étape" table when no protocol covers the chosen year.
DEFAULT_SPAN = 6

AGE_LABELS = {"<26": "Moins de 26 ans", "26-45": "26 à 45 ans", "46-50": "46 à 50 ans"}
AGE_LABELS[">50"] = "Plus de 50 ans"


def count(value) -> str:
    return number_format(value, decimal_pos=0, force_grouping=True)


def whole(value: float) -> int:
    """Rounded half up, as people round (43.5 → 44), not to even."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent(value: float) -> str:
    """A share as the report prints it: a whole percentage ("44 %")."""
    return f"{whole(value * 100)} %"


def ratio(value: float) -> str:
    """Two decimals, rounded half up (number_format alone would cut the third one off)."""
    rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=2)


def trend(current, previous) -> str:
    """ "up", "down" or "same" (the template draws ↗, ↘ or =, with words for screen readers)."""
    if previous is None or current == previous:
        return "same"
    return "up" if current > previous else "down"


def data_years() -> tuple[int, int] | None:
    """First and last year with a parcours entry or exit (one query); None without data."""
    row = Parcours.objects.order_by().aggregate(
        first=Min("entry_date"), last_entry=Max("entry_date"), last_exit=Max("exit_date")
    )
    if row["first"] is None:
        return None
    last = max(d for d in (row["last_entry"], row["last_exit"]) if d is not None)
    return row["first"].year, last.year


def year_choices(today: date | None = None) -> tuple[list[int], int]:
    """The years one may choose (data and protocols, up to this year) and the default one.

    The default is the last year with an entry or an exit (this year at most).
    """
    this_year = (today or timezone.localdate()).year
    span = data_years()
    bounds = Protocol.objects.order_by().aggregate(first=Min("start_year"), last=Max("end_year"))
    firsts = [y for y in (span and span[0], bounds["first"]) if y]
    first = min(firsts) if firsts else this_year
    last = max(this_year, bounds["last"] or this_year)
    default = min(span[1], this_year) if span else this_year
    return list(range(first, last + 1)), default


@dataclass(frozen=True)
class Cell:
    text: str
    reached: bool | None = None  # compared with an objective: reached or not; None: no objective


@dataclass
class EtapeRow:
    label: str
    objective: str
    cells: list[Cell]
    cumulative: Cell


@dataclass
class PointEtape:
    title: str
    years: list[int]
    rows: list[EtapeRow]
    protocol: Protocol | None
    cumulative: dict
    targets: dict


# (label, indicator key for objectives or None, how to read it from a block, formatter)
ETAPE_ROWS = (
    ("Nombre de participants", Indicator.PARTICIPANTS, "participants", count),
    ("Nombre de nouveaux entrants", Indicator.NEW_ENTRANTS, "new_entrants", count),
    (
        "dont participants en quartier prioritaire",
        Indicator.NEW_ENTRANTS_QPV_SHARE,
        "new_entrants_qpv_share",
        percent,
    ),
    ("Nombre d'étapes mobilisées", None, "steps", count),
    ("Nombre d'étapes mobilisées par personne", None, "steps_per_participant", ratio),
    (
        "Pourcentage de participants ayant réalisé une étape emploi",
        Indicator.EMPLOYMENT_STEP_SHARE,
        "employment_step_share",
        percent,
    ),
    ("Contrats de travail réalisés", None, "contracts", count),
    ("Taux de sorties positives", Indicator.POSITIVE_EXIT_RATE, "positive_exit_rate", percent),
    (
        "dont vers l'emploi (part des sorties)",
        Indicator.POSITIVE_EXIT_EMPLOYMENT_SHARE,
        None,
        percent,
    ),
    (
        "dont en formation qualifiante (part des sorties)",
        Indicator.POSITIVE_EXIT_QUALIFYING_SHARE,
        None,
        percent,
    ),
    ("Nombre de sorties positives", None, "exits.positive", count),
    ("Nombre de ruptures - abandons", None, "exits.dropout", count),
    ("Nombre de sorties administratives", None, "exits.administrative", count),
)


def _read(block: dict, path: str):
    value = block
    for key in path.split("."):
        value = value[key]
    return value


def _objective_text(objective, *, yearly: bool) -> str:
    text = objective.display_target()
    if objective.is_share:
        return text
    return f"{text} par an" if yearly else f"{text} sur le protocole"


def point_etape(year: int, blocks: dict[int, dict]) -> PointEtape:
    """The protocol's table up to ``year``; ``blocks`` caches the plie blocks by year."""
    protocol = objectives.protocol_for_year(year)
    if protocol is not None:
        first = protocol.start_year
        title = f"Point d'étape sur le {protocol.name} ({protocol.start_year}-{protocol.end_year})"
    else:
        span = data_years()
        first = max(year - DEFAULT_SPAN + 1, span[0] if span else year)
        first = min(first, year)
        title = f"Point d'étape {first}-{year}" if first < year else f"Point d'étape {year}"
    years = list(range(first, year + 1))
    for y in years:
        if y not in blocks:
            blocks[y] = plie_block(y)
    cumulative = cumulative_block(first, year)
    yearly = [blocks[y] for y in years]
    targets = objectives.objectives_of(protocol)
    rows = []
    for label, indicator, path, fmt in ETAPE_ROWS:
        annual_target = objectives.annual_objective(targets, indicator) if indicator else None
        period_target = objectives.cumulative_objective(targets, indicator) if indicator else None
        cells = []
        for block in yearly:
            if path is None:
                value = objectives.annual_value(indicator, block)
            else:
                value = _read(block, path)
            comparison = objectives.compare(value, annual_target)
            cells.append(Cell(fmt(value), comparison.reached if comparison else None))
        if path is None:
            total = objectives.cumulative_value(indicator, cumulative, yearly)
        elif path.startswith("exits.") or path in cumulative:
            total = _read(cumulative, path)
        else:
            total = None  # a yearly-only figure (no cumulative value in indicators.md)
        comparison = objectives.compare(total, period_target)
        objective_text = ""
        if annual_target is not None:
            objective_text = _objective_text(annual_target, yearly=True)
        elif period_target is not None:
            objective_text = _objective_text(period_target, yearly=False)
        rows.append(
            EtapeRow(
                label,
                objective_text,
                cells,
                Cell(
                    fmt(total) if total is not None else "—",
                    comparison.reached if comparison else None,
                ),
            )
        )
    return PointEtape(title, years, rows, protocol, cumulative, targets)


@dataclass(frozen=True)
class Line:
    label: str
    value: str
    share: str
    previous: str
    trend: str


@dataclass
class Table:
    caption: str
    key: str
    lines: list[Line] = field(default_factory=list)
    note: str = ""
    compare: bool = True  # has a previous-year column


def _lines(labels: dict, current: dict, previous: dict | None, total: int) -> list[Line]:
    lines = []
    for key, label in labels.items():
        value = current.get(key, 0)
        before = previous.get(key, 0) if previous is not None else None
        lines.append(
            Line(
                str(label),
                count(value),
                percent(value / total) if total else "—",
                count(before) if before is not None else "—",
                trend(value, before),
            )
        )
    return lines


def detail_tables(block: dict, previous: dict | None) -> list[Table]:
    """The year's tables of the report, each figure beside the previous year's."""
    prev = previous or {}

    def get(key):
        return prev.get(key) if previous is not None else None

    participants = block["participants"]
    exits_total = sum(block["exits"].values())
    positive = block["exits"][ExitType.POSITIVE]
    year_end = block["active_at_year_end_by_entry_year"]
    year_end_labels = {
        key: (f"Avant {key.removeprefix('before_')}" if key.startswith("before_") else key)
        for key in year_end
    }
    return [
        Table(
            "Sorties de l'année",
            "sorties",
            _lines(dict(ExitType.choices), block["exits"], get("exits"), exits_total),
            note=(
                f"Taux de sorties positives : {percent(block['positive_exit_rate'])}. "
                f"Durée moyenne des parcours sortis : {ratio(block['mean_path_months'])} mois."
            ),
        ),
        Table(
            "Sorties positives par motif",
            "motifs",
            _lines(
                dict(ExitReason.choices),
                block["positive_exits_by_reason"],
                get("positive_exits_by_reason"),
                positive,
            ),
            note="Pourcentages sur les sorties positives.",
        ),
        Table(
            "Contrats de travail",
            "contrats",
            _lines(
                {"contracts": "Contrats de travail réalisés", "contract_holders": "Personnes"},
                {k: block[k] for k in ("contracts", "contract_holders")},
                {k: prev[k] for k in ("contracts", "contract_holders")} if previous else None,
                0,
            ),
            note=(
                f"{percent(block['employment_step_share'])} des participants ont réalisé "
                "au moins une étape emploi."
            ),
        ),
        Table(
            "Répartition par tranches d'âge",
            "ages",
            _lines(
                {key: AGE_LABELS[key] for key, _low, _high in AGE_BRACKETS},
                block["age_brackets"],
                get("age_brackets"),
                participants,
            ),
            note="Âge à l'entrée dans le parcours.",
        ),
        Table(
            "Répartition femmes - hommes",
            "sexe",
            _lines(dict(Sex.choices), block["sex"], get("sex"), participants),
        ),
        Table(
            "Éléments de situation à l'entrée",
            "situations",
            _lines(
                dict(EntrySituationCode.choices),
                block["entry_situations"],
                get("entry_situations"),
                participants,
            ),
            note="Les situations se cumulent : la somme dépasse 100 %.",
        ),
        Table(
            "Niveaux de formation",
            "formation",
            _lines(
                {**dict(EducationLevel.choices), "unknown": "Non renseigné"},
                block["education_levels"],
                get("education_levels"),
                participants,
            ),
        ),
        Table(
            "Répartition des étapes",
            "etapes",
            _lines(
                dict(StepCategory.choices),
                block["steps_by_category"],
                get("steps_by_category"),
                block["steps"],
            ),
            note=f"Sur les {count(block['steps'])} étapes de l'année.",
        ),
        Table(
            "Parcours en cours au 31 décembre, par année d'entrée",
            "reprises",
            _lines(year_end_labels, year_end, None, sum(year_end.values())),
            compare=False,
        ),
    ]


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    previous: str
    trend: str


def key_figures(block: dict, previous: dict | None) -> list[KeyFigure]:
    def figure(label, key, fmt):
        before = previous[key] if previous is not None else None
        shown_before = fmt(before) if before is not None else "—"
        return KeyFigure(label, fmt(block[key]), shown_before, trend(block[key], before))

    return [
        figure("Participants", "participants", count),
        figure("Nouveaux entrants", "new_entrants", count),
        figure("Nouveaux entrants en QPV", "new_entrants_qpv_share", percent),
        figure("Étapes", "steps", count),
        figure("Participants avec une étape emploi", "employment_step_share", percent),
        figure("Taux de sorties positives", "positive_exit_rate", percent),
    ]


@dataclass(frozen=True)
class ObjectiveLine:
    label: str
    target: str
    actual: str
    gap: str
    reached: bool
    period: str


def objective_lines(point: PointEtape, blocks: dict[int, dict], year: int) -> list[ObjectiveLine]:
    """Each objective of the protocol against the value it is compared with, and the gap.

    A yearly objective is compared with the chosen year's value, a whole-protocol
    one with the cumulative value since the protocol's first year.
    """
    yearly = [blocks[y] for y in point.years]
    lines = []
    for (indicator, period), objective in sorted(point.targets.items()):
        if period == Period.EACH_YEAR:
            actual = objectives.annual_value(indicator, blocks[year])
            over = str(year)
        else:
            actual = objectives.cumulative_value(indicator, point.cumulative, yearly)
            over = f"{point.years[0]}-{year}"
        comparison = objectives.compare(actual, objective)
        if objective.is_share:
            gap = whole(comparison.gap * 100)
            gap_text = f"{'+' if gap >= 0 else '−'}{abs(gap)} points"
            actual_text = percent(actual)
        else:
            gap = whole(comparison.gap)
            gap_text = f"{'+' if gap >= 0 else '−'}{count(abs(gap))}"
            actual_text = count(actual)
        lines.append(
            ObjectiveLine(
                objective.get_indicator_display(),
                _objective_text(objective, yearly=period == Period.EACH_YEAR),
                actual_text,
                gap_text,
                comparison.reached,
                over,
            )
        )
    return lines
