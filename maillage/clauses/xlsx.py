"""XLSX exports of the syntheses (openpyxl): one sheet per table, figures as numbers.

The tables are those of the pages (``maillage.clauses.figures``), so a
spreadsheet and its page never disagree; none holds a person's name.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from maillage.clauses import figures
from maillage.clauses.models import LegalBasis

BASES = [str(label) for label in LegalBasis.labels]


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list]) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 40
    for letter in "BCDEFG":
        sheet.column_dimensions[letter].width = 18


def _basis_rows(columns: dict, keys=figures.MEASURES) -> list[list]:
    return [
        [row["label"], *row["values"], row["total"]] for row in figures.table_rows(columns, keys)
    ]


def global_workbook(year: int) -> Workbook:
    synthesis = figures.global_synthesis(year)
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        f"Synthèse {year}",
        ["", *BASES, "TOTAL"],
        _basis_rows(synthesis["columns"]),
    )
    _sheet(
        workbook,
        f"Comparatif {year - 1}",
        ["", str(year - 1), str(year), "Évolution", "Écart"],
        [[c.label, c.previous, c.current, c.arrow, c.difference] for c in synthesis["comparison"]],
    )
    return workbook


def buyers_workbook(year: int) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    header = ["Donneur d'ordre", *(figures.LABELS[key] for key in figures.MEASURES)]
    rows = [
        [row["name"], *(row[key] for key in figures.MEASURES)] for row in figures.buyers_table(year)
    ]
    _sheet(workbook, f"Donneurs d'ordre {year}", header, rows)
    return workbook


def buyer_workbook(buyer, year: int) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    columns = figures.buyer_synthesis(buyer.pk, year)
    _sheet(workbook, f"Synthèse {year}", [buyer.name, *BASES, "TOTAL"], _basis_rows(columns))
    return workbook


def urban_renewal_workbook(since: int, until: int) -> Workbook:
    data = figures.urban_renewal(since, until)
    workbook = Workbook()
    workbook.remove(workbook.active)
    header = ["Site", *(figures.LABELS[key] for key in figures.MEASURES)]
    rows = [[row["site"], *(row[key] for key in figures.MEASURES)] for row in data["sites"]]
    total = data["total"]
    rows.append(["TOTAL", *(total[key] for key in figures.MEASURES)])
    rows.append(["Part des personnes résidant en QPV", total["people_share"]])
    rows.append(["Part des heures réalisées par des résidents QPV", total["hours_share"]])
    _sheet(workbook, f"Rénovation urbaine {since}-{until}", header, rows)
    return workbook


def to_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
