"""The demo's recruitment step: the seed's four campaigns, placements, idempotent."""

import io

import pytest
from django.core.management import call_command

from maillage.recruitment import figures
from maillage.recruitment.models import Campaign, Candidacy, Placement


@pytest.mark.django_db
def test_demo_campaigns_and_placements():
    call_command("demo", people=200, plie_scale=0, stdout=io.StringIO())
    campaigns = Campaign.objects.filter(code__startswith="DEMO-CAMP-")
    assert sorted(c.code for c in campaigns) == [
        "DEMO-CAMP-EXKI",
        "DEMO-CAMP-INTERMARCHE",
        "DEMO-CAMP-PRIMARK",
        "DEMO-CAMP-UNIQLO",
    ]
    tables = figures.funnels_by_channel([c.pk for c in campaigns])
    for table in tables.values():
        for row in table:
            assert row["counts"] == sorted(row["counts"], reverse=True)
        assert table[-1]["hired"] > 0
    for candidacy in Candidacy.objects.filter(hired_on__isnull=False):
        assert candidacy.hired_on >= candidacy.positioned_on
    by_channel = figures.placements_by_channel(2017)
    # Clauses and Dating Emploi come from their modules' demo steps (IOD needs the PLIE).
    assert by_channel["clauses"] > by_channel["recruitment_support"] > 0
    assert by_channel["dating_emploi"] > 0
    counts = (Candidacy.objects.count(), Placement.objects.count())
    call_command("demo", people=200, plie_scale=0, stdout=io.StringIO())
    assert (Candidacy.objects.count(), Placement.objects.count()) == counts


@pytest.mark.django_db
def test_fewer_people_than_candidates_keeps_campaigns_smaller():
    import datetime
    import random

    from maillage.demo.base import DemoContext
    from maillage.demo.recruitment import create_recruitment
    from tests.factories import PersonFactory
    from tests.recruitment.factories import CompanyFactory

    PersonFactory.create_batch(2)
    CompanyFactory(external_id="DEMO-ENT-0001")
    context = DemoContext(seed=1, people_count=0, today=datetime.date(2018, 1, 1))
    create_recruitment(random.Random(1), context)
    for campaign in Campaign.objects.all():
        assert campaign.candidacies.count() <= 2
    assert Placement.objects.exists()
