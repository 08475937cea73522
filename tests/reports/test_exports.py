"""CSV and XLSX exports of report tables: read back, French dialect, formulas neutralised."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from maillage.reports.exports import (
    french_number,
    sheet_names,
    table_csv,
    table_xlsx,
    tables_zip_csv,
)
from maillage.reports.suppression import publish
from maillage.reports.tables import Table


def ages() -> Table:
    return Table(
        key="plie-ages",
        title="Participants par tranche d'âge",
        columns=["Âge", "Femmes", "Hommes", "Part"],
        rows=[
            ["Moins de 26 ans", 12, 3, 0.125],
            ['=HYPERLINK("http://x","Cliquez")', 40, 22, 0.5],
            ["-12,5 ans", 0, 7, 0.375],
        ],
    )


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_is_the_french_excel_dialect():
    text = table_csv(ages())
    assert "\r\n" in text
    assert read_csv(text) == [
        ["Âge", "Femmes", "Hommes", "Part"],
        ["Moins de 26 ans", "12", "3", "0,125"],
        ['\'=HYPERLINK("http://x","Cliquez")', "40", "22", "0,5"],
        ["'-12,5 ans", "0", "7", "0,375"],
    ]


def test_csv_of_the_published_edition_has_empty_suppressed_cells():
    rows = read_csv(table_csv(publish(ages(), 5)))
    assert rows[1] == ["Moins de 26 ans", "12", "", ""]
    assert rows[3] == ["'-12,5 ans", "0", "7", "0,375"]


def test_french_numbers():
    assert french_number(12) == "12"
    assert french_number(-3) == "-3"
    assert french_number(12.5) == "12,5"
    assert french_number(1e-05) == "0,00001"
    assert french_number(2.0) == "2"
    assert french_number(Decimal("1234.50")) == "1234,5"


def test_xlsx_round_trip_keeps_numbers_and_neutralises_formulas():
    published = publish(ages(), 5)
    workbook = load_workbook(io.BytesIO(table_xlsx([ages(), published])))
    assert workbook.sheetnames == [
        "Participants par tranche d'âge",
        "Participants par tranche d' (2)",
    ]
    internal, public = workbook.worksheets
    values = [list(row) for row in internal.iter_rows(values_only=True)]
    assert values[0] == ["Âge", "Femmes", "Hommes", "Part"]
    assert values[1] == ["Moins de 26 ans", 12, 3, 0.125]
    assert values[2][0] == '\'=HYPERLINK("http://x","Cliquez")'
    assert internal["A3"].data_type == "s"  # text, not a formula
    assert all(cell.font.bold for cell in internal[1])
    assert internal.freeze_panes == "A2"
    assert internal.column_dimensions["A"].width >= len("=HYPERLINK")
    assert [cell.value for cell in public[2]] == ["Moins de 26 ans", 12, None, None]


def test_sheet_names_are_valid_and_unique():
    tables = [
        Table(key="a", title="Étapes : entrées / sorties [2017] ?", columns=[""], rows=[]),
        Table(key="b", title="x" * 40, columns=[""], rows=[]),
        Table(key="c", title="X" * 40, columns=[""], rows=[]),
        Table(key="d", title="", columns=[""], rows=[]),
    ]
    names = sheet_names(tables)
    assert names[0] == "Étapes - entrées - sorties -201"
    assert names[1] == "x" * 31
    assert names[2] == "X" * 27 + " (2)"
    assert names[3] == "d"
    assert all(len(name) <= 31 for name in names)
    workbook = load_workbook(io.BytesIO(table_xlsx(tables)))
    assert workbook.sheetnames == names


def test_zip_holds_one_csv_per_table():
    tables = [ages(), publish(ages(), 5)]
    data = tables_zip_csv(tables)
    assert data == tables_zip_csv(tables)  # same tables, same bytes
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["plie-ages.csv", "plie-ages-2.csv"]
        text = archive.read("plie-ages-2.csv").decode("utf-8")
    assert read_csv(text)[1] == ["Moins de 26 ans", "12", "", ""]


def test_xlsx_formats_shares_and_amounts_as_the_sections_say():
    table = Table(
        key="k",
        title="Aides",
        columns=["Type", "Bénéficiaires", "Montant", "Taux"],
        rows=[["Garde", 12, 1991.5, 0.35]],
        extra={"formats": ["text", "count", "eur", "percent"]},
    )
    sheet = load_workbook(io.BytesIO(table_xlsx([table]))).active
    assert [cell.value for cell in sheet[2]] == ["Garde", 12, 1991.5, 0.35]
    assert [cell.number_format for cell in sheet[2]][2:] == ['#,##0 "€"', "0.0%"]


# The web: the report's tables downloaded, in the user's edition.


@pytest.fixture
def report_data(db):
    import datetime

    from tests.plie.factories import ParcoursFactory

    for index in range(7):
        ParcoursFactory(entry_date=datetime.date(2017, 1 + index, 2))


def test_funders_download_only_the_published_edition(client, funder, report_data):
    import io

    from openpyxl import load_workbook

    from maillage.audit.models import AuditEntry

    client.force_login(funder)
    response = client.get("/rapports/tableaux.xlsx?annee=2017&edition=internal")
    assert response.status_code == 200
    assert 'filename="rapport-2017-publie.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames
    assert AuditEntry.objects.filter(object_type="reports.tables").exists()
    zipped = client.get("/rapports/tableaux-csv.zip?annee=2017")
    assert zipped.status_code == 200 and zipped.content[:2] == b"PK"


def test_staff_choose_their_edition(client, admin_user, report_data):
    client.force_login(admin_user)
    internal = client.get("/rapports/tableaux.xlsx?annee=2017")
    assert 'filename="rapport-2017.xlsx"' in internal["Content-Disposition"]
    page = client.get("/rapports/?annee=2017&edition=published")
    assert "Édition publiée" in page.content.decode()


def test_a_year_without_tables_still_gives_files():
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(table_xlsx([])))
    assert workbook.sheetnames == ["Rapport"]
    assert tables_zip_csv([])[:2] == b"PK"
