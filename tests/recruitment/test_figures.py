"""The funnel counts "reached at least this stage"; the Service Entreprises' figures."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.accounts.roles import Role
from maillage.recruitment import figures, services
from maillage.recruitment.models import Channel, Stage
from maillage.reports.blocks import build_report
from tests.factories import StructureFactory, followed_person, user_with_role
from tests.plie.factories import ParcoursFactory
from tests.recruitment.factories import (
    CampaignFactory,
    CandidacyFactory,
    CompanyFactory,
    JobOfferFactory,
    PlacementFactory,
)

pytestmark = pytest.mark.django_db
START = datetime.date(2017, 10, 1)

paths = st.lists(
    st.tuples(
        st.sampled_from([Channel.PLIE, Channel.RSA, Channel.POLE_EMPLOI_OFFER]),
        st.lists(st.sampled_from(Stage.values), max_size=4),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paths=paths)
def test_funnel_counts_never_grow_along_the_stages(paths, django_user_model):
    structure = StructureFactory()
    user = user_with_role(Role.COMPANY_RELATIONS, structure)
    campaign = CampaignFactory()
    for channel, stages in paths:
        person = followed_person(structure)
        candidacy = services.position_candidate(
            person=person, campaign=campaign, channel=channel, positioned_on=START, acting_user=user
        )
        for day, stage in enumerate(stages, start=1):
            try:
                services.change_stage(
                    candidacy=candidacy,
                    stage=stage,
                    on=START + datetime.timedelta(days=day),
                    acting_user=user,
                )
            except Exception as exc:  # a hired candidate cannot move any more
                assert "déjà recruté" in str(exc)
    table = figures.funnels_by_channel([campaign.pk])[campaign.pk]
    for row in table:
        assert row["counts"] == sorted(row["counts"], reverse=True)
    total = table[-1]
    assert total["label"] == "TOTAL" and total["counts"][0] == len(paths)
    network = table[-2]
    assert network["positioned"] == sum(1 for c, _ in paths if c != Channel.POLE_EMPLOI_OFFER)


def test_funnel_runs_one_query_for_many_campaigns():
    campaigns = [CampaignFactory() for _ in range(4)]
    for campaign in campaigns:
        CandidacyFactory.create_batch(3, campaign=campaign, reached=2)
    with CaptureQueriesContext(connection) as ctx:
        tables = figures.funnels_by_channel([c.pk for c in campaigns])
    assert len(ctx) == 1
    assert tables[campaigns[0].pk][-1]["counts"] == [3, 3, 3, 0, 0, 0]


def test_hires_analysis():
    campaign = CampaignFactory(opened_on=datetime.date(2017, 10, 16))
    young_lyon = followed_person(StructureFactory(), birth_date=datetime.date(1995, 1, 1))
    older_elsewhere = followed_person(
        StructureFactory(), birth_date=datetime.date(1970, 1, 1), postcode="69200"
    )
    for person, channel in ((young_lyon, Channel.GARANTIE_JEUNES), (older_elsewhere, Channel.RSA)):
        CandidacyFactory(
            campaign=campaign,
            person=person,
            channel=channel,
            stage=Stage.HIRED,
            reached=5,
            hired_on=datetime.date(2017, 11, 1),
        )
    not_hired = CandidacyFactory(campaign=campaign, channel=Channel.MISSION_LOCALE, reached=3)
    # RQTH: a PLIE entry situation "th" before the hire counts; one after it, or of a
    # candidate not hired, does not.
    ParcoursFactory(person=older_elsewhere, situations=["rsa", "th"])
    ParcoursFactory(person=young_lyon, entry_date=datetime.date(2017, 12, 1), situations=["th"])
    ParcoursFactory(person=not_hired.person, situations=["th"])
    with CaptureQueriesContext(connection) as ctx:
        analysis = figures.hires_analysis(campaign)
    assert len(ctx) == 1
    assert analysis == {
        "hires": 2,
        "lyon": 1,
        "under_26": 1,
        "rsa": 1,
        "rqth": 1,
        "mission_locale": 1,
        "garantie_jeunes": 1,
    }


def test_companies_block():
    partner_a, partner_b, partner_c, idle = (CompanyFactory() for _ in range(4))
    PlacementFactory(company=partner_a, channel="clauses")
    PlacementFactory(company=partner_a, channel="iod")
    PlacementFactory(company=idle, channel="iod", started_on=datetime.date(2016, 12, 31))
    JobOfferFactory(company=partner_b)
    CampaignFactory(company=partner_c, title="Primark")
    block = build_report(2017)["companies"]
    assert block["partner_companies"] == 3
    assert block["placements"] == 2
    assert block["placements_by_channel"] == {
        "clauses": 1,
        "recruitment_support": 0,
        "iod": 1,
        "dating_emploi": 0,
        "other": 0,
    }
    assert block["campaigns"][0]["title"] == "Primark" and block["campaigns"][0]["hired"] == 0
