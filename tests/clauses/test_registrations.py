"""What the app adds to others: the report block, partner companies, the person's timeline."""

import datetime as dt

import pytest

from maillage.accounts.roles import Role
from maillage.clauses.figures import partner_company_ids
from maillage.companies.partners import partner_companies, partner_sources
from maillage.people.timeline import items_for
from maillage.reports.blocks import registered
from tests.clauses.factories import HoursFactory
from tests.factories import followed_person, user_with_role

pytestmark = pytest.mark.django_db


def test_clauses_block_is_registered():
    assert "clauses" in {block.name for block in registered()}


def test_companies_with_hours_in_the_year_are_partners():
    assert partner_sources()["clauses"] is partner_company_ids
    row = HoursFactory(month=dt.date(2017, 6, 1))
    HoursFactory(month=dt.date(2016, 6, 1))
    assert list(partner_companies(2017)) == [row.company]


def test_contracts_appear_in_the_person_file_with_a_link_for_clause_staff(structure_a):
    person = followed_person(structure_a)
    row = HoursFactory(contract__person=person, person=person, hours=35)
    facilitator = user_with_role(Role.CLAUSE_FACILITATOR, structure_a)
    referent = user_with_role(Role.REFERENT, structure_a)
    (item,) = [i for i in items_for(person, facilitator) if i.service == "Clauses sociales"]
    assert item.date == row.contract.start_date
    assert "35 h réalisées" in item.label and item.url
    (seen_by_referent,) = [
        i for i in items_for(person, referent) if i.service == "Clauses sociales"
    ]
    assert seen_by_referent.url is None
