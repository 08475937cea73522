"""Opening a parcours, adding steps, recording exits: rules, scoping, follow-up and audit."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.people.models import Followup, Person
from maillage.plie import services
from maillage.plie.models import Parcours, Step
from tests.factories import PersonFactory, followed_person, user_with_role
from tests.plie.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


def open_for(person, structure, user, entry=date(2017, 3, 1), **kwargs):
    return services.open_parcours(
        person=person,
        structure=structure,
        entry_date=entry,
        qpv_at_entry=kwargs.pop("qpv", False),
        acting_user=user,
        **kwargs,
    )


def test_opening_a_parcours_lets_the_referent_structure_see_the_person(
    admin_user, structure_a, referent_a
):
    person = PersonFactory()
    assert not Person.objects.visible_to(referent_a).filter(pk=person.pk).exists()
    parcours = open_for(person, structure_a, admin_user, entry_situations=["rsa", "th", "rsa"])
    assert sorted(parcours.entry_situations.values_list("code", flat=True)) == ["rsa", "th"]
    followup = Followup.objects.get(person=person, structure=structure_a)
    assert (followup.service, followup.started_on) == ("plie", date(2017, 3, 1))
    assert Parcours.objects.visible_to(referent_a).filter(pk=parcours.pk).exists()
    entry = AuditEntry.objects.get(object_type="plie.parcours", object_id=str(parcours.pk))
    assert (entry.action, entry.person_id, entry.actor_name) == ("create", person.pk, "admin")
    assert entry.changes["entry_situations"] == [None, ["rsa", "th"]]
    # A second parcours later does not add a second open follow-up.
    services.record_exit(
        parcours=parcours, exit_date=date(2017, 6, 1), exit_type="dropout", acting_user=admin_user
    )
    open_for(person, structure_a, admin_user, entry=date(2018, 1, 1))
    assert Followup.objects.filter(person=person, service="plie").count() == 1


def test_overlapping_parcours_are_refused(admin_user, structure_a):
    person = PersonFactory()
    open_for(person, structure_a, admin_user, entry=date(2017, 3, 1))
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        open_for(person, structure_a, admin_user, entry=date(2019, 1, 1))
    assert "déjà un parcours" in exc.value.message_dict["entry_date"][0]
    assert Parcours.objects.filter(person=person).count() == 1
    assert AuditEntry.objects.count() == before


def test_unknown_entry_situation_is_refused(admin_user, structure_a):
    with pytest.raises(ValidationError):
        open_for(PersonFactory(), structure_a, admin_user, entry_situations=["chomeur"])
    assert not Parcours.objects.exists()


def test_users_without_rights_or_scope_are_refused(funder, structure_a, structure_b):
    person = followed_person(structure_a)
    with pytest.raises(PermissionDenied):
        open_for(person, structure_a, funder)
    other_referent = user_with_role(Role.REFERENT, structure_b)
    with pytest.raises(PermissionDenied):
        open_for(person, structure_b, other_referent)
    parcours = ParcoursFactory(person=person, structure=structure_a)
    with pytest.raises(PermissionDenied):
        services.add_step(
            parcours=parcours,
            category="support",
            start_date=date(2017, 3, 1),
            acting_user=other_referent,
        )


def test_referent_opens_a_parcours_for_a_person_their_structure_follows(structure_a, referent_a):
    person = followed_person(structure_a)
    parcours = open_for(person, structure_a, referent_a, referent=referent_a)
    assert parcours.referent == referent_a


def test_add_step_enforces_the_rules(admin_user):
    parcours = ParcoursFactory(
        entry_date=date(2017, 3, 1),
        exit_date=date(2017, 9, 30),
        exit_type="positive",
        exit_reason="cdi",
    )
    with pytest.raises(ValidationError) as exc:
        services.add_step(
            parcours=parcours,
            category="employment_contract",
            start_date=date(2017, 2, 1),
            acting_user=admin_user,
        )
    assert set(exc.value.message_dict) == {"start_date", "contract_type"}
    with pytest.raises(ValidationError):
        services.add_step(
            parcours=parcours,
            category="training",
            start_date=date(2017, 10, 1),
            acting_user=admin_user,
        )
    # A CDI signed before the exit may end long after it.
    step = services.add_step(
        parcours=parcours,
        category="employment_contract",
        contract_type="cdi",
        start_date=date(2017, 9, 1),
        end_date=date(2019, 1, 1),
        acting_user=admin_user,
    )
    entry = AuditEntry.objects.get(object_type="plie.step", object_id=str(step.pk))
    assert entry.person_id == parcours.person_id
    assert entry.changes["contract_type"] == [None, "cdi"]


def test_record_exit(admin_user):
    parcours = ParcoursFactory(entry_date=date(2017, 3, 1))
    Step.objects.create(
        parcours=parcours, category="training", start_date=date(2017, 8, 1), external_id="S1"
    )
    with pytest.raises(ValidationError) as exc:
        services.record_exit(
            parcours=parcours,
            exit_date=date(2017, 6, 30),
            exit_type="positive",
            exit_reason="cdi",
            acting_user=admin_user,
        )
    assert "étape(s) commencent après" in exc.value.message_dict["exit_date"][0]
    with pytest.raises(ValidationError) as exc:
        services.record_exit(
            parcours=parcours,
            exit_date=date(2017, 9, 30),
            exit_type="positive",
            acting_user=admin_user,
        )
    assert "motif" in exc.value.message_dict["exit_reason"][0]
    with pytest.raises(services.ConfirmationRequired) as exc:
        services.record_exit(
            parcours=parcours,
            exit_date=date(2017, 9, 30),
            exit_type="positive",
            exit_reason="cdi",
            acting_user=admin_user,
        )
    assert "Confirmez" in exc.value.warnings[0]
    parcours.refresh_from_db()
    assert parcours.exit_date is None
    changes = services.record_exit(
        parcours=parcours,
        exit_date=date(2017, 9, 30),
        exit_type="positive",
        exit_reason="cdi",
        confirm=True,
        acting_user=admin_user,
    )
    assert changes["exit_date"] == [None, "2017-09-30"]
    assert parcours.exit_type == "positive"
    entry = AuditEntry.objects.get(object_type="plie.parcours", action="update")
    assert entry.changes == changes
    # Recording the same exit again changes nothing and logs nothing.
    assert (
        services.record_exit(
            parcours=parcours,
            exit_date=date(2017, 9, 30),
            exit_type="positive",
            exit_reason="cdi",
            confirm=True,
            acting_user=admin_user,
        )
        == {}
    )
    assert AuditEntry.objects.filter(object_type="plie.parcours", action="update").count() == 1


def test_a_corrected_exit_cannot_run_into_the_next_parcours(admin_user):
    first = ParcoursFactory(
        entry_date=date(2016, 6, 1),
        exit_date=date(2017, 3, 15),
        exit_type="dropout",
    )
    ParcoursFactory(person=first.person, entry_date=date(2017, 9, 1))
    with pytest.raises(ValidationError) as exc:
        services.record_exit(
            parcours=first,
            exit_date=date(2017, 10, 1),
            exit_type="dropout",
            acting_user=admin_user,
        )
    assert "déjà un parcours" in exc.value.message_dict["exit_date"][0]
    services.record_exit(
        parcours=first, exit_date=date(2017, 8, 31), exit_type="dropout", acting_user=admin_user
    )
    first.refresh_from_db()
    assert first.exit_date == date(2017, 8, 31)
