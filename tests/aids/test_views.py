"""The aids pages: capabilities (403), scope (404), flows, constant query counts."""

import html
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.aids import services
from maillage.aids.models import AidDocument, AidRequest, Outcome
from maillage.audit.models import Action, AuditEntry
from tests.aids.factories import AidRequestFactory, SessionFactory, participant
from tests.people.html import page_text

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        page_text(response)
    return len(ctx)


def test_list_has_constant_query_count(client, referent_a, structure_a):
    client.force_login(referent_a)
    url = reverse("aids:list")
    for _ in range(3):
        AidRequestFactory(person=participant(structure_a))
    few = _count(client, url)
    for _ in range(27):
        AidRequestFactory(person=participant(structure_a))
    assert _count(client, url) == few


def test_session_pages_have_constant_query_counts(client, referent_a, structure_a):
    from maillage.aids.models import SessionParticipant

    client.force_login(referent_a)
    session = SessionFactory()
    for _ in range(3):
        SessionParticipant.objects.create(session=session, person=participant(structure_a))
    detail = reverse("aids:session_detail", args=[session.pk])
    few, few_list = _count(client, detail), _count(client, reverse("aids:sessions"))
    for _ in range(27):
        SessionParticipant.objects.create(session=session, person=participant(structure_a))
        SessionFactory()
    assert _count(client, detail) == few
    assert _count(client, reverse("aids:sessions")) == few_list


def test_funders_get_403_but_see_the_figures(client, funder):
    client.force_login(funder)
    for name in ("aids:list", "aids:create", "aids:budget", "aids:sessions"):
        assert client.get(reverse(name)).status_code == 403, name
    response = client.get(reverse("aids:statistics") + "?annee=2017")
    assert response.status_code == 200
    page_text(response)


def test_out_of_scope_request_and_document_are_404(client, referent_a, structure_b):
    aid = AidRequestFactory(person=participant(structure_b))
    document = AidDocument.objects.create(request=aid, name="devis.pdf", file="aids/x.pdf")
    client.force_login(referent_a)
    assert client.get(reverse("aids:detail", args=[aid.pk])).status_code == 404
    assert client.get(reverse("aids:document", args=[document.pk])).status_code == 404
    other = participant(structure_b)
    assert client.get(reverse("aids:create") + f"?personne={other.pk}").status_code == 404


def test_request_then_decision_through_the_pages(client, referent_a, admin_user, structure_a):
    person = participant(structure_a, last_name="Bernard")
    client.force_login(referent_a)
    found = client.get(reverse("aids:create") + "?q=bernard")
    assert f"?personne={person.pk}" in page_text(found)
    url = reverse("aids:create") + f"?personne={person.pk}"
    assert "Nouvelle demande" in page_text(client.get(url))
    bad = client.post(url, {"kind": "childcare", "amount_requested": "-5", "justification": "x"})
    assert "négatif" in page_text(bad)
    assert not AidRequest.objects.exists()
    response = client.post(
        url,
        {
            "kind": "training",
            "training_field": "driving",
            "amount_requested": "400",
            "justification": "Heures de conduite avant l'examen",
            "document": SimpleUploadedFile("devis.pdf", b"%PDF-1.4 devis"),
        },
    )
    aid = AidRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "aids:detail", args=[aid.pk]
    )
    page = page_text(client.get(response["Location"]))
    assert "devis.pdf" in page and "Décider" not in page
    assert (
        client.post(reverse("aids:decide", args=[aid.pk]), {"outcome": "accepted"}).status_code
        == 403
    )
    document = aid.documents.get()
    download = client.get(reverse("aids:document", args=[document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 devis"
    assert "attachment" in download["Content-Disposition"]

    client.force_login(admin_user)
    decide = reverse("aids:decide", args=[aid.pk])
    refused = client.post(decide, {"outcome": "refused", "decided_on": "2030-01-01"})
    assert refused.status_code == 400 and "motif" in page_text(refused)
    aid.refresh_from_db()
    assert aid.outcome == ""
    ok = client.post(
        decide,
        {
            "outcome": "partly_accepted",
            "decided_on": date.today().isoformat(),
            "amount_granted": "250",
        },
    )
    assert ok.status_code == 302
    aid.refresh_from_db()
    assert aid.outcome == Outcome.PARTLY_ACCEPTED and aid.amount_granted == Decimal("250")
    assert AuditEntry.objects.filter(action=Action.VIEW, object_type="aids.aidrequest").exists()


def test_aids_appear_in_the_person_file(client, referent_a, structure_a):
    person = participant(structure_a)
    AidRequestFactory(person=person, kind="childcare", training_field="")
    client.force_login(referent_a)
    page = html.unescape(page_text(client.get(reverse("people:detail", args=[person.pk]))))
    assert "Demande d'aide : garde d'enfants, 500,00 € — en attente de décision" in page


def test_budget_and_statistics_pages(client, admin_user, structure_a):
    aid = AidRequestFactory(person=participant(structure_a, sex="F"))
    services.decide_aid(
        aid=aid, outcome="accepted", decided_on=date(2017, 3, 10), acting_user=admin_user
    )
    client.force_login(admin_user)
    url = reverse("aids:budget") + "?annee=2017"
    assert client.post(url, {"kind": "training", "envelope": "10000"}).status_code == 302
    page = page_text(client.get(url))
    assert "9500" in page.replace(" ", "").replace("\u202f", "")
    stats = page_text(client.get(reverse("aids:statistics") + "?annee=2017"))
    assert "100 %" in stats


def test_sessions_flow(client, admin_user, referent_a, structure_a, structure_b):
    client.force_login(admin_user)
    response = client.post(
        reverse("aids:sessions"),
        {
            "service": "relooking",
            "provider": "Image Attitude",
            "date": "2017-05-12",
            "place": "Lyon 9e",
        },
    )
    assert response.status_code == 302
    client.force_login(referent_a)
    assert client.post(reverse("aids:sessions"), {}).status_code == 403
    mine, other = participant(structure_a, last_name="Durand"), participant(structure_b)
    detail = response["Location"]
    assert client.post(detail, {"personne": other.pk}).status_code == 400
    assert client.post(detail, {"personne": mine.pk}).status_code == 302
    assert "DURAND" in page_text(client.get(detail + "?q=durand"))


def test_annual_report_has_the_aids_block(admin_user, structure_a):
    import io
    import json

    from django.core.management import call_command

    AidRequestFactory(person=participant(structure_a))
    out = io.StringIO()
    call_command("annual_report", year=2017, format="json", stdout=out)
    block = json.loads(out.getvalue())["aids"]
    assert block["requests"] == 1 and block["persons"] == 1 and block["accepted"] == 0
