"""A table of the annual report, as every output draws it (web page, PDF, CSV, XLSX).

Each section of the report builds ``Table`` objects from its block's figures;
the HTML/PDF templates, the charts, the exports and the published edition's
small-cell suppression all read this one shape, so a table is never laid out
twice. ``None`` in a cell means "suppressed" (published edition) and prints as
``—`` / an empty cell.
"""

from dataclasses import dataclass, field


@dataclass
class Table:
    key: str  # stable identifier, used in export file names and anchors: "plie-ages"
    title: str  # French caption
    columns: list[str]  # column headers; the first column holds the row labels
    rows: list[list]  # one list per row: [label, value, value, …]
    #: Whether the values count people (the published edition suppresses small counts).
    counts_people: bool = True
    #: Index of the row holding the column totals, if any (secondary suppression needs it).
    total_row: int | None = None
    #: Index of the column holding the row totals, if any.
    total_column: int | None = None
    note: str = ""
    chart: str | None = None  # "bar", "pie", "line" when the seed draws this table
    extra: dict = field(default_factory=dict)

    @property
    def labels(self) -> list:
        return [row[0] for row in self.rows]

    def column(self, index: int) -> list:
        return [row[index] for row in self.rows]
