"""Company pages: access by capability, forms, htmx search, constant query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.companies.models import Company, Contact, Interaction
from tests.companies.factories import (
    VALID_SIRET,
    CompanyFactory,
    CompanyTagFactory,
    ContactFactory,
    InteractionFactory,
)
from tests.factories import user_with_role
from tests.people.html import assert_swap_matches, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def chargee():
    return user_with_role(Role.COMPANY_RELATIONS, username="chargee")


@pytest.fixture
def logged(client, chargee):
    client.force_login(chargee)
    return client


def company_data(**overrides):
    values = {
        "name": "Boulangerie Lumière",
        "trade_name": "",
        "siret": "",
        "naf": "10.71C",
        "size_band": "03",
        "address": "3 rue du Four",
        "postcode": "69009",
        "city": "Lyon",
        "owner": "",
        "charter_signed_on": "",
    }
    return values | overrides


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    page_text(response)
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/entreprises/nouvelle/",
        "/entreprises/{pk}/modifier/",
        "/entreprises/{pk}/contacts/nouveau/",
        "/entreprises/{pk}/interactions/nouvelle/",
    ],
)
@pytest.mark.parametrize("who", ["funder", "referent_a", "clause"])
def test_editing_is_refused_without_edit_companies(client, request, url, who):
    user = (
        user_with_role(Role.CLAUSE_FACILITATOR) if who == "clause" else request.getfixturevalue(who)
    )
    client.force_login(user)
    company = CompanyFactory()
    assert client.get(url.format(pk=company.pk)).status_code == 403
    assert client.post(url.format(pk=company.pk), company_data()).status_code == 403


@pytest.mark.parametrize("who", ["funder", "referent_a"])
def test_viewing_is_refused_without_view_companies(client, request, who):
    client.force_login(request.getfixturevalue(who))
    company = CompanyFactory()
    for url in ("/entreprises/", "/entreprises/liste/", f"/entreprises/{company.pk}/"):
        assert client.get(url).status_code == 403
    interaction = InteractionFactory(next_action="x")
    assert (
        client.post(f"/entreprises/interactions/{interaction.pk}/action-faite/").status_code == 403
    )


def test_clause_facilitator_and_direction_may_read(client):
    company = CompanyFactory()
    for role in (Role.CLAUSE_FACILITATOR, Role.DIRECTION):
        client.force_login(user_with_role(role))
        html = page_text(client.get(f"/entreprises/{company.pk}/"))
        assert "Modifier la fiche" not in html


def test_anonymous_goes_to_login(client):
    assert client.get("/entreprises/").status_code == 302


def test_create_with_invalid_siret_then_fixed(logged, chargee):
    club = CompanyTagFactory(name="Club RH")
    response = logged.post(
        "/entreprises/nouvelle/", company_data(siret="73282932000075", naf="1071", tags=[club.pk])
    )
    html = page_text(response)
    assert response.status_code == 200
    assert "Le numéro SIRET « 73282932000075 » n&#x27;est pas valide" in html
    assert "Le code NAF « 1071 » n&#x27;est pas valide" in html
    assert not Company.objects.exists()
    response = logged.post(
        "/entreprises/nouvelle/",
        company_data(siret="732 829 320 00074", tags=[club.pk], owner=chargee.pk, in_zfu="on"),
    )
    company = Company.objects.get()
    assert response["Location"] == f"/entreprises/{company.pk}/"
    assert (company.siret, company.owner, company.in_zfu) == (VALID_SIRET, chargee, True)
    assert list(company.tags.all()) == [club]
    html = page_text(logged.get(f"/entreprises/{company.pk}/"))
    assert "Industrie manufacturière" in html and "6 à 9 salariés" in html


def test_update_audits_only_what_changed(logged):
    company = CompanyFactory(name="Avant", naf="56.10A", postcode="69009", city="Lyon")
    response = logged.post(f"/entreprises/{company.pk}/modifier/", company_data(name="Après"))
    assert response.status_code == 302
    entry = AuditEntry.objects.get(object_type="companies.company")
    assert entry.changes["name"] == ["Avant", "Après"]
    assert "postcode" not in entry.changes


def test_contact_add_and_leave(logged):
    company = CompanyFactory()
    response = logged.post(
        f"/entreprises/{company.pk}/contacts/nouveau/",
        {"last_name": "Durand", "first_names": "Claire", "function": "DRH", "email": "pas-un-mail"},
    )
    assert "Saisissez une adresse de courriel valide" in page_text(response)
    assert not Contact.objects.exists()
    logged.post(
        f"/entreprises/{company.pk}/contacts/nouveau/",
        {"last_name": "Durand", "first_names": "Claire", "function": "DRH"},
    )
    contact = Contact.objects.get()
    page_text(logged.get(f"/entreprises/contacts/{contact.pk}/depart/"))
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = logged.post(f"/entreprises/contacts/{contact.pk}/depart/", {"on": future})
    assert "ne peut pas être dans le futur" in page_text(response)
    response = logged.post(f"/entreprises/contacts/{contact.pk}/depart/", {"on": "2024-03-31"})
    assert response.status_code == 302
    html = page_text(logged.get(f"/entreprises/{company.pk}/"))
    assert "Anciens contacts" in html and "au 31/03/2024" in html


def test_interaction_done_in_the_future_is_refused(logged, chargee):
    company = CompanyFactory()
    future = timezone.localtime() + datetime.timedelta(days=3)
    data = {
        "kind": "appointment",
        "occurred_at": future.strftime("%Y-%m-%dT%H:%M"),
        "done": "on",
        "summary": "Rendez-vous",
        "next_action": "",
        "next_action_due": "",
    }
    response = logged.post(f"/entreprises/{company.pk}/interactions/nouvelle/", data)
    assert "Une interaction dans le futur ne peut pas être marquée comme réalisée" in page_text(
        response
    )
    assert not Interaction.objects.exists()
    del data["done"]
    data["next_action"] = "Préparer la visite"
    data["next_action_due"] = future.date().isoformat()
    response = logged.post(f"/entreprises/{company.pk}/interactions/nouvelle/", data)
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    assert (interaction.done, interaction.staff) == (False, chargee)


def test_home_lists_late_and_upcoming_actions_and_marks_done(logged, chargee):
    today = timezone.localdate()
    late = InteractionFactory(
        staff=chargee, next_action="Relancer", next_action_due=today - datetime.timedelta(days=1)
    )
    InteractionFactory(
        staff=chargee, next_action="Visiter", next_action_due=today + datetime.timedelta(days=5)
    )
    response = logged.get("/entreprises/")
    assert [i.next_action for i in response.context["late"]] == ["Relancer"]
    assert [i.next_action for i in response.context["upcoming"]] == ["Visiter"]
    page_text(response)
    response = logged.post(
        f"/entreprises/interactions/{late.pk}/action-faite/", {"next": "/entreprises/"}
    )
    assert response["Location"] == "/entreprises/"
    late.refresh_from_db()
    assert late.next_action_done
    response = logged.post(
        f"/entreprises/interactions/{late.pk}/action-faite/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/entreprises/"
    assert not logged.get("/entreprises/").context["late"]


def test_list_search_is_accent_insensitive_and_filters(logged, chargee):
    alliance = CompanyTagFactory(name="ALLIANCE")
    hotel = CompanyFactory(name="Hôtel Étoile", owner=chargee, in_zfu=True, size_band="11")
    hotel.tags.add(alliance)
    CompanyFactory(name="Garage Lumière", trade_name="Auto Crèche")
    names = lambda r: [c.name for c in r.context["page"]]  # noqa: E731
    assert names(logged.get("/entreprises/liste/?q=etoile")) == ["Hôtel Étoile"]
    assert names(logged.get("/entreprises/liste/?q=creche")) == ["Garage Lumière"]
    assert names(logged.get(f"/entreprises/liste/?tag={alliance.pk}")) == ["Hôtel Étoile"]
    assert names(logged.get(f"/entreprises/liste/?owner={chargee.pk}")) == ["Hôtel Étoile"]
    assert names(logged.get("/entreprises/liste/?zfu=on")) == ["Hôtel Étoile"]
    assert names(logged.get("/entreprises/liste/?size=11")) == ["Hôtel Étoile"]
    full = page_text(logged.get("/entreprises/liste/?q=etoile"))
    partial = page_text(logged.get("/entreprises/liste/?q=etoile", headers={"HX-Request": "true"}))
    assert_swap_matches(full, partial, "company-results")


def _rows(n, chargee):
    tags = [CompanyTagFactory(name=f"Réseau {i}") for i in range(2)]
    for i in range(n):
        company = CompanyFactory(owner=chargee)
        company.tags.set(tags)
        contact = ContactFactory(company=company)
        ContactFactory(company=company, active_until=datetime.date(2020, 1, 1))
        InteractionFactory(
            company=company,
            contact=contact,
            staff=chargee,
            next_action=f"Action {i}",
            next_action_due=timezone.localdate() + datetime.timedelta(days=i - n // 2),
        )


@pytest.mark.parametrize("url", ["/entreprises/", "/entreprises/liste/"])
def test_list_pages_query_count_is_constant(logged, chargee, url):
    _rows(3, chargee)
    few = _count(logged, url)
    _rows(27, chargee)
    assert _count(logged, url) == few


def test_company_page_query_count_is_constant(logged, chargee):
    company = CompanyFactory(owner=chargee)
    company.tags.add(CompanyTagFactory(name="ALLIANCE"))

    def add(n):
        for i in range(n):
            contact = ContactFactory(company=company)
            InteractionFactory(
                company=company,
                contact=contact,
                staff=chargee,
                next_action=f"A{i}",
                next_action_due=datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
            )

    add(3)
    few = _count(logged, f"/entreprises/{company.pk}/")
    add(27)
    assert _count(logged, f"/entreprises/{company.pk}/") == few
