"""plie_parcours.csv and plie_steps.csv: PLIE paths and their steps, keyed by their ids.

Rules of one row are checked with the row (``clean_row``); rules across rows
and files (no two overlapping parcours for a person, steps within their
parcours, including stored steps when the bundle moves a parcours' dates) are
in ``bundle_checks``; all of them are ``maillage.plie.rules``, shared with the
services and the forms.

Two columns do not map one-to-one to a field:

- ``entry_situations`` is a ``|`` list stored as ``EntrySituation`` rows: a row
  that has the column replaces the parcours' situations when they differ (one
  audit entry per parcours whose list changes);
- ``exit_reason`` is a coded reason for a positive exit (``Parcours.exit_reason``)
  and free text for the other exits, kept in ``Parcours.exit_comment``.

Like opening a parcours in the application (``services.open_parcours``), the
import makes the referent structure follow the person for the PLIE, so that
its referents see the person: one open follow-up per person, structure and
service, created in bulk for the parcours created or moved to another person
or structure.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property

from maillage.audit.services import Action, build_entry, log_many
from maillage.bundle.errors import BundleError
from maillage.bundle.fields import Boolean, Choice, Date, Decimal, ListOf, Text
from maillage.bundle.files import Column, ImportContext, Problem, Row
from maillage.bundle.modelfile import ModelFile
from maillage.bundle.registry import register
from maillage.organisations.models import Structure
from maillage.people.models import Followup, Person
from maillage.plie import rules
from maillage.plie.bundle_checks import (
    PARCOURS_FILE,
    STEPS_FILE,
    BundledParcours,
    ParcoursState,
    complete,
    overlap_errors,
    parcours_state,
    step_date_problems,
    stored_step_errors,
)
from maillage.plie.models import (
    ContractType,
    EntrySituation,
    EntrySituationCode,
    ExitReason,
    ExitType,
    Parcours,
    Step,
    StepCategory,
)

EXIT_COLUMNS = ("exit_date", "exit_type", "exit_reason")
SITUATIONS = ListOf(Choice(EntrySituationCode.values))
_REASONS = {code.casefold(): code for code in ExitReason.values}


def _reason(exit_type: str, text: str) -> str:
    """The coded exit reason of a row: a positive exit's code (any case), else none."""
    if exit_type != ExitType.POSITIVE:
        return ""
    return _REASONS.get(text.casefold(), text)


@register
class ParcoursFile(ModelFile):
    name = PARCOURS_FILE
    label = "Parcours PLIE"
    model = Parcours
    key = "parcours_id"
    person_path = "person"
    columns = (
        Column("parcours_id", Text(), required=True, field="external_id"),
        Column("person_id", Text(), required=True, field="person", references="people.csv"),
        Column(
            "structure_code",
            Text(),
            required=True,
            field="structure",
            references="structures.csv",
        ),
        Column("entry_date", Date(), required=True),
        Column("qpv_at_entry", Boolean(), required=True),
        Column("entry_situations", SITUATIONS),
        Column("exit_date", Date()),
        Column("exit_type", Choice(ExitType.values)),
        # Free text (up to exit_comment's length) unless the exit is positive: see field_values.
        Column("exit_reason", Text(), field="exit_comment"),
    )

    @cached_property
    def fields(self):
        # entry_situations is not a field (ModelFile leaves it out); exit_reason, the field,
        # is filled from the column of the same name (see field_values) and audited.
        fields = ModelFile.fields.func(self)
        fields["+exit_reason"] = self.model._meta.get_field("exit_reason")  # not a column
        return fields

    # -- one row -------------------------------------------------------------------

    def clean_row(self, values: dict) -> Iterable[Problem]:
        if not complete(self, values):
            return
        exit_type = values.get("exit_type") or ""
        text = values.get("exit_reason") or ""
        # Text given with no exit at all is a coded reason out of place, not a comment.
        coded = _reason(exit_type, text) if exit_type else text
        errors = rules.check_exit(values["entry_date"], values.get("exit_date"), exit_type, coded)
        for column, messages in errors.items():
            for message in messages:
                yield column, message

    def field_values(self, row: Row) -> dict:
        values = super().field_values(row)
        values.pop("exit_comment", None)
        if any(column in row.values for column in EXIT_COLUMNS):
            exit_type = row.get("exit_type") or ""
            text = row.get("exit_reason") or ""
            values["exit_date"] = row.get("exit_date")
            values["exit_type"] = exit_type
            values["exit_reason"] = _reason(exit_type, text)
            if exit_type and exit_type != ExitType.POSITIVE:
                values["exit_comment"] = text  # else: a comment typed in Maillage is kept
        return values

    # -- across rows ---------------------------------------------------------------

    def check_rows(self, rows: list[Row], context: ImportContext) -> Iterator[tuple]:
        state = context.state.setdefault(self.name, ParcoursState())
        rows = [row for row in rows if complete(self, row.values)]
        stored = {
            key: (pk, entry_date, exit_date, exit_type, exit_reason)
            for key, pk, entry_date, exit_date, exit_type, exit_reason in (
                self.queryset()
                .filter(external_id__in=[row.values["parcours_id"] for row in rows])
                .values_list(
                    "external_id", "pk", "entry_date", "exit_date", "exit_type", "exit_reason"
                )
            )
        }
        for row in rows:
            key, entry_date = row.values["parcours_id"], row.values["entry_date"]
            old = stored.get(key)
            exit_date = row.get("exit_date")
            if old is not None and not any(column in row.values for column in EXIT_COLUMNS):
                exit_date = old[2]  # the file does not speak of exits: the stored one stays
                errors = rules.check_exit(entry_date, exit_date, old[3], old[4])
                if errors.get("exit_date"):
                    yield row, ("entry_date", errors["exit_date"][0])
                    continue
            state.paths[key] = BundledParcours(
                row.resolved["person_id"], entry_date, exit_date, row.line
            )
            if old is not None and (old[1], old[2]) != (entry_date, exit_date):
                state.moved[key] = old[0]

    def check_file(self, context: ImportContext) -> Iterator[BundleError]:
        state = parcours_state(context)
        if state is None:
            return
        yield from overlap_errors(state)
        if STEPS_FILE not in context.files:
            yield from stored_step_errors(state)
        # else: once the steps are read, so that the steps the bundle moves are left out

    # -- writing -------------------------------------------------------------------

    def save(self, rows: list[Row], matches: list) -> tuple[int, int, int]:
        followed = [
            row
            for row, obj in zip(rows, matches, strict=True)
            if obj is None
            or (obj.person_id, obj.structure_id)
            != (row.resolved["person_id"], row.resolved["structure_code"])
        ]
        listed = [
            (row, obj)
            for row, obj in zip(rows, matches, strict=True)
            if "entry_situations" in row.values
        ]
        before = self._situations([obj.pk for _, obj in listed if obj is not None])
        stamps = {obj.pk: obj.updated_at for _, obj in listed if obj is not None}
        created, updated, unchanged = super().save(rows, matches)
        newly = self._new_pks([row for row, obj in listed if obj is None])
        changed = self._write_situations(listed, before, newly)
        self._ensure_followups(followed)
        # A parcours whose only change is its situations was counted unchanged (bulk
        # updates stamp ``updated_at``, so an unchanged stamp means no field changed).
        only = sum(
            1
            for obj in (m for m in matches if m)
            if obj.pk in changed and obj.updated_at == stamps[obj.pk]
        )
        return created, updated + only, unchanged - only

    def _situations(self, pks: list[int]) -> dict[int, set[str]]:
        found: dict[int, set[str]] = defaultdict(set)
        if pks:
            codes = EntrySituation._base_manager.filter(parcours_id__in=pks)
            for pk, code in codes.values_list("parcours_id", "code"):
                found[pk].add(code)
        return found

    def _new_pks(self, rows: list[Row]) -> dict[str, int]:
        keys = [row.values["parcours_id"] for row in rows if row.values["entry_situations"]]
        if not keys:
            return {}
        return dict(self.queryset().filter(external_id__in=keys).values_list("external_id", "pk"))

    def _write_situations(self, listed, before, newly) -> set[int]:
        """Replace the situations that differ; returns the stored parcours that changed."""
        replaced, entries, rows = [], [], []
        for row, obj in listed:
            wanted = set(row.values["entry_situations"])
            if obj is None:
                pk = newly.get(row.values["parcours_id"])
                rows += [EntrySituation(parcours_id=pk, code=code) for code in sorted(wanted)]
                continue
            if before.get(obj.pk, set()) == wanted:
                continue
            replaced.append(obj.pk)
            rows += [EntrySituation(parcours_id=obj.pk, code=code) for code in sorted(wanted)]
            change = [sorted(before.get(obj.pk, ())), sorted(wanted)]
            entries.append(
                build_entry(
                    Action.UPDATE,
                    obj,
                    person_id=obj.person_id,
                    changes={"entry_situations": change},
                )
            )
        if replaced:
            EntrySituation._base_manager.filter(parcours_id__in=replaced).delete()
        if rows:
            EntrySituation._base_manager.bulk_create(rows, batch_size=self.chunk_size)
        if entries:
            log_many(entries, batch_size=self.chunk_size)
        return set(replaced)

    def _ensure_followups(self, rows: list[Row]) -> None:
        """One open PLIE follow-up per person and referent structure (``open_parcours``'s rule)."""
        wanted: dict[tuple[int, int], object] = {}
        for row in rows:
            pair = (row.resolved["person_id"], row.resolved["structure_code"])
            entry_date = row.values["entry_date"]
            if pair not in wanted or entry_date < wanted[pair]:
                wanted[pair] = entry_date
        if not wanted:
            return
        existing = set(
            Followup._base_manager.filter(
                service=Followup.Service.PLIE,
                ended_on__isnull=True,
                person_id__in={person for person, _ in wanted},
                structure_id__in={structure for _, structure in wanted},
            ).values_list("person_id", "structure_id")
        )
        new = [
            Followup(
                person_id=person,
                structure_id=structure,
                service=Followup.Service.PLIE,
                started_on=started_on,
            )
            for (person, structure), started_on in wanted.items()
            if (person, structure) not in existing
        ]
        if not new:
            return
        Followup._base_manager.bulk_create(new, batch_size=self.chunk_size)
        # The audit entries name each follow-up as str(followup) does, without its
        # per-object choice lookup (slow on tens of thousands): people and structures
        # are loaded in two queries, the service's label once.
        people = Person._base_manager.only("last_name", "first_names").in_bulk(
            {followup.person_id for followup in new}
        )
        structures = Structure._base_manager.in_bulk({f.structure_id for f in new})
        service = Followup.Service.PLIE.label
        entries = [
            build_entry(
                Action.CREATE,
                followup,
                object_repr=(
                    f"{people[followup.person_id]} — {structures[followup.structure_id]} "
                    f"({service})"
                ),
                person_id=followup.person_id,
                changes={
                    "structure": [None, followup.structure_id],
                    "service": [None, Followup.Service.PLIE],
                    "started_on": [None, followup.started_on.isoformat()],
                },
            )
            for followup in new
        ]
        log_many(entries, batch_size=self.chunk_size)

    # -- export --------------------------------------------------------------------

    def export_rows(self, registry) -> Iterator[list[str]]:
        person_key = "person__" + registry.get("people.csv").key_path()
        structure_key = "structure__" + registry.get("structures.csv").key_path()
        order = {code: index for index, code in enumerate(EntrySituationCode.values)}
        types = {column.name: column.type for column in self.columns}
        last = 0
        while True:
            page = list(
                self.queryset()
                .filter(pk__gt=last)
                .order_by("pk")
                .values_list(
                    "pk",
                    "external_id",
                    person_key,
                    structure_key,
                    "entry_date",
                    "qpv_at_entry",
                    "exit_date",
                    "exit_type",
                    "exit_reason",
                    "exit_comment",
                )[:2000]
            )
            if not page:
                return
            situations = self._situations([values[0] for values in page])
            for pk, key, person, structure, entry, qpv, exit_, type_, reason, comment in page:
                codes = sorted(situations.get(pk, ()), key=order.__getitem__)
                # exit_reason: the code of a positive exit, the comment of another exit.
                text = {ExitType.POSITIVE: reason, "": ""}.get(type_, comment)
                values = {
                    "parcours_id": key,
                    "person_id": person,
                    "structure_code": structure,
                    "entry_date": entry,
                    "qpv_at_entry": qpv,
                    "entry_situations": codes,
                    "exit_date": exit_,
                    "exit_type": type_,
                    "exit_reason": text,
                }
                yield [types[column.name].format(values[column.name]) for column in self.columns]
            last = page[-1][0]


@register
class StepsFile(ModelFile):
    name = STEPS_FILE
    label = "Étapes de parcours PLIE"
    model = Step
    key = "step_id"
    person_path = "parcours__person"
    columns = (
        Column("step_id", Text(), required=True, field="external_id"),
        Column("parcours_id", Text(), required=True, field="parcours", references=PARCOURS_FILE),
        Column(
            "category",
            Choice(StepCategory.values, message="catégorie inconnue {value} ; attendu : {codes}"),
            required=True,
        ),
        Column("start_date", Date(), required=True),
        Column("end_date", Date()),
        Column("label", Text()),
        Column("operation_code", Text(), field="operation", references="operations.csv"),
        Column(
            "contract_type",
            Choice(
                ContractType.values, message="type de contrat inconnu {value} ; attendu : {codes}"
            ),
        ),
        Column("company_id", Text(), field="company", references="companies.csv"),
        # Beyond the specification, so that export → import loses nothing.
        Column("weekly_hours", Decimal(min_value=0, max_value=60, decimal_places=1)),
    )

    def clean_row(self, values: dict) -> Iterable[Problem]:
        if not complete(self, values):
            return
        start_date = values["start_date"]
        # The parcours is not known yet: give the rule the step's own start as the entry,
        # so that only "ends before it starts" can fire here (the rest: check_rows).
        errors = rules.merge(
            rules.check_step_dates(start_date, values.get("end_date"), start_date, None),
            rules.check_contract_type(values["category"], values.get("contract_type") or ""),
        )
        for column, messages in errors.items():
            for message in messages:
                yield column, message

    def check_rows(self, rows: list[Row], context: ImportContext) -> Iterator[tuple]:
        rows = [row for row in rows if complete(self, row.values)]
        return step_date_problems(rows, parcours_state(context))

    def check_file(self, context: ImportContext) -> Iterator[BundleError]:
        state = parcours_state(context)
        if state is not None:
            yield from stored_step_errors(state, skip=context.seen.get(self.name, ()))
