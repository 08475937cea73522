"""The person form: French messages, trimmed names, no digits, real QPV, sane dates."""

import datetime

import pytest
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.people.forms import PersonCreateForm, PersonForm
from tests.factories import MembershipFactory, QpvFactory
from tests.people.html import person_form_data

pytestmark = pytest.mark.django_db


data = person_form_data


def test_valid_form_keeps_names_as_typed_but_trimmed():
    form = PersonForm(data(last_name="  MARTIN ", first_names=" hélène  marie "))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["last_name"] == "MARTIN"
    assert form.cleaned_data["first_names"] == "hélène  marie"


@pytest.mark.parametrize(
    "name", ["N'Diaye", "Le Goff-Durand", "O\u2019Brien", "Nguyễn", "Ødegård", "Σοφία", "Ḩasan"]
)
def test_names_accept_letters_of_any_alphabet(name):
    assert PersonForm(data(last_name=name)).is_valid()


@pytest.mark.parametrize("name", ["Martin2", "R2D2", "Jean_Paul", "Martin!", "--", "'"])
def test_names_reject_digits_and_symbols(name):
    form = PersonForm(data(last_name=name))
    assert not form.is_valid()
    assert "pas de chiffres" in form.errors["last_name"][0]


def test_birth_date_in_the_future_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = PersonForm(data(birth_date=tomorrow.isoformat()))
    assert form.errors["birth_date"] == ["La date de naissance ne peut pas être dans le futur."]


def test_birth_date_before_1900_is_refused():
    form = PersonForm(data(birth_date="1899-12-31"))
    assert form.errors["birth_date"] == ["La date de naissance ne peut pas être antérieure à 1900."]


def test_birth_date_accepts_the_french_format():
    form = PersonForm(data(birth_date="07/03/1984"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["birth_date"] == datetime.date(1984, 3, 7)


@pytest.mark.parametrize("postcode", ["6900", "690091", "69OO9"])
def test_postcode_must_have_five_digits(postcode):
    form = PersonForm(data(postcode=postcode))
    assert not form.is_valid()
    assert form.errors["postcode"]
    assert all("5" in message for message in form.errors["postcode"])


def test_qpv_must_exist():
    qpv = QpvFactory()
    assert PersonForm(data(qpv=str(qpv.pk))).is_valid()
    form = PersonForm(data(qpv=str(qpv.pk + 1000)))
    assert form.errors["qpv"] == ["Choisissez un quartier prioritaire de la liste."]


def test_sex_is_f_or_m_and_required_in_french():
    form = PersonForm(data(sex="X", last_name=""))
    assert "sex" in form.errors
    assert form.errors["last_name"] == ["Ce champ est obligatoire."]


def test_email_and_phone_are_optional_but_checked():
    assert PersonForm(data(email="", phone="")).is_valid()
    assert PersonForm(data(email="h@exemple.fr", phone="+33 6 01 02 03 04")).is_valid()
    form = PersonForm(data(email="pas-un-courriel", phone="appelez-moi"))
    assert form.errors["email"] == ["Saisissez une adresse de courriel valide."]
    assert form.errors["phone"]


def test_create_form_asks_the_structure_only_when_there_are_several(referent_a, structure_b):
    assert "structure" not in PersonCreateForm(user=referent_a).fields
    MembershipFactory(user=referent_a, structure=structure_b, role=Role.CULTURE)
    del referent_a.active_memberships  # cached per request
    form = PersonCreateForm(data(structure="999"), user=referent_a)
    assert not form.is_valid()
    assert form.errors["structure"] == ["Choisissez l'une de vos structures."]
    form = PersonCreateForm(data(structure=str(structure_b.pk)), user=referent_a)
    assert form.is_valid(), form.errors
    assert form.chosen_structure() == structure_b
    assert "structure" not in form.person_data()
