"""The ``changes`` of an audit entry, put in words for the people who read the log.

Entries store raw values (ids, ISO dates, codes) so they stay exact whatever the
code becomes; this module only presents them: field names in French when the
entry's model still has the field, ``before → after`` pairs, nested summaries.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

EMPTY = "(vide)"

#: Keys written by services that are not model fields (see people.services.merge_people).
KEY_LABELS = {
    "merged_from": "Fiche fusionnée dans celle-ci",
    "merged_into": "Fusionnée dans la fiche",
    "moved": "Éléments déplacés",
    "fields": "Champs complétés",
    "id": "n°",
    "external_id": "identifiant externe",
}


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _label(model, key: str) -> str:
    if key in KEY_LABELS:
        return KEY_LABELS[key]
    if model is not None:
        try:
            return str(model._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:
            pass
    if key.count(".") == 2:  # "app.model.field": rows of that model (a merge's moved records)
        related = _model(key.rsplit(".", 1)[0])
        if related is not None:
            return str(related._meta.verbose_name_plural)
    return key


def _value(value, model=None) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list) and len(value) == 2:
        return f"{_value(value[0])} → {_value(value[1])}"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) or EMPTY
    if isinstance(value, dict):
        parts = [f"{_label(model, k)} : {_value(v, model)}" for k, v in value.items()]
        return " ; ".join(parts) or EMPTY
    return str(value)


def readable_changes(object_type: str, changes: dict) -> list[tuple[str, str]]:
    """``(label, text)`` pairs, in the order the entry recorded them."""
    model = _model(object_type)
    if not isinstance(changes, dict):
        return [("", _value(changes))]
    return [(_label(model, key), _value(value, model)) for key, value in changes.items()]
