"""The audit log is append-only, at the model and at the database level."""

import pytest
from django.db import DatabaseError, connection, transaction

from maillage.audit import context as audit_context
from maillage.audit.models import Action, AuditEntry
from maillage.audit.services import diff, log, snapshot
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_entry_cannot_be_changed_or_deleted_through_the_orm():
    entry = log(Action.VIEW, PersonFactory())
    entry.object_repr = "autre"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_database_refuses_updates_even_in_raw_sql():
    entry = log(Action.VIEW, PersonFactory())
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET object_repr = 'x' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.object_repr != "x"


def test_entry_records_the_acting_context_and_the_person():
    person = PersonFactory()
    ctx = audit_context.AuditContext(user_id=None, username="cli", source="command")
    with audit_context.acting_as(ctx):
        entry = log(Action.VIEW, person)
    assert (entry.actor_name, entry.source, entry.person_id) == ("cli", "command", person.pk)
    assert entry.object_type == "people.person"


def test_diff_lists_only_changed_fields():
    person = PersonFactory(city="Lyon", postcode="69009")
    before = snapshot(person, ["city", "postcode", "birth_date"])
    person.city = "Villeurbanne"
    after = snapshot(person, ["city", "postcode", "birth_date"])
    assert diff(before, after) == {"city": ["Lyon", "Villeurbanne"]}
