"""Creating (with the duplicate check) and editing a file through the pages."""

import datetime

import pytest
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import Action, AuditEntry
from maillage.people.models import Followup, Person
from tests.factories import MembershipFactory, followed_person, user_with_role
from tests.people.html import page_text, person_form_data

pytestmark = pytest.mark.django_db

CREATE = reverse("people:create")


def form_data(**overrides) -> dict:
    return person_form_data(**{"education_level": "4", **overrides})


def test_create_form_page(client, referent_a):
    client.force_login(referent_a)
    html = page_text(client.get(CREATE))
    assert '<label for="id_last_name"' in html
    assert "homonyme" not in html  # only shown with duplicates


def test_create_then_the_creator_sees_the_file(client, referent_a, structure_a):
    client.force_login(referent_a)
    response = client.post(CREATE, form_data(last_name="  MARTIN "))
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert person.last_name == "MARTIN"
    assert Followup.objects.get(person=person).structure == structure_a
    assert client.get(response["Location"]).status_code == 200


def test_errors_are_shown_in_french_next_to_fields_and_nothing_is_saved(client, referent_a):
    client.force_login(referent_a)
    response = client.post(CREATE, form_data(postcode="6900", last_name="Mart1n"))
    html = page_text(response)
    assert response.status_code == 200
    assert not Person.objects.exists()
    assert "Le code postal doit compter 5 chiffres." in html
    assert 'id="id_postcode_error"' in html
    assert 'aria-describedby="id_postcode_helptext id_postcode_error"' in html
    assert "pas de chiffres" in html
    assert "field-error" in html


def test_duplicate_in_scope_is_linked_and_homonym_can_still_be_created(
    client, referent_a, structure_a
):
    existing = followed_person(
        structure_a, last_name="Martin", first_names="Hélène", birth_date=datetime.date(1984, 3, 7)
    )
    client.force_login(referent_a)
    html = page_text(client.post(CREATE, form_data(last_name="MARTIN", first_names="helene")))
    assert Person.objects.count() == 1
    assert reverse("people:detail", args=[existing.pk]) in html
    assert "homonyme" in html

    response = client.post(CREATE, form_data(homonym="on"))
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_duplicate_out_of_scope_reveals_nothing_and_can_be_attached(
    client, referent_a, structure_a, structure_b
):
    existing = followed_person(
        structure_b,
        last_name="Martin",
        first_names="Hélène",
        birth_date=datetime.date(1984, 3, 7),
        email="secret@exemple.fr",
        city="Villeurbanne",
    )
    client.force_login(referent_a)
    html = page_text(client.post(CREATE, form_data(first_names="Helene")))
    assert "déjà suivie par une autre structure" in html
    assert "La rattacher à ma structure" in html
    for secret in ("secret@exemple.fr", "Villeurbanne", "Structure B", "Hélène"):
        assert secret not in html
    assert reverse("people:detail", args=[existing.pk]) not in html

    response = client.post(CREATE, form_data(first_names="Helene", attach=str(existing.pk)))
    assert response["Location"] == reverse("people:detail", args=[existing.pk])
    assert Person.objects.count() == 1
    assert existing.followups.filter(structure=structure_a).exists()
    assert client.get(response["Location"]).status_code == 200


def test_attach_needs_the_typed_name_and_birth_date(client, referent_a, structure_b):
    """Knowing an id is not enough to attach someone's file."""
    someone = followed_person(structure_b, birth_date=datetime.date(1970, 1, 1))
    client.force_login(referent_a)
    response = client.post(CREATE, form_data(attach=str(someone.pk)))
    assert response.status_code == 200
    assert not someone.followups.filter(structure__code="A").exists()
    assert "ne correspond pas" in page_text(response)


def test_user_with_two_structures_chooses_one(client, referent_a, structure_a, structure_b):
    MembershipFactory(user=referent_a, structure=structure_b, role=Role.CULTURE)
    client.force_login(referent_a)
    html = page_text(client.post(CREATE, form_data()))
    assert "Structure qui suit la personne" in html
    assert not Person.objects.exists()
    client.post(CREATE, form_data(structure=str(structure_b.pk)))
    assert Followup.objects.get().structure == structure_b


def test_create_needs_edit_capability(client, structure_a):
    client.force_login(user_with_role(Role.DIRECTION, structure_a))
    assert client.get(CREATE).status_code == 403


def test_edit_records_the_changes(client, referent_a, structure_a):
    person = followed_person(structure_a, last_name="Martin", first_names="Hélène", city="Lyon")
    url = reverse("people:edit", args=[person.pk])
    client.force_login(referent_a)
    html = page_text(client.get(url))
    assert 'value="Martin"' in html
    data = form_data(
        last_name="Martin",
        first_names="Hélène",
        birth_date=person.birth_date.isoformat(),
        sex=person.sex,
        city="Bron",
        education_level=person.education_level,
    )
    response = client.post(url, data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.UPDATE)
    assert entry.changes["city"] == ["Lyon", "Bron"]
    assert "last_name" not in entry.changes


def test_edit_with_errors_keeps_the_stored_file(client, referent_a, structure_a):
    person = followed_person(structure_a, last_name="Martin")
    client.force_login(referent_a)
    url = reverse("people:edit", args=[person.pk])
    response = client.post(url, form_data(last_name="M4rtin", birth_date="2999-01-01"))
    html = page_text(response)
    assert "Modifier la fiche de MARTIN" in html
    assert "La date de naissance ne peut pas être dans le futur." in html
    person.refresh_from_db()
    assert person.last_name == "Martin"
    assert not AuditEntry.objects.filter(action=Action.UPDATE).exists()


def test_edit_without_change_says_so(client, referent_a, structure_a):
    person = followed_person(
        structure_a, last_name="Martin", first_names="Paul", sex="M", city="Lyon", postcode="69009"
    )
    client.force_login(referent_a)
    data = form_data(
        last_name="Martin",
        first_names="Paul",
        sex="M",
        birth_date=person.birth_date.isoformat(),
        education_level="",
    )
    response = client.post(reverse("people:edit", args=[person.pk]), data, follow=True)
    assert "Aucune modification" in page_text(response)
    assert not AuditEntry.objects.filter(action=Action.UPDATE).exists()
