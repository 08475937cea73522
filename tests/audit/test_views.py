"""The audit log page: who may read it, filters, readable changes, read-only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.audit.formatting import readable_changes
from maillage.audit.models import Action, AuditEntry
from maillage.audit.services import log
from tests.factories import PersonFactory, user_with_role
from tests.people.html import page_text

pytestmark = pytest.mark.django_db

URL = reverse("audit:list")


def test_referent_and_funder_get_403(client, referent_a, funder):
    for user in (referent_a, funder):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_admin_and_direction_see_entries(client, admin_user, structure_a):
    person = PersonFactory(last_name="Martin")
    log(Action.UPDATE, person, changes={"city": ["Lyon", "Bron"]})
    for user in (admin_user, user_with_role(Role.DIRECTION, structure_a)):
        client.force_login(user)
        html = page_text(client.get(URL))
        assert "MARTIN" in html
        assert "Modification" in html
        assert "Lyon → Bron" in html
        assert "commune" in html  # the field's French name


def test_filters(client, admin_user):
    first, second = PersonFactory(), PersonFactory()
    log(Action.VIEW, first)
    log(Action.UPDATE, second, changes={"city": ["Lyon", "Bron"]})
    client.force_login(admin_user)  # logs a "login" entry for "admin"

    def listed(**params) -> int:
        html = page_text(client.get(URL, params))
        return html.count('<span class="badge">')

    # The admin's role (fixture) was audited too: 4 entries.
    assert listed() == 4
    assert listed(action="view") == 1
    assert listed(person=second.pk) == 1
    assert listed(object_type="people.person") == 2
    assert listed(actor="adm") == 1
    today = timezone.localdate()
    assert listed(date_from=today.isoformat(), date_to=today.isoformat()) == 4
    assert listed(date_to=(today - datetime.timedelta(days=1)).isoformat()) == 0
    html = page_text(client.get(URL, {"date_from": "2025-02-01", "date_to": "2025-01-01"}))
    assert "La date de fin précède la date de début." in html


def test_pagination_keeps_the_filters(client, admin_user):
    person = PersonFactory()
    AuditEntry.objects.bulk_create(
        [AuditEntry(action=Action.VIEW, object_type="people.person", person_id=person.pk)] * 60
    )
    client.force_login(admin_user)
    html = page_text(client.get(URL, {"action": "view"}))
    assert "60 entrées" in html
    assert "?action=view&amp;page=2" in html


def test_query_count_does_not_grow_with_entries(client, admin_user):
    person = PersonFactory()

    def count_queries() -> int:
        client.force_login(admin_user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    for _ in range(3):
        log(Action.UPDATE, person, changes={"city": ["Lyon", "Bron"]})
    few = count_queries()
    for _ in range(40):
        log(Action.UPDATE, person, changes={"city": ["Lyon", "Bron"]})
    assert count_queries() == few


def test_the_log_is_read_only_through_the_page(client, admin_user):
    client.force_login(admin_user)
    assert client.post(URL, {}).status_code == 405
    assert client.delete(URL).status_code == 405


def test_readable_changes_of_a_merge():
    changes = {
        "merged_from": {"id": 12, "external_id": "MA-1"},
        "moved": {"people.followup.person": 2},
        "fields": {"email": ["", "h@exemple.fr"]},
    }
    assert readable_changes("people.person", changes) == [
        ("Fiche fusionnée dans celle-ci", "n° : 12 ; identifiant externe : MA-1"),
        ("Éléments déplacés", "suivis : 2"),
        ("Champs complétés", "courriel : (vide) → h@exemple.fr"),
    ]
    assert readable_changes("gone.model", {"x": [None, True]}) == [("x", "(vide) → oui")]
