"""Tables downloaded as CSV in the French spreadsheet dialect.

French Excel opens a CSV correctly only with ``;`` between cells and a UTF-8
byte-order mark; every text cell goes through ``spreadsheet.neutralise`` so a
value typed by someone cannot run as a formula. Rows are streamed: an export of
the whole audit log never sits in memory.
"""

import csv
from collections.abc import Iterable, Sequence

from django.http import StreamingHttpResponse

from maillage.core.spreadsheet import neutralise

BOM = "\ufeff"


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence]) -> Iterable[str]:
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield BOM + writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        yield writer.writerow(["" if cell is None else neutralise(cell) for cell in row])


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
