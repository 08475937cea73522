"""The merge tool: administrators only, side-by-side comparison, confirmation."""

import pytest
from django.urls import reverse

from maillage.audit.models import Action, AuditEntry
from maillage.people.models import Person
from tests.factories import followed_person
from tests.people.html import page_text

pytestmark = pytest.mark.django_db

URL = reverse("people:merge")


@pytest.fixture
def twins(structure_a, structure_b):
    keep = followed_person(structure_a, last_name="Martin", first_names="Hélène", email="")
    remove = followed_person(
        structure_b, last_name="MARTIN", first_names="Helene", email="h@exemple.fr"
    )
    return keep, remove


def test_merge_is_403_for_non_admins(client, referent_a, twins):
    keep, remove = twins
    client.force_login(referent_a)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"keep": keep.pk, "remove": remove.pk}).status_code == 403
    assert Person.objects.count() == 2


def test_admin_searches_compares_and_merges(client, admin_user, twins):
    keep, remove = twins
    client.force_login(admin_user)

    html = page_text(client.get(URL, {"q": "martin helene"}))
    assert f'<th scope="row">{keep.pk}</th>' in html
    assert f'<th scope="row">{remove.pk}</th>' in html

    html = page_text(client.get(URL, {"keep": keep.pk, "remove": remove.pk, "compare": "1"}))
    assert "Comparaison" in html
    assert "h@exemple.fr" in html
    assert "repris sur la fiche conservée" in html
    assert "data-confirm=" in html
    assert AuditEntry.objects.filter(action=Action.VIEW, person_id=remove.pk).exists()

    response = client.post(URL, {"keep": keep.pk, "remove": remove.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[keep.pk])
    assert list(Person.objects.all()) == [keep]
    assert AuditEntry.objects.filter(action=Action.MERGE, person_id=keep.pk).exists()
    html = page_text(client.get(response["Location"]))
    assert "a été fusionnée" in html
    assert "Structure B" in html  # the removed file's follow-up moved here


def test_choosing_twice_the_same_file_or_an_unknown_one(client, admin_user, twins):
    keep, _remove = twins
    client.force_login(admin_user)
    html = page_text(client.get(URL, {"keep": keep.pk, "remove": keep.pk, "compare": "1"}))
    assert "Choisissez deux fiches différentes." in html
    html = page_text(client.get(URL, {"keep": keep.pk, "remove": 999999, "compare": "1"}))
    assert "Aucune fiche n° 999999." in html
    response = client.post(URL, {"keep": keep.pk, "remove": keep.pk})
    assert response.status_code == 200
    assert Person.objects.count() == 2


def test_link_from_a_file_prefills_the_kept_one_without_errors(client, admin_user, twins):
    keep, _remove = twins
    client.force_login(admin_user)
    html = page_text(client.get(URL, {"keep": keep.pk}))
    assert f'value="{keep.pk}"' in html
    assert "errorlist" not in html
