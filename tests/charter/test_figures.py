"""The charter's figures: the realisation rate as docs/charter.md defines it, the report block,
the partner-company source."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from maillage.charter.figures import (
    charter_block,
    commitments_of_year,
    partner_company_ids,
    realisation,
)
from maillage.charter.models import Commitment
from maillage.companies.models import Company
from maillage.companies.partners import partner_sources
from maillage.reports.blocks import registered
from tests.charter.factories import (
    CommitmentFactory,
    EveningFactory,
    GuestFactory,
    SignatoryFactory,
    SponsorshipFactory,
)
from tests.companies.factories import CompanyFactory

D = datetime.date


@pytest.mark.django_db
def test_commitments_followed_in_a_year():
    company = SignatoryFactory(charter_signed_on=D(2015, 6, 1))
    kept = [
        CommitmentFactory(company=company, kind="recruitment"),  # open
        CommitmentFactory(company=company, kind="training", realised_on=D(2017, 4, 1)),
        CommitmentFactory(company=company, kind="testify", dropped_on=D(2017, 9, 1)),
        CommitmentFactory(company=company, kind="territory", realised_on=D(2018, 2, 1)),
        CommitmentFactory(company=company, kind="promote_jobs", taken_on=D(2017, 12, 31)),
    ]
    CommitmentFactory(company=company, kind="return_to_work", realised_on=D(2016, 12, 31))
    CommitmentFactory(company=company, kind="innovative_actions", dropped_on=D(2016, 3, 1))
    CommitmentFactory(company=company, kind="inclusive_recruitment", taken_on=D(2018, 1, 1))
    # A company whose signature was removed (companies.csv) no longer counts.
    CommitmentFactory(
        company=SignatoryFactory(charter_signed_on=D(2018, 5, 1)), taken_on=D(2017, 1, 1)
    )
    assert set(commitments_of_year(2017)) == set(kept)
    assert realisation(2017) == {"commitments": 5, "realised": 1, "realisation_rate": 0.2}
    assert realisation(2017, kinds=["training"])["realisation_rate"] == 1.0
    assert realisation(2011) == {"commitments": 0, "realised": 0, "realisation_rate": 0.0}


@pytest.mark.django_db
def test_charter_block_and_report():
    SignatoryFactory(charter_signed_on=D(2013, 1, 1))
    new = SignatoryFactory(charter_signed_on=D(2017, 7, 27))
    CompanyFactory(charter_signed_on=D(2018, 1, 1))
    CommitmentFactory(company=new, realised_on=D(2017, 10, 1), evidence_kind="note")
    CommitmentFactory(company=new, kind="training")
    SponsorshipFactory(
        company=new, started_on=D(2016, 11, 1), ended_on=D(2017, 2, 1), outcome="other"
    )
    SponsorshipFactory(company=new, started_on=D(2017, 5, 1))
    SponsorshipFactory(started_on=D(2016, 1, 1), ended_on=D(2016, 12, 31), outcome="other")
    evening = EveningFactory()
    GuestFactory(evening=evening, status="present")
    GuestFactory(evening=evening, status="declined")
    # Other apps' blocks are not computed here: only the registration and this block.
    assert {b.name: b.compute for b in registered()}["charter"] is charter_block
    block = charter_block(2017)
    # 2013, 2017 and the three 2016 signatories of the factories (sponsor, two guests).
    assert block["signatories"] == 5
    assert block["new_signatories"] == 1
    assert (block["commitments"], block["realised"], block["realisation_rate"]) == (2, 1, 0.5)
    assert block["commitments_by_kind"]["recruitment"] == {
        "commitments": 1,
        "realised": 1,
        "realisation_rate": 1.0,
    }
    assert (block["sponsorships"], block["sponsoring_companies"], block["sponsored_people"]) == (
        2,
        1,
        2,
    )
    assert (block["evening_guests"], block["evening_present"]) == (2, 1)


@pytest.mark.django_db
def test_partner_companies_of_the_charter():
    assert "charter" in partner_sources()
    signed = SignatoryFactory(charter_signed_on=D(2017, 3, 1))
    realised = CommitmentFactory(realised_on=D(2017, 5, 1), evidence_kind="note").company
    sponsor = SponsorshipFactory(started_on=D(2016, 5, 1)).company
    present = GuestFactory(status="present").company
    GuestFactory(status="declined")  # invited, absent: not a partner for that
    SignatoryFactory(charter_signed_on=D(2015, 3, 1))  # signed earlier, nothing in 2017
    ids = set(Company.objects.filter(pk__in=partner_company_ids(2017)).values_list("pk", flat=True))
    assert ids == {signed.pk, realised.pk, sponsor.pk, present.pk}
    assert partner_sources()["charter"] is partner_company_ids


class RateProperties(TestCase):
    """Whatever the commitments, 0 ≤ realised ≤ commitments and the rate is their ratio."""

    @settings(max_examples=25, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.integers(2014, 2019),  # year taken
                st.sampled_from(["open", "realised", "dropped"]),
                st.integers(0, 3),  # years after taking when realised / dropped
            ),
            max_size=12,
        )
    )
    def test_rate_bounds(self, rows):
        company = SignatoryFactory(charter_signed_on=D(2014, 1, 1))
        kinds = list(Commitment._meta.get_field("kind").choices)
        for number, (year, status, later) in enumerate(rows):
            taken = D(year, 1, 1) + datetime.timedelta(days=number)
            fields = {}
            if status != "open":
                fields[f"{status}_on"] = D(year + later, 6, 1)
            CommitmentFactory(
                company=company, kind=kinds[number % len(kinds)][0], taken_on=taken, **fields
            )
        for year in (2016, 2017, 2018):
            figures = realisation(year)
            assert 0 <= figures["realised"] <= figures["commitments"]
            if figures["commitments"]:
                assert figures["realisation_rate"] == figures["realised"] / figures["commitments"]
            expected = sum(
                1
                for y, status, later in rows
                if y <= year and (status == "open" or y + later >= year)
            )
            assert figures["commitments"] == expected
        Commitment.objects.all().delete()
        company.delete()
