"""Rules about people's files: create, update, find duplicates, share, merge.

Views, imports and commands all go through these functions, so a rule (who may
do what, what the audit log records) lives in one place. Each function that
writes takes a keyword-only ``acting_user``, works in ``transaction.atomic()``
and writes its audit entry in that same transaction: either the change and its
trace are both stored, or neither is.
"""

from datetime import date
from difflib import SequenceMatcher

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from maillage.accounts.roles import PERSON_SCOPE, Capability, PersonScope
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.core.permissions import require_capability
from maillage.people.models import Followup, Person, PersonAlias
from maillage.people.text import fold

#: Similarity of "last first" (folded) above which two names are taken as the same person.
NAME_SIMILARITY = 0.85

#: Fields a merge may fill on the kept file; the external id is never copied (it becomes an alias).
MERGE_FILLABLE_FIELDS = tuple(f for f in Person.AUDITED_FIELDS if f != "external_id")


class PeopleError(Exception):
    """A rule refused the operation; the message is meant for the user (French)."""


def following_structures(user) -> list:
    """The structures through which ``user`` follows people (roles limited to followed people).

    Only these structures need a follow-up to keep access to a person; administrators and
    direction see everyone through their role. No query: memberships are loaded once per user.
    """
    seen = {}
    for membership in user.active_memberships:
        if PERSON_SCOPE[membership.role] == PersonScope.FOLLOWED:
            seen.setdefault(membership.structure_id, membership.structure)
    return sorted(seen.values(), key=lambda s: s.name)


def _resolve_structure(user, structure):
    """Where a new follow-up goes: the given structure (if the user's) or the only one."""
    structures = following_structures(user)
    if structure is not None:
        if structure.pk not in {s.pk for s in structures}:
            raise PermissionDenied
        return structure
    if len(structures) > 1:
        raise PeopleError("Choisissez la structure qui suit la personne.")
    return structures[0] if structures else None


def _check_fields(data: dict) -> None:
    unknown = set(data) - set(Person.AUDITED_FIELDS)
    if unknown:
        raise ValueError(f"Unknown person fields: {sorted(unknown)}")


def _add_followup(person: Person, structure, service: str) -> Followup:
    followup = Followup.objects.create(
        person=person, structure=structure, service=service, started_on=timezone.localdate()
    )
    log(
        Action.CREATE,
        followup,
        person_id=person.pk,
        changes={
            "structure": [None, structure.pk],
            "service": [None, service],
            "started_on": [None, followup.started_on.isoformat()],
        },
    )
    return followup


def create_person(data: dict, *, acting_user, structure=None) -> Person:
    """Create a file; the creator's structure follows the person so the creator keeps access."""
    require_capability(acting_user, Capability.EDIT_PEOPLE)
    _check_fields(data)
    structure = _resolve_structure(acting_user, structure)
    with attributed_to(acting_user), transaction.atomic():
        person = Person(**data)
        person.full_clean()
        person.save()
        after = snapshot(person, Person.AUDITED_FIELDS)
        log(Action.CREATE, person, changes={k: [None, v] for k, v in after.items()})
        if structure is not None:
            _add_followup(person, structure, Followup.Service.GENERAL)
    return person


def update_person(person: Person, data: dict, *, acting_user) -> dict:
    """Apply ``data`` and return the changes ``{field: [before, after]}`` (empty: nothing saved).

    The "before" is read again from the database, under a lock: a ModelForm has already
    written the typed values on ``person`` when it validated, so ``person`` cannot say what
    was stored.
    """
    require_capability(acting_user, Capability.EDIT_PEOPLE)
    _check_fields(data)
    with attributed_to(acting_user), transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        before = snapshot(current, Person.AUDITED_FIELDS)
        for name, value in data.items():
            setattr(current, name, value)
        changes = diff(before, snapshot(current, Person.AUDITED_FIELDS))
        if not changes:
            return {}
        current.full_clean()
        current.save()
        log(Action.UPDATE, current, changes=changes)
    for name in (*Person.AUDITED_FIELDS, "search_key", "updated_at"):
        setattr(person, name, getattr(current, name))
    return changes


def _compact(text: str) -> str:
    return fold(text).replace(" ", "")


def _names_match(typed_last: str, typed_first: str, typed_birth: str, candidate: Person) -> bool:
    typed_names = {n for n in (_compact(typed_last), _compact(typed_birth)) if n}
    their_names = {n for n in (_compact(candidate.last_name), _compact(candidate.birth_name)) if n}
    if typed_names & their_names:
        return True
    theirs = fold(f"{candidate.last_name} {candidate.first_names}")
    for typed in (f"{typed_last} {typed_first}", f"{typed_first} {typed_last}"):  # also swapped
        if SequenceMatcher(None, fold(typed), theirs).ratio() >= NAME_SIMILARITY:
            return True
    return False


def find_duplicates(
    last_name: str, first_names: str, birth_date: date, birth_name: str = ""
) -> list[Person]:
    """People who may be the one being typed: same birth date and a similar name.

    Searched across *all* files, whatever the user's scope (one person, one file): the
    caller decides what of them the user may see. One query on the indexed birth date;
    names are compared in Python, accent-, case- and punctuation-insensitive.
    """
    same_day = Person.objects.filter(birth_date=birth_date).order_by(
        "last_name", "first_names", "id"
    )
    return [p for p in same_day if _names_match(last_name, first_names, birth_name, p)]


def attach_to_structure(
    person: Person, structure, *, acting_user, service: str = Followup.Service.GENERAL
) -> Followup:
    """Let one of the user's structures follow a person already registered elsewhere.

    Idempotent: an open follow-up of the same structure and service is returned as is.
    """
    require_capability(acting_user, Capability.EDIT_PEOPLE)
    structure = _resolve_structure(acting_user, structure)
    if structure is None:
        raise PeopleError("Vous n'êtes rattaché·e à aucune structure qui suit des personnes.")
    with attributed_to(acting_user), transaction.atomic():
        existing = Followup.objects.filter(
            person=person, structure=structure, service=service, ended_on__isnull=True
        ).first()
        if existing is not None:
            return existing
        return _add_followup(person, structure, service)


def _reverse_relations() -> list[models.ForeignObjectRel]:
    """Every foreign key, one-to-one or many-to-many row that points at a Person.

    Discovered from the model registry, hidden relations (``related_name="+"``) and the
    tables behind many-to-many fields included, so that modules added later (PLIE
    parcours, clause hours, bookings…) are merged without changing this code. Many-to-many
    relations are handled through the foreign keys of their intermediate table.
    """
    return [
        f
        for f in Person._meta.get_fields(include_hidden=True)
        if f.is_relation and f.auto_created and not f.concrete and not f.many_to_many
    ]


def linked_records(person: Person) -> list[tuple[str, int]]:
    """``(label, count)`` of the records pointing at ``person``: what a merge would move."""
    counts = []
    for rel in _reverse_relations():
        model = rel.related_model
        n = model._base_manager.filter(**{rel.field.name: person}).count()
        if n:
            counts.append((_relation_label(model, n), n))
    return counts


def _relation_label(model, n: int) -> str:
    """A readable name for linked rows; a many-to-many table is named after its field."""
    meta = model._meta
    if meta.auto_created:  # the intermediate table: ``auto_created`` is the declaring model
        owner = meta.auto_created
        for field in owner._meta.many_to_many:
            if field.remote_field.through is model:
                return f"{field.verbose_name} ({owner._meta.verbose_name_plural})"
    return str(meta.verbose_name_plural if n > 1 else meta.verbose_name)


def _move_relation(rel, keep: Person, remove: Person) -> int:
    model, name = rel.related_model, rel.field.name
    rows = model._base_manager.filter(**{name: remove})
    if model._meta.auto_created:
        # Table of a many-to-many field: a link ``keep`` already has would be a duplicate row.
        other = next(
            f.name for f in model._meta.concrete_fields if f.is_relation and f.name != name
        )
        already = model._base_manager.filter(**{name: keep}).values(other)
        rows.filter(**{f"{other}__in": already}).delete()
    elif rel.one_to_one and model._base_manager.filter(**{name: keep}).exists():
        raise PeopleError(
            f"Les deux fiches ont chacune un(e) {model._meta.verbose_name} : "
            "rapprochez-les avant de fusionner."
        )
    try:
        with transaction.atomic():
            return rows.update(**{name: keep})
    except IntegrityError as exc:
        raise PeopleError(
            f"Les deux fiches ont des {model._meta.verbose_name_plural} en double : "
            "rapprochez-les avant de fusionner."
        ) from exc


def merge_people(keep: Person, remove: Person, *, acting_user) -> Person:
    """Merge ``remove`` into ``keep``: one person, one file. Administrators only.

    Every record linked to ``remove`` now points at ``keep``; the empty fields of ``keep``
    are filled from ``remove``; the external identifiers of ``remove`` become aliases of
    ``keep`` (later imports still find the person); ``remove`` is deleted. Audit entries
    keep the person id they were written with: the log is append-only, and the "merge"
    entry on ``keep`` says which id was merged into it.
    """
    require_capability(acting_user, Capability.MERGE_PEOPLE)
    if keep.pk == remove.pk:
        raise PeopleError("Une fiche ne peut pas être fusionnée avec elle-même.")
    with attributed_to(acting_user), transaction.atomic():
        locked = Person.objects.select_for_update().filter(pk__in=[keep.pk, remove.pk])
        people = {p.pk: p for p in locked.order_by("pk")}
        if len(people) != 2:
            raise PeopleError("L'une des deux fiches n'existe plus.")
        keep, remove = people[keep.pk], people[remove.pk]
        removed_snapshot = snapshot(remove, Person.AUDITED_FIELDS)
        removed_repr = str(remove)

        moved = {}
        for rel in _reverse_relations():
            if n := _move_relation(rel, keep, remove):
                moved[f"{rel.related_model._meta.label_lower}.{rel.field.name}"] = n

        before = snapshot(keep, MERGE_FILLABLE_FIELDS)
        for name in MERGE_FILLABLE_FIELDS:
            attname = Person._meta.get_field(name).attname
            if getattr(keep, attname) in (None, "") and getattr(remove, attname) not in (None, ""):
                setattr(keep, attname, getattr(remove, attname))
        filled = diff(before, snapshot(keep, MERGE_FILLABLE_FIELDS))

        remove_pk = remove.pk
        remove.delete()
        PersonAlias.objects.create(person=keep, external_id=removed_snapshot["external_id"])
        keep.save()

        log(
            Action.MERGE,
            keep,
            changes={
                "merged_from": {"id": remove_pk, "external_id": removed_snapshot["external_id"]},
                "moved": moved,
                "fields": filled,
            },
        )
        log(
            Action.DELETE,
            object_type=Person._meta.label_lower,
            object_id=str(remove_pk),
            object_repr=removed_repr,
            person_id=remove_pk,
            changes={
                **{k: [v, None] for k, v in removed_snapshot.items()},
                "merged_into": [None, keep.pk],
            },
        )
    return keep
