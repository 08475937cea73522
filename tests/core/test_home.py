"""Each role lands on the page of its daily work; logins are audited."""

import pytest

from maillage.accounts.roles import Role
from maillage.audit.models import Action, AuditEntry
from maillage.core.views import LANDING
from tests.factories import PersonFactory, StructureFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (Role.ADMIN, "/administration/"),
        (Role.REFERENT, "/plie/"),
        (Role.COMPANY_RELATIONS, "/entreprises/"),
        (Role.DIRECTION, "/statistiques/"),
        (Role.FUNDER, "/statistiques/"),
        (Role.CLAUSE_FACILITATOR, "/clauses/"),
        (Role.RECEPTION, "/accueil/"),
        (Role.CULTURE, "/culture/"),
        (Role.CULTURAL_PARTNER, "/culture/partenaire/"),
        (Role.COMPANY_EMPLOYEE, "/culture/choreia/"),
    ],
)
def test_roles_with_a_dedicated_page_are_redirected(client, role, landing):
    client.force_login(user_with_role(role))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == landing


@pytest.mark.parametrize(
    "role",
    [Role.CLAUSE_FACILITATOR, Role.RECEPTION, Role.CULTURE],
)
def test_field_roles_get_their_dashboard_with_their_structure_people_only(
    client, role, monkeypatch
):
    """The generic dashboard, for a role whose service page is not set (or not built)."""
    monkeypatch.delitem(LANDING, role)
    mine = StructureFactory(code="MINE")
    followed_person(mine, last_name="Visible")
    followed_person(StructureFactory(code="OTHER"), last_name="Cachee")
    client.force_login(user_with_role(role, mine))
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "VISIBLE" in content
    assert "CACHEE" not in content


def test_dashboard_query_count_does_not_grow_with_people(client, monkeypatch):
    monkeypatch.delitem(LANDING, Role.RECEPTION)
    structure = StructureFactory(code="MINE")
    user = user_with_role(Role.RECEPTION, structure)
    client.force_login(user)
    followed_person(structure)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for _ in range(20):
        followed_person(structure)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)


def test_funder_never_gets_a_person_page_nor_search(client, funder):
    client.force_login(funder)
    person = PersonFactory()
    assert client.get("/statistiques/").status_code == 200
    assert client.get("/personnes/?q=a").status_code == 403
    assert client.get(f"/personnes/{person.pk}/").status_code in (403, 404)


def test_statistics_are_computed_for_the_users_scope(client, referent_a, structure_a):
    followed_person(structure_a, sex="F")
    followed_person(StructureFactory(code="ZZ"), sex="M")
    client.force_login(referent_a)
    figures = client.get("/statistiques/").context["figures"]
    assert figures["total"] == 1
    assert dict(figures["sex"]) == {"Femme": 1, "Homme": 0}


def test_login_and_failed_login_are_audited(client, referent_a):
    client.post("/connexion/", {"username": "referent_a", "password": "faux"})
    client.post("/connexion/", {"username": "referent_a", "password": "motdepasse-de-test"})
    logins = AuditEntry.objects.filter(action__in=[Action.LOGIN, Action.LOGIN_FAILED])
    actions = list(logins.order_by("id").values_list("action", "actor_name"))
    assert actions == [(Action.LOGIN_FAILED, ""), (Action.LOGIN, "referent_a")]
