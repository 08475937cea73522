"""Recruitment pages: capabilities (403), scope (404), constant queries, the flows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.recruitment.models import Candidacy, Stage
from tests.factories import followed_person, user_with_role
from tests.people.html import page_text
from tests.recruitment.factories import (
    CampaignFactory,
    CandidacyFactory,
    JobOfferFactory,
    PlacementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def chargee(structure_a):
    return user_with_role(Role.COMPANY_RELATIONS, structure_a, username="chargee")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        page_text(response)
    return len(ctx)


def _grow(n, structure, campaign, offer):
    for i in range(n):
        CampaignFactory()
        JobOfferFactory()
        CandidacyFactory(
            campaign=campaign, person=followed_person(structure), channel=["plie", "rsa"][i % 2]
        )
        CandidacyFactory(campaign=None, offer=offer, person=followed_person(structure))
        PlacementFactory(person=followed_person(structure))


def test_pages_have_constant_query_counts(client, chargee, structure_a):
    client.force_login(chargee)
    campaign, offer = CampaignFactory(), JobOfferFactory()
    urls = [
        reverse("recruitment:offers"),
        reverse("recruitment:offer", args=[offer.pk]),
        reverse("recruitment:campaigns"),
        reverse("recruitment:campaign", args=[campaign.pk]),
        reverse("recruitment:placements") + "?annee=2017",
        reverse("recruitment:statistics") + "?annee=2017",
    ]
    _grow(3, structure_a, campaign, offer)
    few = [_count(client, url) for url in urls]
    _grow(27, structure_a, campaign, offer)
    many = [_count(client, url) for url in urls]
    assert few == many


def test_funder_is_refused_everywhere(client, funder):
    client.force_login(funder)
    campaign, offer = CampaignFactory(), JobOfferFactory()
    candidacy = CandidacyFactory(campaign=campaign)
    for url in (
        reverse("recruitment:offers"),
        reverse("recruitment:offer", args=[offer.pk]),
        reverse("recruitment:offer_position", args=[offer.pk]),
        reverse("recruitment:campaigns"),
        reverse("recruitment:campaign", args=[campaign.pk]),
        reverse("recruitment:candidacy", args=[candidacy.pk]),
        reverse("recruitment:placements"),
        reverse("recruitment:statistics"),
    ):
        assert client.get(url).status_code == 403, url


def test_candidacy_out_of_scope_is_404_and_others_only_counted(client, chargee, structure_b):
    client.force_login(chargee)
    campaign = CampaignFactory()
    stranger = CandidacyFactory(campaign=campaign, person=followed_person(structure_b))
    assert client.get(reverse("recruitment:candidacy", args=[stranger.pk])).status_code == 404
    html = page_text(client.get(reverse("recruitment:campaign", args=[campaign.pk])))
    assert str(stranger.person) not in html and "1 autre candidat" in html
    assert "Positionnements" in html and "Présents en info. coll." in html


def test_campaign_page_shows_the_funnel_by_channel(client, chargee, structure_a):
    client.force_login(chargee)
    campaign = CampaignFactory()
    CandidacyFactory(
        campaign=campaign,
        person=followed_person(structure_a),
        channel="rsa",
        reached=5,
        stage=Stage.HIRED,
        hired_on=datetime.date(2017, 11, 1),
    )
    CandidacyFactory(
        campaign=campaign,
        person=followed_person(structure_a),
        channel="pole_emploi_offer",
        reached=2,
    )
    html = page_text(client.get(reverse("recruitment:campaign", args=[campaign.pk])))
    assert "Via l&#x27;offre Pôle emploi" in html and "TOTAL" in html
    assert AuditEntry.objects.filter(action="view", object_type="people.person").count() == 2


def test_position_flow_with_htmx_search(client, referent_a, structure_a, structure_b):
    client.force_login(referent_a)
    offer = JobOfferFactory()
    mine = followed_person(structure_a, last_name="Martinez")
    followed_person(structure_b, last_name="Martinot")
    url = reverse("recruitment:offer_position", args=[offer.pk])
    partial = page_text(client.get(url, {"q": "marti"}, headers={"HX-Request": "true"}))
    assert "MARTINEZ" in partial and "MARTINOT" not in partial and "<h1" not in partial
    assert "<h1" in page_text(client.get(url, {"q": "marti"}))
    page_text(client.get(url, {"personne": mine.pk}))
    response = client.post(
        url, {"personne": mine.pk, "channel": "plie", "positioned_on": "2017-03-02"}
    )
    candidacy = Candidacy.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "recruitment:candidacy", args=[candidacy.pk]
    )
    again = client.post(
        url, {"personne": mine.pk, "channel": "plie", "positioned_on": "2017-03-02"}
    )
    assert again.status_code == 400 and "déjà positionnée" in page_text(again)
    # The référent reads the candidacy but may not move it.
    detail = page_text(client.get(reverse("recruitment:candidacy", args=[candidacy.pk])))
    assert "Changer d&#x27;étape" not in detail
    post = client.post(
        reverse("recruitment:candidacy", args=[candidacy.pk]),
        {"stage": "hired", "date": "2017-03-05"},
    )
    assert post.status_code == 403


def test_stage_form_refuses_a_hire_before_positioning(client, chargee, structure_a):
    client.force_login(chargee)
    candidacy = CandidacyFactory(
        person=followed_person(structure_a), positioned_on=datetime.date(2017, 3, 2)
    )
    url = reverse("recruitment:candidacy", args=[candidacy.pk])
    response = client.post(url, {"stage": "hired", "date": "2017-03-01"})
    assert response.status_code == 400 and "précéder le positionnement" in page_text(response)
    response = client.post(url, {"stage": "hired", "date": "2017-03-09", "contract_type": "cdd"})
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.placement.contract_type == "cdd"
