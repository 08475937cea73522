"""Charter services: signing keeps the company's date in sync, commitments are realised with
evidence, sponsorships are scoped and audited, the guest list refuses duplicates."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.charter import services
from maillage.charter.models import Commitment, Guest, GuestStatus, Signature, Sponsorship
from maillage.companies.models import Company
from tests.charter.factories import (
    CommitmentFactory,
    EveningFactory,
    GuestFactory,
    SignatoryFactory,
    SponsorshipFactory,
)
from tests.companies.factories import CompanyFactory, ContactFactory, InteractionFactory
from tests.factories import PersonFactory, StructureFactory, followed_person, user_with_role
from tests.recruitment.factories import PlacementFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def charter_entries():
    """Audit entries of this module's writes (fixtures' role changes are audited too)."""
    return AuditEntry.objects.filter(object_type__regex=r"^(charter|companies)\.")


@pytest.fixture
def structure():
    return StructureFactory(code="ALLIES")


@pytest.fixture
def chargee(structure):
    return user_with_role(Role.COMPANY_RELATIONS, structure, username="chargee")


@pytest.fixture
def direction():
    return user_with_role(Role.DIRECTION, username="direction")


def test_signing_sets_the_company_date_the_signature_and_the_commitments(chargee):
    company = CompanyFactory()
    signature = services.sign_charter(
        company,
        acting_user=chargee,
        signed_on=datetime.date(2017, 7, 27),
        signatory_name="Claire Durand",
        signatory_function="Directrice",
        officer=chargee,
        kinds=["recruitment", "testify"],
    )
    company.refresh_from_db()
    assert company.charter_signed_on == datetime.date(2017, 7, 27)
    assert signature.officer == chargee
    assert set(company.charter_commitments.values_list("kind", flat=True)) == {
        "recruitment",
        "testify",
    }
    actions = set(AuditEntry.objects.values_list("object_type", "action"))
    assert ("companies.company", "update") in actions
    assert ("charter.signature", "create") in actions
    assert ("charter.commitment", "create") in actions


def test_signing_again_corrects_without_duplicating(chargee):
    company = CompanyFactory()
    for _ in range(2):
        services.sign_charter(
            company,
            acting_user=chargee,
            signed_on=datetime.date(2017, 1, 5),
            signatory_name="Claire Durand",
            kinds=["training"],
        )
    assert Signature.objects.count() == 1
    assert Commitment.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"signed_on": TODAY + datetime.timedelta(days=1)}, "futur"),
        ({"signatory_name": "  "}, "qui a signé"),
        ({"kinds": ["unknown"]}, "inconnu"),
    ],
)
def test_bad_signature_is_refused_and_writes_nothing(chargee, fields, message):
    company = CompanyFactory()
    values = {"signed_on": datetime.date(2017, 1, 5), "signatory_name": "Claire Durand"} | fields
    with pytest.raises(ValidationError, match=message):
        services.sign_charter(company, acting_user=chargee, **values)
    company.refresh_from_db()
    assert company.charter_signed_on is None
    assert not Signature.objects.exists()
    assert not charter_entries().exists()


def test_direction_reads_but_may_not_sign(direction):
    with pytest.raises(PermissionDenied):
        services.sign_charter(
            CompanyFactory(),
            acting_user=direction,
            signed_on=datetime.date(2017, 1, 5),
            signatory_name="X",
        )


def test_a_commitment_needs_a_signatory_and_a_date_after_the_signature(chargee):
    with pytest.raises(ValidationError, match="pas signé"):
        services.add_commitment(
            CompanyFactory(), acting_user=chargee, kind="training", taken_on=TODAY
        )
    company = SignatoryFactory()
    with pytest.raises(ValidationError, match="précéder la signature"):
        services.add_commitment(
            company, acting_user=chargee, kind="training", taken_on=datetime.date(2015, 1, 1)
        )
    commitment = services.add_commitment(
        company, acting_user=chargee, kind="training", taken_on=datetime.date(2017, 2, 1)
    )
    assert commitment.status == "open"


def test_realising_with_an_interaction_of_the_company(chargee):
    commitment = CommitmentFactory()
    other = InteractionFactory()
    with pytest.raises(ValidationError, match="interaction avec cette entreprise"):
        services.realise_commitment(
            commitment,
            acting_user=chargee,
            on=TODAY,
            evidence_kind="interaction",
            interaction=other,
        )
    commitment.refresh_from_db()
    assert commitment.realised_on is None
    own = InteractionFactory(company=commitment.company, agreed="Deux immersions.")
    services.realise_commitment(
        commitment, acting_user=chargee, on=TODAY, evidence_kind="interaction", interaction=own
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.interaction) == ("realised", own)
    entry = AuditEntry.objects.get(object_type="charter.commitment", action="update")
    assert entry.changes["realised_on"] == [None, TODAY.isoformat()]
    with pytest.raises(ValidationError, match="déjà réalisé"):
        services.drop_commitment(commitment, acting_user=chargee, on=TODAY)


def test_realising_with_a_placement_needs_it_in_scope(chargee, structure):
    commitment = CommitmentFactory()
    hidden = PlacementFactory(company=commitment.company)
    with pytest.raises(PermissionDenied):
        services.realise_commitment(
            commitment, acting_user=chargee, on=TODAY, evidence_kind="placement", placement=hidden
        )
    visible = PlacementFactory(company=commitment.company, person=followed_person(structure))
    services.realise_commitment(
        commitment, acting_user=chargee, on=TODAY, evidence_kind="placement", placement=visible
    )
    assert Commitment.objects.get().placement == visible


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ({"evidence_kind": ""}, "preuve"),
        ({"evidence_kind": "note", "note": " "}, "Décrivez"),
        ({"evidence_kind": "event"}, "numéro de l'événement"),
        ({"evidence_kind": "note", "note": "Fait", "on": datetime.date(2015, 1, 1)}, "précède"),
        (
            {"evidence_kind": "note", "note": "Fait", "on": TODAY + datetime.timedelta(days=2)},
            "futur",
        ),
    ],
)
def test_realisation_refusals(chargee, evidence, message):
    commitment = CommitmentFactory()
    values = {"on": TODAY} | evidence
    with pytest.raises(ValidationError, match=message):
        services.realise_commitment(commitment, acting_user=chargee, **values)
    assert Commitment.objects.get().status == "open"
    assert not charter_entries().exists()


def test_dropping_a_commitment(chargee):
    commitment = CommitmentFactory()
    services.drop_commitment(commitment, acting_user=chargee, on=TODAY, note="Plus de contact.")
    commitment.refresh_from_db()
    assert commitment.status == "dropped"


def test_sponsorship_of_a_person_in_scope_is_audited_with_the_person(chargee, structure):
    company = SignatoryFactory()
    contact = ContactFactory(company=company)
    person = followed_person(structure)
    sponsorship = services.create_sponsorship(
        acting_user=chargee,
        company=company,
        person=person,
        sponsor_contact=contact,
        started_on=datetime.date(2017, 3, 1),
    )
    assert sponsorship.sponsor_label == str(contact)
    entry = AuditEntry.objects.get(object_type="charter.sponsorship")
    assert (entry.action, entry.person_id) == ("create", person.pk)
    services.update_sponsorship(
        sponsorship,
        acting_user=chargee,
        ended_on=datetime.date(2017, 9, 1),
        outcome="employment",
    )
    entry = AuditEntry.objects.get(object_type="charter.sponsorship", action="update")
    assert entry.changes["outcome"] == ["", "employment"]
    assert entry.person_id == person.pk


def test_sponsorship_of_a_person_out_of_scope_is_refused(chargee):
    with pytest.raises(PermissionDenied):
        services.create_sponsorship(
            acting_user=chargee,
            company=SignatoryFactory(),
            person=PersonFactory(),
            sponsor_name="Marc",
            started_on=datetime.date(2017, 3, 1),
        )
    assert not Sponsorship.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"sponsor_name": ""}, "sponsor_name"),
        ({"ended_on": datetime.date(2017, 1, 1), "outcome": "training"}, "ended_on"),
        ({"ended_on": datetime.date(2017, 6, 1)}, "outcome"),
        ({"outcome": "employment"}, "ended_on"),
        ({"ended_on": TODAY + datetime.timedelta(days=3), "outcome": "other"}, "ended_on"),
        ({"sponsor_contact": "other-company"}, "sponsor_contact"),
    ],
)
def test_sponsorship_refusals(chargee, structure, fields, field):
    company = SignatoryFactory()
    if fields.get("sponsor_contact") == "other-company":
        fields["sponsor_contact"] = ContactFactory()
    values = {
        "company": company,
        "person": followed_person(structure),
        "sponsor_name": "Marc",
        "started_on": datetime.date(2017, 3, 1),
    } | fields
    with pytest.raises(ValidationError) as refused:
        services.create_sponsorship(acting_user=chargee, **values)
    assert field in refused.value.message_dict
    assert not Sponsorship.objects.exists()


def test_update_of_a_sponsorship_out_of_scope_is_refused(chargee):
    sponsorship = SponsorshipFactory()
    with pytest.raises(PermissionDenied):
        services.update_sponsorship(sponsorship, acting_user=chargee, note="x")


def test_evening_must_be_in_its_year(chargee):
    with pytest.raises(ValidationError, match="en 2018"):
        services.save_evening(
            acting_user=chargee, year=2018, held_on=datetime.date(2017, 3, 20), title="Soirée"
        )
    evening = services.save_evening(
        acting_user=chargee, year=2017, held_on=datetime.date(2017, 3, 20), title="Soirée"
    )
    again = services.save_evening(
        acting_user=chargee,
        year=2017,
        held_on=datetime.date(2017, 3, 21),
        title="Soirée",
        place="Musée",
    )
    assert again.pk == evening.pk and again.place == "Musée"


def test_guests_contact_company_partner_and_duplicates(chargee):
    evening = EveningFactory()
    contact = ContactFactory(company=SignatoryFactory())
    guest = services.invite(evening, acting_user=chargee, contact=contact)
    assert guest.company == contact.company
    with pytest.raises(ValidationError, match="figure déjà"):
        services.invite(evening, acting_user=chargee, contact=contact)
    services.invite(evening, acting_user=chargee, company=contact.company)
    with pytest.raises(ValidationError, match="figure déjà"):
        services.invite(evening, acting_user=chargee, company=contact.company)
    partner = StructureFactory(name="Métropole de Lyon")
    services.invite(evening, acting_user=chargee, structure=partner, name="M. le Vice-président")
    with pytest.raises(ValidationError, match="Choisissez"):
        services.invite(evening, acting_user=chargee)
    with pytest.raises(ValidationError, match="pas des deux"):
        services.invite(evening, acting_user=chargee, company=CompanyFactory(), structure=partner)
    assert Guest.objects.count() == 3


def test_invite_signatories_adds_the_missing_ones_once(chargee):
    evening = EveningFactory()
    GuestFactory(evening=evening)
    SignatoryFactory.create_batch(3)
    CompanyFactory(charter_signed_on=datetime.date(2018, 1, 1))  # signed after the evening
    CompanyFactory()  # not a signatory
    assert services.invite_signatories(evening, acting_user=chargee) == 3
    assert services.invite_signatories(evening, acting_user=chargee) == 0
    assert AuditEntry.objects.filter(object_type="charter.guest", action="create").count() == 3


def test_guest_status_present_only_once_the_evening_happened(chargee):
    guest = GuestFactory()
    services.set_guest_status(guest, acting_user=chargee, status=GuestStatus.PRESENT)
    assert Guest.objects.get().status == "present"
    future = GuestFactory(
        evening=EveningFactory(year=TODAY.year + 1, held_on=TODAY.replace(year=TODAY.year + 1))
    )
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        services.set_guest_status(future, acting_user=chargee, status=GuestStatus.PRESENT)
    services.set_guest_status(future, acting_user=chargee, status=GuestStatus.CONFIRMED)


def test_company_date_edited_elsewhere_is_the_one_the_charter_reads(chargee):
    """companies.csv and the company form write charter_signed_on: no second date to drift."""
    company = CompanyFactory()
    Company.objects.filter(pk=company.pk).update(charter_signed_on=datetime.date(2014, 1, 1))
    company.refresh_from_db()
    commitment = services.add_commitment(
        company, acting_user=chargee, kind="territory", taken_on=datetime.date(2014, 1, 1)
    )
    assert commitment.pk
