"""``ModelFile``: a bundle file stored in one Django model, upserted in bulk.

Why bulk: an organisation's first import holds tens of thousands of people (a
national one, a few hundred thousand). Rows come in chunks; per chunk one query
finds the existing records, one ``bulk_create`` and one ``bulk_update`` write
them and one more inserts their audit entries, so the number of queries grows
with the number of chunks, never with the number of rows.

Upsert rules: a column absent from the file leaves its field untouched; an
empty cell empties the field; the key is never rewritten; a row whose values
are those already stored writes nothing, not even an audit entry. Bulk
operations skip ``Model.save()``: a handler computes derived fields in
``prepare`` (e.g. a person's ``search_key``).
"""

from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any, ClassVar

from django.db import models
from django.utils import timezone

from maillage.audit.services import Action, build_entry, diff, log_many, snapshot
from maillage.bundle.files import BundleFile, Layout, Problem, Row


class ModelFile(BundleFile):
    model: ClassVar[type[models.Model]]

    # -- declaration ---------------------------------------------------------------

    #: Path from the model to its person (``"parcours__person"``), as in ``ScopedQuerySet``:
    #: when set, the audit entries of the written records name the person concerned.
    person_path: ClassVar[str | None] = None

    @cached_property
    def fields(self) -> dict[str, models.Field]:
        """Model field of each column that the model stores itself.

        A column whose target is not a concrete field (a reverse relation, such as
        a parcours' entry situations) is parsed and checked like the others, but
        writing and exporting it is the subclass's business.
        """
        fields = {}
        for column in self.columns:
            field = self.model._meta.get_field(column.target)
            if field.concrete:
                fields[column.name] = field
        return fields

    @cached_property
    def key_attnames(self) -> tuple[str, ...]:
        return tuple(self.fields[name].attname for name in self.key_columns)

    def describe(self) -> str:
        return self.label or str(self.model._meta.verbose_name_plural).capitalize()

    def queryset(self) -> models.QuerySet:
        """Every record, unscoped: an import sees the whole database."""
        return self.model._base_manager.all()

    def prepare(self, obj: models.Model) -> Iterable[str]:
        """Hook: set derived fields before a bulk write; returns the names it may change."""
        return ()

    # -- parsing ---------------------------------------------------------------------

    def parse_row(self, layout: Layout, cells: list[str]) -> tuple[dict, list[Problem]]:
        values, problems = super().parse_row(layout, cells)
        for name, value in values.items():
            limit = getattr(self.fields.get(name), "max_length", None)
            if limit and isinstance(value, str) and len(value) > limit:
                problems.append(
                    (name, f"texte trop long ({len(value)} caractères, {limit} au plus)")
                )
        return values, problems

    def field_values(self, row: Row) -> dict[str, Any]:
        """``{attname: value}`` for the columns present in the file."""
        values = {}
        for name, value in row.values.items():
            field = self.fields.get(name)
            if field is None:
                continue
            if field.is_relation:
                value = row.resolved.get(name)
            elif value is None and not field.null:
                value = field.get_default()
            values[field.attname] = value
        return values

    def identity(self, row: Row) -> tuple:
        values = self.field_values(row)
        return tuple(values.get(attname) for attname in self.key_attnames)

    # -- lookups ---------------------------------------------------------------------

    def resolve(self, keys: set[str]) -> dict[str, Any]:
        (attname,) = self.key_attnames  # a file with a composite key cannot be referenced
        lookup = {f"{attname}__in": keys}
        return dict(self.queryset().filter(**lookup).values_list(attname, "pk"))

    def match(self, rows: list[Row]) -> list[Any]:
        if not rows:
            return []
        identities = [self.identity(row) for row in rows]
        filters = {
            f"{attname}__in": {identity[i] for identity in identities}
            for i, attname in enumerate(self.key_attnames)
        }
        found = {
            tuple(getattr(obj, attname) for attname in self.key_attnames): obj
            for obj in self.queryset().filter(**filters)
        }
        return [found.get(identity) for identity in identities]

    # -- writing -----------------------------------------------------------------------

    def save(self, rows: list[Row], matches: list[Any]) -> tuple[int, int, int]:
        audited = [field.name for field in self.fields.values()]
        names = {field.attname: field.name for field in self.fields.values()}
        auto_now = [f for f in self.model._meta.concrete_fields if getattr(f, "auto_now", False)]
        now = timezone.now()
        created, updated, update_fields, unchanged = [], [], set(), 0
        for row, obj in zip(rows, matches, strict=True):
            values = self.field_values(row)
            if obj is None:
                obj = self.model(**values)
                self.prepare(obj)
                created.append(obj)
                continue
            changed = [
                attname
                for attname, value in values.items()
                if attname not in self.key_attnames and getattr(obj, attname) != value
            ]
            if not changed:
                unchanged += 1
                continue
            before = snapshot(obj, audited)
            for attname in changed:
                setattr(obj, attname, values[attname])
            for field in auto_now:
                setattr(obj, field.attname, now)
            update_fields.update(names[attname] for attname in changed)
            update_fields.update(self.prepare(obj))
            updated.append((obj, before))

        if created:
            self.model._base_manager.bulk_create(created, batch_size=self.chunk_size)
        if updated:
            update_fields.update(field.name for field in auto_now)
            self.model._base_manager.bulk_update(
                [obj for obj, _ in updated], sorted(update_fields), batch_size=self.chunk_size
            )
        people = self.person_ids([*created, *(obj for obj, _ in updated)])
        entries = [build_entry(Action.CREATE, obj, person_id=people.get(obj.pk)) for obj in created]
        entries += [
            build_entry(
                Action.UPDATE,
                obj,
                person_id=people.get(obj.pk),
                changes=diff(before, snapshot(obj, audited)),
            )
            for obj, before in updated
        ]
        if entries:
            log_many(entries, batch_size=self.chunk_size)
        return len(created), len(updated), unchanged

    def person_ids(self, objs: list[models.Model]) -> dict[Any, int]:
        """``{pk: person id}`` along ``person_path``: no query, or one for a longer path."""
        if not self.person_path or not objs:
            return {}
        first, _, rest = self.person_path.partition("__")
        attname = self.model._meta.get_field(first).attname
        if not rest:
            return {obj.pk: getattr(obj, attname) for obj in objs}
        related = self.model._meta.get_field(first).related_model
        targets = {getattr(obj, attname) for obj in objs}
        found = dict(related._base_manager.filter(pk__in=targets).values_list("pk", rest))
        return {obj.pk: found.get(getattr(obj, attname)) for obj in objs}

    # -- export ------------------------------------------------------------------------

    def key_path(self) -> str:
        (name,) = self.key_columns
        return self.fields[name].name

    def export_rows(self, registry) -> Iterator[list[str]]:
        paths = []
        for column in self.columns:
            field = self.fields[column.name]
            if column.references:
                paths.append(f"{field.name}__{registry.get(column.references).key_path()}")
            else:
                paths.append(field.attname)
        rows = self.queryset().order_by("pk").values_list(*paths)
        for values in rows.iterator(chunk_size=2000):
            yield [column.type.format(v) for column, v in zip(self.columns, values, strict=True)]
