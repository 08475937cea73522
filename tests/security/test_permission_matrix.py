"""Every role × every URL of the application against docs/permissions.md (issue 10).

URLs are discovered from the resolver, so a new page is covered the day it is
added, and the test fails until the permission table documents it. For each
page and each role the capability decides: a role the table does not allow gets
403; an allowed role never gets 403 (it gets the page, a redirect, or 404 for the
non-existent object the URL names — scoping is proven with real objects in each
app's tests); an anonymous visitor goes to the login page unless the page is
public. GET first; a page that only answers POST is tried with POST.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from maillage.accounts.roles import Role
from tests.factories import StructureFactory, user_with_role
from tests.security.permission_table import application_routes, read_rows, row_for

ROUTES = application_routes()
ROWS = read_rows()
pytestmark = pytest.mark.django_db


def test_every_page_is_in_the_permission_table():
    missing = sorted({r.path for r in ROUTES if row_for(r.normalised, ROWS) is None})
    assert not missing, "Pages absent de docs/permissions.md :\n" + "\n".join(missing)


@pytest.fixture
def users(db):
    structure = StructureFactory(code="MATRIX", kind="referent")
    return {role: user_with_role(role, structure, username=f"m_{role}") for role in Role.values}


def fetch(client, url: str):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    # A download holds its file open; closing the response itself would fire request_finished,
    # which closes the database connection in the middle of the test's transaction.
    for close_resource in getattr(response, "_resource_closers", ()):
        close_resource()
    return response


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_who_may_open_the_page(route, users, client):
    row = row_for(route.normalised, ROWS)
    if row is None:
        pytest.skip("absent de la table : voir test_every_page_is_in_the_permission_table")
    url = route.example()
    wrong = []

    response = fetch(client, url)
    login = reverse(settings.LOGIN_URL)
    went_to_login = response.status_code == 302 and response["Location"].startswith(login)
    if row.public == went_to_login and route.name != "accounts:login":
        wrong.append(
            f"anonyme : {response.status_code} ({'public' if row.public else 'connexion'})"
        )

    for role, user in users.items():
        client.force_login(user)
        status = fetch(client, url).status_code
        allowed = row.allows(user)
        if (allowed and status == 403) or (not allowed and status != 403):
            wrong.append(f"{role} : {status} (attendu {'accès' if allowed else '403'})")
        client.logout()
    assert not wrong, f"{url} (« {row.page} ») :\n" + "\n".join(wrong)
