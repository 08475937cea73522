"""Registering actionneurs and booking: every rule refuses with a clear message and writes
nothing; seats, waiting list, outcomes, no-show flags, reminders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.culture import services
from maillage.culture.models import Booking, BookingStatus, OfferDate, Registration, WaitingEntry
from maillage.people.models import Followup
from tests.culture.factories import (
    DeskFactory,
    OfferDateFactory,
    RegistrationFactory,
    in_days,
)
from tests.factories import PersonFactory, StructureFactory, followed_person, user_with_role


def book(world, **kwargs):
    arguments = {"offer_date": world.offer_date, "person": world.person}
    arguments.update(kwargs)
    arguments.setdefault("acting_user", world.referent)
    return services.book(**arguments)


def test_book_takes_seats_and_is_audited(world):
    booking = book(world, guests=2)
    assert booking.seats == 3 and booking.status == BookingStatus.BOOKED
    assert OfferDate.objects.get(pk=world.offer_date.pk).booked == 3
    entry = AuditEntry.objects.get(object_type="culture.booking")
    assert entry.person_id == world.person.pk and entry.actor_id == world.referent.pk


def test_referent_of_a_structure_that_is_not_a_social_partner_is_refused(world):
    other = StructureFactory(code="OTHER", name="Autre structure")
    referent = user_with_role(Role.REFERENT, other)
    person = followed_person(other)
    with pytest.raises(ValidationError, match="n'est pas coopérateur social"):
        services.book(offer_date=world.offer_date, person=person, acting_user=referent)
    with pytest.raises(ValidationError, match="n'est pas coopérateur social"):
        services.register_actionneur(
            person=person,
            criterion="minima",
            checked_on=datetime.date(2024, 1, 1),
            acting_user=referent,
        )
    assert not Booking.objects.exists()


def test_over_the_remaining_seats_is_refused(world):
    book(world, guests=2)
    other = followed_person(world.social.structure)
    RegistrationFactory(person=other, social_partner=world.social)
    with pytest.raises(ValidationError, match="il reste 2 place"):
        book(world, person=other, guests=2)
    assert OfferDate.objects.get(pk=world.offer_date.pk).booked == 3


@override_settings(MAILLAGE_CULTURE_PERSON_LIMIT=2, MAILLAGE_CULTURE_PERIOD_DAYS=30)
def test_over_the_persons_limit_is_refused(world):
    book(world)
    book(world, offer_date=OfferDateFactory(starts_at=in_days(12)))
    with pytest.raises(ValidationError, match="limite de 2 sortie"):
        book(world, offer_date=OfferDateFactory(starts_at=in_days(20)))
    book(world, offer_date=OfferDateFactory(starts_at=in_days(45)))


def test_after_the_deadline_is_refused(world):
    late = OfferDateFactory(starts_at=timezone.now() + datetime.timedelta(hours=5))
    with pytest.raises(ValidationError, match="closes depuis"):
        book(world, offer_date=late)


def test_offer_rules_and_registration_are_checked(world):
    with pytest.raises(ValidationError, match="au plus 2 invité"):
        book(world, guests=3)
    stranger = followed_person(world.social.structure)
    with pytest.raises(ValidationError, match="n'est pas inscrit"):
        book(world, person=stranger)
    book(world)
    with pytest.raises(ValidationError, match="déjà une réservation"):
        book(world)


def test_person_out_of_scope_is_refused(world):
    with pytest.raises(PermissionDenied):
        book(world, person=PersonFactory())


def test_quota_of_the_social_partner(world):
    world.social.quota = 3
    world.social.save()
    book(world, guests=1)
    other = followed_person(world.social.structure)
    RegistrationFactory(person=other, social_partner=world.social)
    with pytest.raises(ValidationError, match="quota"):
        book(world, person=other, guests=1)
    book(world, person=other)


def test_register_new_actionneur_creates_the_file_and_the_culture_followup(world):
    registration = services.register_new_actionneur(
        {
            "last_name": "Martin",
            "first_names": "Léa",
            "sex": "F",
            "birth_date": datetime.date(1990, 3, 4),
        },
        criterion="jobseeker",
        checked_on=timezone.localdate(),
        acting_user=world.referent,
    )
    assert registration.social_partner == world.social
    assert Followup.objects.filter(
        person=registration.person, structure=world.social.structure, service="culture"
    ).exists()
    with pytest.raises(ValidationError, match="dans le futur"):
        services.register_actionneur(
            person=followed_person(world.culture_user.active_memberships[0].structure),
            criterion="minima",
            checked_on=timezone.localdate() + datetime.timedelta(days=1),
            acting_user=world.culture_user,
            social_partner=world.social,
        )


def test_desk_staff_register_and_book_for_the_desks_partner(world):
    desk = DeskFactory(social_partner=world.social)
    reception = user_with_role(Role.RECEPTION, StructureFactory(code="ANT"))
    person = followed_person(reception.active_memberships[0].structure)
    services.register_actionneur(
        person=person,
        criterion="low_income",
        checked_on=timezone.localdate(),
        acting_user=reception,
        desk=desk,
    )
    booking = services.book(
        offer_date=world.offer_date, person=person, desk=desk, acting_user=reception
    )
    assert booking.social_partner == world.social and booking.desk == desk


def test_cancel_returns_seats_to_the_waiting_list(world, django_capture_on_commit_callbacks):
    booking = book(world, guests=2)
    other = followed_person(world.social.structure, email="other@x.fr")
    RegistrationFactory(person=other, social_partner=world.social)
    with pytest.raises(ValidationError):
        book(world, person=other, guests=2)
    entry = services.join_waiting_list(
        offer_date=world.offer_date, person=other, guests=2, acting_user=world.referent
    )
    with django_capture_on_commit_callbacks(execute=True):
        given = services.cancel_booking(booking, acting_user=world.referent)
    assert [b.person for b in given] == [other]
    entry.refresh_from_db()
    assert entry.status == "booked" and entry.booking.from_waiting_list
    assert OfferDate.objects.get(pk=world.offer_date.pk).booked == 3
    assert len(mail.outbox) == 1 and "place s'est libérée" in mail.outbox[0].subject
    assert set(mail.outbox[0].to) == {"ref@x.fr", "other@x.fr"}


def test_cancel_after_the_deadline_is_refused(world):
    soon = OfferDateFactory(starts_at=timezone.now() + datetime.timedelta(hours=30))
    booking = book(world, offer_date=soon)
    with pytest.raises(ValidationError, match="Annulation impossible"):
        services.cancel_booking(booking, acting_user=world.referent)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED


@override_settings(MAILLAGE_CULTURE_NO_SHOW_THRESHOLD=2)
def test_outcomes_and_repeated_no_shows(world, django_capture_on_commit_callbacks):
    booking = book(world)
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        services.record_outcome(booking, attended=True, acting_user=world.referent)
    after = world.offer_date.starts_at + datetime.timedelta(hours=3)
    services.record_outcome(booking, attended=True, acting_user=world.theatre_user, now=after)
    assert Booking.objects.get(pk=booking.pk).outcome_source == "venue"
    second = book(world, offer_date=OfferDateFactory(starts_at=in_days(2)))
    third = book(world, offer_date=OfferDateFactory(starts_at=in_days(3)))
    later = in_days(4)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_outcome(second, attended=False, acting_user=world.referent, now=later)
        assert not mail.outbox
        services.record_outcome(third, attended=False, acting_user=world.referent, now=later)
    assert len(mail.outbox) == 1 and "absences répétées" in mail.outbox[0].subject
    assert "ref@x.fr" in mail.outbox[0].to


def test_venue_cannot_record_other_partners_bookings(world):
    booking = book(world)
    other_theatre = user_with_role(Role.CULTURAL_PARTNER, StructureFactory(code="T2"))
    after = world.offer_date.starts_at + datetime.timedelta(hours=3)
    with pytest.raises(PermissionDenied):
        services.record_outcome(booking, attended=True, acting_user=other_theatre, now=after)


def test_reminders_are_sent_once(world, django_capture_on_commit_callbacks):
    soon = OfferDateFactory(starts_at=timezone.now() + datetime.timedelta(hours=36))
    book(world, offer_date=soon)
    book(world)  # in 10 days: not yet
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders() == 1
        assert services.send_due_reminders() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("Rappel")
    assert "Hélène D." in mail.outbox[0].body


def test_registration_twice_is_refused(world):
    with pytest.raises(ValidationError, match="déjà actionneur"):
        services.register_actionneur(
            person=world.person,
            criterion="minima",
            checked_on=timezone.localdate(),
            acting_user=world.referent,
        )
    assert Registration.objects.count() == 1
    assert not WaitingEntry.objects.exists()
