"""Reading a bundle: a folder or a .zip of CSV files, each split into numbered records.

Why not ``csv.Sniffer`` or a ``TextIOWrapper``: errors must name the exact line
— the line where a record *starts*, even when a quoted cell spans several
lines, and the line of a byte that is not UTF-8. So each file is decoded one
physical line at a time and fed to ``csv.reader``, whose ``line_num`` counts the
lines it consumed. Files are streamed, never loaded whole, so a bundle of a few
hundred thousand rows reads in constant memory.

A .zip is read in place, never extracted; still, an entry whose path leaves the
archive's folder (``../``, absolute path) is refused, as is an archive that
would inflate beyond ten times the upload limit.
"""

import csv
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.conf import settings

from maillage.bundle.errors import NO_COLUMN, BundleError, ReadError
from maillage.core.spreadsheet import unneutralise

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class BundleEntry:
    """One CSV file of the bundle; ``name`` is its file name as the user wrote it."""

    name: str
    opener: Callable[[], BinaryIO]

    def open(self) -> BinaryIO:
        return self.opener()


@dataclass
class Bundle:
    """The CSV files of a folder or archive, and the problems found opening it."""

    label: str
    entries: list[BundleEntry] = field(default_factory=list)
    errors: list[BundleError] = field(default_factory=list)
    _zip: zipfile.ZipFile | None = None

    def __enter__(self) -> "Bundle":
        return self

    def __exit__(self, *exc) -> None:
        if self._zip is not None:
            self._zip.close()

    def error(self, message: str, file: str | None = None) -> None:
        self.errors.append(BundleError(file or self.label, 1, NO_COLUMN, message))

    def add(self, name: str, opener: Callable[[], BinaryIO]) -> None:
        if any(entry.name.casefold() == name.casefold() for entry in self.entries):
            self.error("ce fichier figure deux fois dans le lot", file=name)
            return
        self.entries.append(BundleEntry(name, opener))


def _ignored(name: str) -> bool:
    """Not a data file: other extensions, hidden files, macOS archive metadata."""
    return not name.casefold().endswith(".csv") or name.startswith(".")


def max_uncompressed_bytes() -> int:
    return settings.MAILLAGE_MAX_BUNDLE_MB * 10 * 1024 * 1024


def open_bundle(path: str | Path, label: str | None = None) -> Bundle:
    """The bundle at ``path``; ``label`` names it in errors (default: its file name)."""
    path = Path(path)
    bundle = Bundle(label=label or path.name or str(path))
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_file() and not _ignored(child.name):
                bundle.add(child.name, lambda child=child: child.open("rb"))
    elif path.is_file() and zipfile.is_zipfile(path):
        _open_zip(bundle, path)
    elif path.is_file() and not _ignored(path.name):
        bundle.add(path.name, lambda: path.open("rb"))
    elif path.is_file() and path.suffix.casefold() == ".zip":
        bundle.error("archive .zip illisible ou endommagée")
    elif path.exists():
        bundle.error("ni un dossier, ni une archive .zip, ni un fichier .csv")
    else:
        bundle.error("dossier ou fichier introuvable")
    return bundle


def _open_zip(bundle: Bundle, path: Path) -> None:
    archive = zipfile.ZipFile(path)
    bundle._zip = archive
    total = 0
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or _DRIVE.match(name) or ".." in parts:
            bundle.error(f"chemin interdit dans l'archive : « {info.filename} »")
            continue
        if info.is_dir() or "__MACOSX" in parts or _ignored(parts[-1]):
            continue
        if info.flag_bits & 0x1:
            bundle.error("fichier chiffré dans l'archive : non pris en charge", file=parts[-1])
            continue
        total += info.file_size
        bundle.add(parts[-1], lambda info=info: archive.open(info))
    if total > max_uncompressed_bytes():
        bundle.entries.clear()
        bundle.error(
            f"l'archive décompressée dépasse {max_uncompressed_bytes() // 1024 // 1024} Mo"
        )


def _decoded_lines(stream: BinaryIO) -> Iterator[str]:
    for number, raw in enumerate(stream, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ReadError(
                number,
                f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02X}) : "
                "enregistrez-le au format « CSV UTF-8 »",
            ) from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def sniff_delimiter(header_line: str) -> str:
    """``;`` (French spreadsheets) or ``,``: whichever the header line uses more."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _french(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return "guillemet ouvrant jamais fermé (la cellule court jusqu'à la fin du fichier)"
    if "expected after" in text:
        return 'caractère inattendu après un guillemet fermant (doublez les guillemets : "")'
    if "NUL" in text:
        return "caractère NUL : ce fichier n'est pas un fichier texte"
    if "field larger" in text:
        return "cellule démesurée (guillemet non fermé ?)"
    return f"ligne CSV mal formée ({text})"


def iter_records(entry: BundleEntry) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` for every non-blank record, the header included (line 1).

    A cell our export protected against formula injection (``'=…``) is read back
    as it was (``maillage.core.spreadsheet``).

    Raises ``ReadError`` when the rest of the file cannot be read.
    """
    with entry.open() as stream:
        lines = _decoded_lines(stream)
        first = next(lines, None)
        if first is None:
            return
        reader = csv.reader(
            itertools.chain([first], lines), delimiter=sniff_delimiter(first), strict=True
        )
        end = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ReadError(end + 1, _french(exc)) from None
            start, end = end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                yield start, [unneutralise(cell) for cell in cells]


def count_records(entry: BundleEntry) -> int:
    """Data rows of a file (header excluded), for the progress bar; 0 if unreadable."""
    count = 0
    try:
        for _record in iter_records(entry):
            count += 1
    except ReadError:
        pass
    return max(count - 1, 0)
