"""Registrations: capacity and waiting list, freed places, check-in, outcomes, links."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.events import services
from maillage.events.models import Registration, RegistrationStatus
from maillage.recruitment.models import Placement, PlacementChannel
from tests.events.factories import EventCompanyFactory, EventFactory, RegistrationFactory
from tests.factories import PersonFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db


def register(event, person, user):
    return services.register_person(event=event, person=person, acting_user=user)


def test_over_capacity_goes_to_the_waiting_list(manager, structure_a):
    event = EventFactory(capacity=2)
    people = [followed_person(structure_a) for _ in range(4)]
    statuses = [register(event, p, manager).status for p in people]
    assert statuses == ["registered", "registered", "waiting", "waiting"]
    assert event.registrations.listed().count() == 2


def test_a_freed_place_goes_to_the_first_waiting_who_is_told(
    manager, structure_a, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1, title="Dating Emploi logistique")
    first, second, third = (
        followed_person(structure_a, email=f"p{i}@example.org") for i in range(3)
    )
    kept = register(event, first, manager)
    waiting_1 = register(event, second, manager)
    register(event, third, manager)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=kept, acting_user=manager)
    assert promoted == waiting_1
    waiting_1.refresh_from_db()
    assert waiting_1.status == RegistrationStatus.REGISTERED
    assert event.registrations.listed().count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["p1@example.org"]
    assert "place s'est libérée" in mail.outbox[0].subject
    assert "Dating Emploi logistique" in mail.outbox[0].body


def test_cancelling_a_waiting_registration_promotes_no_one(manager, structure_a):
    event = EventFactory(capacity=1)
    register(event, followed_person(structure_a), manager)
    waiting = register(event, followed_person(structure_a), manager)
    assert services.cancel_registration(registration=waiting, acting_user=manager) is None


def test_registering_twice_is_refused_then_allowed_after_leaving(manager, structure_a):
    event = EventFactory()
    person = followed_person(structure_a)
    registration = register(event, person, manager)
    with pytest.raises(ValidationError):
        register(event, person, manager)
    services.cancel_registration(registration=registration, acting_user=manager)
    assert register(event, person, manager).pk == registration.pk
    assert Registration.objects.count() == 1


def test_person_out_of_scope_and_missing_capability(manager, structure_b, funder):
    event = EventFactory()
    with pytest.raises(PermissionDenied):
        register(event, followed_person(structure_b), manager)
    with pytest.raises(PermissionDenied):
        register(event, PersonFactory(), funder)
    assert not Registration.objects.exists()


def test_referent_registers_people_in_scope(referent_a, structure_a):
    registration = services.register_person(
        event=EventFactory(),
        person=followed_person(structure_a),
        acting_user=referent_a,
        source="referent",
    )
    assert registration.source == "referent" and registration.registered_by == referent_a
    entry = AuditEntry.objects.get(object_type="events.registration")
    assert entry.person_id == registration.person_id


def test_cancelled_event_takes_no_registration(manager, structure_a):
    with pytest.raises(ValidationError):
        register(EventFactory(cancelled=True), followed_person(structure_a), manager)


def test_capacity_cannot_go_below_the_people_listed(manager, structure_a):
    event = EventFactory(capacity=3)
    for _ in range(2):
        register(event, followed_person(structure_a), manager)
    with pytest.raises(ValidationError) as exc:
        services.save_event(event=event, capacity=1, acting_user=manager)
    assert "capacity" in exc.value.error_dict


def test_check_in_and_undo(manager, structure_a):
    registration = register(EventFactory(), followed_person(structure_a), manager)
    services.check_in(registration=registration, acting_user=manager)
    assert registration.attended and registration.checked_in_at
    services.check_in(registration=registration, acting_user=manager, present=False)
    registration.refresh_from_db()
    assert not registration.attended and registration.checked_in_at is None


def test_reception_checks_in_but_cannot_record_a_hire(reception, structure_a):
    event = EventFactory(date=datetime.date(2017, 3, 15))
    presence = EventCompanyFactory(event=event)
    registration = RegistrationFactory(event=event, person=followed_person(structure_a))
    services.check_in(registration=registration, acting_user=reception)
    services.record_outcome(
        registration=registration, interviews=2, hired=False, acting_user=reception
    )
    with pytest.raises(PermissionDenied):
        services.record_outcome(
            registration=registration,
            interviews=2,
            hired=True,
            company=presence.company,
            acting_user=reception,
        )
    assert not Placement.objects.exists()


def test_a_hire_at_a_job_dating_makes_a_dating_emploi_placement(manager, structure_a):
    event = EventFactory(kind="job_dating", date=datetime.date(2017, 3, 15))
    presence = EventCompanyFactory(event=event)
    registration = RegistrationFactory(event=event, person=followed_person(structure_a))
    with pytest.raises(ValidationError):  # not checked in yet
        services.record_outcome(
            registration=registration, interviews=1, hired=False, acting_user=manager
        )
    services.check_in(registration=registration, acting_user=manager)
    services.record_outcome(
        registration=registration,
        interviews=3,
        hired=True,
        company=presence.company,
        contract_type="cdi",
        acting_user=manager,
    )
    placement = Placement.objects.get()
    assert placement.channel == PlacementChannel.DATING_EMPLOI
    assert placement.started_on == event.date and placement.company == presence.company
    assert registration.placement == placement and registration.interviews == 3
    # Recording the outcome again does not make a second placement.
    services.record_outcome(
        registration=registration, interviews=4, hired=True, acting_user=manager
    )
    assert Placement.objects.count() == 1
    with pytest.raises(ValidationError):
        services.record_outcome(
            registration=registration, interviews=4, hired=False, acting_user=manager
        )


def test_hire_needs_a_file_and_a_company(manager):
    event = EventFactory()
    online = Registration.objects.create(
        event=event, last_name="Martin", first_name="Léa", email="lea@example.org", attended=True
    )
    with pytest.raises(ValidationError):
        services.record_outcome(
            registration=online,
            interviews=1,
            hired=True,
            company=EventCompanyFactory(event=event).company,
            acting_user=manager,
        )


def test_link_an_online_registration_to_a_file(manager, structure_a, structure_b):
    event = EventFactory()
    online = Registration.objects.create(event=event, last_name="Martin", first_name="Léa")
    # Online registrations without a file are visible to those who run events.
    assert Registration.objects.visible_to(manager).filter(pk=online.pk).exists()
    referent = user_with_role(Role.REFERENT, structure_a, username="ref")
    assert not Registration.objects.visible_to(referent).filter(pk=online.pk).exists()
    with pytest.raises(PermissionDenied):
        services.link_person(
            registration=online, person=followed_person(structure_b), acting_user=manager
        )
    person = followed_person(structure_a)
    services.link_person(registration=online, person=person, acting_user=manager)
    assert Registration.objects.get(pk=online.pk).person == person
