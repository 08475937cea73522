"""Exporting what exists as a bundle: the same files and columns the import reads.

The export is the import's mirror (UTF-8 without BOM, ``,`` delimiter, every
declared column, values written by each column's ``format``), so exporting
then re-importing changes nothing — a property the tests hold it to. Text that
a spreadsheet would run as a formula is written with its apostrophe mark
(``maillage.core.spreadsheet``), which the reader removes. Records
are streamed from the database, so the export runs in constant memory.
"""

import csv
import io
import zipfile
from pathlib import Path

from maillage.audit.services import Action, log
from maillage.bundle.registry import Registry
from maillage.bundle.registry import registry as default_registry
from maillage.core.spreadsheet import neutralise


def _write_file(handler, registry, stream) -> int:
    writer = csv.writer(stream, delimiter=",", lineterminator="\r\n")
    writer.writerow(handler.export_header())
    count = 0
    for row in handler.export_rows(registry):
        writer.writerow([neutralise(cell) for cell in row])
        count += 1
    return count


def export_bundle(
    path: str | Path, *, registry: Registry | None = None, label: str | None = None
) -> dict[str, int]:
    """Write every registered file to ``path`` (a folder, or a ``.zip``); rows per file.

    Writes one audit entry (named ``label``, default the file name): an export
    carries everyone's personal data.
    """
    registry = registry or default_registry
    path = Path(path)
    counts: dict[str, int] = {}
    if path.suffix.casefold() == ".zip":
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for handler in registry.ordered():
                with archive.open(handler.name, "w") as raw:
                    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                    counts[handler.name] = _write_file(handler, registry, stream)
                    stream.flush()
                    stream.detach()
    else:
        path.mkdir(parents=True, exist_ok=True)
        for handler in registry.ordered():
            with (path / handler.name).open("w", encoding="utf-8", newline="") as stream:
                counts[handler.name] = _write_file(handler, registry, stream)
    log(Action.EXPORT, object_type="bundle", object_repr=label or path.name, changes=counts)
    return counts
