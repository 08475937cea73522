"""Calls for projects and proposals by structures: who, the rules, the audit, nothing written
when refused; the vote's refusal."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.programme import proposals, services
from maillage.programme.models import (
    Axis,
    CallForProjects,
    Funder,
    Operation,
    OperationTransition,
    Status,
    VoteBody,
)
from tests.factories import StructureFactory, user_with_role
from tests.plie.factories import OperationFactory, ParcoursFactory
from tests.programme.world import operation_at

pytestmark = pytest.mark.django_db

DETAILS = {
    "title": "Ateliers numériques",
    "axis": Axis.BARRIERS,
    "description": "Prise en main des outils numériques.",
    "target_public": "Participants éloignés du numérique",
    "place": "Lyon 8e",
    "how_to_prescribe": "Fiche de liaison au référent",
    "planned_participants": 12,
    "start_date": date(2017, 3, 1),
    "end_date": date(2017, 12, 15),
}
PLAN = {Funder.FSE: Decimal("8000"), Funder.CITY: Decimal("2000.50")}


@pytest.fixture
def call(db):
    return CallForProjects.objects.create(year=2017, title="Appel à projets PLIE 2017")


def propose(user, structure, call, details=None, amounts=None, **kwargs):
    return proposals.propose_operation(
        call=call,
        structure=structure,
        details={**DETAILS, **(details or {})},
        amounts=PLAN if amounts is None else amounts,
        acting_user=user,
        **kwargs,
    )


def test_a_referent_proposes_for_their_structure(referent_a, structure_a, call):
    operation = propose(referent_a, structure_a, call)
    assert operation.code == "2017-A-1"
    assert (operation.year, operation.status) == (2017, Status.SUBMITTED)
    assert operation.budget_eur == Decimal("10000.50")
    assert operation.fse_eur == Decimal("8000.00")
    transition = OperationTransition.objects.get(operation=operation)
    assert (transition.status, transition.on) == (Status.SUBMITTED, timezone.localdate())
    assert transition.recorded_by == referent_a
    entry = AuditEntry.objects.get(object_type="programme.operation", action="create")
    assert entry.actor_id == referent_a.pk
    assert entry.changes["status"] == [None, Status.SUBMITTED]
    assert entry.changes["funding_plan"] == [{}, {"fse": "8000.00", "ville": "2000.50"}]
    assert entry.changes["planned_participants"] == [None, 12]
    assert propose(referent_a, structure_a, call).code == "2017-A-2"


def test_the_team_may_give_the_code_and_propose_for_any_structure(admin_user, call):
    other = StructureFactory(code="UFCS", kind="operator")
    operation = propose(admin_user, other, call, code="OP-ASL-17")
    assert operation.code == "OP-ASL-17"
    with pytest.raises(ValidationError) as exc:
        propose(admin_user, other, call, code="OP-ASL-17")
    assert exc.value.message_dict == {"code": ["Ce code est déjà celui d'une autre opération."]}


def test_only_the_staff_of_a_carrying_structure_propose(referent_a, structure_b, funder, call):
    with pytest.raises(PermissionDenied):
        propose(referent_a, structure_b, call)  # not their structure
    with pytest.raises(PermissionDenied):
        propose(funder, funder.memberships.get().structure, call)
    animation = StructureFactory(kind="animation")
    referent = user_with_role(Role.REFERENT, animation)
    with pytest.raises(PermissionDenied):
        propose(referent, animation, call)  # the animation team does not answer its own call
    reception = user_with_role(Role.RECEPTION, StructureFactory(kind="operator"))
    with pytest.raises(PermissionDenied):
        propose(reception, reception.memberships.get().structure, call)  # no capability
    assert not Operation.objects.exists()


def test_proposals_refused_with_french_messages_and_nothing_written(referent_a, structure_a, call):
    with pytest.raises(ValidationError) as exc:
        propose(
            referent_a,
            structure_a,
            call,
            details={
                "planned_participants": 0,
                "start_date": date(2017, 6, 1),
                "end_date": date(2017, 5, 1),
                "title": " ",
            },
            amounts={Funder.FSE: Decimal("-5"), Funder.CITY: Decimal("10")},
        )
    assert exc.value.message_dict == {
        "title": ["L'intitulé de l'opération est obligatoire."],
        "planned_participants": ["Le nombre de participants prévus doit être supérieur à zéro."],
        "end_date": ["La fin de l'opération ne peut pas précéder son début."],
        "fse": ["Un montant ne peut pas être négatif."],
    }
    with pytest.raises(ValidationError) as exc:
        propose(referent_a, structure_a, call, amounts={Funder.FSE: Decimal(0)})
    assert list(exc.value.message_dict) == ["funding_plan"]
    assert not Operation.objects.exists()
    assert not AuditEntry.objects.filter(object_type="programme.operation").exists()


def test_a_closed_call_takes_no_proposal_but_from_the_team(
    referent_a, structure_a, admin_user, call
):
    call.deadline = timezone.localdate() - timedelta(days=1)
    call.save()
    with pytest.raises(ValidationError, match="n'est pas ouvert aux dépôts"):
        propose(referent_a, structure_a, call)
    assert propose(admin_user, structure_a, call).structure == structure_a
    future = CallForProjects.objects.create(
        year=2099, title="Plus tard", launched_on=timezone.localdate() + timedelta(days=3)
    )
    assert not proposals.call_is_open(future, timezone.localdate())


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(min_value=-10_000, max_value=10_000), min_size=6, max_size=6),
    st.integers(min_value=-3, max_value=3),
    st.integers(min_value=-20, max_value=20),
)
def test_check_proposal_refuses_exactly_the_bad_inputs(amounts, planned, shift):
    plan = dict(zip(Funder.values, (Decimal(a) for a in amounts), strict=True))
    details = {
        **DETAILS,
        "planned_participants": planned,
        "end_date": DETAILS["start_date"] + timedelta(days=shift),
    }
    errors = proposals.check_proposal(details, plan)
    assert ("planned_participants" in errors) == (planned <= 0)
    assert ("end_date" in errors) == (shift < 0)
    negative = {f for f, a in plan.items() if a < 0}
    assert {k for k in errors if k in Funder.values} == negative
    assert ("funding_plan" in errors) == (not negative and not any(a > 0 for a in amounts))


def test_the_structure_corrects_its_proposal_while_submitted(referent_a, structure_a, call):
    operation = propose(referent_a, structure_a, call)
    changes = proposals.update_proposal(
        operation=operation,
        details={**DETAILS, "place": "Vénissieux", "planned_participants": 15},
        amounts={Funder.FSE: Decimal("9000"), Funder.STATE: Decimal("1000")},
        acting_user=referent_a,
    )
    assert changes["place"] == ["Lyon 8e", "Vénissieux"]
    assert changes["budget_eur"] == ["10000.50", "10000.00"]
    assert operation.fse_eur == Decimal("9000.00")
    assert AuditEntry.objects.filter(action="update", object_id=str(operation.pk)).count() == 1
    assert proposals.may_edit(operation, referent_a)

    admin = user_with_role(Role.ADMIN, StructureFactory(kind="animation"))
    services.record_transition(
        operation=operation,
        status=Status.OPINION,
        on=timezone.localdate(),
        note="Favorable",
        acting_user=admin,
    )
    assert not proposals.may_edit(operation, referent_a)
    with pytest.raises(ValidationError, match="seule l'équipe du PLIE"):
        proposals.update_proposal(
            operation=operation, details=DETAILS, amounts=PLAN, acting_user=referent_a
        )
    other = user_with_role(Role.REFERENT, StructureFactory())
    with pytest.raises(PermissionDenied):
        proposals.update_proposal(
            operation=operation, details=DETAILS, amounts=PLAN, acting_user=other
        )


def test_calls_are_written_by_the_team_and_audited(admin_user, referent_a):
    values = {
        "year": 2018,
        "title": " Appel 2018 ",
        "launched_on": date(2017, 10, 1),
        "deadline": date(2017, 11, 30),
        "priorities": "Égalité femmes-hommes\nSeniors",
    }
    with pytest.raises(PermissionDenied):
        proposals.save_call(call=None, values=values, acting_user=referent_a)
    call = proposals.save_call(call=None, values=values, acting_user=admin_user)
    assert call.title == "Appel 2018" and call.priority_list == ["Égalité femmes-hommes", "Seniors"]
    assert AuditEntry.objects.get(object_type="programme.callforprojects").action == "create"
    with pytest.raises(ValidationError) as exc:
        proposals.save_call(
            call=call, values={**values, "deadline": date(2017, 9, 1)}, acting_user=admin_user
        )
    assert exc.value.message_dict == {
        "deadline": ["La date limite de dépôt ne peut pas précéder le lancement."]
    }


# --- The vote's refusal -----------------------------------------------------------------


def test_the_vote_refuses_an_operation_dated_audited_with_its_reason(admin_user):
    operation = operation_at(Status.OPINION)
    transition = services.record_transition(
        operation=operation,
        status=Status.REFUSED,
        on=date(2017, 6, 26),
        note="Doublon avec une action déjà financée.",
        vote_body=VoteBody.BOARD,
        acting_user=admin_user,
    )
    assert operation.status == Status.REFUSED
    assert (transition.vote_body, transition.note) == (
        VoteBody.BOARD,
        "Doublon avec une action déjà financée.",
    )
    entry = AuditEntry.objects.get(object_type="programme.operation", action="update")
    assert entry.changes["status"] == [Status.OPINION, Status.REFUSED]
    assert entry.changes["note"] == [None, "Doublon avec une action déjà financée."]
    with pytest.raises(ValidationError, match="plus aucune étape"):
        services.record_transition(
            operation=operation,
            status=Status.VOTED,
            on=date(2017, 6, 27),
            vote_body=VoteBody.BOARD,
            acting_user=admin_user,
        )
    with pytest.raises(ValidationError, match="convention signée"):
        services.set_funding_plan(
            operation=operation, amounts={Funder.FSE: Decimal(1)}, acting_user=admin_user
        )


def test_a_refusal_needs_a_reason_and_comes_only_at_the_vote(admin_user):
    operation = operation_at(Status.OPINION)
    with pytest.raises(ValidationError) as exc:
        services.record_transition(
            operation=operation,
            status=Status.REFUSED,
            on=date(2017, 6, 26),
            vote_body=VoteBody.STEERING,
            acting_user=admin_user,
        )
    assert exc.value.message_dict == {"note": ["Indiquez le motif du refus."]}
    submitted = OperationFactory()
    with pytest.raises(ValidationError, match="qu'au vote"):
        services.record_transition(
            operation=submitted,
            status=Status.REFUSED,
            on=date(2017, 6, 26),
            note="Non",
            vote_body=VoteBody.BOARD,
            acting_user=admin_user,
        )
    operation.refresh_from_db()
    assert operation.status == Status.OPINION
    assert not operation.transitions.filter(status=Status.REFUSED).exists()


def test_a_refused_operation_is_not_prescribed(admin_user, referent_a, structure_a):
    operation = operation_at(Status.OPINION)
    services.record_transition(
        operation=operation,
        status=Status.REFUSED,
        on=date(2017, 6, 26),
        note="Hors priorités",
        vote_body=VoteBody.BOARD,
        acting_user=admin_user,
    )
    parcours = ParcoursFactory(structure=structure_a)
    with pytest.raises(ValidationError, match="Non retenue"):
        services.prescribe(
            operation=operation,
            parcours=parcours,
            start_date=date(2017, 9, 1),
            acting_user=referent_a,
        )
