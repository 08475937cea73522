"""Placements typed in by hand: the channels, duplicates, scope, corrections, audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.recruitment import services
from maillage.recruitment.models import Placement
from tests.factories import followed_person, user_with_role
from tests.recruitment.factories import CandidacyFactory, CompanyFactory, PlacementFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2017, 6, 12)


@pytest.fixture
def chargee(structure_a):
    return user_with_role(Role.COMPANY_RELATIONS, structure_a, username="chargee")


def _manual(person, chargee, **overrides):
    values = {
        "company": CompanyFactory(),
        "contract_type": "cdd",
        "started_on": DAY,
        "channel": "other",
    } | overrides
    return services.record_manual_placement(person=person, acting_user=chargee, **values)


def test_manual_placement_is_audited_with_its_person(chargee, structure_a):
    person = followed_person(structure_a)
    placement = _manual(person, chargee)
    entry = AuditEntry.objects.get(object_type="recruitment.placement")
    assert entry.person_id == person.pk and entry.changes["channel"] == [None, "other"]
    assert services.is_manual(placement)


@pytest.mark.parametrize("channel", ["clauses", "iod", "dating_emploi"])
def test_channels_of_other_modules_are_refused(chargee, structure_a, channel):
    with pytest.raises(ValidationError) as exc:
        _manual(followed_person(structure_a), chargee, channel=channel)
    assert "enregistré par son propre module" in exc.value.message_dict["channel"][0]
    assert not Placement.objects.exists()


def test_the_same_hire_twice_is_refused(chargee, structure_a):
    person, company = followed_person(structure_a), CompanyFactory()
    _manual(person, chargee, company=company)
    with pytest.raises(ValidationError) as exc:
        _manual(person, chargee, company=company, channel="recruitment_support")
    assert "déjà enregistrée" in exc.value.message_dict["started_on"][0]
    assert Placement.objects.count() == 1


def test_person_out_of_scope_or_user_without_capability(chargee, structure_b, referent_a):
    with pytest.raises(PermissionDenied):
        _manual(followed_person(structure_b), chargee)
    with pytest.raises(PermissionDenied):
        _manual(followed_person(referent_a.memberships.get().structure), referent_a)
    assert not Placement.objects.exists()


def test_correcting_a_manual_placement(chargee, structure_a):
    placement = _manual(followed_person(structure_a), chargee)
    other = CompanyFactory()
    services.update_placement(placement, acting_user=chargee, company=other, contract_type="cdi")
    placement.refresh_from_db()
    assert (placement.company, placement.contract_type) == (other, "cdi")
    entry = AuditEntry.objects.get(object_type="recruitment.placement", action="update")
    assert entry.changes == {
        "company": [entry.changes["company"][0], other.pk],
        "contract_type": ["cdd", "cdi"],
    }
    with pytest.raises(ValidationError):
        services.update_placement(placement, acting_user=chargee, channel="clauses")


def test_placements_of_a_candidacy_or_module_are_corrected_at_their_source(chargee, structure_a):
    person = followed_person(structure_a)
    from_module = PlacementFactory(person=person, channel="clauses")
    candidacy = CandidacyFactory(person=person)
    from_candidacy = PlacementFactory(
        person=person, channel="recruitment_support", candidacy=candidacy
    )
    for placement in (from_module, from_candidacy):
        assert not services.is_manual(placement)
        with pytest.raises(ValidationError, match="corrigez-la à sa source"):
            services.update_placement(placement, acting_user=chargee, contract_type="cdd")


def test_correcting_out_of_scope_is_refused(chargee, structure_b):
    placement = PlacementFactory(person=followed_person(structure_b), channel="other")
    with pytest.raises(PermissionDenied):
        services.update_placement(placement, acting_user=chargee, contract_type="cdd")
