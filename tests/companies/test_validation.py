"""What a valid company, contact and interaction is: refusals are French and change nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from maillage.companies.models import Company, Contact, Interaction
from maillage.companies.sectors import sector_of
from tests.companies.factories import LA_POSTE_SIRET, VALID_SIRET

pytestmark = pytest.mark.django_db


def _company(**fields):
    return Company(external_id="X1", name="Boulangerie", **fields)


@pytest.mark.parametrize("siret", [VALID_SIRET, "732 829 320 00074", LA_POSTE_SIRET])
def test_valid_sirets_are_accepted_and_compacted(siret):
    company = _company(siret=siret)
    company.full_clean()
    assert company.siret == siret.replace(" ", "")


@pytest.mark.parametrize("siret", ["73282932000075", "1234", "35600000010001"])
def test_invalid_sirets_are_refused_in_french(siret):
    with pytest.raises(ValidationError) as exc:
        _company(siret=siret).full_clean()
    assert "n'est pas valide" in exc.value.message_dict["siret"][0]


@given(st.integers(10_000_000, 99_999_999), st.integers(1, 9999))
def test_a_siret_with_a_wrong_key_is_refused(siren_body, nic):
    siren = str(siren_body) + luhn.calc_check_digit(str(siren_body))
    if siren == "356000000":
        return
    body = f"{siren}{nic:04d}"
    good = body + luhn.calc_check_digit(body)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert _siret_error(good) is None
    assert _siret_error(bad) is not None


def _siret_error(siret):
    try:
        Company(external_id="X", name="N", siret=siret).clean_fields()
    except ValidationError as exc:
        return exc.message_dict.get("siret")
    return None


@pytest.mark.parametrize(("naf", "stored"), [("4711f", "47.11F"), ("56.10A", "56.10A")])
def test_naf_codes_are_normalised(naf, stored):
    company = _company(naf=naf)
    company.full_clean()
    assert company.naf == stored


@pytest.mark.parametrize("naf", ["471", "AB.CDE", "47.111"])
def test_invalid_naf_codes_are_refused(naf):
    with pytest.raises(ValidationError) as exc:
        _company(naf=naf).full_clean()
    assert "Le code NAF" in exc.value.message_dict["naf"][0]


@pytest.mark.parametrize(
    ("naf", "sector"),
    [
        ("56.10A", "Hébergement et restauration"),
        ("43.99C", "Construction"),
        ("78.20Z", "Activités de services administratifs et de soutien"),
        ("", ""),
        ("04.00Z", ""),
    ],
)
def test_the_sector_is_the_naf_section(naf, sector):
    assert sector_of(naf) == sector


def test_search_key_folds_name_and_sign():
    company = Company.objects.create(external_id="K", name="Hôtel Étoile", trade_name="L'Œuf")
    assert company.search_key == "hotel etoile l oeuf"
    assert list(Company.objects.matching("ETOILE oeuf")) == [company]
    assert not Company.objects.matching("lune").exists()


def test_an_interaction_in_the_future_cannot_be_done():
    company = Company.objects.create(external_id="F", name="F")
    future = Interaction(
        company=company, kind="visit", occurred_at=timezone.now() + datetime.timedelta(days=2)
    )
    with pytest.raises(ValidationError) as exc:
        future.full_clean()
    assert exc.value.message_dict["done"] == [
        "Une interaction dans le futur ne peut pas être marquée comme réalisée."
    ]
    future.done = False
    future.full_clean()


def test_a_due_date_needs_an_action_and_the_contact_its_company():
    company = Company.objects.create(external_id="A", name="A")
    other = Company.objects.create(external_id="B", name="B")
    stranger = Contact.objects.create(company=other, last_name="Autre")
    interaction = Interaction(
        company=company,
        contact=stranger,
        kind="call",
        occurred_at=timezone.now(),
        next_action_due=datetime.date(2030, 1, 1),
    )
    with pytest.raises(ValidationError) as exc:
        interaction.full_clean()
    assert set(exc.value.message_dict) == {"next_action", "contact"}


def test_a_contact_cannot_leave_before_arriving():
    contact = Contact(
        company=Company.objects.create(external_id="C", name="C"),
        last_name="Martin",
        active_from=datetime.date(2020, 5, 1),
        active_until=datetime.date(2020, 4, 1),
    )
    with pytest.raises(ValidationError):
        contact.full_clean()
