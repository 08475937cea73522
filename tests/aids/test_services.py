"""Services of individual aids: rules applied, nothing written on refusal, audit, scope."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.aids import services, statistics
from maillage.aids.models import AidKind, AidRequest, Outcome
from maillage.audit.models import Action, AuditEntry
from maillage.plie.models import StepCategory
from tests.aids.factories import AidRequestFactory, SessionFactory, participant, working

pytestmark = pytest.mark.django_db


def _request(person, user, **values):
    defaults = {
        "kind": AidKind.TRAINING,
        "training_field": "security",
        "amount_requested": Decimal("450"),
        "justification": "CQP agent de sécurité, complément au financement Pôle emploi",
        "requested_on": date(2017, 3, 1),
    }
    return services.request_aid(person=person, **(defaults | values), acting_user=user)


def test_a_referent_requests_an_aid_for_a_participant(referent_a, structure_a):
    person = participant(structure_a)
    aid = _request(person, referent_a)
    assert aid.structure == structure_a and aid.requested_by == referent_a
    entry = AuditEntry.objects.get(action=Action.CREATE, object_type="aids.aidrequest")
    assert entry.person_id == person.pk and entry.actor_id == referent_a.pk


@pytest.mark.parametrize("amount", [Decimal("-1"), Decimal("3000.01")])
def test_negative_or_too_large_amounts_are_refused(referent_a, structure_a, amount):
    person = participant(structure_a)
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        _request(person, referent_a, amount_requested=amount)
    assert "amount_requested" in exc.value.message_dict
    assert not AidRequest.objects.exists() and AuditEntry.objects.count() == audit


def test_a_person_without_parcours_gets_no_aid(referent_a, structure_a):
    from tests.factories import followed_person

    with pytest.raises(ValidationError):
        _request(followed_person(structure_a), referent_a)


def test_out_of_scope_person_is_refused(referent_a, structure_b):
    with pytest.raises(PermissionDenied):
        _request(participant(structure_b), referent_a)


def test_vouchers_need_a_running_employment_or_training_step(referent_a, structure_a):
    person = participant(structure_a)
    working(person, date(2017, 3, 10), date(2017, 4, 30))
    working(person, date(2017, 5, 1), date(2017, 5, 20), category=StepCategory.SUPPORT)
    values = {
        "kind": AidKind.TRANSPORT_VOUCHERS,
        "training_field": "",
        "amount_requested": Decimal("126.60"),
    }
    with pytest.raises(ValidationError) as exc:
        _request(
            person, referent_a, voucher_first_month=date(2017, 3, 1), voucher_months=3, **values
        )
    assert "05/2017" in exc.value.message_dict["voucher_first_month"][0]
    assert not AidRequest.objects.exists()
    aid = _request(
        person, referent_a, voucher_first_month=date(2017, 3, 15), voucher_months=2, **values
    )
    assert aid.voucher_first_month == date(2017, 3, 1) and aid.training_field == ""


def test_training_step_also_opens_vouchers_but_four_months_in_a_row_do_not(referent_a, structure_a):
    person = participant(structure_a)
    working(person, date(2017, 2, 1), None, category=StepCategory.TRAINING)
    values = {
        "kind": AidKind.TRANSPORT_VOUCHERS,
        "training_field": "",
        "amount_requested": Decimal("60"),
    }
    _request(person, referent_a, voucher_first_month=date(2017, 2, 1), voucher_months=3, **values)
    with pytest.raises(ValidationError):
        _request(
            person, referent_a, voucher_first_month=date(2017, 5, 1), voucher_months=1, **values
        )
    _request(person, referent_a, voucher_first_month=date(2017, 6, 1), voucher_months=1, **values)


def test_decision_rules_and_audit(admin_user, referent_a, structure_a):
    aid = _request(participant(structure_a), referent_a)
    with pytest.raises(PermissionDenied):
        services.decide_aid(aid=aid, outcome=Outcome.ACCEPTED, acting_user=referent_a)
    with pytest.raises(ValidationError) as exc:
        services.decide_aid(
            aid=aid, outcome=Outcome.REFUSED, decided_on=date(2017, 3, 20), acting_user=admin_user
        )
    assert "refusal_reason" in exc.value.message_dict
    aid.refresh_from_db()
    assert aid.outcome == ""
    changes = services.decide_aid(
        aid=aid,
        outcome=Outcome.PARTLY_ACCEPTED,
        amount_granted=Decimal("300"),
        decided_on=date(2017, 3, 20),
        payment_date=date(2017, 4, 2),
        acting_user=admin_user,
    )
    assert changes["amount_granted"] == [None, "300.00"]
    assert aid.outcome == Outcome.PARTLY_ACCEPTED and aid.decided_by == admin_user
    entry = AuditEntry.objects.filter(action=Action.UPDATE).get()
    assert entry.changes["outcome"] == ["", "partly_accepted"]
    again = services.decide_aid(
        aid=aid,
        outcome=Outcome.PARTLY_ACCEPTED,
        amount_granted=Decimal("300"),
        decided_on=date(2017, 3, 20),
        payment_date=date(2017, 4, 2),
        acting_user=admin_user,
    )
    assert again == {}
    services.decide_aid(
        aid=aid,
        outcome=Outcome.REFUSED,
        refusal_reason="Hors critères",
        decided_on=date(2017, 3, 21),
        acting_user=admin_user,
    )
    aid.refresh_from_db()
    assert aid.amount_granted is None and aid.payment_date is None


def test_documents_are_checked_stored_and_audited(referent_a, structure_a):
    aid = _request(participant(structure_a), referent_a)
    with pytest.raises(ValidationError):
        services.add_document(
            aid=aid, uploaded_file=SimpleUploadedFile("x.exe", b"MZ"), acting_user=referent_a
        )
    document = services.add_document(
        aid=aid, uploaded_file=SimpleUploadedFile("devis.pdf", b"%PDF-1.4"), acting_user=referent_a
    )
    assert document.name == "devis.pdf" and "devis" not in document.file.name
    with services.open_document(document=document, acting_user=referent_a) as handle:
        assert handle.read() == b"%PDF-1.4"
    assert (
        AuditEntry.objects.filter(action=Action.VIEW, object_type="aids.aiddocument").count() == 1
    )


def test_sessions_and_participants(admin_user, referent_a, structure_a, structure_b):
    session = services.create_session(
        service="communication",
        provider="Image Attitude",
        date=date(2017, 6, 1),
        place="Lyon 7e",
        acting_user=admin_user,
    )
    with pytest.raises(PermissionDenied):
        services.create_session(
            service="relooking",
            provider="X",
            date=date(2017, 6, 1),
            place="Lyon",
            acting_user=referent_a,
        )
    mine = participant(structure_a)
    services.add_participant(session=session, person=mine, acting_user=referent_a)
    with pytest.raises(ValidationError):
        services.add_participant(session=session, person=mine, acting_user=referent_a)
    with pytest.raises(ValidationError):
        services.add_participant(
            session=session, person=participant(structure_b), acting_user=referent_a
        )
    assert statistics.aids_block(2017)["collective_services"]["participants"] == 1
    SessionFactory()  # a session without participants counts no one


decisions = st.lists(
    st.tuples(
        st.sampled_from(AidKind.values),
        st.sampled_from(["", *Outcome.values]),
        st.integers(1, 3000),
        st.integers(0, 100),
        st.booleans(),
    ),
    max_size=12,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=decisions, envelope=st.integers(0, 20000))
def test_budget_figures_always_equal_the_sum_of_decisions(structure_a, rows, envelope):
    from maillage.aids.models import AidBudget

    AidRequest.objects.all().delete()
    AidBudget.objects.all().delete()
    AidBudget.objects.create(year=2017, kind=AidKind.CHILDCARE, envelope=envelope)
    person = participant(structure_a)
    expected: dict[str, Decimal] = dict.fromkeys(AidKind.values, Decimal(0))
    for kind, outcome, requested, percent, this_year in rows:
        granted = None
        if outcome in (Outcome.ACCEPTED, Outcome.PARTLY_ACCEPTED):
            granted = (
                Decimal(requested * percent) / 100
                if outcome == Outcome.PARTLY_ACCEPTED
                else Decimal(requested)
            )
            granted = granted.quantize(Decimal("0.01"))
        decided_on = (date(2017, 6, 1) if this_year else date(2018, 1, 5)) if outcome else None
        AidRequestFactory(
            person=person,
            kind=kind,
            amount_requested=requested,
            outcome=outcome,
            decided_on=decided_on,
            amount_granted=granted,
            refusal_reason="Hors critères" if outcome == Outcome.REFUSED else "",
            voucher_first_month=date(2017, 3, 1) if kind == AidKind.TRANSPORT_VOUCHERS else None,
            voucher_months=1 if kind == AidKind.TRANSPORT_VOUCHERS else None,
        )
        if granted is not None and this_year:
            expected[kind] += granted
    lines = statistics.budget_lines(2017)
    for kind in AidKind.values:
        assert lines[kind]["committed"] == expected[kind]
    assert lines[AidKind.CHILDCARE]["remaining"] == envelope - expected[AidKind.CHILDCARE]
    assert lines[AidKind.TRAINING]["remaining"] is None
    block = statistics.aids_block(2017)
    assert block["budget"][AidKind.CHILDCARE]["committed"] == float(expected[AidKind.CHILDCARE])
