"""IOD services: orientation, offers, one candidate per post, hires, follow-ups, reviews."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.companies.models import Interaction
from maillage.iod import rules, services
from maillage.iod.models import (
    CollaborationReview,
    CompanyAction,
    FollowupContact,
    IodFollowup,
    Proposal,
    ProposalStatus,
)
from maillage.recruitment.models import JobOffer, OfferStatus, Placement
from tests.factories import FollowupFactory, user_with_role
from tests.iod.factories import IodOfferFactory, ProposalFactory, iod_participant
from tests.plie.factories import ParcoursFactory
from tests.recruitment.factories import CompanyFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def participant(structure_a, chargee):
    return iod_participant(structure_a, chargee)


def _hire(proposal, user, **kwargs):
    values = {
        "outcome": ProposalStatus.HIRED,
        "outcome_on": D(2017, 4, 3),
        "contract_type": "cdi",
        "weekly_hours": 35,
        "hired_on": D(2017, 4, 3),
        "trial_period_end": D(2017, 6, 2),
    } | kwargs
    return services.record_outcome(proposal, **values, acting_user=user)


# --- Orientation ---------------------------------------------------------------------------


def test_enrol_a_plie_participant(structure_a, chargee):
    parcours = ParcoursFactory(entry_date=D(2017, 1, 5))
    FollowupFactory(person=parcours.person, structure=structure_a)
    followup = services.enrol(
        parcours=parcours, chargee=chargee, oriented_on=D(2017, 2, 1), acting_user=chargee
    )
    assert followup.person == parcours.person and followup.is_open
    entry = AuditEntry.objects.get(object_type="iod.iodfollowup")
    assert entry.action == "create" and entry.person_id == parcours.person_id


def test_enrol_refusals_write_nothing(structure_a, chargee, participant):
    closed = ParcoursFactory(
        entry_date=D(2016, 1, 5), exit_date=D(2016, 12, 1), exit_type="dropout"
    )
    FollowupFactory(person=closed.person, structure=structure_a)
    with pytest.raises(ValidationError, match="parcours doit être en cours"):
        services.enrol(
            parcours=closed, chargee=chargee, oriented_on=D(2017, 2, 1), acting_user=chargee
        )
    with pytest.raises(ValidationError, match="déjà suivie"):
        services.enrol(
            parcours=participant.parcours,
            chargee=chargee,
            oriented_on=D(2017, 3, 1),
            acting_user=chargee,
        )
    referent = user_with_role(Role.REFERENT, structure_a)
    open_parcours = ParcoursFactory(entry_date=D(2017, 1, 5))
    FollowupFactory(person=open_parcours.person, structure=structure_a)
    with pytest.raises(ValidationError, match="n'est pas chargé de mission IOD"):
        services.enrol(
            parcours=open_parcours, chargee=referent, oriented_on=D(2017, 2, 1), acting_user=chargee
        )
    with pytest.raises(PermissionDenied):
        services.enrol(
            parcours=open_parcours, chargee=chargee, oriented_on=D(2017, 2, 1), acting_user=referent
        )
    out_of_scope = ParcoursFactory(entry_date=D(2017, 1, 5))
    with pytest.raises(PermissionDenied):
        services.enrol(
            parcours=out_of_scope, chargee=chargee, oriented_on=D(2017, 2, 1), acting_user=chargee
        )
    assert IodFollowup.objects.count() == 1


# --- Companies and offers --------------------------------------------------------------------


def test_company_action_is_an_interaction_of_the_company(chargee):
    company = CompanyFactory()
    when = timezone.now() - datetime.timedelta(days=2)
    action = services.record_company_action(
        company,
        purpose="workstation_visit",
        kind="visit",
        occurred_at=when,
        acting_user=chargee,
    )
    interaction = Interaction.objects.get(company=company)
    assert action.interaction == interaction and interaction.done and interaction.staff == chargee
    with pytest.raises(ValidationError, match="rendez-vous ou visite"):
        services.record_company_action(
            company, purpose="prospection", kind="call", occurred_at=when, acting_user=chargee
        )
    assert CompanyAction.objects.count() == 1


def test_negotiated_offer_is_an_iod_job_offer(chargee):
    offer = services.negotiate_offer(
        company=CompanyFactory(),
        title="Agent de propreté",
        rome_code="K2204",
        contract_type="cdi",
        posts=2,
        published_on=D(2017, 3, 1),
        acting_user=chargee,
    )
    assert offer.source == "iod" and offer.status == OfferStatus.OPEN
    assert offer.reference.startswith("IOD-2017-")
    with pytest.raises(ValidationError) as error:
        services.negotiate_offer(
            company=CompanyFactory(),
            title="Agent",
            rome_code="K22",
            contract_type="cdi",
            published_on=D(2017, 3, 1),
            acting_user=chargee,
        )
    assert "rome_code" in error.value.message_dict
    assert JobOffer.objects.count() == 1


# --- One candidate per post ------------------------------------------------------------------


def test_a_second_active_proposal_on_a_post_is_refused(structure_a, chargee, participant):
    offer = IodOfferFactory(posts=2)
    first = services.propose(
        offer=offer,
        post=1,
        followup=participant,
        proposed_on=D(2017, 3, 10),
        no_cv=True,
        acting_user=chargee,
    )
    assert first.no_cv and first.status == ProposalStatus.PROPOSED
    other = iod_participant(structure_a, chargee)
    with pytest.raises(ValidationError) as error:
        services.propose(
            offer=offer,
            post=1,
            followup=other,
            proposed_on=D(2017, 3, 11),
            no_cv=True,
            acting_user=chargee,
        )
    assert error.value.message_dict["post"] == [
        "Un candidat est déjà proposé sur le poste 1 de cette offre : la méthode IOD propose un "
        "seul candidat par poste."
    ]
    assert Proposal.objects.count() == 1
    # The other post is free; after a withdrawal the first is free again.
    assert services.free_posts(offer) == [2]
    services.record_outcome(
        first, outcome="withdrawn", outcome_on=D(2017, 3, 12), acting_user=chargee
    )
    again = services.propose(
        offer=offer,
        post=1,
        followup=other,
        proposed_on=D(2017, 3, 13),
        no_cv=True,
        acting_user=chargee,
    )
    assert again.post == 1 and services.free_posts(offer) == [2]


def test_the_database_refuses_two_active_proposals_on_one_post():
    proposal = ProposalFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(offer=proposal.offer, post=1)
    ProposalFactory(offer=proposal.offer, post=1, status=ProposalStatus.NOT_RETAINED)


def test_the_database_refuses_a_cv_and_a_hire_before_the_proposal():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(no_cv=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(
            status=ProposalStatus.HIRED,
            contract_type="cdi",
            proposed_on=D(2017, 3, 10),
            hired_on=D(2017, 3, 9),
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"no_cv": False}, "no_cv"),
        ({"post": 3}, "post"),
        ({"proposed_on": D(2017, 1, 5)}, "proposed_on"),
        ({"proposed_on": timezone.localdate() + datetime.timedelta(days=1)}, "proposed_on"),
    ],
)
def test_proposal_refusals(chargee, participant, changes, field):
    values = {
        "offer": IodOfferFactory(posts=2),
        "post": 1,
        "followup": participant,
        "proposed_on": D(2017, 3, 10),
        "no_cv": True,
    } | changes
    with pytest.raises(ValidationError) as error:
        services.propose(**values, acting_user=chargee)
    assert field in error.value.message_dict
    assert not Proposal.objects.exists()


def test_only_iod_offers_receive_proposals(chargee, participant):
    offer = IodOfferFactory(source="recruitment_support")
    with pytest.raises(ValidationError, match="négociées par la méthode IOD"):
        services.propose(
            offer=offer,
            post=1,
            followup=participant,
            proposed_on=D(2017, 3, 10),
            no_cv=True,
            acting_user=chargee,
        )


# --- Meeting and hire ------------------------------------------------------------------------


@pytest.fixture
def proposal(chargee, participant):
    return services.propose(
        offer=IodOfferFactory(posts=1),
        post=1,
        followup=participant,
        proposed_on=D(2017, 3, 10),
        no_cv=True,
        acting_user=chargee,
    )


def test_meeting_then_hire_makes_a_placement_and_the_schedule(chargee, proposal):
    services.record_meeting(proposal, meeting_on=D(2017, 3, 20), acting_user=chargee)
    assert proposal.status == ProposalStatus.MET and proposal.meeting_staff == chargee
    _hire(proposal, chargee)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.HIRED and proposal.durable is True
    placement = Placement.objects.get()
    assert proposal.placement == placement
    assert (placement.channel, placement.contract_type, placement.started_on) == (
        "iod",
        "cdi",
        D(2017, 4, 3),
    )
    assert placement.company == proposal.offer.company
    expected = rules.followup_schedule(D(2017, 4, 3), D(2017, 6, 2))
    contacts = list(FollowupContact.objects.filter(proposal=proposal).order_by("due_on", "party"))
    assert sorted((c.due_on, c.party) for c in contacts) == sorted(
        (e.due_on, e.party) for e in expected
    )
    assert all(c.planned_on == c.due_on and c.done_on is None for c in contacts)
    proposal.offer.refresh_from_db()
    assert proposal.offer.status == OfferStatus.FILLED
    assert AuditEntry.objects.filter(
        object_type="iod.followupcontact", person_id=proposal.followup.person_id
    ).count() == len(contacts)


def test_a_hire_before_the_proposal_is_refused_and_changes_nothing(chargee, proposal):
    with pytest.raises(ValidationError) as error:
        _hire(proposal, chargee, hired_on=D(2017, 3, 1))
    assert error.value.message_dict["hired_on"] == [
        "La date d'embauche (01/03/2017) ne peut pas précéder la proposition (10/03/2017)."
    ]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED and proposal.hired_on is None
    assert not Placement.objects.exists() and not FollowupContact.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"contract_type": ""}, "contract_type"),
        ({"contract_type": "cdd", "contract_end": None}, "contract_end"),
        ({"trial_period_end": D(2017, 4, 1)}, "trial_period_end"),
        ({"outcome_on": D(2017, 3, 1)}, "outcome_on"),
    ],
)
def test_hire_refusals(chargee, proposal, changes, field):
    with pytest.raises(ValidationError) as error:
        _hire(proposal, chargee, **changes)
    assert field in error.value.message_dict
    assert not Placement.objects.exists()


def test_a_short_immersion_is_transitional(chargee, proposal):
    _hire(
        proposal,
        chargee,
        contract_type="pmsmp",
        trial_period_end=None,
        contract_end=D(2017, 4, 21),
    )
    proposal.refresh_from_db()
    assert proposal.durable is False
    assert Placement.objects.get().contract_type == "other"


def test_an_outcome_is_recorded_once(chargee, proposal):
    services.record_outcome(
        proposal, outcome="not_retained", outcome_on=D(2017, 3, 21), acting_user=chargee
    )
    with pytest.raises(ValidationError, match="déjà enregistrée"):
        _hire(proposal, chargee)


def test_a_meeting_before_the_proposal_is_refused(chargee, proposal):
    with pytest.raises(ValidationError, match="10/03/2017"):
        services.record_meeting(proposal, meeting_on=D(2017, 3, 9), acting_user=chargee)


# --- Follow-up contacts ----------------------------------------------------------------------


def test_record_and_reschedule_contacts(chargee, proposal):
    _hire(proposal, chargee)
    first, second = FollowupContact.objects.order_by("due_on", "party")[:2]
    services.record_contact(
        first, done_on=D(2017, 4, 10), notes="Bonne intégration", acting_user=chargee
    )
    assert first.done_on == D(2017, 4, 10)
    with pytest.raises(ValidationError, match="déjà fait"):
        services.record_contact(first, done_on=D(2017, 4, 11), acting_user=chargee)
    with pytest.raises(ValidationError):
        services.record_contact(second, done_on=D(2017, 4, 1), acting_user=chargee)
    future = timezone.localdate() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError, match="futur"):
        services.record_contact(second, done_on=future, acting_user=chargee)
    services.reschedule_contact(second, due_on=D(2017, 4, 12), acting_user=chargee)
    second.refresh_from_db()
    assert (second.planned_on, second.due_on) == (D(2017, 4, 10), D(2017, 4, 12))


# --- Reviews and end -------------------------------------------------------------------------


def test_the_referent_records_the_collaboration_review(structure_a, participant):
    referent = user_with_role(Role.REFERENT, structure_a)
    review = services.record_review(
        participant, held_on=D(2017, 8, 1), outcome="continue", acting_user=referent
    )
    assert review.recorded_by == referent
    direction = user_with_role(Role.DIRECTION)
    with pytest.raises(PermissionDenied):
        services.record_review(
            participant, held_on=D(2017, 8, 1), outcome="continue", acting_user=direction
        )
    other = user_with_role(Role.REFERENT)
    with pytest.raises(PermissionDenied):
        services.record_review(
            participant, held_on=D(2017, 8, 1), outcome="continue", acting_user=other
        )
    assert CollaborationReview.objects.count() == 1


def test_end_the_followup(chargee, participant, proposal):
    with pytest.raises(ValidationError, match="proposition est en cours"):
        services.end_followup(
            participant, ended_on=D(2017, 5, 1), reason="qualifying_training", acting_user=chargee
        )
    services.record_outcome(
        proposal, outcome="withdrawn", outcome_on=D(2017, 3, 15), acting_user=chargee
    )
    services.end_followup(
        participant, ended_on=D(2017, 5, 1), reason="qualifying_training", acting_user=chargee
    )
    participant.refresh_from_db()
    assert participant.end_reason == "qualifying_training" and not participant.is_open


def test_merging_two_files_with_an_open_iod_followup_is_refused(admin_user, structure_a, chargee):
    from maillage.people.services import PeopleError, merge_people

    first, second = iod_participant(structure_a, chargee), iod_participant(structure_a, chargee)
    with pytest.raises(PeopleError, match="en double"):
        merge_people(first.person, second.person, acting_user=admin_user)
    services.end_followup(second, ended_on=D(2017, 3, 1), reason="withdrawn", acting_user=chargee)
    merge_people(first.person, second.person, acting_user=admin_user)
    assert IodFollowup.objects.filter(person=first.person).count() == 2
