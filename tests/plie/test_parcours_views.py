"""A participant's parcours page, recording the exit, and the PLIE items of the person's file."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import Action, AuditEntry
from maillage.plie.models import Parcours, StepCategory
from tests.factories import user_with_role
from tests.people.html import page_text
from tests.plie.caseload import followed_parcours
from tests.plie.factories import CompanyFactory, OperationFactory, StepFactory

pytestmark = pytest.mark.django_db

ENTRY = date(2017, 3, 1)


def detail_url(parcours) -> str:
    return reverse("plie:parcours_detail", args=[parcours.pk])


def exit_url(parcours) -> str:
    return reverse("plie:parcours_exit", args=[parcours.pk])


@pytest.fixture
def parcours(structure_a, referent_a):
    return followed_parcours(structure_a, referent_a, entry=ENTRY, situations=["rsa", "deld"])


def test_the_page_shows_entry_steps_and_contracts_and_is_audited(client, referent_a, parcours):
    StepFactory(
        parcours=parcours,
        category=StepCategory.EMPLOYMENT_CONTRACT,
        contract_type="cdi",
        start_date=date(2017, 6, 1),
        company=CompanyFactory(name="Boulangerie Duchère"),
        weekly_hours=35,
        label="Vendeuse",
    )
    StepFactory(
        parcours=parcours,
        category=StepCategory.TRAINING,
        start_date=date(2017, 4, 1),
        end_date=date(2017, 5, 1),
        operation=OperationFactory(code="OP-17", title="Savoirs de base"),
    )
    client.force_login(referent_a)
    html = page_text(client.get(detail_url(parcours)))
    assert "01/03/2017" in html
    assert "Bénéficiaire du RSA" in html
    assert "CDI chez Boulangerie Duchère, 35 h/semaine — Vendeuse" in html
    assert "Savoirs de base" in html and "OP-17" in html
    assert html.index("Formation et accès") < html.index("Contrat de travail")  # by start date
    assert reverse("plie:step_create", args=[parcours.pk]) in html
    assert reverse("people:detail", args=[parcours.person_id]) in html
    entry = AuditEntry.objects.get(action=Action.VIEW, object_type="plie.parcours")
    assert (entry.person_id, entry.actor_name) == (parcours.person_id, "referent_a")


def test_out_of_scope_is_404_and_funders_403(client, structure_b, parcours, funder):
    client.force_login(user_with_role(Role.REFERENT, structure_b))
    assert client.get(detail_url(parcours)).status_code == 404
    assert client.get(exit_url(parcours)).status_code == 404
    assert client.post(exit_url(parcours), {}).status_code == 404
    assert client.get(reverse("plie:parcours_detail", args=[999999])).status_code == 404
    client.force_login(funder)
    assert client.get(detail_url(parcours)).status_code == 403
    assert not AuditEntry.objects.filter(action=Action.VIEW).exists()


def test_direction_reads_without_edit_actions(client, structure_b, parcours):
    client.force_login(user_with_role(Role.DIRECTION, structure_b))
    html = page_text(client.get(detail_url(parcours)))
    assert reverse("plie:step_create", args=[parcours.pk]) not in html
    assert exit_url(parcours) not in html
    assert client.get(exit_url(parcours)).status_code == 403


def test_the_other_parcours_of_the_person_are_listed(client, referent_a, structure_a, parcours):
    parcours.exit_date, parcours.exit_type = date(2017, 12, 1), "dropout"
    parcours.save()
    later = Parcours.objects.create(
        person=parcours.person, structure=structure_a, entry_date=date(2019, 1, 7)
    )
    client.force_login(referent_a)
    html = page_text(client.get(detail_url(later)))
    assert "Parcours du 01/03/2017 au 01/12/2017" in html
    assert detail_url(parcours) in html


def exit_post(**values) -> dict:
    data = {"exit_date": "2018-02-01", "exit_type": "positive", "exit_reason": "cdd_6m_plus"}
    return data | values


def test_recording_a_positive_exit(client, referent_a, parcours):
    client.force_login(referent_a)
    response = client.post(exit_url(parcours), exit_post())
    assert response.status_code == 302
    assert response["Location"] == detail_url(parcours)
    parcours.refresh_from_db()
    assert (parcours.exit_date, parcours.exit_type, parcours.exit_reason) == (
        date(2018, 2, 1),
        "positive",
        "cdd_6m_plus",
    )
    entry = AuditEntry.objects.get(action=Action.UPDATE, object_type="plie.parcours")
    assert entry.changes["exit_type"] == ["", "positive"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"exit_reason": ""}, "Une sortie positive doit avoir un motif."),
        ({"exit_date": "2016-12-31"}, "précède la date d&#x27;entrée"),
        ({"exit_type": ""}, "Indiquez le type de sortie."),
        ({"exit_type": "dropout"}, "Seule une sortie positive a un motif codé"),
        ({"exit_date": "31/02/2018"}, "Saisissez une date valide"),
    ],
)
def test_incoherent_exits_are_refused_next_to_their_field(
    client, referent_a, parcours, values, message
):
    client.force_login(referent_a)
    response = client.post(exit_url(parcours), exit_post(**values))
    assert response.status_code == 200
    assert message in page_text(response)
    parcours.refresh_from_db()
    assert parcours.exit_date is None


def test_an_exit_before_a_step_is_refused(client, referent_a, parcours):
    StepFactory(parcours=parcours, start_date=date(2018, 3, 1))
    client.force_login(referent_a)
    html = page_text(client.post(exit_url(parcours), exit_post()))
    assert "1 étape(s) commencent après cette date de sortie" in html
    parcours.refresh_from_db()
    assert parcours.exit_date is None


def test_a_cdi_exit_without_a_cdi_step_asks_for_confirmation(client, referent_a, parcours):
    StepFactory(
        parcours=parcours,
        category=StepCategory.EMPLOYMENT_CONTRACT,
        contract_type="cdd",
        start_date=date(2017, 9, 1),
    )
    client.force_login(referent_a)
    response = client.post(exit_url(parcours), exit_post(exit_reason="cdi"))
    html = page_text(response)
    assert response.status_code == 200
    assert "aucune étape « contrat de travail » en CDI" in html
    assert 'name="confirm"' in html
    parcours.refresh_from_db()
    assert parcours.exit_date is None

    response = client.post(exit_url(parcours), exit_post(exit_reason="cdi", confirm="on"))
    assert response.status_code == 302
    parcours.refresh_from_db()
    assert (parcours.exit_type, parcours.exit_reason) == ("positive", "cdi")
    # The parcours page keeps the warning visible.
    assert "aucune étape « contrat de travail » en CDI" in page_text(
        client.get(detail_url(parcours))
    )


def test_a_cdi_exit_with_a_cdi_step_needs_no_confirmation(client, referent_a, parcours):
    StepFactory(
        parcours=parcours,
        category=StepCategory.EMPLOYMENT_CONTRACT,
        contract_type="cdi",
        start_date=date(2017, 9, 1),
    )
    client.force_login(referent_a)
    response = client.post(exit_url(parcours), exit_post(exit_reason="cdi"))
    assert response.status_code == 302


def test_the_exit_form_is_prefilled_to_correct_an_exit(client, referent_a, parcours):
    parcours.exit_date, parcours.exit_type = date(2017, 12, 1), "administrative"
    parcours.exit_comment = "Déménagement"
    parcours.save()
    client.force_login(referent_a)
    html = page_text(client.get(exit_url(parcours)))
    assert 'value="2017-12-01"' in html
    assert 'value="Déménagement"' in html
    response = client.post(
        exit_url(parcours),
        {"exit_date": "2017-12-01", "exit_type": "administrative", "exit_comment": "Déménagement"},
    )
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action=Action.UPDATE).exists()


def test_the_person_file_shows_the_parcours_steps_contracts_and_exit(client, referent_a, parcours):
    StepFactory(
        parcours=parcours,
        category=StepCategory.EMPLOYMENT_CONTRACT,
        contract_type="cdd",
        start_date=date(2017, 6, 1),
        end_date=date(2017, 12, 31),
        company=CompanyFactory(name="Traiteur Gerland"),
        weekly_hours="17.5",
    )
    parcours.exit_date, parcours.exit_type = date(2018, 1, 15), "positive"
    parcours.exit_reason = "cdd_6m_plus"
    parcours.save()
    client.force_login(referent_a)
    html = page_text(client.get(reverse("people:detail", args=[parcours.person_id])))
    assert "Entrée dans le PLIE, suivi par Structure A" in html
    assert (
        "Contrat de travail : CDD chez Traiteur Gerland, 17,5 h/semaine, jusqu&#x27;au 31/12/2017"
        in html
    )
    assert "Sortie du PLIE : sortie positive (CDD d&#x27;au moins 6 mois)" in html
    assert (
        html.index("Sortie du PLIE")
        < html.index("Contrat de travail :")
        < html.index("Entrée dans le PLIE")
    )
    assert f'href="{detail_url(parcours)}"' in html


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _add_steps(parcours, n):
    for i in range(n):
        StepFactory(
            parcours=parcours,
            category=StepCategory.EMPLOYMENT_CONTRACT,
            contract_type="cdd",
            start_date=date(2017, 4, 1 + i % 28),
            company=CompanyFactory(),
            operation=OperationFactory(),
        )


def test_query_counts_do_not_grow_with_the_steps(client, referent_a, structure_a, parcours):
    client.force_login(referent_a)
    urls = [detail_url(parcours), reverse("people:detail", args=[parcours.person_id])]
    _add_steps(parcours, 3)
    few = [_count(client, url) for url in urls]
    _add_steps(parcours, 30)
    for i in range(3):  # and with more parcours of the person
        old = followed_parcours(structure_a, entry=date(2010 + i, 1, 1))
        old.person = parcours.person
        old.exit_date, old.exit_type = date(2010 + i, 6, 1), "dropout"
        old.save()
        _add_steps(old, 3)
    many = [_count(client, url) for url in urls]
    assert many == few


def test_the_page_links_to_the_commissions(client, referent_a, parcours):
    client.force_login(referent_a)
    html = page_text(client.get(detail_url(parcours)))
    assert reverse("plie:exit_propose", args=[parcours.pk]) in html
    assert "Contrat d'engagement</dt><dd>non signé" in html
    new_entry = f"{reverse('plie:entry_create')}?personne={parcours.person_id}"
    assert new_entry not in html  # while the parcours runs
    parcours.exit_date, parcours.exit_type = date(2017, 12, 1), "dropout"
    parcours.engagement_signed_on = date(2017, 3, 8)
    parcours.save()
    html = page_text(client.get(detail_url(parcours)))
    assert new_entry in html  # a person may re-enter later
    assert reverse("plie:exit_propose", args=[parcours.pk]) not in html
    assert "signé le 08/03/2017" in html
