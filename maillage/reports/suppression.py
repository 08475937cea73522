"""The published edition of a report table: small counts hidden, and not recomputable.

Funders and the public receive the report without names, and statistical secrecy
forbids a cell that counts fewer than ``MAILLAGE_REPORT_MIN_CELL`` people (5):
such a cell could single someone out ("the 2 women aged over 55 in the 3rd
arrondissement"). Hiding it is not enough when the table prints totals: the
reader subtracts the visible cells from the total and finds it again. So:

1. **Primary suppression**: every count ``0 < n < threshold`` becomes ``None``.
   Zeros stay: "nobody" identifies nobody, and hiding every empty cell would
   blank most small tables (and make hidden cells stand out as "not zero").
2. **Secondary suppression**: a *line* is a row when the table has a total column,
   a column when it has a total row — its cells plus the total that sums them.
   While a line has exactly one hidden cell, a second one is hidden: the smallest
   positive visible cell of the line (then a zero, then the line's total), first
   in reading order on ties, so the result is deterministic. One equation with two
   unknowns gives neither. Totals stay visible unless they are themselves small,
   or the line has nothing else to hide. With both a total row and a total column
   that is not always enough, so the whole system of lines is then solved
   (``_determined``) and a cell next to any hidden cell it still yields is hidden.
3. **Shares** (float cells, the columns named in ``extra["share_columns"]`` — fit
   for differences to last year too — and those whose ``extra["formats"]`` entry is
   not "count": percent, eur, hours) are derived from counts: in a row
   where a count is hidden they are hidden too, and all of them when a total of
   the total row is hidden (a share divides by it).

A table states its totals with ``total_row`` / ``total_column``; when those are
unset, a row labelled "Total…" / "Ensemble" (a column headed so) is taken as one.
These are pure functions over ``Table``; Django is read only for the threshold.
"""

import copy
import dataclasses
from collections.abc import Iterable
from fractions import Fraction

from django.conf import settings

from maillage.reports.tables import Table

DEFAULT_MIN_CELL = 5
#: ``extra["formats"]`` values (the report sections' convention) of columns of counts.
_COUNTS = ("count", "text")
Cell = tuple[int, int]
#: A row or column whose cells add up to its total: {cell: 1, …, total cell: −1}.
Line = dict[Cell, int]


def min_cell() -> int:
    """The threshold of the published edition (setting ``MAILLAGE_REPORT_MIN_CELL``)."""
    return int(getattr(settings, "MAILLAGE_REPORT_MIN_CELL", DEFAULT_MIN_CELL))


def _is_total_label(value) -> bool:
    text = str(value or "").strip().lower()
    return text.startswith("total") or text == "ensemble"


def total_row(table: Table) -> int | None:
    if table.total_row is not None:
        return table.total_row
    return next((i for i, row in enumerate(table.rows) if row and _is_total_label(row[0])), None)


def total_column(table: Table) -> int | None:
    if table.total_column is not None:
        return table.total_column
    headers = enumerate(table.columns)
    return next((i for i, header in headers if i > 0 and _is_total_label(header)), None)


def _share_columns(table: Table) -> set[int]:
    """Derived columns: named in ``share_columns``, or formatted as other than a count."""
    named = table.extra.get("share_columns") or ()
    formats = table.extra.get("formats") or ()
    return {
        i
        for i, header in enumerate(table.columns)
        if i > 0
        and (header in named or i in named or (i < len(formats) and formats[i] not in _COUNTS))
    }


def _is_count(value) -> bool:
    """A people count, or an already hidden one (so publishing twice changes nothing)."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _lines(table: Table, counts: set[Cell]) -> list[Line]:
    """Every row (with a total column), then every column (with a total row), as equations."""
    lines = []
    row_total, column_total = total_row(table), total_column(table)
    if column_total is not None:
        for r in range(len(table.rows)):
            cells = sorted(cell for cell in counts if cell[0] == r)
            lines.append({cell: -1 if cell[1] == column_total else 1 for cell in cells})
    if row_total is not None:
        for c in sorted({cell[1] for cell in counts}):
            cells = sorted(cell for cell in counts if cell[1] == c)
            lines.append({cell: -1 if cell[0] == row_total else 1 for cell in cells})
    return lines


def _determined(grid: list[list], lines: list[Line]) -> list[Cell]:
    """Hidden cells the visible ones still give away, through any combination of lines.

    "Two hidden cells per line" does not suffice when the table has both totals:
    a hidden cell linking two otherwise separate groups of hidden cells is found
    by adding and subtracting whole rows and columns. Each line is an equation
    over the hidden cells; a cell is known exactly when its unit vector is a row
    of the system's reduced echelon form (exact fractions; report tables are small).
    """
    hidden = sorted({cell for line in lines for cell in line if grid[cell[0]][cell[1]] is None})
    rows = [[Fraction(line.get(cell, 0)) for cell in hidden] for line in lines]
    rows = [row for row in rows if any(row)]
    pivots: list[int] = []
    for column in range(len(hidden)):
        found = next((i for i in range(len(pivots), len(rows)) if rows[i][column]), None)
        if found is None:
            continue
        k = len(pivots)
        rows[k], rows[found] = rows[found], rows[k]
        rows[k] = [value / rows[k][column] for value in rows[k]]
        for i, row in enumerate(rows):
            if i != k and row[column]:
                rows[i] = [a - row[column] * b for a, b in zip(row, rows[k], strict=True)]
        pivots.append(column)
    return [hidden[p] for k, p in enumerate(pivots) if sum(1 for v in rows[k] if v) == 1]


def _protect(grid: list[list], lines: list[Line]) -> None:
    """Hide a second cell in any line with one hidden, then next to any cell still known."""
    totals = {cell for line in lines for cell, sign in line.items() if sign < 0}

    def hide_next(cells) -> bool:
        """Hide the visible cell of ``cells`` to hide first: data, smallest positive, zeros."""
        visible = [(r, c) for r, c in cells if grid[r][c] is not None]
        if visible:
            r, c = min(
                visible,
                key=lambda rc: (rc in totals, grid[rc[0]][rc[1]] == 0, grid[rc[0]][rc[1]], rc),
            )
            grid[r][c] = None
        return bool(visible)

    while True:
        for line in lines:
            if sum(grid[r][c] is None for r, c in line) == 1 and hide_next(line):
                break
        else:
            exposed = _determined(grid, lines)
            if not any(
                hide_next([m for ln in lines if cell in ln for m in ln]) for cell in exposed
            ):
                return


def publish(table: Table, threshold: int | None = None) -> Table:
    """A copy of ``table`` safe to publish (see the module docstring); the input is unchanged."""
    threshold = min_cell() if threshold is None else threshold
    grid = copy.deepcopy(table.rows)
    published = dataclasses.replace(table, rows=grid, extra=dict(table.extra))
    if not table.counts_people:
        return published
    shares = _share_columns(table)
    counts: set[Cell] = set()
    derived: set[Cell] = set()
    for r, row in enumerate(grid):
        for c in range(1, len(row)):
            if c in shares or isinstance(row[c], float):
                derived.add((r, c))
            elif _is_count(row[c]):
                counts.add((r, c))
                if row[c] is not None and 0 < row[c] < threshold:
                    row[c] = None
    _protect(grid, _lines(table, counts))
    row_total = total_row(table)
    hidden_total = row_total is not None and any(
        grid[r][c] is None for r, c in counts if r == row_total
    )
    hidden_rows = {r for r, c in counts if grid[r][c] is None}
    for r, c in derived:
        if hidden_total or r in hidden_rows:
            grid[r][c] = None
    published.extra["suppressed_cells"] = sum(grid[r][c] is None for r, c in counts | derived)
    published.extra["min_cell"] = threshold
    return published


def hide_small(value, threshold: int | None = None):
    """One figure outside a table (a key figure): ``None`` when it counts 1 to threshold − 1."""
    threshold = min_cell() if threshold is None else threshold
    return None if _is_count(value) and value is not None and 0 < value < threshold else value


def publish_all(tables: Iterable[Table], threshold: int | None = None) -> list[Table]:
    return [publish(table, threshold) for table in tables]
