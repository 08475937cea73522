"""Declaring a bundle file: its name, key, and typed columns (``BundleFile``, ``Column``).

A file is described declaratively so that every module gets the same header
checks (unknown, duplicated and missing columns), the same cell parsing and
the same error messages for free. This class knows nothing of the database:
``ModelFile`` (maillage.bundle.modelfile) adds the upsert into a Django model,
which is what almost every file needs.
"""

import difflib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from maillage.bundle.errors import NO_COLUMN, BundleError, CellError
from maillage.bundle.fields import FieldType

Problem = tuple[str, str]  # (column, French message)


@dataclass(frozen=True)
class Column:
    """One column: ``field`` is the model field it fills (defaults to ``name``);
    ``references`` names the file whose key the cell holds (``"people.csv"``)."""

    name: str
    type: FieldType
    required: bool = False
    field: str | None = None
    references: str | None = None

    @property
    def target(self) -> str:
        return self.field or self.name


@dataclass
class Layout:
    """Where each known column sits in the rows of one file, from its header."""

    width: int
    positions: list[tuple[int, Column]]
    unnamed: list[int]

    @property
    def present(self) -> set[str]:
        return {column.name for _, column in self.positions}


@dataclass
class Row:
    """A parsed data row: ``values`` by column name; ``resolved`` holds the primary
    keys that ``references`` columns point to, filled by the importer."""

    line: int
    values: dict[str, Any]
    resolved: dict[str, Any] = field(default_factory=dict)

    def get(self, column: str, default=None):
        return self.values.get(column, default)


@dataclass
class ImportContext:
    """What one import shares with the handlers' checks across chunks and files.

    Handlers are registered once and shared by every import, so rules that span
    rows (no two overlapping PLIE paths of one person) keep their per-import
    data in ``state``, under their file's name, never on the handler itself.
    """

    #: The files of this bundle that the import reads (registered names).
    files: frozenset[str]
    #: Per file, every key read so far (valid or not) and the line where it is.
    seen: dict[str, dict[Any, int]]
    #: Room for the handlers: ``state.setdefault(self.name, ...)``.
    state: dict[str, Any] = field(default_factory=dict)


class BundleFile(ABC):
    """Base of every file handler. Subclasses set the class attributes below."""

    name: ClassVar[str]  # "people.csv"
    label: ClassVar[str] = ""  # French, plural: "Personnes"
    key: ClassVar[str | tuple[str, ...]]  # the column(s) identifying a row
    columns: ClassVar[tuple[Column, ...]]  # spec columns first, then extra ones
    chunk_size: ClassVar[int] = 1000  # rows validated and written together

    # -- declaration helpers ---------------------------------------------------

    @property
    def key_columns(self) -> tuple[str, ...]:
        return (self.key,) if isinstance(self.key, str) else tuple(self.key)

    def column(self, name: str) -> Column:
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}

    def reference_columns(self) -> list[Column]:
        return [column for column in self.columns if column.references]

    def describe(self) -> str:
        return self.label or self.name

    def __str__(self) -> str:
        return self.name

    # -- header and rows --------------------------------------------------------

    def read_header(self, cells: list[str]) -> tuple[Layout, list[Problem]]:
        by_name = self._by_name
        positions, unnamed, problems, seen = [], [], [], set()
        for index, cell in enumerate(cells):
            name = cell.strip().casefold()
            if not name:
                unnamed.append(index)
            elif name in seen:
                problems.append((name, "colonne en double dans l'en-tête"))
            elif name in by_name:
                seen.add(name)
                positions.append((index, by_name[name]))
            else:
                hint = difflib.get_close_matches(name, by_name, n=1)
                suggestion = f" (vouliez-vous dire « {hint[0]} » ?)" if hint else ""
                problems.append((cell.strip(), f"colonne inconnue{suggestion}"))
        for column in self.columns:
            if column.required and column.name not in seen:
                problems.append((column.name, "colonne obligatoire absente"))
        return Layout(len(cells), positions, unnamed), problems

    def parse_row(self, layout: Layout, cells: list[str]) -> tuple[dict, list[Problem]]:
        if len(cells) != layout.width:
            message = f"la ligne compte {len(cells)} cellules, l'en-tête {layout.width}"
            return {}, [(NO_COLUMN, message)]
        values, problems = {}, []
        for index, column in layout.positions:
            raw = cells[index].strip()
            if not raw:
                if column.required:
                    problems.append((column.name, "valeur obligatoire manquante"))
                else:
                    values[column.name] = column.type.empty
                continue
            try:
                values[column.name] = column.type.parse(raw)
            except CellError as exc:
                problems.append((column.name, exc.message))
        for index in layout.unnamed:
            if cells[index].strip():
                problems.append((NO_COLUMN, f"valeur dans la colonne n° {index + 1}, sans en-tête"))
        return values, problems

    def clean_row(self, values: dict[str, Any]) -> Iterable[Problem]:
        """Rules across the columns of one valid row (e.g. exit_type iff exit_date)."""
        return ()

    def check_rows(self, rows: list[Row], context: ImportContext) -> Iterable[tuple[Row, Problem]]:
        """Rules across rows or against the database, per chunk, once references resolve.

        Yields ``(row, (column, message))``; a row with a problem is not written.
        One query per chunk at most: never one per row.
        """
        return ()

    def check_file(self, context: ImportContext) -> Iterable[BundleError]:
        """Rules over the whole file, once every row is read (and, if valid, written).

        May report on another file's rows (a PLIE path whose new dates leave one
        of its steps outside), hence full ``BundleError`` values.
        """
        return ()

    def row_key(self, values: dict[str, Any]) -> Any:
        """The raw key of a row (a value, or a tuple for a composite key); None if missing."""
        parts = tuple(values.get(name) for name in self.key_columns)
        if any(part in (None, "") for part in parts):
            return None
        return parts[0] if len(parts) == 1 else parts

    # -- database side (see ModelFile) -----------------------------------------

    @abstractmethod
    def resolve(self, keys: set[str]) -> dict[str, Any]:
        """Primary keys of the records that other files reference by ``keys``."""

    @abstractmethod
    def match(self, rows: list[Row]) -> list[Any]:
        """The existing record of each row (None: new), in one query or a few."""

    @abstractmethod
    def save(self, rows: list[Row], matches: list[Any]) -> tuple[int, int, int]:
        """Create and update; returns (created, updated, unchanged)."""

    def export_header(self) -> list[str]:
        return [column.name for column in self.columns]

    @abstractmethod
    def export_rows(self, registry) -> Iterator[list[str]]:
        """The rows of this file for an export, formatted like the import reads them."""
