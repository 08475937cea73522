"""Importing a bundle: check every row of every file, then write all or nothing.

The whole import runs in one transaction. Files are taken in the registry's
order (referenced files first) and read chunk by chunk: parse and check the
rows, resolve their references (to rows of an earlier file, already written in
this transaction, or to records already in the database), apply the handler's
rules across rows (``check_rows``), find the existing records, upsert; once a
file is read, its ``check_file`` rules run over the whole of it. From the first
error on, nothing more is written but checking goes on to the end, so that
*every* error is reported; the transaction is then rolled back, as it is for a
dry run — which therefore reports exactly what a real import would create and
update.

A reference to a row that exists in the bundle but could not be written
(because the import already failed) is not reported again: one mistake, one
message.
"""

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction

from maillage.audit.services import Action, build_entry, log_many
from maillage.bundle.errors import NO_COLUMN, BundleError, ReadError
from maillage.bundle.fields import shown
from maillage.bundle.files import BundleFile, ImportContext, Layout, Row
from maillage.bundle.reader import BundleEntry, count_records, iter_records, open_bundle
from maillage.bundle.registry import Registry
from maillage.bundle.registry import registry as default_registry

ProgressCallback = Callable[[int, int], None]


@dataclass
class FileReport:
    name: str
    label: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    errors: list[BundleError] = field(default_factory=list)
    dry_run: bool = False
    #: Files of the bundle format that no module of this installation reads yet.
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_bundle(
    path: str | Path,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    registry: Registry | None = None,
    label: str | None = None,
) -> ImportReport:
    """Import the bundle at ``path`` (folder, .zip or one .csv); never raises on bad data.

    ``progress(done, total)`` is called as rows are processed; ``label`` names the
    bundle in errors that concern it as a whole (default: its file name).
    """
    importer = Importer(registry or default_registry, dry_run=dry_run, progress=progress)
    return importer.run(path, label=label)


#: Every file of ../shared/spec/bundle.md. One that no installed module handles yet is
#: skipped with a notice rather than refused: the format is wider than any one release,
#: and a bundle exported by a fuller system must still load what this one knows.
FORMAT_FILES = frozenset(
    {
        "structures.csv",
        "people.csv",
        "plie_parcours.csv",
        "plie_steps.csv",
        "operations.csv",
        "companies.csv",
        "clause_operations.csv",
        "clause_hours.csv",
        "events.csv",
        "event_companies.csv",
        "event_attendees.csv",
    }
)


class _Rollback(Exception):
    pass


def _chunks(records: Iterator, size: int) -> Iterator[list]:
    """Like itertools.batched, but a read error still yields the rows read before it."""
    chunk = []
    try:
        for record in records:
            chunk.append(record)
            if len(chunk) == size:
                yield chunk
                chunk = []
    except ReadError:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


def _key_text(key: Any) -> str:
    return " / ".join(map(str, key)) if isinstance(key, tuple) else str(key)


class Importer:
    def __init__(self, registry: Registry, *, dry_run: bool = False, progress=None):
        self.registry = registry
        self.dry_run = dry_run
        self.progress = progress or (lambda done, total: None)
        self.report = ImportReport(dry_run=dry_run)
        self.seen: dict[str, dict[Any, int]] = {}  # file → key → line, valid or not
        self.done = self.total = 0

    @property
    def errors(self) -> list[BundleError]:
        return self.report.errors

    def run(self, path: str | Path, label: str | None = None) -> ImportReport:
        with open_bundle(path, label) as bundle:
            self.errors.extend(bundle.errors)
            plan = self._plan(bundle.entries)
            self.context = ImportContext(frozenset(h.name for h, _ in plan), self.seen)
            if not plan and not self.errors and not self.report.skipped:
                message = "aucun fichier .csv reconnu dans le lot"
                self.errors.append(BundleError(bundle.label, 1, NO_COLUMN, message))
            self.total = sum(count_records(entry) for _, entry in plan)
            self.progress(0, self.total)
            try:
                with transaction.atomic():
                    for handler, entry in plan:
                        self._import_file(handler, entry)
                    if self.errors or self.dry_run:
                        raise _Rollback
                    self._log_summary()
            except _Rollback:
                pass
        self.progress(self.total, self.total)
        return self.report

    def _plan(self, entries: list[BundleEntry]) -> list[tuple[BundleFile, BundleEntry]]:
        found = {}
        for entry in entries:
            handler = self.registry.get(entry.name)
            if handler is None and entry.name in FORMAT_FILES:
                self.report.skipped.append(entry.name)
            elif handler is None:
                known = ", ".join(self.registry.names())
                message = f"fichier inconnu ; fichiers reconnus : {known}"
                self.errors.append(BundleError(entry.name, 1, NO_COLUMN, message))
            else:
                found[handler.name] = entry
        return [(h, found[h.name]) for h in self.registry.ordered() if h.name in found]

    def _import_file(self, handler: BundleFile, entry: BundleEntry) -> None:
        report = FileReport(entry.name, handler.describe())
        self.report.files.append(report)
        errors: list[BundleError] = []

        def add(line: int, column: str, message: str) -> None:
            errors.append(BundleError(entry.name, line, column, message))

        seen = self.seen.setdefault(handler.name, {})
        claimed: dict[Any, int] = {}  # primary key → line of the row that updates it
        records = iter_records(entry)
        line = 1
        try:
            header = next(records, None)
            if header is None:
                add(1, NO_COLUMN, "fichier vide : la première ligne doit être l'en-tête")
                return
            layout, problems = handler.read_header(header[1])
            for column, message in problems:
                add(header[0], column, message)
            required = {column.name for column in handler.columns if column.required}
            # Without its required columns a row can be checked but never written.
            writable = required <= layout.present
            if not writable and any("\t" in cell for cell in header[1]):
                add(header[0], NO_COLUMN, "séparateur non reconnu : utilisez « , » ou « ; »")
            for chunk in _chunks(records, handler.chunk_size):
                line = chunk[0][0]
                rows = self._parse(handler, layout, chunk, seen, add)
                if writable:
                    rows = self._resolve(handler, rows, add)
                    rows = self._check(handler, rows, add)
                    self._write(handler, rows, claimed, report, add, errors)
                report.rows += len(chunk)
                self.done += len(chunk)
                self.progress(self.done, self.total)
            errors.extend(handler.check_file(self.context))
        except ReadError as exc:
            add(exc.line, NO_COLUMN, exc.message)
        except DatabaseError as exc:
            add(line, NO_COLUMN, f"erreur de la base de données, rien n'a été enregistré : {exc}")
            raise _Rollback from exc
        finally:
            errors.sort(key=lambda error: error.line)
            self.errors.extend(errors)

    def _parse(self, handler, layout: Layout, chunk, seen: dict, add) -> list[Row]:
        key_label = "/".join(handler.key_columns)
        rows = []
        for line, cells in chunk:
            values, problems = handler.parse_row(layout, cells)
            key = handler.row_key(values)
            if key is not None:
                if key in seen:
                    message = f"identifiant {shown(_key_text(key))} en double dans le fichier "
                    problems.append((key_label, message + f"(déjà ligne {seen[key]})"))
                else:
                    seen[key] = line
            if not problems:
                problems = list(handler.clean_row(values))
            for column, message in problems:
                add(line, column, message)
            if not problems:
                rows.append(Row(line, values))
        return rows

    def _resolve(self, handler: BundleFile, rows: list[Row], add) -> list[Row]:
        """Fill ``row.resolved``; drop rows whose references do not resolve."""
        dropped: set[int] = set()
        for column in handler.reference_columns():
            target = self.registry.get(column.references)
            keys = {row.values[column.name] for row in rows if row.get(column.name)}
            found = target.resolve(keys) if keys else {}
            in_bundle = self.seen.get(target.name, {})
            for index, row in enumerate(rows):
                key = row.get(column.name)
                if not key:
                    continue
                if key in found:
                    row.resolved[column.name] = found[key]
                    continue
                dropped.add(index)
                if key not in in_bundle:  # else: in the bundle but not written, already reported
                    message = f"{shown(key)} introuvable, ni dans {target.name} ni dans la base"
                    add(row.line, column.name, message)
        return [row for index, row in enumerate(rows) if index not in dropped]

    def _check(self, handler: BundleFile, rows: list[Row], add) -> list[Row]:
        """Rules across rows (``check_rows``); drop the rows they refuse."""
        refused: set[int] = set()
        for row, (column, message) in handler.check_rows(rows, self.context):
            add(row.line, column, message)
            refused.add(row.line)
        return [row for row in rows if row.line not in refused] if refused else rows

    def _write(self, handler, rows: list[Row], claimed: dict, report, add, file_errors) -> None:
        matches = handler.match(rows)
        kept_rows, kept_matches = [], []
        for row, obj in zip(rows, matches, strict=True):
            if obj is not None:
                first = claimed.setdefault(obj.pk, row.line)
                if first != row.line:
                    message = f"désigne la même fiche que la ligne {first} (identifiants fusionnés)"
                    add(row.line, handler.key_columns[0], message)
                    continue
            kept_rows.append(row)
            kept_matches.append(obj)
        if self.errors or file_errors:
            return  # the import has failed: keep checking, stop writing
        created, updated, unchanged = handler.save(kept_rows, kept_matches)
        report.created += created
        report.updated += updated
        report.unchanged += unchanged

    def _log_summary(self) -> None:
        entries = [
            build_entry(
                Action.IMPORT,
                object_type="bundle",
                object_repr=file.name,
                changes={
                    "created": file.created,
                    "updated": file.updated,
                    "unchanged": file.unchanged,
                },
            )
            for file in self.report.files
            if file.created or file.updated
        ]
        if entries:
            log_many(entries)
