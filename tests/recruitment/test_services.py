"""Positioning, stages and placements: rules, scope, audit, follow-up."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.people.models import Followup
from maillage.recruitment import services
from maillage.recruitment.models import Candidacy, Placement, Stage, rome_validator
from tests.factories import PersonFactory, StructureFactory, followed_person, user_with_role
from tests.recruitment.factories import CampaignFactory, JobOfferFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2017, 10, 2)


@pytest.fixture
def chargee(structure_a):
    return user_with_role(Role.COMPANY_RELATIONS, structure_a, username="chargee")


def test_rome_code_shape():
    rome_validator("K1304")
    for bad in ("k1304", "K130", "KK1304", "K13045"):
        with pytest.raises(ValidationError):
            rome_validator(bad)


def test_referent_positions_their_participant_and_the_service_follows(referent_a, structure_a):
    person = followed_person(structure_a)
    offer = JobOfferFactory()
    candidacy = services.position_candidate(
        person=person, offer=offer, channel="plie", positioned_on=DAY, acting_user=referent_a
    )
    assert candidacy.stage == Stage.POSITIONED and candidacy.history.count() == 1
    assert Followup.objects.filter(
        person=person, structure=structure_a, service=Followup.Service.COMPANIES
    ).exists()
    actions = set(
        AuditEntry.objects.filter(person_id=person.pk).values_list("object_type", flat=True)
    )
    assert actions == {"recruitment.candidacy", "people.followup"}
    with pytest.raises(ValidationError):
        services.position_candidate(
            person=person, offer=offer, channel="plie", positioned_on=DAY, acting_user=referent_a
        )


def test_no_followup_for_a_user_without_structure(db):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True)
    person = PersonFactory()
    services.position_candidate(
        person=person,
        campaign=CampaignFactory(),
        channel="rsa",
        positioned_on=DAY,
        acting_user=admin,
    )
    assert not Followup.objects.filter(person=person).exists()


def test_out_of_scope_person_and_funder_are_refused(referent_a, structure_b, funder):
    stranger = followed_person(structure_b)
    with pytest.raises(PermissionDenied):
        services.position_candidate(
            person=stranger,
            offer=JobOfferFactory(),
            channel="plie",
            positioned_on=DAY,
            acting_user=referent_a,
        )
    with pytest.raises(PermissionDenied):
        services.position_candidate(
            person=stranger,
            offer=JobOfferFactory(),
            channel="plie",
            positioned_on=DAY,
            acting_user=funder,
        )
    assert not Candidacy.objects.exists()


def test_referent_cannot_move_stages(referent_a, structure_a):
    candidacy = services.position_candidate(
        person=followed_person(structure_a),
        campaign=CampaignFactory(),
        channel="plie",
        positioned_on=DAY,
        acting_user=referent_a,
    )
    with pytest.raises(PermissionDenied):
        services.change_stage(
            candidacy=candidacy, stage=Stage.CV_SENT, on=DAY, acting_user=referent_a
        )


def test_hire_before_positioning_is_refused_and_nothing_changes(chargee, structure_a):
    candidacy = services.position_candidate(
        person=followed_person(structure_a),
        campaign=CampaignFactory(),
        channel="plie",
        positioned_on=DAY,
        acting_user=chargee,
    )
    with pytest.raises(ValidationError) as exc:
        services.change_stage(
            candidacy=candidacy,
            stage=Stage.HIRED,
            on=DAY - datetime.timedelta(days=1),
            acting_user=chargee,
        )
    assert "précéder le positionnement" in str(exc.value)
    candidacy.refresh_from_db()
    assert candidacy.stage == Stage.POSITIONED and candidacy.hired_on is None
    assert candidacy.history.count() == 1 and not Placement.objects.exists()


def test_stages_are_dated_audited_and_a_hire_makes_a_placement(chargee, structure_a):
    offer = JobOfferFactory(source="iod", contract_type="cdd")
    candidacy = services.position_candidate(
        person=followed_person(structure_a),
        offer=offer,
        channel="plie",
        positioned_on=DAY,
        acting_user=chargee,
    )
    services.change_stage(
        candidacy=candidacy,
        stage=Stage.INTERVIEW,
        on=DAY + datetime.timedelta(days=3),
        acting_user=chargee,
    )
    services.change_stage(
        candidacy=candidacy,
        stage=Stage.HIRED,
        on=DAY + datetime.timedelta(days=9),
        acting_user=chargee,
    )
    candidacy.refresh_from_db()
    assert candidacy.reached == 5 and candidacy.hired_on == DAY + datetime.timedelta(days=9)
    assert [h.stage for h in candidacy.history.all()] == ["positioned", "interview", "hired"]
    placement = candidacy.placement
    assert (placement.channel, placement.contract_type, placement.company) == (
        "iod",
        "cdd",
        offer.company,
    )
    updates = AuditEntry.objects.filter(object_type="recruitment.candidacy", action="update")
    assert updates.count() == 2
    with pytest.raises(ValidationError):
        services.change_stage(
            candidacy=candidacy, stage=Stage.WITHDRAWN, on=DAY, acting_user=chargee
        )


def test_withdrawal_keeps_the_furthest_stage(chargee, structure_a):
    candidacy = services.position_candidate(
        person=followed_person(structure_a),
        campaign=CampaignFactory(),
        channel="plie",
        positioned_on=DAY,
        acting_user=chargee,
    )
    services.change_stage(candidacy=candidacy, stage=Stage.CONVENED, on=DAY, acting_user=chargee)
    services.change_stage(candidacy=candidacy, stage=Stage.WITHDRAWN, on=DAY, acting_user=chargee)
    candidacy.refresh_from_db()
    assert candidacy.stage == Stage.WITHDRAWN and candidacy.reached == 2


def test_other_structure_follows_nothing_new(chargee, structure_a):
    other = StructureFactory()
    person = followed_person(structure_a)
    services.position_candidate(
        person=person,
        campaign=CampaignFactory(),
        channel="plie",
        positioned_on=DAY,
        acting_user=chargee,
    )
    assert not Followup.objects.filter(person=person, structure=other).exists()
