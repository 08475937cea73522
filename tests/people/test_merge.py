"""merge_people: one person, one file — everything linked follows the kept file."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from maillage.audit.models import Action, AuditEntry
from maillage.audit.services import log
from maillage.people import services
from maillage.people.models import Followup, Person, PersonAlias
from tests.factories import QpvFactory, followed_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(structure_a, structure_b):
    keep = followed_person(
        structure_a, last_name="Martin", first_names="Hélène", email="", phone="0601020304"
    )
    remove = followed_person(
        structure_b,
        last_name="MARTIN",
        first_names="Helene",
        email="helene@exemple.fr",
        phone="0700000000",
        qpv=QpvFactory(),
    )
    PersonAlias.objects.create(person=remove, external_id="OLD-1")
    return keep, remove


def test_merge_moves_followups_and_aliases_and_fills_empty_fields(admin_user, pair, structure_b):
    keep, remove = pair
    removed_pk, removed_external_id, removed_qpv = remove.pk, remove.external_id, remove.qpv_id

    kept = services.merge_people(keep, remove, acting_user=admin_user)

    assert not Person.objects.filter(pk=removed_pk).exists()
    assert set(kept.followups.values_list("structure", flat=True)) == {
        keep.followups.get(structure__code="A").structure_id,
        structure_b.pk,
    }
    assert set(kept.aliases.values_list("external_id", flat=True)) == {
        "OLD-1",
        removed_external_id,
    }
    kept.refresh_from_db()
    assert kept.email == "helene@exemple.fr"  # was empty: filled
    assert kept.qpv_id == removed_qpv
    assert kept.phone == "0601020304"  # was set: kept
    assert kept.last_name == "Martin"


def test_merge_audit_entries(admin_user, pair):
    keep, remove = pair
    removed_pk = remove.pk
    old = log(Action.VIEW, remove)  # an entry about the removed file, before the merge

    services.merge_people(keep, remove, acting_user=admin_user)

    merge = AuditEntry.objects.get(action=Action.MERGE)
    assert merge.person_id == keep.pk
    assert merge.actor_name == "admin"
    assert merge.changes["merged_from"]["id"] == removed_pk
    assert merge.changes["moved"] == {"people.followup.person": 1, "people.personalias.person": 1}
    assert merge.changes["fields"]["email"] == ["", "helene@exemple.fr"]
    deleted = AuditEntry.objects.get(action=Action.DELETE)
    assert deleted.person_id == removed_pk
    assert deleted.changes["merged_into"] == [None, keep.pk]
    assert deleted.changes["last_name"] == ["MARTIN", None]
    old = AuditEntry.objects.get(pk=old.pk)
    assert old.person_id == removed_pk  # history is never rewritten


def test_merge_is_for_administrators_only(referent_a, pair):
    keep, remove = pair
    with pytest.raises(PermissionDenied):
        services.merge_people(keep, remove, acting_user=referent_a)
    assert Person.objects.filter(pk=remove.pk).exists()


def test_merge_refuses_a_file_into_itself(admin_user, pair):
    keep, _remove = pair
    with pytest.raises(services.PeopleError):
        services.merge_people(keep, keep, acting_user=admin_user)
    assert not AuditEntry.objects.filter(action=Action.MERGE).exists()


def test_linked_records_counts_what_a_merge_moves(pair):
    _keep, remove = pair
    Followup.objects.create(
        person=remove, structure=remove.followups.get().structure, started_on=datetime.date.today()
    )
    assert sorted(services.linked_records(remove)) == [
        ("identifiant fusionné", 1),
        ("suivis", 2),
    ]
