"""Rules and services of the clause desk, without HTTP."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.clauses import rules, services
from maillage.clauses.models import ClauseContract, ClauseHours, ClauseOperation, Eligibility
from maillage.people.models import Followup
from maillage.recruitment.models import Placement
from tests.clauses.factories import BuyerFactory, ContractFactory, OfferFactory, OperationFactory
from tests.companies.factories import CompanyFactory
from tests.factories import followed_person, user_with_role

D = dt.date


@pytest.fixture
def facilitator(structure_a):
    return user_with_role(Role.CLAUSE_FACILITATOR, structure_a, username="facilitatrice")


# -- rules ---------------------------------------------------------------------------


@given(st.decimals(min_value=Decimal("0.01"), max_value=250, places=2))
def test_hours_within_bounds_are_accepted(hours):
    assert rules.check_hours(hours) == {}


@given(
    st.one_of(
        st.decimals(max_value=0, places=2, allow_nan=False),
        st.decimals(min_value=Decimal("250.01"), max_value=10_000, places=2),
    )
)
def test_hours_out_of_bounds_are_refused(hours):
    assert "hours" in rules.check_hours(hours)


def test_month_must_meet_the_contract():
    assert rules.check_month_in_contract(D(2017, 3, 1), D(2017, 3, 15), D(2017, 6, 30)) == {}
    assert rules.check_month_in_contract(D(2017, 6, 1), D(2017, 3, 15), D(2017, 6, 30)) == {}
    assert rules.check_month_in_contract(D(2017, 2, 1), D(2017, 3, 15), None)
    assert rules.check_month_in_contract(D(2017, 7, 1), D(2017, 3, 15), D(2017, 6, 30)) == {
        "month": ["Le mois 07/2017 est en dehors du contrat (du 15/03/2017 au 30/06/2017)."]
    }


def test_required_hours_calculator():
    # 1 000 000 € × 45 % labour × 7 % insertion ÷ 30 €/h = 1 050 h
    assert rules.required_hours(
        Decimal("1000000"), Decimal("0.45"), Decimal("0.07"), Decimal("30")
    ) == Decimal("1050")


def test_progress_forecast_and_alert():
    # 12-month operation, 1 200 h required; after 6 months (Jan–Jun), 300 h realised.
    late = rules.progress(Decimal(1200), 300, D(2017, 1, 1), D(2017, 12, 31), D(2017, 6, 15))
    assert (late.expected_to_date, late.forecast, late.behind) == (600.0, 600.0, True)
    on_track = rules.progress(Decimal(1200), 700, D(2017, 1, 1), D(2017, 12, 31), D(2017, 6, 15))
    assert not on_track.behind
    not_started = rules.progress(Decimal(1200), 0, D(2018, 1, 1), D(2018, 12, 31), D(2017, 6, 1))
    assert not not_started.behind and not_started.forecast is None


# -- services ------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_operation_without_buyer_is_refused(facilitator):
    with pytest.raises(ValidationError, match="donneur d'ordre"):
        services.save_operation(
            acting_user=facilitator, title="Sans acheteur", legal_basis="execution_clause"
        )
    assert not ClauseOperation.objects.exists()


def test_operation_required_hours_from_the_calculator(facilitator):
    operation = services.save_operation(
        acting_user=facilitator,
        buyer=BuyerFactory(name="Ville de Lyon"),
        title="Groupe scolaire",
        legal_basis="execution_clause",
        amount_eur=Decimal("1000000"),
        labour_share=Decimal("0.45"),
        insertion_rate=Decimal("0.07"),
        hourly_cost=Decimal("30"),
        required_hours=None,
    )
    assert operation.required_hours == Decimal("1050")
    assert operation.external_id.startswith("OPC-")
    assert AuditEntry.objects.filter(action="create", object_id=str(operation.pk)).exists()


def test_referent_cannot_manage(referent_a):
    with pytest.raises(PermissionDenied):
        services.save_buyer(acting_user=referent_a, name="Ville de Lyon")


def test_contract_refused_without_eligibility_unless_overridden(facilitator, structure_a):
    person = followed_person(structure_a)
    operation, company = OperationFactory(), CompanyFactory()
    fields = {
        "person": person,
        "company": company,
        "operation": operation,
        "kind": "cddi",
        "start_date": D(2017, 3, 1),
        "acting_user": facilitator,
    }
    with pytest.raises(ValidationError, match="pas d'éligibilité clause validée"):
        services.create_contract(**fields)
    assert not ClauseContract.objects.exists()
    assert not Placement.objects.exists()

    contract = services.create_contract(**fields, override_reason="Sortie de détention récente")
    assert contract.override_by == facilitator
    entry = AuditEntry.objects.get(action="create", object_type="clauses.clausecontract")
    assert entry.changes["eligibility_override"] == [None, "Sortie de détention récente"]


def test_eligible_contract_makes_one_placement_per_person_and_year(facilitator, structure_a):
    person = followed_person(structure_a)
    services.record_eligibility(
        person=person,
        criterion="minimum_income",
        checked_on=D(2017, 2, 1),
        prescriber="Maison de la Métropole",
        acting_user=facilitator,
    )
    operation = OperationFactory()
    first = services.create_contract(
        person=person,
        company=CompanyFactory(),
        operation=operation,
        kind="cdd",
        start_date=D(2017, 3, 1),
        end_date=D(2017, 8, 31),
        acting_user=facilitator,
    )
    second = services.create_contract(
        person=person,
        company=CompanyFactory(),
        operation=operation,
        kind="cdi",
        start_date=D(2017, 9, 1),
        acting_user=facilitator,
    )
    placement = Placement.objects.get()
    assert (placement.channel, placement.started_on, placement.contract_type) == (
        "clauses",
        D(2017, 3, 1),
        "cdd",
    )
    assert first.placement == placement and second.placement is None
    assert Followup.objects.filter(person=person, service="clauses").count() == 1


def test_other_criterion_needs_a_reason(facilitator, structure_a):
    person = followed_person(structure_a)
    with pytest.raises(ValidationError, match="validation motivée"):
        services.record_eligibility(
            person=person,
            criterion="other",
            checked_on=D(2017, 2, 1),
            prescriber="PLIE",
            acting_user=facilitator,
        )
    assert not Eligibility.objects.exists()


def test_person_out_of_scope_is_refused(facilitator, structure_b):
    stranger = followed_person(structure_b)
    with pytest.raises(PermissionDenied):
        services.record_eligibility(
            person=stranger,
            criterion="minimum_income",
            checked_on=D(2017, 2, 1),
            prescriber="PLIE",
            acting_user=facilitator,
        )


@pytest.mark.parametrize(
    ("month", "hours", "message"),
    [
        (D(2017, 3, 1), Decimal("0"), "strictement positif"),
        (D(2017, 3, 1), Decimal("250.5"), "maximum admis"),
        (D(2018, 1, 1), Decimal("10"), "en dehors du contrat"),
    ],
)
def test_bad_hours_write_nothing(facilitator, structure_a, month, hours, message):
    contract = ContractFactory(person=followed_person(structure_a))
    with pytest.raises(ValidationError, match=message):
        services.record_hours(contract=contract, month=month, hours=hours, acting_user=facilitator)
    assert not ClauseHours.objects.exists()


def test_a_corrected_month_replaces_the_hours_and_is_audited(facilitator, structure_a):
    contract = ContractFactory(person=followed_person(structure_a))
    services.record_hours(
        contract=contract, month=D(2017, 3, 12), hours=Decimal("100"), acting_user=facilitator
    )
    services.record_hours(
        contract=contract, month=D(2017, 3, 1), hours=Decimal("90.5"), acting_user=facilitator
    )
    row = ClauseHours.objects.get()
    assert (row.month, row.hours, row.company_id) == (
        D(2017, 3, 1),
        Decimal("90.5"),
        contract.company_id,
    )
    update = AuditEntry.objects.get(action="update", object_type="clauses.clausehours")
    assert update.changes == {"hours": ["100.00", "90.5"]}
    assert update.person_id == contract.person_id


def test_positioning_by_a_referent(referent_a, structure_a):
    offer = OfferFactory()
    person = followed_person(structure_a)
    services.position_person(
        offer=offer, person=person, positioned_on=D(2017, 4, 1), acting_user=referent_a
    )
    with pytest.raises(ValidationError, match="déjà positionnée"):
        services.position_person(
            offer=offer, person=person, positioned_on=D(2017, 4, 2), acting_user=referent_a
        )
