"""The report's charts, drawn on the server as SVG from the very ``Table`` they illustrate.

A chart is never the only way to read a figure: the page prints its table just
below (its text alternative), so a chart may stay simple. They must read in
black and white (the report is photocopied): greys and hatches instead of
colours, and each bar or slice labelled with its value directly.

matplotlib runs with the Agg backend (no display on the server); text stays text
in the SVG (``svg.fonttype = none``, smaller files, searchable in the PDF) and the
SVG ids are salted with a constant, so the same table always gives the same file.
"""

import base64
import functools
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from django.utils.formats import number_format

from maillage.reports.tables import Table

GREYS = ["#333333", "#bbbbbb", "#777777", "#e0e0e0", "#555555", "#999999"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++"]
STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "maillage",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.color": "#000000",
}


def _number(value) -> str:
    return number_format(value, decimal_pos=0, force_grouping=True)


def _series(table: Table) -> list[tuple[str, list[float]]]:
    """(name, values) of the numeric columns to draw: both years of a comparison."""
    last = 3 if table.extra.get("compare") else len(table.columns)
    return [
        (table.columns[index], [float(v or 0) for v in table.column(index)])
        for index in range(1, last)
    ]


def _bars(ax, table: Table, horizontal: bool) -> None:
    series = _series(table)
    count = len(series)
    width = 0.8 / count
    positions = range(len(table.rows))
    for index, (name, values) in enumerate(series):
        offsets = [p + (index - (count - 1) / 2) * width for p in positions]
        draw = ax.barh if horizontal else ax.bar
        bars = draw(
            offsets,
            values,
            width,
            label=name,
            color=GREYS[index % len(GREYS)],
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor="#000000",
            linewidth=0.5,
        )
        ax.bar_label(bars, labels=[_number(v) for v in values], padding=2, fontsize=7)
    labels = [str(label) for label in table.labels]
    if horizontal:
        ax.set_yticks(list(positions), labels)
        ax.invert_yaxis()
        ax.margins(x=0.15)
    else:
        ax.set_xticks(list(positions), labels)
        ax.margins(y=0.15)
    if count > 1:
        ax.legend(frameon=False)


def _pie(ax, table: Table) -> None:
    slices = [(row[0], float(row[1])) for row in table.rows if row[1] and float(row[1])]
    values = [v for _label, v in slices]
    total = sum(values) or 1
    wedges, _texts = ax.pie(
        values,
        labels=[f"{label}\n{_number(v)} ({round(100 * v / total)} %)" for label, v in slices],
        colors=[GREYS[i % len(GREYS)] for i in range(len(values))],
        wedgeprops={"edgecolor": "#000000", "linewidth": 0.5},
        startangle=90,
        counterclock=False,
    )
    for index, wedge in enumerate(wedges):
        wedge.set_hatch(HATCHES[index % len(HATCHES)])
    ax.set_aspect("equal")


def _lines(ax, table: Table) -> None:
    labels = [str(label) for label in table.labels]
    positions = list(range(len(labels)))  # not the labels: years would be read as numbers
    markers = ["o", "s", "^", "D"]
    styles = ["-", "--", ":", "-."]
    for index, (name, values) in enumerate(_series(table)):
        ax.plot(
            positions,
            values,
            label=name,
            color="#000000",
            marker=markers[index % 4],
            linestyle=styles[index % 4],
        )
        ax.annotate(
            _number(values[-1]),
            (positions[-1], values[-1]),
            textcoords="offset points",
            xytext=(4, 0),
            fontsize=7,
            va="center",
        )
    ax.set_xticks(positions, labels)
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False)


def chart_svg(table: Table) -> str | None:
    """The SVG of ``table.chart`` ("bar", "barh", "pie", "line"), or None if nothing to draw.

    Drawn once per distinct table (the page is viewed more often than data changes).
    """
    if not table.chart or not table.rows:
        return None
    if not any(float(v or 0) for v in table.column(1)):
        return None
    return _cached_svg(
        table.chart,
        tuple(table.columns),
        tuple(tuple(row) for row in table.rows),
        bool(table.extra.get("compare")),
    )


@functools.lru_cache(maxsize=128)
def _cached_svg(chart: str, columns: tuple, rows: tuple, compare: bool) -> str:
    table = Table(
        key="",
        title="",
        columns=list(columns),
        rows=[list(r) for r in rows],
        chart=chart,
        extra={"compare": compare},
    )
    height = max(2.4, 0.32 * len(table.rows) + 1) if chart == "barh" else 3.0
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.4, height))
        try:
            if chart == "pie":
                _pie(ax, table)
            elif chart == "line":
                _lines(ax, table)
            else:
                _bars(ax, table, horizontal=chart == "barh")
            fig.tight_layout()
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        finally:
            plt.close(fig)
    return buffer.getvalue()


def data_uri(svg: str) -> str:
    """``data:image/svg+xml;base64,…``: an <img> the strict CSP allows (img-src data:)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
