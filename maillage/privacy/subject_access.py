"""Everything the system holds about one person (right of access, RGPD art. 15).

Built from the model graph rather than a list kept by hand: every model with a
foreign key to ``Person`` (``Person._meta.related_objects``) and, one level
further, the rows hanging from those (a parcours' steps, a booking's guests…).
A module added tomorrow is in the export without a change here, which is the
point: an access request must not miss a table.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db import models

from maillage.audit.models import AuditEntry
from maillage.people.models import Person

#: Technical columns that tell the person nothing.
HIDDEN_FIELDS = frozenset({"search_key"})


def _plain(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row(instance: models.Model) -> dict:
    row = {}
    for field in instance._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS:
            continue
        value = getattr(instance, field.attname)
        if field.choices and value not in (None, ""):
            value = getattr(instance, f"get_{field.name}_display")()
        row[str(field.verbose_name)] = _plain(value)
    return row


def _reverse_relations(model) -> list:
    return [
        rel
        for rel in model._meta.related_objects
        if (rel.one_to_many or rel.one_to_one) and not rel.related_model._meta.auto_created
    ]


def _section_name(model) -> str:
    return str(model._meta.verbose_name_plural).capitalize()


def collect(person: Person) -> dict:
    """``{"personne": {...}, "<section>": [rows]}``: JSON-ready, French labels."""
    data: dict = {"Personne": _row(person)}
    for relation in _reverse_relations(Person):
        model = relation.related_model
        rows = list(model._default_manager.filter(**{relation.field.name: person}))
        if not rows:
            continue
        data[_section_name(model)] = [_row(row) for row in rows]
        for child in _reverse_relations(model):
            if child.related_model is Person:
                continue
            children = list(
                child.related_model._default_manager.filter(**{f"{child.field.name}__in": rows})
            )
            if children:
                key = f"{_section_name(model)} — {_section_name(child.related_model)}"
                data.setdefault(key, []).extend(_row(c) for c in children)
    trail = AuditEntry.objects.filter(person_id=person.pk).order_by("at")
    if trail:
        data["Consultations et modifications du dossier"] = [
            {
                "date": entry.at.isoformat(),
                "action": entry.get_action_display(),
                "par": entry.actor_name or "système",
                "objet": entry.object_type,
            }
            for entry in trail
        ]
    return data
