"""Clause pages: capabilities (403), scope (404), constant query counts, the main flows."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.clauses.models import ClauseContract, ClauseHours, Eligibility, Positioning
from tests.clauses.factories import (
    BuyerFactory,
    ContractFactory,
    HoursFactory,
    OfferFactory,
    OperationFactory,
)
from tests.companies.factories import CompanyFactory
from tests.factories import QpvFactory, followed_person, user_with_role
from tests.people.html import page_text

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def facilitator(structure_a):
    return user_with_role(Role.CLAUSE_FACILITATOR, structure_a, username="facilitatrice")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            page_text(response)
    return len(ctx)


def _grow(n, structure, operation, offer, buyer, user):
    for i in range(n):
        other = OperationFactory(
            buyer=buyer,
            legal_basis=["execution_clause", "insertion_market"][i % 2],
            urban_renewal_site=["La Duchère", "Mermoz", ""][i % 3],
        )
        for target in (operation, other):
            contract = ContractFactory(person=followed_person(structure), operation=target)
            HoursFactory(contract=contract, month=D(2017, 1 + i % 12, 1))
            HoursFactory(contract=contract, month=D(2016, 1 + i % 12, 1), hours=50)
        Positioning.objects.create(
            offer=offer,
            person=followed_person(structure),
            positioned_on=D(2017, 2, 1),
            positioned_by=user,
        )


def test_pages_have_constant_query_counts(client, facilitator, structure_a):
    client.force_login(facilitator)
    buyer = BuyerFactory(name="Ville de Lyon")
    operation = OperationFactory(buyer=buyer)
    offer = OfferFactory(operation=operation)
    urls = [
        reverse("clauses:home") + "?annee=2017",
        reverse("clauses:operations"),
        reverse("clauses:operation", args=[operation.pk]),
        reverse("clauses:buyers") + "?annee=2017",
        reverse("clauses:buyer", args=[buyer.pk]) + "?annee=2017",
        reverse("clauses:buyer_report", args=[buyer.pk]) + "?annee=2017",
        reverse("clauses:offers"),
        reverse("clauses:offer", args=[offer.pk]),
        reverse("clauses:syntheses") + "?annee=2017&depuis=2005",
        reverse("clauses:followup") + "?annee=2017",
        reverse("clauses:contracts_to_check"),
        reverse("clauses:meetings"),
        reverse("clauses:export", args=["synthese"]) + "?annee=2017",
        reverse("clauses:export", args=["donneurs-d-ordre"]) + "?annee=2017",
        reverse("clauses:export", args=["renovation-urbaine"]) + "?annee=2017",
    ]
    _grow(2, structure_a, operation, offer, buyer, facilitator)
    few = [_count(client, url) for url in urls]
    _grow(10, structure_a, operation, offer, buyer, facilitator)
    many = [_count(client, url) for url in urls]
    assert few == many


@pytest.mark.parametrize("role", [Role.FUNDER, Role.REFERENT, Role.RECEPTION])
def test_roles_without_view_clauses_are_refused(client, role):
    client.force_login(user_with_role(role))
    operation = OperationFactory()
    for url in [
        reverse("clauses:home"),
        reverse("clauses:operation", args=[operation.pk]),
        reverse("clauses:syntheses"),
        reverse("clauses:export", args=["synthese"]),
    ]:
        assert client.get(url).status_code == 403, url


def test_direction_reads_but_does_not_manage(client):
    client.force_login(user_with_role(Role.DIRECTION))
    assert client.get(reverse("clauses:home")).status_code == 200
    assert client.get(reverse("clauses:operation_create")).status_code == 403
    assert client.get(reverse("clauses:buyer_create")).status_code == 403


def test_contract_out_of_scope_is_404_and_others_counted(client, facilitator, structure_b):
    client.force_login(facilitator)
    contract = ContractFactory(person=followed_person(structure_b))
    assert client.get(reverse("clauses:contract", args=[contract.pk])).status_code == 404
    stranger = contract.person
    assert client.get(reverse("clauses:eligibility", args=[stranger.pk])).status_code == 404
    html = page_text(client.get(reverse("clauses:operation", args=[contract.operation_id])))
    assert str(stranger) not in html
    assert "1 autre contrat" in html


def test_eligibility_then_contract_then_hours(client, facilitator, structure_a):
    client.force_login(facilitator)
    person = followed_person(structure_a)
    operation, company = OperationFactory(), CompanyFactory()
    url = reverse("clauses:eligibility", args=[person.pk])
    response = client.post(
        url,
        {
            "criterion": "long_term_jobseeker",
            "checked_on": "2017-02-01",
            "prescriber": "PLIE — ALIS",
            "reason": "",
        },
    )
    assert response.status_code == 302
    assert Eligibility.objects.filter(person=person).exists()

    create = reverse("clauses:contract_create")
    assert "personne" in page_text(client.get(create + f"?operation={operation.pk}&q=x"))
    response = client.post(
        create + f"?personne={person.pk}",
        {
            "personne": person.pk,
            "operation": operation.pk,
            "company": company.pk,
            "kind": "cddi",
            "external_id": "ENT-2017-001",
            "start_date": "2017-03-01",
            "end_date": "2017-12-31",
            "override_reason": "",
        },
    )
    contract = ClauseContract.objects.get(external_id="ENT-2017-001")
    assert response.url == reverse("clauses:contract", args=[contract.pk])

    detail = reverse("clauses:contract", args=[contract.pk])
    bad = client.post(detail, {"month": "2017-03", "hours": "251"})
    assert bad.status_code == 400
    assert "maximum admis" in page_text(bad)
    outside = client.post(detail, {"month": "2018-01", "hours": "20"})
    assert "en dehors du contrat" in page_text(outside)
    assert not ClauseHours.objects.exists()
    assert client.post(detail, {"month": "2017-03", "hours": "120,5"}).status_code == 302
    html = page_text(client.get(detail))
    assert "120,5" in html
    assert AuditEntry.objects.filter(action="view", person_id=person.pk).exists()


def test_contract_without_eligibility_needs_a_reason(client, facilitator, structure_a):
    client.force_login(facilitator)
    person = followed_person(structure_a)
    data = {
        "personne": person.pk,
        "operation": OperationFactory().pk,
        "company": CompanyFactory().pk,
        "kind": "cdd",
        "external_id": "",
        "start_date": "2017-03-01",
        "end_date": "",
        "override_reason": "",
    }
    response = client.post(reverse("clauses:contract_create") + f"?personne={person.pk}", data)
    assert response.status_code == 400
    assert "motivez une dérogation" in page_text(response)
    assert not ClauseContract.objects.exists()


def test_operation_form_refuses_a_missing_buyer(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("clauses:operation_create"),
        {"title": "Voirie", "sector": "works", "legal_basis": "execution_clause"},
    )
    assert response.status_code == 400
    assert "Une opération a toujours un donneur d&#x27;ordre." in page_text(response)


def test_referent_positions_a_person_on_an_offer(client, referent_a, structure_a):
    client.force_login(referent_a)
    offer = OfferFactory()
    person = followed_person(structure_a)
    url = reverse("clauses:offer_position", args=[offer.pk])
    results = client.get(url + f"?q={person.last_name}", headers={"HX-Request": "true"})
    assert f"?personne={person.pk}" in results.content.decode()
    response = client.post(
        url + f"?personne={person.pk}",
        {"personne": person.pk, "positioned_on": "2017-04-01", "comment": ""},
    )
    assert response.status_code == 302
    assert Positioning.objects.filter(offer=offer, person=person).exists()
    assert str(person) in page_text(client.get(reverse("clauses:offer", args=[offer.pk])))


def test_synthesis_xlsx_and_comparison(client, facilitator, structure_a):
    client.force_login(facilitator)
    qpv = QpvFactory()
    a = ContractFactory(person=followed_person(structure_a, qpv=qpv))
    b = ContractFactory(
        person=followed_person(structure_a),
        operation=OperationFactory(legal_basis="insertion_market"),
    )
    HoursFactory(contract=a, month=D(2017, 1, 1), hours=100)
    HoursFactory(contract=b, month=D(2017, 2, 1), hours=50)
    HoursFactory(contract=b, month=D(2016, 2, 1), hours=200)
    html = page_text(client.get(reverse("clauses:syntheses") + "?annee=2017"))
    assert "↘" in html
    response = client.get(reverse("clauses:export", args=["synthese"]) + "?annee=2017")
    assert response["Content-Disposition"] == 'attachment; filename="clauses-synthese-2017.xlsx"'
    workbook = load_workbook(BytesIO(response.content))
    synthesis = [list(row) for row in workbook["Synthèse 2017"].iter_rows(values_only=True)]
    assert synthesis[1] == ["Nombre de bénéficiaires", 1, 1, 2]
    assert synthesis[3] == ["Nombre d'heures", 100, 50, 150]
    comparison = [list(row) for row in workbook["Comparatif 2016"].iter_rows(values_only=True)]
    assert comparison[3] == ["Nombre d'heures", 200, 150, "↘", 50]
    assert AuditEntry.objects.filter(action="export").exists()


def test_every_form_page_renders(client, facilitator, structure_a):
    client.force_login(facilitator)
    buyer = BuyerFactory()
    operation = OperationFactory(buyer=buyer)
    person = followed_person(structure_a)
    contract = ContractFactory(person=person, operation=operation)
    for url in [
        reverse("clauses:operation_create"),
        reverse("clauses:operation_update", args=[operation.pk]),
        reverse("clauses:award", args=[operation.pk]),
        reverse("clauses:offer_create", args=[operation.pk]),
        reverse("clauses:buyer_create"),
        reverse("clauses:buyer_update", args=[buyer.pk]),
        reverse("clauses:contact_create", args=[buyer.pk]),
        reverse("clauses:contract_create") + f"?personne={person.pk}&operation={operation.pk}",
        reverse("clauses:contract", args=[contract.pk]),
        reverse("clauses:eligibility", args=[person.pk]),
        reverse("clauses:export", args=[f"acheteur-{buyer.pk}"]) + "?annee=2017",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            page_text(response)


def test_buyer_award_and_meeting_flows(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("clauses:buyer_create"),
        {"name": "Ville de Lyon", "kind": "city", "in_network": "on", "notes": ""},
    )
    buyer = BuyerFactory(name="Ville de Lyon")
    assert response.url == reverse("clauses:buyer", args=[buyer.pk])
    operation, company = OperationFactory(buyer=buyer), CompanyFactory()
    data = {"company": company.pk, "role": "holder", "fulfilment_mode": "etti"}
    assert client.post(reverse("clauses:award", args=[operation.pk]), data).status_code == 302
    again = client.post(reverse("clauses:award", args=[operation.pk]), data)
    assert again.status_code == 400
    response = client.post(
        reverse("clauses:meetings"),
        {
            "date": "2017-03-14",
            "kind": "plenary",
            "theme": "Clauses et IOD",
            "attendees": [buyer.pk],
        },
    )
    assert response.status_code == 302
    assert "Clauses et IOD" in page_text(client.get(reverse("clauses:buyer", args=[buyer.pk])))


def test_direction_cannot_post_a_meeting(client):
    client.force_login(user_with_role(Role.DIRECTION))
    data = {"date": "2017-03-14", "kind": "plenary", "theme": "x"}
    assert client.post(reverse("clauses:meetings"), data).status_code == 403


def test_editing_an_operation_is_audited_field_by_field(client, facilitator):
    client.force_login(facilitator)
    operation = OperationFactory(title="Voirie", required_hours=1000)
    data = {
        "buyer": operation.buyer_id,
        "title": "Voirie lot 2",
        "sector": "works",
        "legal_basis": "execution_clause",
        "start_date": "2017-01-01",
        "end_date": "2017-12-31",
        "required_hours": "1200",
    }
    url = reverse("clauses:operation_update", args=[operation.pk])
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="update", object_type="clauses.clauseoperation")
    assert entry.changes["title"] == ["Voirie", "Voirie lot 2"]
    assert entry.changes["required_hours"] == ["1000.00", "1200"]
