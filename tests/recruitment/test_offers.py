"""Offers, campaigns and sessions: services with their refusals (French, nothing written)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.recruitment import offers, services
from maillage.recruitment.models import Campaign, CampaignSession, JobOffer
from tests.factories import followed_person, user_with_role
from tests.recruitment.factories import CampaignFactory, CompanyFactory, JobOfferFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2017, 3, 1)


@pytest.fixture
def chargee(structure_a):
    return user_with_role(Role.COMPANY_RELATIONS, structure_a, username="chargee")


def offer_fields(**overrides):
    return {
        "company": CompanyFactory(),
        "title": "Agent de propreté",
        "rome_code": "K2204",
        "rome_label": "Nettoyage de locaux",
        "contract_type": "cdi",
        "weekly_hours": 24,
        "location": "Lyon 9e",
        "posts": 2,
        "source": "recruitment_support",
        "published_on": DAY,
    } | overrides


def test_create_offer_gets_a_reference_and_is_audited(chargee):
    offer = offers.create_offer(acting_user=chargee, **offer_fields())
    assert offer.reference.startswith("MA-O-") and offer.status == "open"
    entry = AuditEntry.objects.get(object_type="recruitment.joboffer")
    assert entry.action == "create" and entry.changes["rome_code"] == [None, "K2204"]
    offers.update_offer(offer, acting_user=chargee, posts=3)
    entry = AuditEntry.objects.get(object_type="recruitment.joboffer", action="update")
    assert entry.changes == {"posts": [2, 3]}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rome_code", "k22", "Le code ROME compte une lettre majuscule et 4 chiffres"),
        ("posts", 0, "supérieure ou égale à 1"),
        ("title", "", "Ce champ ne peut pas être vide."),
    ],
)
def test_bad_offers_are_refused_and_nothing_written(chargee, field, value, message):
    with pytest.raises(ValidationError) as exc:
        offers.create_offer(acting_user=chargee, **offer_fields(**{field: value}))
    assert message in " ".join(exc.value.message_dict[field])
    assert not JobOffer.objects.exists()
    assert not AuditEntry.objects.filter(object_type__startswith="recruitment.").exists()


def test_only_manage_recruitment_may_edit(referent_a):
    with pytest.raises(PermissionDenied):
        offers.create_offer(acting_user=referent_a, **offer_fields())
    with pytest.raises(PermissionDenied):
        offers.create_campaign(
            acting_user=referent_a, company=CompanyFactory(), title="X", opened_on=DAY
        )
    assert not JobOffer.objects.exists() and not Campaign.objects.exists()


def test_close_then_reopen_an_offer(chargee, structure_a):
    offer = JobOfferFactory(published_on=DAY)
    with pytest.raises(ValidationError) as exc:
        offers.close_offer(
            offer, status="filled", on=DAY - datetime.timedelta(days=1), acting_user=chargee
        )
    assert "close avant d'avoir été reçue (01/03/2017)" in exc.value.message_dict["closed_on"][0]
    future = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="dans le futur"):
        offers.close_offer(offer, status="filled", on=future, acting_user=chargee)
    with pytest.raises(ValidationError):
        offers.close_offer(offer, status="open", on=DAY, acting_user=chargee)
    offer.refresh_from_db()
    assert offer.is_open and offer.closed_on is None

    offers.close_offer(
        offer, status="cancelled", on=DAY, note=" Poste supprimé ", acting_user=chargee
    )
    offer.refresh_from_db()
    assert (offer.status, offer.closed_on, offer.closing_note) == (
        "cancelled",
        DAY,
        "Poste supprimé",
    )
    with pytest.raises(ValidationError, match="déjà close"):
        offers.close_offer(offer, status="filled", on=DAY, acting_user=chargee)
    # No one is positioned on a closed offer.
    with pytest.raises(ValidationError, match="Cette offre est close"):
        services.position_candidate(
            person=followed_person(structure_a),
            offer=offer,
            channel="plie",
            positioned_on=DAY,
            acting_user=chargee,
        )
    offers.reopen_offer(offer, acting_user=chargee)
    offer.refresh_from_db()
    assert offer.is_open and offer.closed_on is None and offer.closing_note == ""
    with pytest.raises(ValidationError, match="déjà ouverte"):
        offers.reopen_offer(offer, acting_user=chargee)
    changes = [
        e.changes["status"]
        for e in AuditEntry.objects.filter(
            object_type="recruitment.joboffer", action="update"
        ).order_by("pk")
    ]
    assert changes == [["open", "cancelled"], ["cancelled", "open"]]


def test_campaign_and_sessions(chargee):
    company = CompanyFactory()
    with pytest.raises(ValidationError) as exc:
        offers.create_campaign(
            acting_user=chargee,
            company=company,
            title="Primark",
            opened_on=DAY,
            closes_on=DAY - datetime.timedelta(days=1),
        )
    assert "ne peut pas précéder son ouverture" in exc.value.message_dict["closes_on"][0]
    campaign = offers.create_campaign(
        acting_user=chargee, company=company, title="Primark", opened_on=DAY
    )
    assert campaign.code.startswith("MA-C-")
    with pytest.raises(ValidationError) as exc:
        offers.add_session(
            campaign, acting_user=chargee, kind="information", date=DAY - datetime.timedelta(1)
        )
    assert "précéder l'ouverture de la campagne (01/03/2017)" in exc.value.message_dict["date"][0]
    with pytest.raises(ValidationError) as exc:
        offers.add_session(campaign, acting_user=chargee, kind="information", date=DAY, capacity=0)
    assert "capacity" in exc.value.message_dict
    session = offers.add_session(
        campaign,
        acting_user=chargee,
        kind="information",
        date=datetime.date(2017, 3, 15),
        start_time=datetime.time(9, 30),
        venue="pole_emploi",
        place="Agence Lyon Part-Dieu",
        capacity=30,
    )
    assert str(session) == "Information collective du 15/03/2017"
    # The campaign cannot open after one of its sessions.
    with pytest.raises(ValidationError) as exc:
        offers.update_campaign(campaign, acting_user=chargee, opened_on=datetime.date(2017, 4, 1))
    assert (
        "Une session a lieu avant cette date (15/03/2017)" in exc.value.message_dict["opened_on"][0]
    )
    offers.update_session(session, acting_user=chargee, capacity=40)
    offers.delete_session(session, acting_user=chargee)
    assert not CampaignSession.objects.exists()
    actions = list(
        AuditEntry.objects.filter(object_type="recruitment.campaignsession")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]


def test_fields_outside_the_form_are_not_editable_here(chargee):
    offer = JobOfferFactory()
    with pytest.raises(ValueError, match="status"):
        offers.update_offer(offer, acting_user=chargee, status="filled")


def test_campaign_factory_unchanged():
    assert CampaignFactory().sessions.count() == 0
