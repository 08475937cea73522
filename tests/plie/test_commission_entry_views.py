"""The référent's pages: entry file (create, complete, submit, withdraw), exit proposal."""

import re
from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.plie.commission_models import EntryRequest, ExitProposal
from tests.factories import QpvFactory, StructureFactory, followed_person, user_with_role
from tests.people.html import page_text
from tests.plie.commission_factories import DIAGNOSIS, CommissionFactory, EntryRequestFactory
from tests.plie.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pentes(db):
    return StructureFactory(code="HOTEL-SOCIAL", name="Hôtel Social", territory="Pentes")


@pytest.fixture
def referent(pentes):
    return user_with_role(Role.REFERENT, pentes, username="ref_pentes")


def text(response) -> str:
    """The page checked by ``page_text``, with its entities decoded (d&#x27;entrée → d'entrée)."""
    return unescape(page_text(response))


def entry_post(structure, referent, action="submit", **overrides) -> dict:
    values = {
        "oriented_on": "2017-02-01",
        "prescriber_structure": "",
        "prescriber_organisation": "Pôle emploi Lyon 1er",
        "prescriber_name": "M. Durand",
        "prescriber_contact": "04 72 00 00 00",
        "structure": str(structure.pk),
        "referent": str(referent.pk),
        "without_work_situation": DIAGNOSIS["without_work_situation"],
        "without_work_details": DIAGNOSIS["without_work_details"],
        "difficulties": DIAGNOSIS["difficulties"],
        "difficulties_comment": DIAGNOSIS["difficulties_comment"],
        "adherence": "on",
        "adherence_comment": DIAGNOSIS["adherence_comment"],
        "entry_situations": ["rsa", "single_parent"],
        "qpv_at_entry": "on",
        "proposed_path": "reinforced_support",
        "proposed_path_details": "",
        "action": action,
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def create_url(person):
    return reverse("plie:entry_create") + f"?personne={person.pk}"


def test_the_form_is_prefilled_and_its_display_audited(client, pentes, referent):
    person = followed_person(pentes, qpv=QpvFactory(name="Les Pentes"))
    client.force_login(referent)
    html = text(client.get(create_url(person)))
    assert "Diagnostic partagé : les trois conditions cumulatives" in html
    assert "Le statut seul (RSA, demandeur d'emploi…) ne constitue pas un critère" in html
    assert re.search(r'<input type="checkbox" name="qpv_at_entry"[^>]* checked>', html)
    assert re.search(
        rf'<select name="structure"[^>]*>\s*<option value="">Choisir…</option>\s*'
        rf'<option value="{pentes.pk}" selected>',
        html,
    )
    assert AuditEntry.objects.filter(action="view", person_id=person.pk).exists()


def test_access_to_the_form(client, pentes, referent, funder):
    client.force_login(referent)
    assert client.get(reverse("plie:entry_create")).url == reverse("people:search")
    stranger = followed_person(StructureFactory(code="ELSEWHERE"))
    assert client.get(create_url(stranger)).status_code == 404
    client.force_login(funder)
    assert client.get(create_url(stranger)).status_code == 403


def test_a_status_alone_cannot_send_a_file_to_commission(client, pentes, referent):
    person = followed_person(pentes)
    client.force_login(referent)
    data = entry_post(
        pentes,
        referent,
        difficulties=None,
        difficulties_comment="",
        adherence=None,
        adherence_comment="",
        entry_situations=["rsa", "deld", "th"],
    )
    html = text(client.post(create_url(person), data))
    assert "Condition 2 : cochez au moins une difficulté" in html
    assert "Condition 3 : la personne doit adhérer" in html
    assert not EntryRequest.objects.exists()
    # The same incomplete file can be kept as a draft.
    response = client.post(create_url(person), data | {"action": "draft"})
    entry = EntryRequest.objects.get()
    assert response.url == reverse("plie:entry_detail", args=[entry.pk])
    assert entry.status == "draft"
    html = text(client.get(response.url))
    assert "Difficultés d'insertion durable : à documenter" in html
    assert "ne peut pas passer en commission" in html


def test_a_complete_file_goes_to_the_next_commission(client, pentes, referent):
    person = followed_person(pentes)
    commission = CommissionFactory(territory="Pentes")
    client.force_login(referent)
    response = client.post(create_url(person), entry_post(pentes, referent))
    entry = EntryRequest.objects.get()
    assert response.url == reverse("plie:entry_detail", args=[entry.pk])
    assert entry.status == "submitted" and entry.entry_situations == ["rsa", "single_parent"]
    assert entry.difficulties == ["childcare", "mobility"] and entry.qpv_at_entry
    assert commission.decisions.get().entry_request == entry
    html = text(client.get(response.url))
    assert "En attente de commission" in html and str(commission) in html


def test_completing_then_withdrawing_a_file(client, pentes, referent):
    entry = EntryRequestFactory(
        structure=pentes, person=followed_person(pentes), status="draft", difficulties=[]
    )
    client.force_login(referent)
    edit = reverse("plie:entry_edit", args=[entry.pk])
    text(client.get(edit))
    client.post(edit, entry_post(pentes, referent, action="draft", difficulties=["housing"]))
    entry.refresh_from_db()
    assert entry.difficulties == ["housing"] and entry.status == "draft"
    client.post(reverse("plie:entry_submit", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == "submitted"
    client.post(reverse("plie:entry_withdraw", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == "withdrawn"
    assert client.get(edit).url == reverse("plie:entry_detail", args=[entry.pk])


def test_an_entry_file_out_of_scope_is_not_found(client, referent):
    other = StructureFactory(code="OTHER", territory="Mermoz")
    entry = EntryRequestFactory(structure=other, person=followed_person(other))
    client.force_login(referent)
    assert client.get(reverse("plie:entry_detail", args=[entry.pk])).status_code == 404
    assert client.post(reverse("plie:entry_submit", args=[entry.pk])).status_code == 404


def test_the_engagement_date_on_an_accepted_file(client, pentes, referent):
    person = followed_person(pentes)
    parcours = ParcoursFactory(person=person, structure=pentes, entry_date=date(2017, 3, 14))
    entry = EntryRequestFactory(
        structure=pentes,
        person=person,
        status="accepted",
        parcours=parcours,
        decided_on=date(2017, 3, 14),
    )
    client.force_login(referent)
    url = reverse("plie:entry_detail", args=[entry.pk])
    assert "Contrat d'engagement" in text(client.get(url))
    client.post(
        reverse("plie:entry_engagement", args=[entry.pk]), {"engagement_signed_on": "2017-03-20"}
    )
    parcours.refresh_from_db()
    assert parcours.engagement_signed_on == date(2017, 3, 20)


def test_proposing_an_exit_asks_to_confirm_a_surprising_one(client, pentes, referent):
    parcours = ParcoursFactory(
        person=followed_person(pentes), structure=pentes, entry_date=date(2016, 1, 4)
    )
    client.force_login(referent)
    url = reverse("plie:exit_propose", args=[parcours.pk])
    text(client.get(url))
    data = {"exit_date": "2017-02-28", "exit_type": "positive", "exit_reason": "cdi"}
    html = text(client.post(url, data))
    assert "Confirmez-vous" in html and not ExitProposal.objects.exists()
    response = client.post(url, data | {"confirm": "on"})
    assert response.url == reverse("plie:parcours_detail", args=[parcours.pk])
    assert ExitProposal.objects.get().confirmed
    html = text(client.post(url, {"exit_date": "2015-01-01", "exit_type": "dropout"}))
    assert "déjà proposée" in html


def test_the_list_of_files_runs_a_fixed_number_of_queries(client, pentes, referent):
    client.force_login(referent)

    def count(n):
        for _ in range(n):
            EntryRequestFactory(structure=pentes, person=followed_person(pentes))
        with CaptureQueriesContext(connection) as ctx:
            text(client.get(reverse("plie:entry_list")))
        return len(ctx.captured_queries)

    assert count(3) == count(27)
