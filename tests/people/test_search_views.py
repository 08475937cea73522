"""The search page: scope, accents, dates, htmx partial, constant query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from tests.factories import PersonFactory, QpvFactory, followed_person, user_with_role
from tests.people.html import assert_swap_matches, page_text

pytestmark = pytest.mark.django_db

URL = reverse("people:search")


@pytest.fixture
def helene(structure_a):
    return followed_person(
        structure_a,
        last_name="Martin",
        first_names="Hélène",
        birth_date=datetime.date(1984, 3, 7),
    )


def test_funder_gets_403(client, funder):
    client.force_login(funder)
    assert client.get(URL, {"q": "martin"}).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("query", ["helene", "HELENE", "martin hel", "hél mart", "07/03/1984"])
def test_search_is_accent_insensitive_multi_word_and_by_date(client, referent_a, helene, query):
    PersonFactory(last_name="Bernard", first_names="Louis", birth_date=datetime.date(1990, 1, 1))
    client.force_login(referent_a)
    html = page_text(client.get(URL, {"q": query}))
    assert "MARTIN Hélène" in html
    assert "BERNARD" not in html


def test_search_by_name_and_date(client, referent_a, helene):
    client.force_login(referent_a)
    assert "MARTIN Hélène" in page_text(client.get(URL, {"q": "martin 07/03/1984"}))
    assert "MARTIN Hélène" not in page_text(client.get(URL, {"q": "martin 08/03/1984"}))
    assert "Aucune personne" in page_text(client.get(URL, {"q": "31/02/1984"}))


def test_search_is_limited_to_the_user_scope(client, referent_a, structure_b):
    followed_person(structure_b, last_name="Martin", first_names="Hélène")
    client.force_login(referent_a)
    html = page_text(client.get(URL, {"q": "helene"}))
    assert "MARTIN" not in html
    assert "Aucune personne" in html


def test_empty_query_asks_for_input(client, referent_a, helene):
    client.force_login(referent_a)
    html = page_text(client.get(URL))
    assert "Saisissez un nom" in html
    assert "MARTIN" not in html


def test_htmx_gets_the_results_partial_equal_to_the_full_page_part(client, referent_a, helene):
    client.force_login(referent_a)
    full = page_text(client.get(URL, {"q": "helene"}))
    response = client.get(URL, {"q": "helene"}, headers={"HX-Request": "true"})
    partial = page_text(response)
    assert "<html" not in partial
    assert "MARTIN Hélène" in partial
    assert "HX-Request" in response["Vary"]
    assert_swap_matches(full, partial, "search-results")


def test_htmx_history_restore_gets_the_full_page(client, referent_a, helene):
    client.force_login(referent_a)
    response = client.get(
        URL, {"q": "helene"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in page_text(response)


def test_results_are_paginated_and_links_keep_the_query(client, referent_a, structure_a):
    for i in range(30):
        followed_person(structure_a, last_name="Martin", first_names=f"Paul{'e' * i}")
    client.force_login(referent_a)
    html = page_text(client.get(URL, {"q": "martin"}))
    assert "30 personnes trouvées" in html
    assert html.count("/personnes/") >= 25
    assert "?q=martin&amp;page=2" in html
    page2 = page_text(client.get(URL, {"q": "martin", "page": 2}))
    assert "Page 2 sur 2" in page2
    assert page2.count('<th scope="row">') == 5


@pytest.mark.parametrize("htmx", [False, True])
def test_query_count_does_not_grow_with_rows(client, structure_a, htmx):
    user = user_with_role(Role.REFERENT, structure_a)
    headers = {"HX-Request": "true"} if htmx else {}

    def count_queries() -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"q": "martin"}, headers=headers).status_code == 200
        return len(ctx)

    for _ in range(3):
        followed_person(structure_a, last_name="Martin", qpv=QpvFactory())
    few = count_queries()
    for _ in range(27):
        followed_person(structure_a, last_name="Martin", qpv=QpvFactory())
    assert count_queries() == few


def test_search_page_offers_creation_to_editors_only(client, referent_a, structure_a):
    client.force_login(referent_a)
    assert reverse("people:create") in page_text(client.get(URL))
    client.force_login(user_with_role(Role.DIRECTION, structure_a))
    html = page_text(client.get(URL))
    assert reverse("people:create") not in html
    assert reverse("people:merge") not in html


def test_dashboard_search_box_has_its_results_region(client, structure_a, monkeypatch):
    from maillage.core.views import LANDING

    monkeypatch.delitem(LANDING, Role.RECEPTION)  # the generic dashboard, not the antenna desk
    followed_person(structure_a, qpv=None)
    client.force_login(user_with_role(Role.RECEPTION, structure_a))  # référents land on the PLIE
    html = page_text(client.get(reverse("core:home")))
    assert 'hx-target="#search-results"' in html
    assert '<div id="search-results" aria-live="polite"></div>' in html
