"""Recording, correcting and cancelling visits: rules, scope, audit, nothing written on error."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.antennas import services
from maillage.antennas.models import Visit, VisitReason
from maillage.audit.models import Action, AuditEntry
from maillage.people.models import Followup, Person
from tests.antennas.conftest import record
from tests.factories import PersonFactory, StructureFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db

NEW = {
    "last_name": "Nguyen",
    "first_names": "Linh",
    "sex": "F",
    "birth_date": datetime.date(datetime.date.today().year - 20, 1, 20),
    "postcode": "69009",
    "phone": "",
}


def test_a_known_visitor_is_recorded_with_their_profile_and_audited(desk, antenna, visitor):
    at = timezone.make_aware(datetime.datetime(2017, 3, 1, 10, 30))
    visit = record(
        desk,
        antenna,
        person=visitor,
        at=at,
        reasons=["cyber_base", "information"],
        orientation=" Pôle emploi ",
    )
    assert visit.person == visitor and visit.recorded_by == desk
    assert (visit.sex, visit.age_band, visit.postcode) == ("F", "26_45", "69009")
    assert visit.orientation == "Pôle emploi"
    assert sorted(visit.reasons.values_list("reason", flat=True)) == ["cyber_base", "information"]
    entry = AuditEntry.objects.get(object_type="antennas.visit", action=Action.CREATE)
    assert entry.person_id == visitor.pk and entry.actor_id == desk.pk
    assert entry.changes["reasons"] == [None, ["information", "cyber_base"]]


def test_a_new_visitor_gets_a_minimal_file_followed_by_the_antenna(desk, antenna):
    visit = record(desk, antenna, new_person=NEW)
    person = visit.person
    assert person.last_name == "Nguyen" and person.birth_date == NEW["birth_date"]
    assert Followup.objects.filter(person=person, structure=antenna).count() == 1
    assert visit.age_band == "under_26"
    assert AuditEntry.objects.filter(object_type="people.person", action=Action.CREATE).exists()
    # The desk finds them at the next visit.
    assert Person.objects.visible_to(desk).filter(pk=person.pk).exists()


def test_a_possible_duplicate_stops_the_new_file_unless_homonym(desk, antenna, other_antenna):
    existing = followed_person(other_antenna, **{k: NEW[k] for k in NEW if k != "phone"})
    with pytest.raises(services.PossibleDuplicate) as caught:
        record(desk, antenna, new_person={**NEW, "first_names": "LINH"})
    assert caught.value.candidates == [existing]
    assert Person.objects.count() == 1 and not Visit.objects.exists()
    visit = record(desk, antenna, new_person=NEW, homonym=True)
    assert visit.person != existing and Person.objects.count() == 2


def test_anonymous_visitors_need_sex_and_age_band(desk, antenna):
    visit = record(desk, antenna, anonymous=services.Anonymous("M", "over_50", "69009"))
    assert visit.person is None and visit.is_anonymous
    assert AuditEntry.objects.get(object_type="antennas.visit").person_id is None
    for bad in (
        services.Anonymous("", "over_50"),
        services.Anonymous("M", "old"),
        services.Anonymous("M", "over_50", "6900"),
    ):
        with pytest.raises(ValidationError):
            record(desk, antenna, anonymous=bad)
    assert Visit.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reasons": []}, "reasons"),
        ({"reasons": ["shopping"]}, "reasons"),
        ({"at": timezone.now() + datetime.timedelta(hours=2)}, "at"),
        ({"orientation": "x" * 121}, "orientation"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_written(desk, antenna, changes, field):
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        record(desk, antenna, new_person=NEW, **changes)
    assert field in caught.value.message_dict
    assert not Visit.objects.exists() and not Person.objects.exists()
    assert AuditEntry.objects.count() == audit


def test_exactly_one_visitor(desk, antenna, visitor):
    with pytest.raises(ValidationError):
        record(desk, antenna)
    with pytest.raises(ValidationError):
        record(desk, antenna, person=visitor, anonymous=services.Anonymous("F", "26_45"))


def test_scope_and_capability(desk, antenna, other_antenna, other_desk, visitor):
    with pytest.raises(PermissionDenied):  # not their antenna
        record(desk, other_antenna, person=visitor)
    with pytest.raises(PermissionDenied):  # a person the other desk cannot see
        record(other_desk, other_antenna, person=visitor)
    referent = user_with_role(Role.REFERENT, antenna)
    with pytest.raises(PermissionDenied):
        record(referent, antenna, person=visitor)
    assert not Visit.objects.exists()


def test_an_admin_records_anywhere_and_the_antenna_then_follows(admin_user, other_antenna):
    person = PersonFactory()
    record(admin_user, other_antenna, person=person)
    followup = Followup.objects.get(person=person, structure=other_antenna)
    assert followup.service == Followup.Service.RECEPTION
    record(admin_user, other_antenna, person=person)  # no second follow-up
    assert Followup.objects.filter(person=person).count() == 1


def test_anonymous_visits_are_visible_to_their_antenna_only(desk, other_desk, antenna, visitor):
    anonymous = record(desk, antenna, anonymous=services.Anonymous("F", "46_50"))
    named = record(desk, antenna, person=visitor)
    assert set(Visit.objects.visible_to(desk)) == {anonymous, named}
    assert not Visit.objects.visible_to(other_desk).exists()
    referent = user_with_role(Role.REFERENT, StructureFactory())
    assert not Visit.objects.visible_to(referent).exists()


def test_the_recorder_corrects_then_cancels(desk, antenna, visitor):
    visit = record(desk, antenna, person=visitor)
    at = visit.at - datetime.timedelta(hours=1)
    changes = services.correct_visit(
        visit, at=at, reasons=["workshop", "information"], orientation="PLIE", acting_user=desk
    )
    assert set(changes) == {"at", "reasons", "orientation"}
    visit.refresh_from_db()
    assert visit.at == at and visit.orientation == "PLIE"
    assert sorted(visit.reasons.values_list("reason", flat=True)) == ["information", "workshop"]
    assert (
        services.correct_visit(
            visit, at=at, reasons=["information", "workshop"], orientation="PLIE", acting_user=desk
        )
        == {}
    )
    services.cancel_visit(visit, acting_user=desk)
    assert not Visit.objects.exists() and not VisitReason.objects.exists()
    assert Person.objects.filter(pk=visitor.pk).exists()
    actions = list(
        AuditEntry.objects.filter(object_type="antennas.visit").values_list("action", flat=True)
    )
    assert sorted(actions) == sorted([Action.CREATE, Action.UPDATE, Action.DELETE])


def test_others_and_latecomers_cannot_amend(desk, antenna, visitor, admin_user):
    visit = record(desk, antenna, person=visitor)
    with pytest.raises(ValidationError):
        services.cancel_visit(visit, acting_user=admin_user)
    Visit.objects.filter(pk=visit.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError):
        services.correct_visit(visit, at=visit.at, reasons=["other"], acting_user=desk)
    with pytest.raises(ValidationError):
        services.cancel_visit(visit, acting_user=desk)
    assert Visit.objects.filter(pk=visit.pk).exists()
