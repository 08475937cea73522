"""Every report table as CSV (French Excel dialect) and XLSX, from the one ``Table`` shape.

The exports draw the same ``Table`` objects as the web page and the PDF (and, for
the published edition, the tables ``suppression.publish`` returned), so a
download never disagrees with the report. Choices:

- CSV: ``;`` separator and a UTF-8 byte-order mark through ``core.exports.csv_lines``
  (French Excel opens it right), a hidden cell (``None``) is an empty cell, and
  decimals are written with a comma (``12,5``) without thousands separator: that
  is what French Excel and LibreOffice read back as a number. Integers are plain.
- XLSX: one sheet per table named after its title (Excel's limits: 31 characters,
  no ``[]:*?/\\``, unique regardless of case), a bold frozen header row, numbers
  stored as numbers (shown as % / € when ``extra["formats"]`` says so), columns
  sized to their content.
- Text (labels, headers) is neutralised (``core.spreadsheet.neutralise``): a label
  starting with ``=`` would otherwise run as a formula — openpyxl even stores such
  a string as one.
"""

import io
import re
import zipfile
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from maillage.core.exports import csv_lines
from maillage.core.spreadsheet import neutralise
from maillage.reports.tables import Table

SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_NUMBER_TYPES = (int, float, Decimal)
#: Excel number formats for the sections' ``extra["formats"]`` (shares are in [0, 1]).
NUMBER_FORMATS = {"percent": "0.0%", "eur": '#,##0 "€"', "hours": "#,##0"}
#: A fixed timestamp for the ZIP members, so the same tables give the same bytes.
_ZIP_DATE = (2000, 1, 1, 0, 0, 0)


def _is_number(value) -> bool:
    return isinstance(value, _NUMBER_TYPES) and not isinstance(value, bool)


def french_number(value) -> str:
    """``12.5`` → ``"12,5"``: no exponent, no trailing zeros, comma as decimal separator."""
    if isinstance(value, int):
        return str(value)
    text = f"{value:f}" if isinstance(value, Decimal) else f"{value:.10f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _csv_cell(value):
    if value is None:
        return None
    return french_number(value) if _is_number(value) else str(value)


def table_csv(table: Table) -> str:
    """The table as one CSV document (BOM, ``;``, CRLF), header row first."""
    rows = ([_csv_cell(value) for value in row] for row in table.rows)
    return "".join(csv_lines([str(header) for header in table.columns], rows))


def _text(value) -> str:
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def _xlsx_cell(value):
    if value is None or _is_number(value):
        return value
    return _text(value)


def sheet_names(tables: list[Table]) -> list[str]:
    """One valid, unique sheet name per table, from its title (its key when untitled)."""
    names, taken = [], set()
    for table in tables:
        base = _SHEET_FORBIDDEN.sub("-", str(table.title or table.key)).strip().strip("'")
        base = base or "Tableau"
        name, number = base[:SHEET_NAME_MAX], 1
        while name.lower() in taken:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(name.lower())
        names.append(name)
    return names


def _width(value) -> int:
    if value is None:
        return 0
    return len(french_number(value) if _is_number(value) else str(value))


def table_xlsx(tables: list[Table]) -> bytes:
    """A workbook with one sheet per table, as the bytes of an ``.xlsx`` file."""
    workbook = Workbook()
    if not tables:  # a year without data: a workbook needs one sheet, say why it is empty
        workbook.active.title = "Rapport"
        workbook.active.append(["Aucun tableau : pas de données pour cette année."])
    else:
        workbook.remove(workbook.active)
    for table, name in zip(tables, sheet_names(tables), strict=True):
        sheet = workbook.create_sheet(name)
        sheet.append([_text(header) for header in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_xlsx_cell(value) for value in row])
        sheet.freeze_panes = "A2"
        for index, kind in enumerate(table.extra.get("formats") or ()):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                if kind in NUMBER_FORMATS and _is_number(cell.value):
                    cell.number_format = NUMBER_FORMATS[kind]
        for index in range(len(table.columns)):
            cells = [table.columns[index], *(row[index] for row in table.rows if index < len(row))]
            width = max(_width(value) for value in cells)
            sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width, 8), 60) + 2
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_file_names(tables: list[Table]) -> list[str]:
    """``<key>.csv`` per table, unique (a repeated key gets ``-2``, ``-3``…)."""
    names, seen = [], set()
    for table in tables:
        base = re.sub(r"[^\w.-]+", "-", table.key).strip("-") or "tableau"
        name, number = f"{base}.csv", 1
        while name in seen:
            number += 1
            name = f"{base}-{number}.csv"
        seen.add(name)
        names.append(name)
    return names


def tables_zip_csv(tables: list[Table]) -> bytes:
    """A ZIP archive holding one CSV per table (for "download every table")."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, name in zip(tables, csv_file_names(tables), strict=True):
            member = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, table_csv(table).encode("utf-8"))
    return output.getvalue()
