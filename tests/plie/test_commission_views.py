"""Commission pages: list, planning, decisions (htmx), agenda and minutes; scope, audit, queries."""

from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.plie import commission_services as cs
from maillage.plie.commission_models import Commission, ExitProposal
from maillage.plie.models import Parcours
from tests.factories import StructureFactory, followed_person, user_with_role
from tests.people.html import page_text
from tests.plie.commission_factories import CommissionFactory, EntryRequestFactory
from tests.plie.factories import ParcoursFactory, StepFactory

pytestmark = pytest.mark.django_db

DAY = date(2017, 3, 14)


def text(response) -> str:
    return unescape(page_text(response))


@pytest.fixture
def pentes(db):
    return StructureFactory(code="HOTEL-SOCIAL", name="Hôtel Social", territory="Pentes")


@pytest.fixture
def referent(pentes):
    return user_with_role(Role.REFERENT, pentes, username="ref_pentes")


def commission_with_files(admin, structure, n, kind="validation"):
    for _ in range(n):
        EntryRequestFactory(structure=structure, status="submitted")
    return cs.schedule_commission(
        kind=kind, territory=structure.territory, date=DAY, acting_user=admin
    )


def test_who_may_see_and_plan_commissions(client, pentes, referent, admin_user, funder):
    client.force_login(funder)
    assert client.get(reverse("plie:commission_list")).status_code == 403
    client.force_login(referent)
    html = text(client.get(reverse("plie:commission_list")))
    assert "Dossiers en attente de commission" in html and "Planifier" not in html
    assert client.get(reverse("plie:commission_create")).status_code == 403
    client.force_login(admin_user)
    assert "Planifier une commission" in text(client.get(reverse("plie:commission_list")))


def test_planning_a_commission_builds_its_agenda(client, pentes, referent, admin_user):
    EntryRequestFactory(structure=pentes, status="submitted")
    client.force_login(admin_user)
    text(client.get(reverse("plie:commission_create")))
    response = client.post(
        reverse("plie:commission_create"),
        {
            "kind": "validation",
            "territory": "Pentes",
            "date": "2017-03-14",
            "place": "Antenne Pentes",
            "members": [str(referent.pk), str(admin_user.pk)],
            "external_members": "Mme Roux, Pôle emploi",
        },
    )
    commission = Commission.objects.get()
    assert response.url == reverse("plie:commission_detail", args=[commission.pk])
    assert commission.decisions.count() == 1
    assert set(commission.members.all()) == {referent, admin_user}
    html = text(client.get(response.url))
    assert "Ordre du jour (1 dossier)" in html and "Mme Roux, Pôle emploi" in html
    bad = client.post(
        reverse("plie:commission_create"),
        {"kind": "validation", "territory": "Atlantide", "date": "2017-03-14"},
    )
    assert "Sélectionnez un choix valide" in text(bad)


def test_accepting_a_file_with_htmx_swaps_its_card(client, pentes, admin_user):
    commission = commission_with_files(admin_user, pentes, 1)
    decision = commission.decisions.get()
    url = reverse("plie:decision_record", args=[commission.pk, decision.pk])
    client.force_login(admin_user)
    prefix = f"d{decision.pk}"
    refused = client.post(url, {f"{prefix}-outcome": "refused"}, headers={"HX-Request": "true"})
    html = text(refused)
    assert html.startswith('<article class="card agenda-item"')
    assert "Indiquez le motif du refus" in html
    accepted = client.post(
        url,
        {f"{prefix}-outcome": "accepted", f"{prefix}-engagement_signed_on": "2017-03-16"},
        headers={"HX-Request": "true"},
    )
    assert "Acceptée" in text(accepted)
    parcours = Parcours.objects.get()
    assert (parcours.entry_date, parcours.engagement_signed_on) == (DAY, date(2017, 3, 16))
    # Without htmx, the page reloads with a message.
    again = client.post(url, {f"{prefix}-outcome": "refused", f"{prefix}-reason": "x"})
    assert again.url == reverse("plie:commission_detail", args=[commission.pk])


def test_an_exit_decision_shows_the_confirmation_first(client, pentes, admin_user):
    parcours = ParcoursFactory(structure=pentes, entry_date=date(2016, 1, 4))
    ExitProposal.objects.create(
        parcours=parcours, exit_date=date(2017, 2, 1), exit_type="positive", exit_reason="cdi"
    )
    commission = cs.schedule_commission(
        kind="validation", territory="Pentes", date=DAY, acting_user=admin_user
    )
    decision = commission.decisions.get()
    client.force_login(admin_user)
    html = text(client.get(reverse("plie:commission_detail", args=[commission.pk])))
    assert "Confirmez-vous" in html and "Confirmer malgré l'avertissement" in html
    url = reverse("plie:decision_record", args=[commission.pk, decision.pk])
    prefix = f"d{decision.pk}"
    html = text(client.post(url, {f"{prefix}-outcome": "accepted"}, headers={"HX-Request": "true"}))
    assert "Confirmez-vous" in html
    parcours.refresh_from_db()
    assert parcours.exit_date is None
    client.post(
        url,
        {f"{prefix}-outcome": "accepted", f"{prefix}-confirm": "on"},
        headers={"HX-Request": "true"},
    )
    parcours.refresh_from_db()
    assert parcours.exit_reason == "cdi"


def test_a_referent_sees_only_the_files_of_their_structure(client, pentes, referent, admin_user):
    other = StructureFactory(code="ARMEE-SALUT", territory="Pentes")
    mine = EntryRequestFactory(structure=pentes, status="submitted", person=followed_person(pentes))
    theirs = EntryRequestFactory(structure=other, status="submitted", person=followed_person(other))
    commission = cs.schedule_commission(
        kind="validation", territory="Pentes", date=DAY, acting_user=admin_user
    )
    client.force_login(referent)
    for name in ("commission_detail", "commission_agenda", "commission_minutes"):
        html = text(client.get(reverse(f"plie:{name}", args=[commission.pk])))
        assert str(mine.person) in html and str(theirs.person) not in html
        assert "1 autre dossier suivi par d'autres structures" in html
        assert "Enregistrer la décision" not in html
    viewed = AuditEntry.objects.filter(action="view", object_type="plie.commission")
    assert set(viewed.values_list("person_id", flat=True)) == {mine.person_id}
    assert client.post(reverse("plie:commission_hold", args=[commission.pk])).status_code == 403


def test_pages_audit_one_view_per_person_listed(client, pentes, admin_user):
    commission = commission_with_files(admin_user, pentes, 4)
    client.force_login(admin_user)
    before = AuditEntry.objects.filter(action="view").count()
    text(client.get(reverse("plie:commission_agenda", args=[commission.pk])))
    viewed = AuditEntry.objects.filter(action="view").order_by("pk")[before:]
    assert len(viewed) == 4
    assert {v.person_id for v in viewed} == set(
        commission.decisions.values_list("person_id", flat=True)
    )


def test_holding_the_commission_then_its_minutes(client, pentes, admin_user):
    commission = commission_with_files(admin_user, pentes, 2)
    client.force_login(admin_user)
    hold = reverse("plie:commission_hold", args=[commission.pk])
    response = client.post(hold, {"minutes": "RAS"})
    assert response.url == reverse("plie:commission_detail", args=[commission.pk])
    for decision in commission.decisions.all():
        cs.decide(decision, outcome="adjourned", reason="Dossier incomplet", acting_user=admin_user)
    response = client.post(hold, {"minutes": "Deux dossiers ajournés."})
    assert response.url == reverse("plie:commission_minutes", args=[commission.pk])
    html = text(client.get(response.url))
    assert "0 acceptée, 0 refusée, 2 ajournées" in html and "Deux dossiers ajournés." in html
    assert "provisoire" not in html


def test_a_follow_up_commission_page(client, pentes, admin_user):
    blocked = ParcoursFactory(structure=pentes, entry_date=date(2016, 1, 4))
    StepFactory(parcours=blocked, start_date=date(2016, 2, 1), end_date=date(2016, 6, 30))
    commission = cs.schedule_commission(
        kind="follow_up", territory="Pentes", date=DAY, acting_user=admin_user
    )
    client.force_login(admin_user)
    html = text(client.get(reverse("plie:commission_detail", args=[commission.pk])))
    assert "Parcours bloqué" in html and "commencée le 01/02/2016" in html
    assert "Décisions et actions" in html
    html = text(client.get(reverse("plie:commission_agenda", args=[commission.pk])))
    assert "Parcours à examiner (1)" in html


@pytest.mark.parametrize("name", ["commission_detail", "commission_agenda", "commission_minutes"])
def test_commission_pages_run_a_fixed_number_of_queries(client, pentes, admin_user, name):
    client.force_login(admin_user)

    def count(n):
        commission = commission_with_files(admin_user, pentes, n)
        for item in commission.decisions.all()[: n // 3]:
            cs.decide(item, outcome="refused", reason="Non", acting_user=admin_user)
        parcours = ParcoursFactory(structure=pentes, entry_date=date(2015, 1, 5))
        StepFactory(parcours=parcours, start_date=date(2015, 2, 1))
        ExitProposal.objects.create(
            parcours=parcours, exit_date=date(2017, 1, 1), exit_type="dropout"
        )
        cs.build_agenda(commission, acting_user=admin_user)
        with CaptureQueriesContext(connection) as ctx:
            page_text(client.get(reverse(f"plie:{name}", args=[commission.pk])))
        return len(ctx.captured_queries)

    assert count(3) == count(30)


def test_the_list_runs_a_fixed_number_of_queries(client, pentes, admin_user):
    client.force_login(admin_user)

    def count(n):
        for i in range(n):
            CommissionFactory(date=date(2017, 1 + i % 12, 1 + i % 28))
        with CaptureQueriesContext(connection) as ctx:
            page_text(client.get(reverse("plie:commission_list") + "?territoire=Pentes"))
        return len(ctx.captured_queries)

    assert count(3) == count(30)


def test_follow_up_agenda_queries_do_not_grow(client, pentes, admin_user):
    client.force_login(admin_user)

    def count(n):
        for _ in range(n):
            ParcoursFactory(structure=pentes, entry_date=date(2016, 1, 4))
        commission = cs.schedule_commission(
            kind="follow_up", territory="Pentes", date=DAY, acting_user=admin_user
        )
        with CaptureQueriesContext(connection) as ctx:
            page_text(client.get(reverse("plie:commission_detail", args=[commission.pk])))
        return len(ctx.captured_queries)

    assert count(3) == count(30)


def test_the_list_is_paginated_and_keeps_its_filters(client, pentes, admin_user):
    for i in range(45):
        CommissionFactory(date=date(2017, 1 + i % 12, 1 + i % 28))
    CommissionFactory(territory="Mermoz", date=date(2017, 5, 2))
    client.force_login(admin_user)
    html = text(client.get(reverse("plie:commission_list") + "?territoire=Pentes&annee=2017"))
    assert "Page 1 sur 2" in html and "Mermoz</td>" not in html
    assert '<a href="?territoire=Pentes&amp;annee=2017&amp;page=2">' in page_text(
        client.get(reverse("plie:commission_list") + "?territoire=Pentes&annee=2017")
    )
