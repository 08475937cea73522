"""From the report's sections to what people read: formatted cells, trends, charts, HTML, PDF.

The web page, the standalone HTML file and the PDF use the same display model
and the same template body (``reports/_report.html``); only the frame differs:
the page extends ``base.html`` and links the static CSS, the standalone file
carries its CSS in a ``<style>`` (no server to fetch it from), the PDF is that
standalone file printed by WeasyPrint.
"""

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.formats import number_format

from maillage.plie.statistics import percent, ratio, whole
from maillage.reports import charts, editions
from maillage.reports.sections import KeyFigure, Report, build_sections
from maillage.reports.suppression import min_cell
from maillage.reports.tables import Table

CSS_PATH = Path(__file__).parent / "static" / "reports" / "reports.css"


def _to_number(value):
    if isinstance(value, str):
        return Decimal(value)
    return value


def fmt(value, kind: str) -> str:
    """A figure as the report prints it ("1 234", "44 %", "2,22", "12 300 €")."""
    if value is None:
        return "—"
    if kind == "text" or (isinstance(value, str) and kind != "eur"):
        return str(value)
    value = _to_number(value)
    if kind == "percent":
        return percent(value)
    if kind == "ratio":
        return ratio(value)
    text = number_format(whole(value), decimal_pos=0, force_grouping=True)
    return {"eur": f"{text} €", "hours": f"{text} h"}.get(kind, text)


@dataclass(frozen=True)
class Trend:
    direction: str  # "up", "down", "same"
    difference: str  # "+12", "−3 points"; empty when stable (the "=" says it)

    @property
    def arrow(self) -> str:
        return {"up": "↗", "down": "↘"}.get(self.direction, "=")

    @property
    def words(self) -> str:
        return {"up": "en hausse", "down": "en baisse"}.get(self.direction, "stable")


def trend(current, previous, kind: str) -> Trend | None:
    """The evolution from the previous year; None when there is nothing to compare."""
    if current is None or previous is None or kind == "text":
        return None
    current, previous = _to_number(current), _to_number(previous)
    if kind == "percent":
        diff = whole((current - previous) * 100)
        unit = " points"
    elif kind == "ratio":
        diff = Decimal(str(current - previous)).quantize(Decimal("0.01"))
        unit = ""
    else:
        diff = whole(current - previous)
        unit = " €" if kind == "eur" else " h" if kind == "hours" else ""
    if not diff:
        return Trend("same", "")
    sign = "+" if diff > 0 else "−"
    shown = (
        ratio(abs(diff))
        if kind == "ratio"
        else number_format(abs(diff), decimal_pos=0, force_grouping=True)
    )
    return Trend("up" if diff > 0 else "down", f"{sign}{shown}{unit}")


@dataclass
class Cell:
    text: str
    number: bool = True
    reached: bool | None = None


@dataclass
class Row:
    label: str
    cells: list[Cell]
    trend: Trend | None = None


@dataclass
class DisplayTable:
    key: str
    title: str
    header: list[str]
    rows: list[Row]
    note: str = ""
    compare: bool = False
    chart_uri: str = ""
    chart_svg: str = ""
    chart_alt: str = ""


@dataclass
class DisplayFigure:
    label: str
    value: str
    previous: str
    trend: Trend | None
    objective: str = ""
    reached: bool | None = None


@dataclass
class DisplaySection:
    key: str
    title: str
    figures: list[DisplayFigure] = field(default_factory=list)
    tables: list[DisplayTable] = field(default_factory=list)


def display_table(table: Table, *, with_charts: bool = True) -> DisplayTable:
    formats = table.extra.get("formats") or ["text"] + ["count"] * (len(table.columns) - 1)
    reached = table.extra.get("reached")
    compare = bool(table.extra.get("compare"))
    rows = []
    for index, row in enumerate(table.rows):
        cells = [
            Cell(
                fmt(value, formats[col]),
                number=formats[col] != "text" or any(c.isdigit() for c in str(value)),
                reached=reached[index][col] if reached else None,
            )
            for col, value in enumerate(row[1:], start=1)
        ]
        rows.append(Row(str(row[0]), cells, trend(row[1], row[2], formats[1]) if compare else None))
    # A chart would draw a suppressed cell as a zero: published tables with gaps have none.
    svg = (
        charts.chart_svg(table) if with_charts and not table.extra.get("suppressed_cells") else None
    )
    return DisplayTable(
        key=table.key,
        title=table.title,
        header=[table.columns[0] or "Libellé", *table.columns[1:]],
        rows=rows,
        note=table.note,
        compare=compare,
        chart_uri=charts.data_uri(svg) if svg else "",
        chart_svg=svg or "",
        chart_alt=f"Graphique : {table.title} (les chiffres sont dans le tableau qui suit)",
    )


def display_figure(figure: KeyFigure) -> DisplayFigure:
    comparison = figure.comparison
    return DisplayFigure(
        figure.label,
        fmt(figure.value, figure.fmt),
        fmt(figure.previous, figure.fmt),
        trend(figure.value, figure.previous, figure.fmt),
        objective=comparison.objective.display_target() if comparison else "",
        reached=comparison.reached if comparison else None,
    )


def display_report(report: Report, *, with_charts: bool = True) -> list[DisplaySection]:
    return [
        DisplaySection(
            section.key,
            section.title,
            [display_figure(f) for f in section.figures],
            [display_table(t, with_charts=with_charts) for t in section.tables],
        )
        for section in report.sections
    ]


def report_context(
    year: int,
    since: int | None = None,
    *,
    with_charts: bool = True,
    edition: str = editions.INTERNAL,
) -> dict:
    report = build_sections(year, since)
    if edition == editions.PUBLISHED:
        report = editions.published(report)
    return {
        "year": year,
        "previous_year": year - 1,
        "since": since,
        "edition": edition,
        "edition_label": editions.EDITIONS[edition],
        "min_cell": min_cell(),
        "sections": display_report(report, with_charts=with_charts),
    }


def render_html(year: int, since: int | None = None, edition: str = editions.INTERNAL) -> str:
    """The standalone HTML document (CSS inline, charts as data: images)."""
    context = report_context(year, since, edition=edition)
    context["css"] = CSS_PATH.read_text(encoding="utf-8")
    return render_to_string("reports/standalone.html", context)


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or the system libraries it loads: Pango, HarfBuzz) is missing."""


def html_to_pdf(html: str) -> bytes:
    # WeasyPrint logs every layout step at INFO level (even on import): keep only warnings.
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            f"La production du PDF nécessite WeasyPrint et ses bibliothèques système : {error}"
        ) from error
    return HTML(string=html).write_pdf()


def render_pdf(year: int, since: int | None = None, edition: str = editions.INTERNAL) -> bytes:
    return html_to_pdf(render_html(year, since, edition))
