"""Database constraints of the PLIE, programme and companies models, and company fields."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from maillage.accounts.roles import Role
from maillage.companies.models import Company
from maillage.plie.models import EntrySituation, Parcours, Step
from maillage.programme.models import Operation
from tests.factories import followed_person, user_with_role
from tests.plie.factories import (
    CompanyFactory,
    OperationFactory,
    ParcoursFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db


def refused(factory, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**kwargs)
    return True


def test_parcours_constraints():
    entry = date(2017, 3, 1)
    assert refused(
        ParcoursFactory, entry_date=entry, exit_date=date(2017, 2, 1), exit_type="dropout"
    )
    assert refused(ParcoursFactory, entry_date=entry, exit_date=date(2017, 4, 1))
    assert refused(ParcoursFactory, entry_date=entry, exit_type="dropout")
    assert refused(
        ParcoursFactory, entry_date=entry, exit_date=date(2017, 4, 1), exit_type="positive"
    )
    assert refused(
        ParcoursFactory,
        entry_date=entry,
        exit_date=date(2017, 4, 1),
        exit_type="dropout",
        exit_reason="cdi",
    )
    parcours = ParcoursFactory(
        entry_date=entry, exit_date=entry, exit_type="positive", exit_reason="other_status"
    )
    EntrySituation.objects.create(parcours=parcours, code="rsa")
    with pytest.raises(IntegrityError), transaction.atomic():
        EntrySituation.objects.create(parcours=parcours, code="rsa")


def test_step_constraints():
    parcours = ParcoursFactory()
    start = parcours.entry_date
    assert refused(StepFactory, parcours=parcours, start_date=start, end_date=date(2016, 1, 1))
    assert refused(StepFactory, parcours=parcours, category="employment_contract", contract_type="")
    assert refused(StepFactory, parcours=parcours, category="training", contract_type="cdi")
    step = StepFactory(
        parcours=parcours,
        category="employment_contract",
        contract_type="pmsmp",
        company=CompanyFactory(),
        operation=OperationFactory(),
        weekly_hours="24.5",
    )
    assert step.end_date is None


def test_steps_and_parcours_are_scoped_through_the_person(structure_a, referent_a, structure_b):
    mine = ParcoursFactory(person=followed_person(structure_a))
    other = ParcoursFactory(person=followed_person(structure_b))
    StepFactory(parcours=mine)
    StepFactory(parcours=other)
    assert list(Parcours.objects.visible_to(referent_a)) == [mine]
    assert [s.parcours for s in Step.objects.visible_to(referent_a)] == [mine]
    funder = user_with_role(Role.FUNDER)
    assert not Step.objects.visible_to(funder).exists()


def test_company_siret_and_naf_are_validated_and_normalised():
    company = Company(external_id="C1", name="La Poste", siret="356 000 000 00048", naf="4711f")
    company.full_clean()
    company.save()
    assert (company.siret, company.naf) == ("35600000000048", "47.11F")
    bad = Company(external_id="C2", name="X", siret="12345678901234", naf="47.1", postcode="6900")
    with pytest.raises(ValidationError) as exc:
        bad.full_clean()
    assert set(exc.value.message_dict) == {"siret", "naf", "postcode"}
    assert "SIRET" in exc.value.message_dict["siret"][0]
    assert "NAF" in exc.value.message_dict["naf"][0]


def test_operation_amounts_are_not_negative():
    operation = OperationFactory.build(code="OPX", budget_eur=-1)
    operation.structure.save()
    operation.structure_id = operation.structure.pk
    with pytest.raises(ValidationError):
        operation.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        operation.save()
    assert not Operation.objects.filter(code="OPX").exists()
