"""Forms of offers, campaigns, sessions and manual placements: 403, 404, 400, flows."""

import datetime

import pytest
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.recruitment.models import Campaign, CampaignSession, JobOffer, Placement
from tests.factories import followed_person, user_with_role
from tests.people.html import page_text
from tests.recruitment.factories import (
    CampaignFactory,
    CandidacyFactory,
    CompanyFactory,
    JobOfferFactory,
    PlacementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def chargee(structure_a):
    return user_with_role(Role.COMPANY_RELATIONS, structure_a, username="chargee")


@pytest.fixture
def logged(client, chargee):
    client.force_login(chargee)
    return client


def offer_data(company, **overrides):
    return {
        "company": company.pk,
        "title": "Vendeur en prêt-à-porter",
        "rome_code": "d1214",
        "rome_label": "Vente en habillement",
        "contract_type": "cdi",
        "weekly_hours": "35",
        "location": "Lyon 2e",
        "posts": "3",
        "source": "recruitment_support",
        "published_on": "2017-10-02",
    } | overrides


def test_referent_and_direction_may_not_edit(client, referent_a):
    offer, campaign = JobOfferFactory(), CampaignFactory()
    session = CampaignSession.objects.create(
        campaign=campaign, kind="information", date=campaign.opened_on
    )
    placement = PlacementFactory(channel="other")
    urls = [
        reverse("recruitment:offer_create"),
        reverse("recruitment:offer_update", args=[offer.pk]),
        reverse("recruitment:offer_close", args=[offer.pk]),
        reverse("recruitment:offer_reopen", args=[offer.pk]),
        reverse("recruitment:campaign_create"),
        reverse("recruitment:campaign_update", args=[campaign.pk]),
        reverse("recruitment:session_create", args=[campaign.pk]),
        reverse("recruitment:session_update", args=[session.pk]),
        reverse("recruitment:session_delete", args=[session.pk]),
        reverse("recruitment:placement_create"),
        reverse("recruitment:placement_update", args=[placement.pk]),
    ]
    for user in (referent_a, user_with_role(Role.DIRECTION)):
        client.force_login(user)
        for url in urls:
            assert client.post(url, {}).status_code == 403, url
    # Read pages offer no editing links to them.
    html = page_text(client.get(reverse("recruitment:offer", args=[offer.pk])))
    assert "Modifier l'offre" not in html and "Clore" not in html


def test_offer_create_refused_then_fixed(logged):
    company = CompanyFactory(name="Primark Lyon", city="Lyon")
    url = reverse("recruitment:offer_create")
    form = page_text(logged.get(url, {"entreprise": company.pk}))
    assert f'<option value="{company.pk}" selected>Primark Lyon (Lyon)</option>' in form
    assert "Rechercher l'entreprise" in form
    response = logged.post(url, offer_data(company, rome_code="D12", posts="0"))
    html = page_text(response)
    assert response.status_code == 400
    assert "Rien n'a été enregistré" in html
    assert "Le code ROME compte une lettre majuscule et 4 chiffres" in html
    assert not JobOffer.objects.exists()
    response = logged.post(url, offer_data(company))
    offer = JobOffer.objects.get()
    assert response["Location"] == reverse("recruitment:offer", args=[offer.pk])
    assert (offer.rome_code, offer.posts, offer.company) == ("D1214", 3, company)
    html = page_text(logged.get(response["Location"]))
    assert "Modifier l'offre" in html and "Clore l'offre" in html


def test_offer_update_close_and_reopen(logged):
    offer = JobOfferFactory(published_on=datetime.date(2017, 3, 1))
    url = reverse("recruitment:offer_update", args=[offer.pk])
    assert "Agent de propreté" in page_text(logged.get(url))
    response = logged.post(
        url, offer_data(offer.company, title="Agent d'entretien", published_on="2017-03-01")
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Agent d'entretien"

    close = reverse("recruitment:offer_close", args=[offer.pk])
    response = logged.post(close, {"status": "filled", "on": "2017-02-01"})
    assert response.status_code == 400
    assert "avant d&#x27;avoir été reçue (01/03/2017)" in page_text(response)
    response = logged.post(close, {"status": "filled", "on": "2017-04-01", "note": "Pourvue"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.status, offer.closed_on) == ("filled", datetime.date(2017, 4, 1))
    html = page_text(logged.get(reverse("recruitment:offer", args=[offer.pk])))
    assert "Pourvue le 01/04/2017" in html and "Positionner un candidat" not in html
    assert "Rouvrir l'offre" in html
    logged.post(reverse("recruitment:offer_reopen", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.is_open


def test_campaign_and_session_flow(logged):
    company = CompanyFactory()
    response = logged.post(
        reverse("recruitment:campaign_create"),
        {
            "company": company.pk,
            "title": "UNIQLO — ouverture",
            "opened_on": "2017-05-15",
            "closes_on": "2017-05-01",
            "description": "",
        },
    )
    assert response.status_code == 400 and "précéder son ouverture" in page_text(response)
    response = logged.post(
        reverse("recruitment:campaign_create"),
        {"company": company.pk, "title": "UNIQLO — ouverture", "opened_on": "2017-05-15"},
    )
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("recruitment:campaign", args=[campaign.pk])
    add = reverse("recruitment:session_create", args=[campaign.pk])
    session_data = {
        "kind": "interviews",
        "date": "2017-06-01",
        "start_time": "09:30",
        "venue": "pole_emploi",
        "place": "Agence Part-Dieu",
        "capacity": "40",
    }
    response = logged.post(add, session_data | {"date": "2017-05-01"})
    assert response.status_code == 400
    assert "précéder l&#x27;ouverture de la campagne (15/05/2017)" in page_text(response)
    assert logged.post(add, session_data).status_code == 302
    session = CampaignSession.objects.get()
    html = page_text(logged.get(reverse("recruitment:campaign", args=[campaign.pk])))
    assert "01/06/2017 à 09:30" in html and "Pôle emploi — Agence Part-Dieu" in html
    response = logged.post(
        reverse("recruitment:session_update", args=[session.pk]),
        session_data | {"capacity": "45"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.capacity == 45
    logged.post(reverse("recruitment:session_delete", args=[session.pk]))
    assert not CampaignSession.objects.exists()
    assert logged.get(reverse("recruitment:session_delete", args=[campaign.pk])).status_code == 405


def test_manual_placement_flow(logged, structure_a, structure_b):
    mine = followed_person(structure_a, last_name="Martinez")
    stranger = followed_person(structure_b, last_name="Martinot")
    company = CompanyFactory()
    url = reverse("recruitment:placement_create")
    partial = page_text(logged.get(url, {"q": "marti"}, headers={"HX-Request": "true"}))
    assert "MARTINEZ" in partial and "MARTINOT" not in partial
    assert logged.get(url, {"personne": stranger.pk}).status_code == 404
    form = page_text(logged.get(url, {"personne": mine.pk}))
    assert '<option value="clauses"' not in form and '<option value="other"' in form
    data = {
        "personne": mine.pk,
        "company": company.pk,
        "contract_type": "cdd",
        "started_on": "2017-06-12",
        "channel": "clauses",
    }
    response = logged.post(url, data)
    assert response.status_code == 400 and not Placement.objects.exists()
    assert logged.post(url, data | {"channel": "other"}).status_code == 302
    placement = Placement.objects.get()
    again = logged.post(url, data | {"channel": "recruitment_support"})
    assert again.status_code == 400 and "déjà enregistrée" in page_text(again)
    assert AuditEntry.objects.filter(action="view", person_id=mine.pk).exists()

    edit = reverse("recruitment:placement_update", args=[placement.pk])
    page_text(logged.get(edit))
    response = logged.post(edit, data | {"channel": "other", "contract_type": "cdi"})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.contract_type == "cdi"
    # A placement of a candidacy is corrected through its candidacy; out of scope is 404.
    from_candidacy = PlacementFactory(
        person=mine, channel="other", candidacy=CandidacyFactory(person=mine)
    )
    edit = reverse("recruitment:placement_update", args=[from_candidacy.pk])
    assert logged.get(edit)["Location"] == reverse("recruitment:placements")
    hidden = PlacementFactory(person=stranger, channel="other")
    edit = reverse("recruitment:placement_update", args=[hidden.pk])
    assert logged.get(edit).status_code == 404
    html = page_text(logged.get(reverse("recruitment:placements")))
    assert html.count(">Corriger</a>") == 1
