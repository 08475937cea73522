"""Funding plans, transitions and prescriptions: rules, audit, nothing changed when refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.plie.models import Step, StepCategory
from maillage.programme import services
from maillage.programme.models import Axis, Funder, Operation, OperationTransition, Status
from tests.factories import FollowupFactory, StructureFactory, user_with_role
from tests.plie.factories import OperationFactory, ParcoursFactory
from tests.programme.world import operation_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(admin_user):
    return admin_user


def test_funding_plan_sets_the_totals_and_is_audited(manager):
    operation = OperationFactory(budget_eur=None, fse_eur=None)
    changes = services.set_funding_plan(
        operation=operation,
        amounts={Funder.FSE: Decimal("12000"), Funder.CITY: Decimal("3000.5"), Funder.STATE: 0},
        acting_user=manager,
    )
    assert operation.budget_eur == Decimal("15000.50")
    assert operation.fse_eur == Decimal("12000.00")
    assert set(operation.funding_lines.values_list("funder", flat=True)) == {"fse", "ville"}
    assert changes["funding_plan"] == [{}, {"fse": "12000.00", "ville": "3000.50"}]
    entry = AuditEntry.objects.get(object_type="programme.operation", action="update")
    assert entry.changes["budget_eur"] == [None, "15000.50"]
    # The same plan again: nothing written.
    again = services.set_funding_plan(
        operation=operation,
        amounts={Funder.FSE: Decimal("12000"), Funder.CITY: Decimal("3000.50")},
        acting_user=manager,
    )
    assert again == {}
    assert AuditEntry.objects.filter(object_type="programme.operation").count() == 1


def test_funding_plan_refuses_negative_amounts_and_a_signed_convention(manager):
    operation = OperationFactory(budget_eur=Decimal(100), fse_eur=Decimal(50))
    with pytest.raises(ValidationError) as exc:
        services.set_funding_plan(
            operation=operation, amounts={Funder.FSE: Decimal(-1)}, acting_user=manager
        )
    assert exc.value.message_dict == {"fse": ["Un montant ne peut pas être négatif."]}
    signed = operation_at(Status.CONVENTION)
    with pytest.raises(ValidationError, match="convention signée"):
        services.set_funding_plan(
            operation=signed, amounts={Funder.FSE: Decimal(1)}, acting_user=manager
        )
    assert not signed.funding_lines.exists()
    operation.refresh_from_db()
    assert (operation.budget_eur, operation.fse_eur) == (Decimal(100), Decimal(50))


def test_only_managers_change_the_programme(referent_a):
    operation = OperationFactory()
    with pytest.raises(PermissionDenied):
        services.set_funding_plan(operation=operation, amounts={}, acting_user=referent_a)
    with pytest.raises(PermissionDenied):
        services.record_transition(
            operation=operation,
            status=Status.OPINION,
            on=date(2017, 1, 1),
            note="x",
            acting_user=referent_a,
        )


class FundingPlanProperty(TestCase):
    """Whatever the plan, the totals are its sum and its FSE line."""

    @settings(max_examples=30, deadline=None)
    @given(
        st.dictionaries(
            st.sampled_from(Funder.values),
            st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False),
        )
    )
    def test_totals_follow_the_plan(self, amounts):
        manager = user_with_role(Role.ADMIN, StructureFactory())
        operation = OperationFactory()
        services.set_funding_plan(operation=operation, amounts=amounts, acting_user=manager)
        lines = dict(operation.funding_lines.values_list("funder", "amount_eur"))
        assert operation.budget_eur == sum(lines.values(), Decimal(0))
        assert operation.fse_eur == lines.get(Funder.FSE, Decimal(0))
        assert all(amount > 0 for amount in lines.values())


def test_the_whole_circuit_is_dated_audited_and_pays_advance_then_balance(manager):
    operation = OperationFactory(fse_eur=Decimal("10000"), budget_eur=Decimal("25000"))
    steps = [
        (Status.OPINION, date(2017, 2, 1), {"note": "Avis favorable sur la partie qualitative"}),
        (Status.VOTED, date(2017, 6, 26), {"vote_body": "board"}),
        (Status.CONVENTION, date(2017, 7, 10), {}),
        (Status.ADVANCE_PAID, date(2017, 8, 1), {}),
        (Status.BALANCE_PAID, date(2018, 6, 1), {"checked_eur": Decimal("9000")}),
        (Status.CLOSED, date(2019, 1, 15), {}),
    ]
    for status, on, details in steps:
        services.record_transition(
            operation=operation, status=status, on=on, acting_user=manager, **details
        )
        assert operation.status == status
    history = {t.status: t for t in operation.transitions.all()}
    assert history[Status.ADVANCE_PAID].amount_eur == Decimal("5000.00")
    assert history[Status.BALANCE_PAID].amount_eur == Decimal("4000.00")
    assert history[Status.BALANCE_PAID].recorded_by == manager
    entries = AuditEntry.objects.filter(object_type="programme.operation").order_by("id")
    assert [e.changes["status"][1] for e in entries] == [s for s, _, _ in steps]
    assert entries[0].changes["note"] == [None, "Avis favorable sur la partie qualitative"]


def test_an_out_of_order_transition_changes_nothing(manager):
    operation = operation_at(Status.OPINION)
    with pytest.raises(ValidationError) as exc:
        services.record_transition(
            operation=operation, status=Status.CONVENTION, on=date(2017, 7, 1), acting_user=manager
        )
    assert "Transition impossible" in exc.value.message_dict["status"][0]
    with pytest.raises(ValidationError) as exc:
        services.record_transition(
            operation=operation,
            status=Status.VOTED,
            on=date(2017, 1, 1),  # before the opinion (01/02/2017)
            vote_body="board",
            acting_user=manager,
        )
    assert exc.value.message_dict["on"] == [
        "La date ne peut pas précéder celle de l'étape précédente (01/02/2017)."
    ]
    operation.refresh_from_db()
    assert operation.status == Status.OPINION
    assert OperationTransition.objects.filter(operation=operation).count() == 2
    assert not AuditEntry.objects.filter(object_type="programme.operation").exists()


@pytest.fixture
def followed_parcours(structure_a, referent_a):
    parcours = ParcoursFactory(structure=structure_a, entry_date=date(2017, 3, 1))
    FollowupFactory(person=parcours.person, structure=structure_a)
    return parcours


def test_prescription_adds_a_step_on_the_operation(referent_a, followed_parcours):
    operation = operation_at(Status.CONVENTION, axis=Axis.BARRIERS, title="Ateliers")
    step = services.prescribe(
        operation=operation,
        parcours=followed_parcours,
        start_date=date(2017, 9, 1),
        acting_user=referent_a,
    )
    assert step.operation == operation
    assert step.category == StepCategory.COMPLEMENTARY_ACTION  # the axis' default
    assert step.label == "Ateliers"
    assert AuditEntry.objects.filter(object_type="plie.step", action="create").count() == 1


def test_prescription_refusals(referent_a, followed_parcours, structure_b):
    draft = operation_at(Status.VOTED)
    with pytest.raises(ValidationError) as exc:
        services.prescribe(
            operation=draft,
            parcours=followed_parcours,
            start_date=date(2018, 1, 5),
            acting_user=referent_a,
        )
    assert set(exc.value.message_dict) == {"operation", "start_date"}
    running = operation_at(Status.CONVENTION)
    with pytest.raises(ValidationError, match="avant l'entrée"):
        services.prescribe(
            operation=running,
            parcours=followed_parcours,
            start_date=date(2017, 1, 5),  # in 2017 but before the parcours' entry
            acting_user=referent_a,
        )
    other = ParcoursFactory(structure=structure_b)  # not followed by the référent's structure
    with pytest.raises(PermissionDenied):
        services.prescribe(
            operation=running, parcours=other, start_date=date(2017, 9, 1), acting_user=referent_a
        )
    assert not Step.objects.exists()
    assert Operation.objects.count() == 2
