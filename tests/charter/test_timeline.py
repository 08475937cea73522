"""The charter in other modules: the person file's timeline, "Mes actions", partner companies."""

import datetime

import pytest

from maillage.accounts.roles import Role
from maillage.charter.figures import partner_company_ids
from maillage.charter.timeline import commitment_items, sponsorship_items
from maillage.companies import partners
from maillage.companies.home_sources import home_items
from maillage.people.timeline import items_for
from tests.charter.factories import CommitmentFactory, SignatureFactory, SponsorshipFactory
from tests.factories import StructureFactory, followed_person, user_with_role

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


def test_sponsorship_in_the_person_file_within_scope():
    structure = StructureFactory()
    referent = user_with_role(Role.REFERENT, structure)
    sponsorship = SponsorshipFactory(
        person=followed_person(structure),
        ended_on=datetime.date(2017, 9, 1),
        outcome="employment",
    )
    (item,) = sponsorship_items(sponsorship.person, referent)
    assert item.label == (
        f"Parrainage par Marc Olivier ({sponsorship.company}), terminé le 01/09/2017 : emploi"
    )
    assert item.url is None  # a référent does not read the companies' pages
    assert any(i.label == item.label for i in items_for(sponsorship.person, referent))
    chargee = user_with_role(Role.COMPANY_RELATIONS, structure)
    assert sponsorship_items(sponsorship.person, chargee)[0].url.endswith(
        f"/charte/parrainages/{sponsorship.pk}/"
    )
    outsider = user_with_role(Role.COMPANY_RELATIONS)
    assert sponsorship_items(sponsorship.person, outsider) == []


def test_open_commitments_due_on_mes_actions():
    chargee = user_with_role(Role.COMPANY_RELATIONS, username="chargee")
    other = user_with_role(Role.COMPANY_RELATIONS, username="other")
    mine = SignatureFactory(officer=chargee).company
    CommitmentFactory(company=mine, due_on=datetime.date(2018, 5, 10))
    CommitmentFactory(company=mine, kind="testify", due_on=None)
    CommitmentFactory(
        company=mine,
        kind="training",
        due_on=datetime.date(2018, 5, 10),
        realised_on=datetime.date(2017, 1, 1),
        evidence_kind="note",
    )
    owned = SignatureFactory(officer=None, company__owner=chargee).company
    CommitmentFactory(company=owned, due_on=datetime.date(2027, 1, 1))
    items = commitment_items(chargee, TODAY)
    assert [(i.due, i.is_late(TODAY)) for i in items] == [
        (datetime.date(2018, 5, 10), True),
        (datetime.date(2027, 1, 1), False),
    ]
    assert commitment_items(other, TODAY) == []
    assert len([i for i in home_items(chargee, TODAY) if i.source.startswith("Charte")]) == 2


def test_partner_companies_through_the_registry(monkeypatch):
    monkeypatch.setattr(partners, "_sources", {"charter": partner_company_ids})
    company = CommitmentFactory(realised_on=datetime.date(2017, 5, 1), evidence_kind="note").company
    assert list(partners.partner_companies(2017)) == [company]
    assert list(partners.partner_companies(2018)) == []
