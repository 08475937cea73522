"""The référent's workspace: whose caseload, its target, and the lists of things to do."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from maillage.accounts.models import Membership
from maillage.accounts.roles import Role
from maillage.plie import workspace
from maillage.plie.commission_models import (
    EntryRequest,
    EntryRequestStatus,
    ExitProposal,
    ExitProposalStatus,
)
from maillage.plie.models import StepCategory
from tests.factories import StructureFactory, user_with_role
from tests.people.html import assert_swap_matches, page_text
from tests.plie.caseload import days, followed_parcours, running_step, today
from tests.plie.factories import CompanyFactory, StepFactory

pytestmark = pytest.mark.django_db

URL = reverse("plie:workspace")


def mine(referent):
    return workspace.Selection(referent, referent)


def test_the_caseload_counts_the_referents_open_parcours_against_90_per_fte(
    referent_a, structure_a
):
    Membership.objects.filter(user=referent_a).update(fte=Decimal("0.5"))
    for _ in range(3):
        followed_parcours(structure_a, referent_a)
    followed_parcours(structure_a, referent_a, exit_date=days(-1), exit_type="dropout")
    followed_parcours(structure_a, referent_a, exit_date=days(20), exit_type="dropout")
    followed_parcours(structure_a, user_with_role(Role.REFERENT, structure_a))  # a colleague's
    caseload = workspace.caseload(mine(referent_a), today())
    assert (caseload.count, caseload.fte, caseload.target) == (4, Decimal("0.50"), 45)
    assert not caseload.over_target
    everyone = workspace.caseload(workspace.Selection(referent_a, None), today())
    assert (everyone.count, everyone.target) == (5, 135)


@override_settings(MAILLAGE_PLIE_CASELOAD_PER_FTE=2)
def test_the_target_per_fte_is_a_setting(referent_a, structure_a):
    for _ in range(3):
        followed_parcours(structure_a, referent_a)
    caseload = workspace.caseload(mine(referent_a), today())
    assert (caseload.target, caseload.over_target) == (2, True)


def test_participants_without_a_running_step(referent_a, structure_a):
    busy = followed_parcours(structure_a, referent_a)
    running_step(busy)
    ended = followed_parcours(structure_a, referent_a)
    StepFactory(parcours=ended, start_date=days(-90), end_date=days(-10))
    planned = followed_parcours(structure_a, referent_a)
    StepFactory(parcours=planned, start_date=days(15))
    idle = followed_parcours(structure_a, referent_a)
    rows = list(workspace.without_running_step(mine(referent_a), today()))
    # Never a step ended first (the longest idle), then by entry.
    assert [p.pk for p in rows] == [planned.pk, idle.pk, ended.pk]
    by_pk = {p.pk: p for p in rows}
    assert by_pk[ended.pk].last_step_end == days(-10)
    assert by_pk[planned.pk].next_step_start == days(15)
    assert by_pk[idle.pk].last_step_end is None


def test_a_step_ending_today_is_still_running(referent_a, structure_a):
    parcours = followed_parcours(structure_a, referent_a)
    StepFactory(parcours=parcours, start_date=days(-5), end_date=today())
    assert not workspace.without_running_step(mine(referent_a), today()).exists()


def test_contracts_ending_within_30_days(referent_a, structure_a):
    parcours = followed_parcours(structure_a, referent_a)
    company = CompanyFactory(name="Boulangerie Duchère")
    contract = dict(parcours=parcours, category=StepCategory.EMPLOYMENT_CONTRACT)
    soon = StepFactory(**contract, start_date=days(-60), end_date=days(10), company=company)
    last_day = StepFactory(**contract, start_date=days(-60), end_date=days(30))
    StepFactory(**contract, start_date=days(-60), end_date=days(31))
    StepFactory(**contract, start_date=days(-60), end_date=days(-1))
    StepFactory(parcours=parcours, category="training", start_date=days(-60), end_date=days(5))
    exited = followed_parcours(
        structure_a, referent_a, exit_date=days(-2), exit_type="positive", exit_reason="cdi"
    )
    StepFactory(
        parcours=exited, category="employment_contract", start_date=days(-40), end_date=days(3)
    )
    rows = list(workspace.contracts_ending(mine(referent_a), today()))
    assert [s.pk for s in rows] == [soon.pk, last_day.pk]


def test_followups_due_are_the_blocked_parcours(referent_a, structure_a):
    blocked = followed_parcours(structure_a, referent_a, entry=days(-400))
    StepFactory(parcours=blocked, start_date=days(-300), end_date=days(-120))
    active = followed_parcours(structure_a, referent_a, entry=days(-400))
    StepFactory(parcours=active, start_date=days(-300), end_date=days(-20))
    followed_parcours(structure_a, referent_a, entry=days(-20))  # too recent to be blocked
    rows = list(workspace.followups_due(mine(referent_a), today()))
    assert [p.pk for p in rows] == [blocked.pk]
    assert rows[0].last_step_end == days(-120)


def test_files_waiting_for_a_commission(referent_a, structure_a, structure_b):
    parcours = followed_parcours(structure_a, referent_a)
    candidate = followed_parcours(structure_a).person
    waiting = EntryRequest.objects.create(
        person=candidate,
        oriented_on=days(-10),
        structure=structure_a,
        referent=referent_a,
        status=EntryRequestStatus.SUBMITTED,
    )
    EntryRequest.objects.create(
        person=candidate,
        oriented_on=days(-400),
        structure=structure_a,
        referent=referent_a,
        status=EntryRequestStatus.REFUSED,
    )
    proposal = ExitProposal.objects.create(
        parcours=parcours,
        exit_date=today(),
        exit_type="dropout",
        status=ExitProposalStatus.PENDING,
    )
    selection = mine(referent_a)
    assert list(workspace.pending_entry_requests(selection)) == [waiting]
    assert list(workspace.pending_exit_proposals(selection, today())) == [proposal]


def test_a_referent_chooses_among_the_referents_of_their_structures(
    referent_a, structure_a, structure_b
):
    colleague = user_with_role(Role.REFERENT, structure_a, last_name="Collègue")
    stranger = user_with_role(Role.REFERENT, structure_b, last_name="Ailleurs")
    choices = workspace.referent_choices(referent_a)
    assert set(choices) == {referent_a, colleague}
    assert workspace.select(referent_a, None, choices).referent == referent_a
    assert workspace.select(referent_a, str(colleague.pk), choices).referent == colleague
    assert workspace.select(referent_a, str(stranger.pk), choices).referent == referent_a
    assert workspace.select(referent_a, "tous", choices).referent is None


def test_direction_sees_every_referent_and_all_parcours_by_default(structure_a, structure_b):
    direction = user_with_role(Role.DIRECTION, StructureFactory(code="DIR"))
    a = user_with_role(Role.REFERENT, structure_a)
    b = user_with_role(Role.REFERENT, structure_b)
    followed_parcours(structure_a, a)
    followed_parcours(structure_b, b)
    choices = workspace.referent_choices(direction)
    assert set(choices) == {a, b}
    selection = workspace.select(direction, None, choices)
    assert selection.referent is None
    assert workspace.caseload(selection, today()).count == 2
    assert workspace.caseload(workspace.select(direction, str(b.pk), choices), today()).count == 1


def test_parcours_out_of_scope_never_count_even_when_named_referent(
    referent_a, structure_a, structure_b
):
    # A parcours of structure B naming referent_a, of a person structure A does not follow.
    followed_parcours(structure_b, referent_a)
    assert workspace.caseload(mine(referent_a), today()).count == 0


def test_funder_is_refused_the_workspace(client, funder):
    client.force_login(funder)
    assert client.get(URL).status_code == 403


def test_the_page_shows_the_lists_with_links_to_the_parcours(client, referent_a, structure_a):
    idle = followed_parcours(structure_a, referent_a, entry=days(-200))
    idle.person.last_name = "Sansetape"
    idle.person.save()
    StepFactory(parcours=idle, start_date=days(-190), end_date=days(-100))
    busy = followed_parcours(structure_a, referent_a)
    StepFactory(
        parcours=busy,
        category=StepCategory.EMPLOYMENT_CONTRACT,
        contract_type="cdd",
        start_date=days(-20),
        end_date=days(12),
        company=CompanyFactory(name="Traiteur Gerland"),
    )
    client.force_login(referent_a)
    html = page_text(client.get(URL))
    assert "File active de" in html
    assert "2 parcours en cours pour une cible de 90 participants" in html
    assert reverse("plie:parcours_detail", args=[idle.pk]) in html
    assert "SANSETAPE" in html
    assert "Traiteur Gerland" in html
    assert days(12).strftime("%d/%m/%Y") in html
    assert "Aucun contrat" not in html
    assert "Suivis à faire : parcours sans étape depuis 3 mois" in html


def test_htmx_filter_returns_the_content_only(client, structure_a):
    direction = user_with_role(Role.DIRECTION, structure_a)
    referent = user_with_role(Role.REFERENT, structure_a)
    followed_parcours(structure_a, referent)
    client.force_login(direction)
    query = f"?referent={referent.pk}"
    full = page_text(client.get(URL + query))
    partial = page_text(client.get(URL + query, headers={"HX-Request": "true"}))
    assert "<h1>" not in partial
    assert_swap_matches(full, partial, "workspace-content")
    assert f'<option value="{referent.pk}" selected>' in full


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _fill(structure, referent, n):
    for i in range(n):
        parcours = followed_parcours(structure, referent, entry=days(-400 - i))
        StepFactory(
            parcours=parcours,
            category=StepCategory.EMPLOYMENT_CONTRACT,
            start_date=days(-300),
            end_date=days(5 + i % 20) if i % 2 else days(-200),
            company=CompanyFactory(),
        )
        EntryRequest.objects.create(
            person=parcours.person,
            oriented_on=days(-3),
            structure=structure,
            referent=referent,
            status=EntryRequestStatus.SUBMITTED,
        )
        ExitProposal.objects.create(
            parcours=parcours,
            exit_date=today(),
            exit_type="dropout",
            status=ExitProposalStatus.PENDING,
        )


@pytest.mark.parametrize("all_parcours", [False, True])
def test_query_count_does_not_grow_with_the_caseload(client, referent_a, structure_a, all_parcours):
    url = URL + ("?referent=tous" if all_parcours else "")
    client.force_login(referent_a)
    _fill(structure_a, referent_a, 3)
    few = _queries(client, url)
    _fill(structure_a, referent_a, 30)
    many = _queries(client, url)
    assert many == few


def test_long_lists_are_cut_and_say_so(client, referent_a, structure_a, monkeypatch):
    monkeypatch.setattr(workspace, "LIST_LIMIT", 2)
    for _ in range(3):
        followed_parcours(structure_a, referent_a)
    client.force_login(referent_a)
    html = page_text(client.get(URL))
    assert "3 au total ; les 2 premiers sont affichés." in html


def test_fte_is_between_0_and_1(referent_a):
    from django.core.exceptions import ValidationError

    membership = Membership.objects.get(user=referent_a)
    membership.fte = Decimal("1.5")
    with pytest.raises(ValidationError):
        membership.full_clean()
