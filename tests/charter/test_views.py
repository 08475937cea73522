"""Charter pages: capabilities (403), person scope (404, names audited), forms, htmx, constant
query counts on the lists."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.charter.models import Commitment, Evening, Guest, Signature, Sponsorship
from tests.charter.factories import (
    CommitmentFactory,
    EveningFactory,
    GuestFactory,
    SignatoryFactory,
    SignatureFactory,
    SponsorshipFactory,
)
from tests.companies.factories import CompanyFactory, ContactFactory, InteractionFactory
from tests.factories import StructureFactory, followed_person, user_with_role
from tests.people.html import page_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def structure():
    return StructureFactory(code="ALLIES")


@pytest.fixture
def chargee(structure):
    return user_with_role(Role.COMPANY_RELATIONS, structure, username="chargee")


@pytest.fixture
def logged(client, chargee):
    client.force_login(chargee)
    return client


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    page_text(response)
    return len(queries)


@pytest.mark.parametrize(
    "name", ["charter:home", "charter:sponsorships", "charter:evenings", "zfu:reporting"]
)
def test_pages_need_view_companies(client, name):
    url = reverse(name)
    assert client.get(url).status_code == 302  # anonymous: login page
    client.force_login(user_with_role(Role.REFERENT, username="ref"))
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.DIRECTION, username="dir"))
    assert client.get(url).status_code == 200


def test_direction_reads_but_does_not_write(client):
    company = SignatoryFactory()
    client.force_login(user_with_role(Role.DIRECTION, username="dir"))
    html = page_text(client.get(reverse("charter:company", args=[company.pk])))
    assert "Enregistrer la signature" not in html and "Modifier la signature" not in html
    assert client.get(reverse("charter:sign", args=[company.pk])).status_code == 403
    assert client.post(reverse("charter:evenings"), {"title": "x"}).status_code == 403


def test_home_lists_signatories_with_the_rate_in_constant_queries(logged):
    def make(n):
        for _ in range(n):
            company = SignatoryFactory(charter_signed_on=datetime.date(2017, 3, 1))
            SignatureFactory(company=company)
            CommitmentFactory(company=company, realised_on=datetime.date(2017, 6, 1))
            CommitmentFactory(company=company, kind="testify")

    url = reverse("charter:home") + "?annee=2017"
    make(2)
    few = _count(logged, url)
    make(10)
    SignatoryFactory(charter_signed_on=datetime.date(2017, 4, 1))  # imported: no Signature
    assert _count(logged, url) == few
    html = page_text(logged.get(url))
    assert "13 signataires" in html
    assert "50 %" in html  # 12 realised of 24 followed
    assert "à compléter" in html


def test_home_filters(logged):
    old = SignatoryFactory(name="Ancienne", charter_signed_on=datetime.date(2014, 1, 1))
    new = SignatoryFactory(name="Nouvelle", charter_signed_on=datetime.date(2017, 5, 1))
    CommitmentFactory(company=new, kind="testify")
    url = reverse("charter:home")
    html = page_text(logged.get(url, {"annee": 2017, "nouvelles": "on"}))
    assert "Nouvelle" in html and "Ancienne" not in html
    html = page_text(logged.get(url, {"annee": 2017, "engagement": "testify"}))
    assert "Nouvelle" in html and "Ancienne" not in html
    html = page_text(logged.get(url, {"annee": 2016}))
    assert old.name in html and "Nouvelle" not in html


def test_signing_from_the_company_page(logged, chargee):
    company = CompanyFactory(name="Hôtel Étoile")
    found = page_text(logged.get(reverse("charter:choose_company"), {"q": "etoile"}))
    assert reverse("charter:company", args=[company.pk]) in found
    url = reverse("charter:sign", args=[company.pk])
    refused = logged.post(url, {"signed_on": "2017-07-27", "signatory_name": ""})
    assert refused.status_code == 400
    assert not Signature.objects.exists()
    response = logged.post(
        url,
        {
            "signed_on": "2017-07-27",
            "signatory_name": "Claire Durand",
            "signatory_function": "Directrice",
            "officer": chargee.pk,
            "kinds": ["recruitment", "testify"],
        },
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.charter_signed_on == datetime.date(2017, 7, 27)
    assert company.charter_commitments.count() == 2
    html = page_text(logged.get(reverse("charter:company", args=[company.pk])))
    assert "Claire Durand" in html and "Témoigner de mon expérience" in html


def test_commitment_added_then_realised_with_an_interaction(logged):
    company = SignatoryFactory()
    response = logged.post(
        reverse("charter:commitment_add", args=[company.pk]),
        {"kind": "training", "taken_on": "2017-02-01", "description": "Deux immersions"},
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    interaction = InteractionFactory(company=company)
    url = reverse("charter:follow_up", args=[commitment.pk])
    page_text(logged.get(url))
    refused = logged.post(url, {"outcome": "realised", "on": TODAY.isoformat()})
    assert refused.status_code == 400
    assert "Indiquez la preuve" in refused.content.decode()
    response = logged.post(
        url,
        {
            "outcome": "realised",
            "on": TODAY.isoformat(),
            "evidence_kind": "interaction",
            "interaction": interaction.pk,
        },
    )
    assert response.status_code == 302
    assert Commitment.objects.get().status == "realised"


def test_commitment_dropped(logged):
    commitment = CommitmentFactory()
    response = logged.post(
        reverse("charter:follow_up", args=[commitment.pk]),
        {"outcome": "dropped", "on": TODAY.isoformat(), "note": "Plus de nouvelles"},
    )
    assert response.status_code == 302
    assert Commitment.objects.get().status == "dropped"


def test_company_page_names_sponsorships_in_scope_only(logged, structure):
    company = SignatoryFactory()
    mine = SponsorshipFactory(company=company, person=followed_person(structure))
    SponsorshipFactory(company=company)  # a person another structure follows
    html = page_text(logged.get(reverse("charter:company", args=[company.pk])))
    assert str(mine.person) in html
    assert "1 autre parrainage" in html
    viewed = AuditEntry.objects.filter(action="view").values_list("person_id", flat=True)
    assert list(viewed) == [mine.person_id]


def test_sponsorship_list_in_constant_queries_and_scope(logged, structure):
    def make(n):
        for _ in range(n):
            SponsorshipFactory(person=followed_person(structure))
        SponsorshipFactory()  # out of scope

    url = reverse("charter:sponsorships")
    make(2)
    few = _count(logged, url)
    make(10)
    assert _count(logged, url) == few
    html = page_text(logged.get(url))
    assert "12 parrainages" in html and "2 autres" in html
    hidden = Sponsorship.objects.exclude(person__followups__structure=structure).first()
    assert logged.get(reverse("charter:sponsorship", args=[hidden.pk])).status_code == 404


def test_sponsorship_created_from_a_person_search(logged, structure):
    company = SignatoryFactory()
    contact = ContactFactory(company=company)
    person = followed_person(structure, last_name="Zidane", first_names="Inès")
    url = reverse("charter:sponsorship_add", args=[company.pk])
    found = logged.get(url, {"q": "zidane"}, headers={"HX-Request": "true"})
    assert f"?personne={person.pk}" in page_text(found)
    page_text(logged.get(url, {"personne": person.pk}))
    response = logged.post(
        url,
        {"personne": person.pk, "sponsor_contact": contact.pk, "started_on": "2017-03-01"},
    )
    assert response.status_code == 302
    sponsorship = Sponsorship.objects.get()
    detail = reverse("charter:sponsorship", args=[sponsorship.pk])
    assert response["Location"] == detail
    refused = logged.post(
        detail,
        {"sponsor_contact": contact.pk, "started_on": "2017-03-01", "outcome": "employment"},
    )
    assert refused.status_code == 400
    closed = logged.post(
        detail,
        {
            "sponsor_contact": contact.pk,
            "started_on": "2017-03-01",
            "ended_on": "2017-09-01",
            "outcome": "employment",
        },
    )
    assert closed.status_code == 302
    assert Sponsorship.objects.get().outcome == "employment"
    assert AuditEntry.objects.filter(action="view", object_type="charter.sponsorship").exists()


def test_sponsorship_for_a_person_out_of_scope_is_404(logged):
    company = SignatoryFactory()
    other = followed_person(StructureFactory(code="OTHER"))
    url = reverse("charter:sponsorship_add", args=[company.pk])
    assert logged.get(url, {"personne": other.pk}).status_code == 404


def test_evening_created_guests_added_and_status_changed_with_htmx(logged):
    response = logged.post(
        reverse("charter:evenings"),
        {"held_on": "2017-03-20", "title": "Lancement", "place": "Musée des Confluences"},
    )
    assert response.status_code == 302
    evening = Evening.objects.get()
    contact = ContactFactory(company=SignatoryFactory(name="Boulangerie Lumière"))
    url = reverse("charter:evening", args=[2017])
    options = logged.get(
        reverse("charter:guest_contacts", args=[2017]), {"company": contact.company_id}
    )
    assert str(contact) in options.content.decode()
    response = logged.post(
        url, {"company": contact.company_id, "contact": contact.pk, "status": "invited"}
    )
    assert response.status_code == 302
    duplicate = logged.post(
        url, {"company": contact.company_id, "contact": contact.pk, "status": "invited"}
    )
    assert duplicate.status_code == 400
    guest = Guest.objects.get()
    row = logged.post(
        reverse("charter:guest_status", args=[guest.pk]),
        {"status": "present"},
        headers={"HX-Request": "true"},
    )
    assert f'id="guest-{guest.pk}"' in page_text(row)
    assert Guest.objects.get().status == "present"
    html = page_text(logged.get(url))
    assert "Boulangerie Lumière" in html
    printed = page_text(logged.get(reverse("charter:evening_print", args=[2017])))
    assert str(contact) in printed and "data-print" in printed
    assert evening.guests.count() == 1


def test_evening_pages_in_constant_queries(logged):
    evening = EveningFactory()
    GuestFactory.create_batch(2, evening=evening)
    urls = [reverse("charter:evening", args=[2017]), reverse("charter:evening_print", args=[2017])]
    few = [_count(logged, url) for url in urls]
    GuestFactory.create_batch(10, evening=evening)
    GuestFactory(evening=evening, company=None, structure=StructureFactory(), name="Élue")
    assert [_count(logged, url) for url in urls] == few
    few_list = _count(logged, reverse("charter:evenings"))
    EveningFactory(year=2018, held_on=datetime.date(2018, 3, 19))
    assert _count(logged, reverse("charter:evenings")) == few_list


def test_invite_signatories_button(logged):
    EveningFactory()
    SignatoryFactory.create_batch(2)
    response = logged.post(reverse("charter:invite_signatories", args=[2017]))
    assert response.status_code == 302
    assert Guest.objects.count() == 2
