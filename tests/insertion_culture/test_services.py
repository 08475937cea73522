"""Services of the Mission Insertion Culture: rules, refusals, scope and audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.insertion_culture import services
from maillage.insertion_culture.models import (
    ActionSession,
    Attendance,
    CollectiveAction,
    EmployerOutcome,
    Participation,
    Partner,
)
from maillage.people.models import Followup
from maillage.recruitment.models import Placement
from tests.factories import PersonFactory, QpvFactory, followed_person, user_with_role
from tests.insertion_culture.factories import (
    ActionFactory,
    ParticipationFactory,
    PartnerFactory,
    SessionFactory,
)
from tests.recruitment.factories import CompanyFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_create_action_with_partners_is_audited(coordinator):
    culture = PartnerFactory(category="museum")
    insertion = PartnerFactory(category="mission_locale")
    action = services.save_action(
        CollectiveAction(
            title="Visite de l'opéra", kind="visit", starts_on=D(2017, 3, 1), ends_on=D(2017, 3, 1)
        ),
        partners=[culture, insertion],
        acting_user=coordinator,
    )
    assert action.code.startswith("MIC-A-") and action.created_by == coordinator
    assert set(action.partners.all()) == {culture, insertion}
    entry = AuditEntry.objects.get(object_type="insertion_culture.collectiveaction")
    assert entry.action == "create" and entry.actor_id == coordinator.pk
    assert entry.changes["partners"] == [[], sorted([culture.pk, insertion.pk])]


def test_action_dates_must_be_ordered(coordinator):
    with pytest.raises(ValidationError) as exc:
        services.save_action(
            CollectiveAction(
                title="A", kind="visit", starts_on=D(2017, 3, 2), ends_on=D(2017, 3, 1)
            ),
            acting_user=coordinator,
        )
    assert "ne peut pas précéder son début" in str(exc.value)
    assert not CollectiveAction.objects.exists()


def test_shortening_an_action_is_refused_while_sessions_fall_outside(coordinator):
    action = ActionFactory(starts_on=D(2017, 3, 1), ends_on=D(2017, 6, 30))
    SessionFactory(action=action, date=D(2017, 6, 15))
    action.ends_on = D(2017, 5, 31)
    with pytest.raises(ValidationError, match="15/06/2017"):
        services.save_action(action, acting_user=coordinator)
    assert CollectiveAction.objects.get().ends_on == D(2017, 6, 30)


def test_only_the_coordinator_and_admin_manage(referent_a):
    with pytest.raises(PermissionDenied):
        services.save_action(
            CollectiveAction(
                title="A", kind="visit", starts_on=D(2017, 1, 1), ends_on=D(2017, 1, 1)
            ),
            acting_user=referent_a,
        )


def test_session_outside_the_action_dates_is_refused(coordinator):
    action = ActionFactory(starts_on=D(2017, 3, 1), ends_on=D(2017, 3, 31))
    with pytest.raises(ValidationError) as exc:
        services.add_session(action, date=D(2017, 4, 1), place="Opéra", acting_user=coordinator)
    assert exc.value.message_dict["date"] == [
        "La séance doit avoir lieu pendant l'action, du 01/03/2017 au 31/03/2017."
    ]
    assert not ActionSession.objects.exists()
    services.add_session(action, date=D(2017, 3, 31), place="Opéra", acting_user=coordinator)
    assert ActionSession.objects.count() == 1


def test_register_derives_territory_and_publics_from_the_file(coordinator, culture_structure):
    qpv = QpvFactory()
    person = followed_person(
        culture_structure, birth_date=D(1995, 5, 1), postcode="69200", city="Vénissieux", qpv=qpv
    )
    action = ActionFactory(starts_on=D(2017, 3, 1))
    participation = services.register_participant(
        action,
        person,
        registered_on=D(2017, 2, 20),
        publics={"is_rsa": True},
        acting_user=coordinator,
    )
    assert (participation.territory, participation.territory_kind) == ("Vénissieux", "metropole")
    assert participation.is_rsa and participation.is_young and participation.is_qpv
    assert not participation.is_plie and not participation.is_fle
    entry = AuditEntry.objects.get(object_type="insertion_culture.participation")
    assert entry.person_id == person.pk and entry.changes["is_rsa"] == [None, True]


def test_given_publics_override_the_file(coordinator, culture_structure):
    person = followed_person(culture_structure, birth_date=D(1995, 5, 1))
    participation = services.register_participant(
        ActionFactory(),
        person,
        registered_on=D(2017, 2, 20),
        publics={"is_young": False},
        acting_user=coordinator,
    )
    assert not participation.is_young


def test_a_participant_registered_twice_is_refused(coordinator, culture_structure):
    person = followed_person(culture_structure, last_name="Dupré", first_names="Hélène")
    action = ActionFactory()
    services.register_participant(
        action, person, registered_on=action.starts_on, acting_user=coordinator
    )
    with pytest.raises(ValidationError) as exc:
        services.register_participant(
            action, person, registered_on=action.starts_on, acting_user=coordinator
        )
    assert exc.value.message_dict["person"] == ["DUPRÉ Hélène est déjà inscrit(e) à cette action."]
    assert Participation.objects.count() == 1


def test_registration_after_the_end_is_refused(coordinator, culture_structure):
    person = followed_person(culture_structure)
    action = ActionFactory(ends_on=D(2017, 6, 30))
    with pytest.raises(ValidationError, match="30/06/2017"):
        services.register_participant(
            action, person, registered_on=D(2017, 7, 1), acting_user=coordinator
        )


def test_a_person_out_of_scope_cannot_be_registered(coordinator, structure_b):
    stranger = followed_person(structure_b)
    with pytest.raises(PermissionDenied):
        services.register_participant(
            ActionFactory(), stranger, registered_on=D(2017, 3, 1), acting_user=coordinator
        )
    assert not Participation.objects.exists()


def test_admin_registration_adds_no_followup_but_a_coordinator_keeps_access(
    admin_user, coordinator, culture_structure
):
    person = PersonFactory()
    action = ActionFactory()
    services.register_participant(
        action, person, registered_on=action.starts_on, acting_user=admin_user
    )
    assert not Followup.objects.filter(person=person, service="culture").exists()
    other = followed_person(culture_structure)
    services.register_participant(
        action, other, registered_on=action.starts_on, acting_user=coordinator
    )
    followup = Followup.objects.get(person=other, service="culture")
    assert followup.structure == culture_structure


def test_referred_by_must_be_an_insertion_partner(coordinator, culture_structure):
    person = followed_person(culture_structure)
    with pytest.raises(ValidationError, match="partenaire de l'insertion"):
        services.register_participant(
            ActionFactory(),
            person,
            registered_on=D(2017, 3, 1),
            referred_by=PartnerFactory(category="theatre"),
            acting_user=coordinator,
        )


def test_presence_is_set_and_removed_with_audit(coordinator, culture_structure):
    participation = ParticipationFactory(person=followed_person(culture_structure))
    session = SessionFactory(action=participation.action)
    assert services.set_presence(participation, session, True, acting_user=coordinator)
    services.set_presence(participation, session, True, acting_user=coordinator)  # idempotent
    assert Attendance.objects.count() == 1
    services.set_presence(participation, session, False, acting_user=coordinator)
    assert not Attendance.objects.exists()
    actions = list(
        AuditEntry.objects.filter(object_type="insertion_culture.attendance")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]


def test_presence_at_another_actions_session_is_refused(coordinator, culture_structure):
    participation = ParticipationFactory(person=followed_person(culture_structure))
    with pytest.raises(ValidationError):
        services.set_presence(participation, SessionFactory(), True, acting_user=coordinator)


def test_presence_of_someone_out_of_scope_is_refused(coordinator, structure_b):
    participation = ParticipationFactory(person=followed_person(structure_b))
    session = SessionFactory(action=participation.action)
    with pytest.raises(PermissionDenied):
        services.set_presence(participation, session, True, acting_user=coordinator)


def test_partner_side_follows_its_category_and_names_are_unique(coordinator):
    partner = services.save_partner(
        Partner(name="Mission Locale de Lyon", category="mission_locale"), acting_user=coordinator
    )
    assert partner.side == "insertion"
    partner.category = "festival"
    services.save_partner(partner, acting_user=coordinator)
    assert Partner.objects.get().side == "culture"
    with pytest.raises(ValidationError, match="déjà ce nom"):
        services.save_partner(
            Partner(name="mission locale de lyon", category="plie"), acting_user=coordinator
        )
    assert [
        e.action for e in AuditEntry.objects.filter(object_type__endswith="partner").order_by("pk")
    ] == [
        "create",
        "update",
    ]


def test_employer_outcomes_and_placement_through_recruitment(admin_user):
    person = PersonFactory()
    company = CompanyFactory(name="Théâtre des Célestins")
    internship = services.record_employer_outcome(
        person=person,
        company=company,
        kind="internship",
        date=D(2017, 5, 2),
        ends_on=D(2017, 5, 16),
        acting_user=admin_user,
    )
    assert internship.placement is None
    with pytest.raises(ValidationError, match="type de contrat"):
        services.record_employer_outcome(
            person=person, company=company, kind="placement", date=D(2017, 9, 1),
            acting_user=admin_user,
        )  # fmt: skip
    hire = services.record_employer_outcome(
        person=person,
        company=company,
        kind="placement",
        date=D(2017, 9, 1),
        contract_type="cdd",
        acting_user=admin_user,
    )
    placement = Placement.objects.get()
    assert hire.placement == placement and placement.channel == "other"
    assert placement.company == company and placement.started_on == D(2017, 9, 1)
    assert EmployerOutcome.objects.count() == 2


def test_outcome_end_before_start_is_refused(admin_user):
    with pytest.raises(ValidationError):
        services.record_employer_outcome(
            person=PersonFactory(),
            company=CompanyFactory(),
            kind="internship",
            date=D(2017, 5, 2),
            ends_on=D(2017, 5, 1),
            acting_user=admin_user,
        )
    assert not EmployerOutcome.objects.exists()


def test_the_coordinator_records_a_placement(coordinator, culture_structure):
    person = followed_person(culture_structure)
    services.record_employer_outcome(
        person=person,
        company=CompanyFactory(),
        kind="placement",
        date=D(2017, 9, 1),
        contract_type="cdd",
        acting_user=coordinator,
    )
    assert Placement.objects.filter(person=person, channel="other").exists()


def test_create_employer_goes_to_the_companies_file(admin_user):
    company = services.create_employer(name="Maison de la Danse", acting_user=admin_user)
    assert company.external_id.startswith("APP-")
    assert AuditEntry.objects.filter(object_type="companies.company", action="create").exists()


def test_the_coordinator_adds_a_cultural_employer(coordinator):
    services.create_employer(name="Maison de la Danse", acting_user=coordinator)


def test_employer_action(coordinator):
    item = services.record_employer_action(
        company=CompanyFactory(), kind="prospect", date=D(2017, 2, 1), acting_user=coordinator
    )
    assert item.created_by == coordinator
    assert AuditEntry.objects.filter(object_type="insertion_culture.employeraction").exists()
    with pytest.raises(PermissionDenied):
        services.record_employer_action(
            company=CompanyFactory(),
            kind="prospect",
            date=D(2017, 2, 1),
            acting_user=user_with_role(Role.REFERENT),
        )


def test_merging_two_files_moves_participations_or_refuses_duplicates(admin_user):
    from maillage.people.services import PeopleError, merge_people

    keep, remove = PersonFactory(), PersonFactory()
    action, other = ActionFactory(), ActionFactory()
    ParticipationFactory(action=action, person=keep)
    ParticipationFactory(action=other, person=remove)
    merge_people(keep, remove, acting_user=admin_user)
    assert Participation.objects.filter(person=keep).count() == 2
    twin = PersonFactory()
    ParticipationFactory(action=action, person=twin)
    with pytest.raises(PeopleError, match="en double"):
        merge_people(keep, twin, acting_user=admin_user)
