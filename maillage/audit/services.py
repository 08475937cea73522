"""Writing the audit log. Service functions call these in their own transaction.

``log`` records one action on one object; ``diff`` computes the before/after of
the audited fields of a model instance, so a service can say exactly what it
changed.
"""

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal

from django.db import models

from maillage.audit import context as audit_context
from maillage.audit.models import Action, AuditEntry


def _plain(value):
    """JSON-safe form of a field value (dates as ISO, foreign keys as their id)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        values[name] = _plain(getattr(instance, field.attname))
    return values


def diff(before: dict, after: dict) -> dict:
    """``{field: [before, after]}`` for the fields whose value changed."""
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def build_entry(
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    person_id: int | None = None,
    changes: dict | None = None,
) -> AuditEntry:
    ctx = audit_context.current()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
        if person_id is None and obj._meta.label_lower == "people.person":
            person_id = obj.pk
    return AuditEntry(
        actor_id=ctx.user_id,
        actor_name=ctx.username,
        source=ctx.source,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:250],
        person_id=person_id,
        changes=changes or {},
        request_id=ctx.request_id,
        ip=ctx.ip,
        path=ctx.path,
        method=ctx.method,
    )


def log(action: str, obj: models.Model | None = None, **kwargs) -> AuditEntry:
    entry = build_entry(action, obj, **kwargs)
    entry.save()
    return entry


def log_many(entries: list[AuditEntry], batch_size: int = 1000) -> None:
    """Bulk insert for imports: one entry per changed record, written in batches."""
    AuditEntry.objects.bulk_create(entries, batch_size=batch_size)


def log_views(people: Iterable, **changes) -> None:
    """One "view" entry per person whose name a page shows, in one insert."""
    log_many([build_entry(Action.VIEW, person, changes=changes or None) for person in people])


__all__ = ["Action", "build_entry", "diff", "log", "log_many", "log_views", "snapshot"]
