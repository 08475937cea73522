"""The PLIE rules that span rows and files of a bundle, applied in bulk.

An import of a large platform holds hundreds of thousands of parcours, so
nothing here runs a query per row: the parcours of the bundle are kept in
memory as the import reads them (a few small values each), and the database
is read per chunk or in batches of ``BATCH`` identifiers. The rules themselves
are ``maillage.plie.rules``; this module only decides which values they see:

- a parcours is seen as the bundle leaves it (its new dates replace the stored
  ones), every other parcours as stored;
- a step is checked against its parcours as the bundle leaves it, whether that
  parcours is in the bundle or only in the database;
- a stored step that the bundle does not mention is checked against the new
  dates of its parcours, and the error is reported on the parcours' line.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from maillage.bundle.errors import BundleError
from maillage.plie import rules
from maillage.plie.models import Parcours, Step

PARCOURS_FILE = "plie_parcours.csv"
STEPS_FILE = "plie_steps.csv"

#: Identifiers per query when reading the database in batches.
BATCH = 1000


@dataclass(slots=True)
class BundledParcours:
    """A parcours as the bundle leaves it: what the cross-row rules need, nothing more."""

    person: int
    entry_date: date
    exit_date: date | None
    line: int


@dataclass
class ParcoursState:
    """What the import learnt from plie_parcours.csv, kept for the checks that follow."""

    #: parcours_id → the parcours as the bundle leaves it (valid rows only).
    paths: dict[str, BundledParcours] = field(default_factory=dict)
    #: parcours_id → primary key, for stored parcours whose dates the bundle changes.
    moved: dict[str, int] = field(default_factory=dict)


def complete(handler, values: dict) -> bool:
    """Whether a row has every required column: when the header lacks one (an error
    already reported on line 1), the rows are parsed but not checked further."""
    return all(column.name in values for column in handler.columns if column.required)


def parcours_state(context) -> ParcoursState | None:
    return context.state.get(PARCOURS_FILE)


def batched(values: Iterable, size: int = BATCH) -> Iterator[list]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _problems(errors: rules.Errors) -> Iterator[tuple[str, str]]:
    for column, messages in errors.items():
        for message in messages:
            yield column, message


def _describe(key: str, other: BundledParcours | None) -> str:
    if other is None:
        return f"parcours « {key} » déjà enregistré"
    return f"parcours « {key} », ligne {other.line}"


def overlap_errors(state: ParcoursState) -> Iterator[BundleError]:
    """No two overlapping parcours for one person, bundle and database together.

    Each conflict is reported once, on the later line of the bundle (or on the
    bundle's line when the other parcours is only in the database).
    """
    by_person: dict[int, list[tuple[str, BundledParcours]]] = defaultdict(list)
    for key, path in state.paths.items():
        by_person[path.person].append((key, path))
    stored: dict[int, list[tuple[str, date, date | None]]] = defaultdict(list)
    for persons in batched(by_person):
        rows = Parcours._base_manager.filter(person_id__in=persons).values_list(
            "external_id", "person_id", "entry_date", "exit_date"
        )
        for key, person, entry_date, exit_date in rows:
            if key not in state.paths:  # else: the bundle's dates replace the stored ones
                stored[person].append((key, entry_date, exit_date))
    for person, paths in by_person.items():
        paths.sort(key=lambda item: item[1].line)
        others = [(key, None, entry, exit_) for key, entry, exit_ in stored.get(person, ())]
        for key, path in paths:
            for other_key, other, entry, exit_ in others:
                errors = rules.check_no_overlap(path.entry_date, path.exit_date, [(entry, exit_)])
                if errors:
                    for column, message in _problems(errors):
                        message = f"{message[:-1]} : {_describe(other_key, other)}."
                        yield BundleError(PARCOURS_FILE, path.line, column, message)
                    break
            others.append((key, path, path.entry_date, path.exit_date))


def stored_step_errors(state: ParcoursState, skip: Iterable[str] = ()) -> Iterator[BundleError]:
    """Stored steps (those the bundle does not list) must stay within their moved parcours."""
    skip = set(skip)
    by_pk = {pk: key for key, pk in state.moved.items()}
    starts: dict[str, list[date]] = defaultdict(list)
    for pks in batched(by_pk):
        rows = Step._base_manager.filter(parcours_id__in=pks).values_list(
            "parcours_id", "external_id", "start_date"
        )
        for parcours_pk, step_key, start_date in rows:
            if step_key not in skip:
                starts[by_pk[parcours_pk]].append(start_date)
    for key in sorted(starts, key=lambda key: state.paths[key].line):
        path = state.paths[key]
        errors = rules.check_steps_after_entry(path.entry_date, starts[key])
        if path.exit_date is not None:
            errors = rules.merge(errors, rules.check_steps_before_exit(path.exit_date, starts[key]))
        for column, message in _problems(errors):
            yield BundleError(PARCOURS_FILE, path.line, column, message)


def step_date_problems(rows, state: ParcoursState | None) -> Iterator[tuple]:
    """Each step starts within its parcours, as the bundle leaves that parcours.

    ``rows`` are steps rows whose ``parcours_id`` resolved; yields ``(row, (column, message))``.
    """
    paths = state.paths if state else {}
    stored_pks = {
        row.resolved["parcours_id"] for row in rows if row.values["parcours_id"] not in paths
    }
    stored = {}
    if stored_pks:
        stored = {
            pk: (entry_date, exit_date)
            for pk, entry_date, exit_date in Parcours._base_manager.filter(
                pk__in=stored_pks
            ).values_list("pk", "entry_date", "exit_date")
        }
    for row in rows:
        path = paths.get(row.values["parcours_id"])
        if path is not None:
            entry_date, exit_date = path.entry_date, path.exit_date
        else:
            entry_date, exit_date = stored[row.resolved["parcours_id"]]
        # The end date is checked against the start with the row (clean_row): only the
        # start is checked here, hence no end date given to the rule.
        errors = rules.check_step_dates(row.values["start_date"], None, entry_date, exit_date)
        for problem in _problems(errors):
            yield row, problem
