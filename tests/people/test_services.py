"""Service rules, without HTTP: creation, update, duplicates, attaching a structure."""

import datetime
import random
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.accounts.roles import Role
from maillage.audit.models import Action, AuditEntry
from maillage.people import services
from maillage.people.models import Followup, Person
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    QpvFactory,
    StructureFactory,
    followed_person,
    user_with_role,
)

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1984, 3, 7)


def person_data(**overrides) -> dict:
    data = {
        "last_name": "Martin",
        "first_names": "Hélène",
        "birth_name": "",
        "sex": "F",
        "birth_date": BIRTH,
        "email": "",
        "phone": "",
        "address": "",
        "postcode": "69009",
        "city": "Lyon",
        "qpv": None,
        "education_level": "4",
    }
    return data | overrides


# --- create_person -------------------------------------------------------------------


def test_create_person_follows_the_creator_structure_and_audits(referent_a, structure_a):
    person = services.create_person(person_data(), acting_user=referent_a)

    followup = Followup.objects.get(person=person)
    assert followup.structure == structure_a
    assert followup.service == Followup.Service.GENERAL
    assert person in Person.objects.visible_to(referent_a)

    entry = AuditEntry.objects.get(object_type="people.person", action=Action.CREATE)
    assert entry.person_id == person.pk
    assert entry.actor_name == "referent_a"
    assert entry.changes["last_name"] == [None, "Martin"]
    assert entry.changes["birth_date"] == [None, "1984-03-07"]
    assert entry.changes["external_id"] == [None, person.external_id]
    assert set(entry.changes) == set(Person.AUDITED_FIELDS)
    followup_entry = AuditEntry.objects.get(object_type="people.followup")
    assert followup_entry.person_id == person.pk
    assert followup_entry.changes["structure"] == [None, structure_a.pk]


def test_create_person_with_several_structures_needs_a_choice(referent_a, structure_a, structure_b):
    MembershipFactory(user=referent_a, structure=structure_b, role=Role.RECEPTION)
    with pytest.raises(services.PeopleError):
        services.create_person(person_data(), acting_user=referent_a)
    assert not Person.objects.exists()

    person = services.create_person(person_data(), acting_user=referent_a, structure=structure_b)
    assert list(person.followups.values_list("structure", flat=True)) == [structure_b.pk]


def test_create_person_refuses_a_structure_of_someone_else(referent_a, structure_b):
    with pytest.raises(PermissionDenied):
        services.create_person(person_data(), acting_user=referent_a, structure=structure_b)


def test_admin_creates_without_followup(admin_user):
    person = services.create_person(person_data(), acting_user=admin_user)
    assert not person.followups.exists()


def test_funder_cannot_create(funder):
    with pytest.raises(PermissionDenied):
        services.create_person(person_data(), acting_user=funder)


def test_create_person_validates_and_writes_nothing_when_invalid(referent_a):
    with pytest.raises(ValidationError):
        services.create_person(person_data(postcode="6900"), acting_user=referent_a)
    assert not Person.objects.exists()
    assert not AuditEntry.objects.filter(object_type="people.person").exists()


# --- update_person -------------------------------------------------------------------


def test_update_records_only_changed_fields(referent_a, structure_a):
    person = followed_person(structure_a, last_name="Martin", city="Lyon", email="")
    qpv = QpvFactory()
    changes = services.update_person(
        person,
        {"city": "Vaulx-en-Velin", "email": "a@exemple.fr", "qpv": qpv, "last_name": "Martin"},
        acting_user=referent_a,
    )
    assert changes == {
        "city": ["Lyon", "Vaulx-en-Velin"],
        "email": ["", "a@exemple.fr"],
        "qpv": [None, qpv.pk],
    }
    entry = AuditEntry.objects.get(action=Action.UPDATE)
    assert entry.changes == changes
    assert entry.person_id == person.pk
    person.refresh_from_db()
    assert person.city == "Vaulx-en-Velin"


def test_update_without_change_writes_nothing(referent_a, structure_a):
    person = followed_person(structure_a, last_name="Martin")
    updated_at = person.updated_at
    assert services.update_person(person, {"last_name": "Martin"}, acting_user=referent_a) == {}
    assert not AuditEntry.objects.filter(action=Action.UPDATE).exists()
    person.refresh_from_db()
    assert person.updated_at == updated_at


def test_update_reads_before_from_the_database(referent_a, structure_a):
    """A ModelForm writes typed values on the instance before the service runs."""
    person = followed_person(structure_a, city="Lyon")
    person.city = "Bron"  # what form validation does to the instance
    changes = services.update_person(person, {"city": "Bron"}, acting_user=referent_a)
    assert changes == {"city": ["Lyon", "Bron"]}


def test_update_refreshes_the_search_key(referent_a, structure_a):
    person = followed_person(structure_a, last_name="Martin", first_names="Paul")
    services.update_person(person, {"first_names": "Hélène"}, acting_user=referent_a)
    assert Person.objects.search("helene").get() == person


# --- find_duplicates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "first", "birth_name"),
    [
        ("MARTIN", "helene", ""),  # case and accents
        ("  martin ", "Hélène", ""),
        ("Martín", "Hélene", ""),
        ("Hélène", "Martin", ""),  # swapped first and last names
        ("Martin", "Helen", ""),  # a typo
        ("Dupont", "Hélène", "Martin"),  # married name typed, birth name known
        ("Martin", "Marie", ""),  # same last name and birth date: may be the same person
    ],
)
def test_find_duplicates_matches_variants(last, first, birth_name):
    person = PersonFactory(last_name="Martin", first_names="Hélène", birth_date=BIRTH)
    assert services.find_duplicates(last, first, BIRTH, birth_name) == [person]


def test_find_duplicates_with_hyphens_and_birth_names():
    jp = PersonFactory(last_name="Le Goff", first_names="Jean-Pierre", birth_date=BIRTH)
    married = PersonFactory(
        last_name="Durand", birth_name="Nguyen", first_names="Thi Mai", birth_date=BIRTH
    )
    assert services.find_duplicates("LE-GOFF", "jean pierre", BIRTH) == [jp]
    assert services.find_duplicates("Legoff", "Jean Pierre", BIRTH) == [jp]
    assert services.find_duplicates("Nguyen", "Thi-Mai", BIRTH) == [married]


def test_find_duplicates_ignores_other_dates_and_other_names():
    PersonFactory(last_name="Martin", first_names="Hélène", birth_date=BIRTH)
    PersonFactory(last_name="Bernard", first_names="Louis", birth_date=BIRTH)
    assert services.find_duplicates("Martin", "Hélène", datetime.date(1984, 3, 8)) == []
    assert services.find_duplicates("Petit", "Chloé", BIRTH) == []


def test_find_duplicates_searches_all_people_in_one_query(django_assert_num_queries, structure_b):
    followed_person(structure_b, last_name="Martin", first_names="Hélène", birth_date=BIRTH)
    PersonFactory(last_name="Martin", first_names="Hélène", birth_date=BIRTH)
    with django_assert_num_queries(1):
        assert len(services.find_duplicates("martin", "helene", BIRTH)) == 2


ACCENTED = {"a": "àâä", "c": "ç", "e": "éèêë", "i": "îï", "o": "ôö", "u": "ùûü", "y": "ÿ"}


def accent_variant(text: str, rng: random.Random) -> str:
    """``text`` with random case and accents, as a tired user might type it."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0].lower()
        if base in ACCENTED and rng.random() < 0.5:
            char = rng.choice(ACCENTED[base] + base)
        elif char.isalpha():
            char = unicodedata.normalize("NFD", char)[0]
        out.append(char.upper() if rng.random() < 0.5 else char.lower())
    return "".join(out)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(min_value=0, max_value=2**32), swap=st.booleans())
def test_find_duplicates_finds_any_accent_and_case_variant(db, seed, swap):
    person = Person.objects.filter(last_name="Lefèvre-Brûlé").first() or PersonFactory(
        last_name="Lefèvre-Brûlé", first_names="Anaïs Françoise", birth_date=BIRTH
    )
    rng = random.Random(seed)
    last = accent_variant(person.last_name, rng)
    first = accent_variant(person.first_names, rng)
    if swap:
        last, first = first, last
    assert person in services.find_duplicates(last, first, BIRTH)


# --- attach_to_structure -------------------------------------------------------------


def test_attach_gives_access_and_is_audited(referent_a, structure_a, structure_b):
    person = followed_person(structure_b)
    assert person not in Person.objects.visible_to(referent_a)

    followup = services.attach_to_structure(person, structure_a, acting_user=referent_a)

    assert followup.structure == structure_a
    assert person in Person.objects.visible_to(referent_a)
    entry = AuditEntry.objects.get(object_type="people.followup")
    assert entry.action == Action.CREATE
    assert entry.person_id == person.pk
    assert entry.actor_name == "referent_a"


def test_attach_twice_adds_nothing(referent_a, structure_a, structure_b):
    person = followed_person(structure_b)
    first = services.attach_to_structure(person, structure_a, acting_user=referent_a)
    again = services.attach_to_structure(person, None, acting_user=referent_a)
    assert first == again
    assert AuditEntry.objects.filter(object_type="people.followup").count() == 1


def test_attach_only_to_own_structure(referent_a, structure_b):
    other = StructureFactory(code="C")
    person = followed_person(structure_b)
    with pytest.raises(PermissionDenied):
        services.attach_to_structure(person, other, acting_user=referent_a)
    with pytest.raises(PermissionDenied):
        services.attach_to_structure(person, structure_b, acting_user=user_with_role(Role.FUNDER))
