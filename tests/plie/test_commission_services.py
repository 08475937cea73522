"""Entry files, commissions and their decisions: rules, capabilities, scope and audit."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.plie import commission_services as cs
from maillage.plie import entry_services
from maillage.plie.commission_models import CommissionDecision, EntryRequest, ExitProposal
from maillage.plie.models import Parcours
from maillage.plie.services import ConfirmationRequired
from tests.factories import QpvFactory, StructureFactory, followed_person, user_with_role
from tests.plie.commission_factories import DIAGNOSIS, EntryRequestFactory
from tests.plie.factories import ParcoursFactory, StepFactory

pytestmark = pytest.mark.django_db

COMMISSION_DAY = date(2017, 3, 14)


@pytest.fixture
def pentes(db):
    return StructureFactory(code="HOTEL-SOCIAL", name="Hôtel Social", territory="Pentes")


@pytest.fixture
def mermoz(db):
    return StructureFactory(code="MIRLY", name="MIRLY", territory="Mermoz")


@pytest.fixture
def referent(pentes):
    return user_with_role(Role.REFERENT, pentes, username="ref_pentes")


def draft(person, structure, user, **overrides):
    values = {
        "oriented_on": date(2017, 2, 1),
        "prescriber_organisation": "Pôle emploi",
        "structure": structure,
        "referent": user,
        "entry_situations": ["rsa", "deld", "rsa"],
        "qpv_at_entry": True,
        **DIAGNOSIS,
    }
    return entry_services.create_entry_request(
        person=person, acting_user=user, **(values | overrides)
    )


def plan(admin, territory="Pentes", day=COMMISSION_DAY, kind="validation", **kwargs):
    return cs.schedule_commission(
        kind=kind, territory=territory, date=day, acting_user=admin, **kwargs
    )


def test_a_referent_records_and_submits_a_file(pentes, referent):
    person = followed_person(pentes, qpv=QpvFactory())
    entry = draft(person, pentes, referent)
    assert entry.status == "draft" and entry.entry_situations == ["deld", "rsa"]
    created = AuditEntry.objects.get(object_type="plie.entryrequest", action="create")
    assert created.person_id == person.pk and created.actor_name == "ref_pentes"
    cs.submit_entry_request(entry, acting_user=referent)
    assert entry.status == "submitted" and entry.submitted_at is not None
    assert list(cs.pending_entry_requests(referent)) == [entry]


def test_a_file_without_documented_difficulties_cannot_be_submitted(pentes, referent):
    entry = draft(
        followed_person(pentes),
        pentes,
        referent,
        difficulties=[],
        difficulties_comment="",
        entry_situations=["rsa", "deld", "th"],
    )
    with pytest.raises(ValidationError) as exc:
        cs.submit_entry_request(entry, acting_user=referent)
    assert {"difficulties", "difficulties_comment"} <= set(exc.value.message_dict)
    entry.refresh_from_db()
    assert entry.status == "draft"


def test_referents_work_in_their_scope_and_structures(pentes, mermoz, referent, funder):
    other = user_with_role(Role.REFERENT, mermoz, username="ref_mermoz")
    person = followed_person(pentes)
    with pytest.raises(PermissionDenied):
        draft(person, mermoz, other)  # not followed by MIRLY
    with pytest.raises(ValidationError) as exc:
        draft(person, mermoz, referent)  # not the référent's structure
    assert "structure" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        draft(person, pentes, referent, referent=other)  # not a référent of the structure
    assert "referent" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        draft(person, pentes, funder)
    entry = draft(person, pentes, referent)
    with pytest.raises(PermissionDenied):
        cs.submit_entry_request(entry, acting_user=other)
    assert list(cs.pending_entry_requests(other)) == []


def test_only_the_animation_team_plans_commissions(referent, admin_user, pentes):
    with pytest.raises(PermissionDenied):
        plan(referent)
    with pytest.raises(ValidationError) as exc:
        plan(admin_user, territory="Atlantide")
    assert "territory" in exc.value.message_dict


def test_the_agenda_is_built_from_the_territorys_pending_files(admin_user, pentes, mermoz):
    submitted = EntryRequestFactory(structure=pentes, status="submitted")
    adjourned = EntryRequestFactory(structure=pentes, status="adjourned")
    EntryRequestFactory(structure=pentes, status="draft")
    EntryRequestFactory(structure=pentes, status="refused")
    EntryRequestFactory(structure=mermoz, status="submitted")
    parcours = ParcoursFactory(structure=pentes, entry_date=date(2016, 1, 4))
    proposal = ExitProposal.objects.create(
        parcours=parcours, exit_date=date(2017, 2, 1), exit_type="dropout"
    )
    commission = plan(admin_user, members=[admin_user], external_members="Pôle emploi\n")
    on_agenda = commission.decisions.all()
    assert {d.entry_request_id for d in on_agenda if d.entry_request_id} == {
        submitted.pk,
        adjourned.pk,
    }
    assert [d.exit_proposal_id for d in on_agenda if d.exit_proposal_id] == [proposal.pk]
    assert all(d.outcome == "" for d in on_agenda)
    # A file waits on one agenda at a time; building again adds nothing.
    later = plan(admin_user, day=COMMISSION_DAY + timedelta(days=28))
    assert later.decisions.count() == 0
    assert cs.build_agenda(commission, acting_user=admin_user) == []
    # A file submitted now goes to the next planned commission.
    new = EntryRequestFactory(structure=pentes, status="draft", person=followed_person(pentes))
    referent = user_with_role(Role.REFERENT, pentes)
    cs.submit_entry_request(new, acting_user=referent)
    assert commission.decisions.filter(entry_request=new).exists()
    logged = AuditEntry.objects.filter(object_type="plie.commissiondecision", action="create")
    assert logged.count() == 4


def test_accepting_a_file_opens_the_parcours_at_the_commission_date(admin_user, pentes, referent):
    person = followed_person(pentes, qpv=QpvFactory())
    entry = draft(person, pentes, referent)
    cs.submit_entry_request(entry, acting_user=referent)
    commission = plan(admin_user)
    decision = commission.decisions.get()
    cs.decide(
        decision,
        outcome="accepted",
        engagement_signed_on=date(2017, 3, 20),
        acting_user=admin_user,
    )
    entry.refresh_from_db()
    parcours = entry.parcours
    assert (entry.status, entry.decided_on) == ("accepted", COMMISSION_DAY)
    assert (parcours.person, parcours.structure, parcours.referent) == (person, pentes, referent)
    assert parcours.entry_date == COMMISSION_DAY and parcours.qpv_at_entry
    assert sorted(parcours.entry_situations.values_list("code", flat=True)) == ["deld", "rsa"]
    assert parcours.engagement_signed_on == date(2017, 3, 20)
    assert (decision.outcome, decision.decided_by) == ("accepted", admin_user)
    actions = set(
        AuditEntry.objects.filter(person_id=person.pk).values_list("object_type", "action")
    )
    assert {
        ("plie.parcours", "create"),
        ("plie.parcours", "update"),
        ("plie.entryrequest", "update"),
        ("plie.commissiondecision", "update"),
    } <= actions
    with pytest.raises(ValidationError, match="déjà enregistrée"):
        cs.decide(decision, outcome="refused", reason="Erreur", acting_user=admin_user)


def test_refusing_or_adjourning_needs_a_reason(admin_user, pentes):
    entry = EntryRequestFactory(structure=pentes, status="submitted")
    commission = plan(admin_user)
    nxt = plan(admin_user, day=COMMISSION_DAY + timedelta(days=28))
    decision = commission.decisions.get()
    with pytest.raises(ValidationError) as exc:
        cs.decide(decision, outcome="adjourned", acting_user=admin_user)
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError):
        cs.decide(decision, outcome="reviewed", actions="x", acting_user=admin_user)
    cs.decide(
        decision, outcome="adjourned", reason="Diagnostic santé à compléter", acting_user=admin_user
    )
    entry.refresh_from_db()
    assert entry.status == "adjourned" and entry.decided_on is None
    assert nxt.decisions.get().entry_request == entry  # comes back next time
    cs.decide(
        nxt.decisions.get(), outcome="refused", reason="Hors critères", acting_user=admin_user
    )
    entry.refresh_from_db()
    assert entry.status == "refused" and not Parcours.objects.exists()


def test_decisions_wait_for_the_meeting_and_stop_when_it_is_closed(admin_user, pentes):
    EntryRequestFactory(structure=pentes, status="submitted")
    future = plan(admin_user, day=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        cs.decide(future.decisions.get(), outcome="accepted", acting_user=admin_user)
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        cs.hold_commission(future, acting_user=admin_user)
    cs.update_commission(future, date=COMMISSION_DAY, acting_user=admin_user)
    with pytest.raises(ValidationError, match="sans décision"):
        cs.hold_commission(future, acting_user=admin_user)
    cs.decide(future.decisions.get(), outcome="refused", reason="Non", acting_user=admin_user)
    with pytest.raises(ValidationError, match="date ne peut plus"):
        cs.update_commission(
            future, date=COMMISSION_DAY - timedelta(days=1), acting_user=admin_user
        )
    cs.hold_commission(future, minutes="Séance sans difficulté.", acting_user=admin_user)
    assert future.status == "held" and future.minutes == "Séance sans difficulté."
    with pytest.raises(ValidationError, match="close"):
        cs.build_agenda(future, acting_user=admin_user)


def test_an_overlapping_parcours_is_refused_and_nothing_is_written(admin_user, pentes):
    entry = EntryRequestFactory(structure=pentes, status="submitted")
    ParcoursFactory(person=entry.person, structure=pentes, entry_date=date(2016, 5, 2))
    commission = plan(admin_user)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        cs.decide(commission.decisions.get(), outcome="accepted", acting_user=admin_user)
    assert "déjà un parcours" in str(exc.value)
    entry.refresh_from_db()
    assert entry.status == "submitted" and Parcours.objects.count() == 1
    assert AuditEntry.objects.count() == before


def test_an_exit_is_proposed_then_validated_with_its_confirmation(admin_user, pentes, referent):
    person = followed_person(pentes)
    parcours = ParcoursFactory(person=person, structure=pentes, entry_date=date(2016, 1, 4))
    StepFactory(parcours=parcours, start_date=date(2016, 2, 1))
    with pytest.raises(ValidationError) as exc:
        cs.propose_exit(
            parcours=parcours,
            exit_date=date(2015, 1, 1),
            exit_type="positive",
            acting_user=referent,
        )
    assert {"exit_date", "exit_reason"} <= set(exc.value.message_dict)
    with pytest.raises(ConfirmationRequired):
        cs.propose_exit(
            parcours=parcours,
            exit_date=date(2017, 2, 28),
            exit_type="positive",
            exit_reason="cdi",
            acting_user=referent,
        )
    proposal = cs.propose_exit(
        parcours=parcours,
        exit_date=date(2017, 2, 28),
        exit_type="positive",
        exit_reason="cdi",
        confirm=True,
        acting_user=referent,
    )
    assert proposal.confirmed and proposal.status == "pending"
    with pytest.raises(ValidationError, match="déjà proposée"):
        cs.propose_exit(
            parcours=parcours,
            exit_date=date(2017, 2, 28),
            exit_type="dropout",
            acting_user=referent,
        )
    commission = plan(admin_user)
    decision = commission.decisions.get()
    assert decision.item_kind == "exit" and decision.person == person
    with pytest.raises(ConfirmationRequired):
        cs.decide(decision, outcome="accepted", acting_user=admin_user)
    cs.decide(decision, outcome="accepted", confirm=True, acting_user=admin_user)
    parcours.refresh_from_db()
    proposal.refresh_from_db()
    assert (parcours.exit_date, parcours.exit_type, parcours.exit_reason) == (
        date(2017, 2, 28),
        "positive",
        "cdi",
    )
    assert proposal.status == "accepted"


def test_a_withdrawn_file_leaves_the_agenda(admin_user, pentes, referent):
    entry = draft(followed_person(pentes), pentes, referent)
    commission = plan(admin_user)
    cs.submit_entry_request(entry, acting_user=referent)
    assert commission.decisions.count() == 1
    entry_services.withdraw_entry_request(entry, acting_user=referent)
    assert entry.status == "withdrawn" and commission.decisions.count() == 0
    assert (
        AuditEntry.objects.filter(object_type="plie.commissiondecision", action="delete").count()
        == 1
    )
    with pytest.raises(ValidationError):
        entry_services.update_entry_request(
            entry, oriented_on=date(2017, 1, 1), acting_user=referent
        )


def test_a_pending_file_stays_complete(pentes, referent):
    entry = draft(followed_person(pentes), pentes, referent)
    cs.submit_entry_request(entry, acting_user=referent)
    with pytest.raises(ValidationError) as exc:
        entry_services.update_entry_request(entry, adherence=False, acting_user=referent)
    assert "adherence" in exc.value.message_dict
    changes = entry_services.update_entry_request(
        entry, difficulties=["housing"], acting_user=referent
    )
    assert changes == {"difficulties": [["childcare", "mobility"], ["housing"]]}


def test_a_follow_up_commission_reviews_blocked_and_successful_parcours(admin_user, pentes):
    idle = ParcoursFactory(structure=pentes, entry_date=date(2016, 1, 4))
    hired = ParcoursFactory(structure=pentes, entry_date=date(2016, 1, 4))
    StepFactory(
        parcours=hired,
        category="employment_contract",
        contract_type="cdi",
        start_date=date(2017, 2, 1),
    )
    commission = plan(admin_user, kind="follow_up")
    reviews = {d.parcours_id: d for d in commission.decisions.all()}
    assert {k: d.review_reason for k, d in reviews.items()} == {
        idle.pk: "blocked",
        hired.pk: "successful",
    }
    with pytest.raises(ValidationError) as exc:
        cs.decide(reviews[idle.pk], outcome="reviewed", acting_user=admin_user)
    assert "actions" in exc.value.message_dict
    with pytest.raises(ValidationError):
        cs.decide(reviews[idle.pk], outcome="accepted", acting_user=admin_user)
    cs.decide(
        reviews[idle.pk],
        outcome="reviewed",
        actions="Proposer l'atelier mobilisation ; point dans un mois.",
        acting_user=admin_user,
    )
    cs.hold_commission(commission, acting_user=admin_user)
    # The unexamined review left the agenda; the examined one is the history.
    assert list(commission.decisions.values_list("parcours_id", flat=True)) == [idle.pk]
    assert CommissionDecision.objects.filter(parcours=idle).get().actions.startswith("Proposer")


def test_the_engagement_contract_date(admin_user, pentes, referent):
    parcours = ParcoursFactory(
        person=followed_person(pentes), structure=pentes, entry_date=date(2017, 3, 14)
    )
    with pytest.raises(ValidationError):
        entry_services.record_engagement(
            parcours=parcours, signed_on=date(2017, 3, 1), acting_user=referent
        )
    changes = entry_services.record_engagement(
        parcours=parcours, signed_on=date(2017, 3, 21), acting_user=referent
    )
    assert changes == {"engagement_signed_on": [None, "2017-03-21"]}
    assert parcours.engagement_signed_on == date(2017, 3, 21)


def test_pending_requests_are_scoped(pentes, mermoz, referent, admin_user):
    mine = EntryRequestFactory(structure=pentes, status="submitted", person=followed_person(pentes))
    EntryRequestFactory(structure=mermoz, status="submitted", person=followed_person(mermoz))
    EntryRequestFactory(structure=pentes, status="draft", person=followed_person(pentes))
    assert list(cs.pending_entry_requests(referent)) == [mine]
    assert cs.pending_entry_requests(admin_user).count() == 2
    assert EntryRequest.objects.visible_to(referent).count() == 2
