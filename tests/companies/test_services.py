"""Services of the company relationship: audited writes, refusals that change nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.audit.models import Action, AuditEntry
from maillage.companies import services
from maillage.companies.models import Company, Contact, Interaction
from tests.companies.factories import (
    VALID_SIRET,
    CompanyFactory,
    CompanyTagFactory,
    ContactFactory,
    InteractionFactory,
)
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def chargee():
    return user_with_role(Role.COMPANY_RELATIONS, username="chargee")


def test_create_company_normalises_tags_and_audits(chargee):
    alliance = CompanyTagFactory(name="ALLIANCE")
    company = services.create_company(
        acting_user=chargee,
        name="Boulangerie Lumière",
        siret="732 829 320 00074",
        naf="1071c",
        owner=chargee,
        tags=[alliance],
    )
    assert company.siret == VALID_SIRET
    assert company.naf == "10.71C"
    assert company.external_id.startswith("APP-")
    assert list(company.tags.all()) == [alliance]
    entry = AuditEntry.objects.get(object_type="companies.company")
    assert (entry.action, entry.actor_name) == (Action.CREATE, "chargee")
    assert entry.changes["siret"] == [None, VALID_SIRET]


def test_invalid_siret_or_naf_changes_nothing(chargee):
    with pytest.raises(ValidationError) as exc:
        services.create_company(acting_user=chargee, name="X", siret="73282932000075", naf="9")
    assert set(exc.value.message_dict) == {"siret", "naf"}
    assert not Company.objects.exists()
    assert not AuditEntry.objects.filter(object_type__startswith="companies.").exists()

    company = CompanyFactory(name="Avant")
    with pytest.raises(ValidationError):
        services.update_company(company, acting_user=chargee, name="Après", siret="1")
    company.refresh_from_db()
    assert company.name == "Avant"
    assert not AuditEntry.objects.filter(object_type__startswith="companies.").exists()


def test_update_company_audits_the_diff_including_tags(chargee):
    company = CompanyFactory(name="Avant")
    club = CompanyTagFactory(name="Club RH")
    services.update_company(company, acting_user=chargee, name="Après", in_zfu=True, tags=[club])
    entry = AuditEntry.objects.get(object_type="companies.company")
    assert entry.action == Action.UPDATE
    assert entry.changes == {
        "name": ["Avant", "Après"],
        "in_zfu": [False, True],
        "tags": [[], ["Club RH"]],
    }
    company.refresh_from_db()
    assert company.search_key == "apres"


def test_contact_added_then_leaves_keeps_the_row(chargee):
    company = CompanyFactory()
    contact = services.add_contact(
        company, acting_user=chargee, last_name="Durand", first_names="Claire", email="c@ex.fr"
    )
    services.contact_leaves(contact, acting_user=chargee, on=datetime.date(2024, 6, 30))
    contact.refresh_from_db()
    assert contact.has_left and contact.active_until == datetime.date(2024, 6, 30)
    assert Contact.objects.count() == 1
    actions = list(
        AuditEntry.objects.filter(object_type="companies.contact")
        .order_by("id")
        .values_list("action", "changes")
    )
    assert actions[0][0] == Action.CREATE
    assert actions[1] == (Action.UPDATE, {"active_until": [None, "2024-06-30"]})


def test_a_contact_cannot_leave_twice_nor_in_the_future(chargee):
    contact = ContactFactory(active_until=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError, match="déjà quitté"):
        services.contact_leaves(contact, acting_user=chargee, on=datetime.date(2024, 2, 1))
    present = ContactFactory()
    with pytest.raises(ValidationError, match="futur"):
        services.contact_leaves(
            present, acting_user=chargee, on=timezone.localdate() + datetime.timedelta(days=1)
        )
    present.refresh_from_db()
    assert present.active_until is None
    assert not AuditEntry.objects.filter(object_type__startswith="companies.").exists()


def test_log_interaction_defaults_staff_and_refuses_a_done_future(chargee):
    company = CompanyFactory()
    interaction = services.log_interaction(
        company,
        acting_user=chargee,
        kind="visit",
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        next_action="Envoyer les CV",
        next_action_due=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert interaction.staff == chargee
    with pytest.raises(ValidationError) as exc:
        services.log_interaction(
            company,
            acting_user=chargee,
            kind="appointment",
            occurred_at=timezone.now() + datetime.timedelta(days=1),
            done=True,
        )
    assert "futur" in exc.value.message_dict["done"][0]
    assert Interaction.objects.count() == 1
    assert AuditEntry.objects.filter(object_type="companies.interaction").count() == 1


def test_complete_next_action(chargee):
    interaction = InteractionFactory(
        next_action="Rappeler", next_action_due=datetime.date(2020, 1, 1)
    )
    assert interaction.is_late(timezone.localdate())
    services.complete_next_action(interaction, acting_user=chargee)
    interaction.refresh_from_db()
    assert interaction.next_action_done
    assert interaction.next_action_done_on == timezone.localdate()
    assert not interaction.is_late(timezone.localdate())
    with pytest.raises(ValidationError, match="déjà faite"):
        services.complete_next_action(interaction, acting_user=chargee)
    with pytest.raises(ValidationError, match="pas de prochaine action"):
        services.complete_next_action(InteractionFactory(), acting_user=chargee)


def test_pending_actions_are_those_of_the_user_or_their_companies(chargee):
    colleague = user_with_role(Role.COMPANY_RELATIONS)
    mine = InteractionFactory(staff=chargee, next_action="A")
    owned = InteractionFactory(
        staff=colleague, company=CompanyFactory(owner=chargee), next_action="B"
    )
    InteractionFactory(staff=colleague, next_action="C")
    InteractionFactory(staff=chargee, next_action="D", next_action_done=True)
    InteractionFactory(staff=chargee)
    pending = Interaction.objects.pending_actions().owned_by(chargee)
    assert set(pending) == {mine, owned}
