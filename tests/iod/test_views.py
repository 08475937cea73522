"""IOD pages: capabilities (403), scope (404), constant queries, flows, home and timeline."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.roles import Role
from maillage.audit.models import AuditEntry
from maillage.companies.home_sources import home_items
from maillage.iod.models import FollowupContact, Proposal, ProposalStatus
from maillage.people.timeline import items_for
from maillage.recruitment.models import Placement
from tests.factories import user_with_role
from tests.iod.factories import IodOfferFactory, ProposalFactory, iod_participant
from tests.people.html import page_text
from tests.plie.factories import ParcoursFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        page_text(response)
    return len(ctx)


def _hired(structure, chargee, offer=None):
    """A participant hired on an IOD offer, with the schedule of a real hire (some late)."""
    from maillage.iod import services

    followup = iod_participant(structure, chargee)
    proposal = services.propose(
        offer=offer or IodOfferFactory(),
        post=1,
        followup=followup,
        proposed_on=D(2017, 3, 10),
        no_cv=True,
        acting_user=chargee,
    )
    services.record_meeting(proposal, meeting_on=D(2017, 3, 15), acting_user=chargee)
    services.record_outcome(
        proposal,
        outcome="hired",
        outcome_on=D(2017, 4, 3),
        contract_type="cdi",
        hired_on=D(2017, 4, 3),
        trial_period_end=D(2017, 5, 31),
        acting_user=chargee,
    )
    return proposal


def test_pages_have_constant_query_counts(client, chargee, structure_a):
    client.force_login(chargee)
    offer = IodOfferFactory(posts=40)
    proposal = _hired(structure_a, chargee, offer)
    followup = proposal.followup
    urls = [
        reverse("iod:home"),
        reverse("iod:home") + "?tous=1",
        reverse("iod:offers"),
        reverse("iod:offer", args=[offer.pk]),
        reverse("iod:participant", args=[followup.pk]),
        reverse("iod:proposal", args=[proposal.pk]),
        reverse("iod:company_actions"),
        reverse("iod:statistics") + "?annee=2017",
    ]
    few = [_count(client, url) for url in urls]
    for n in range(12):
        other = iod_participant(structure_a, chargee)
        ProposalFactory(offer=offer, post=n + 2, followup=other, proposed_on=D(2017, 3, 10))
        ProposalFactory(followup=followup, proposed_on=D(2017, 3, 10))
        IodOfferFactory()
        _hired(structure_a, chargee)
    many = [_count(client, url) for url in urls]
    assert few == many


def test_funder_and_referent_are_refused_the_chargee_pages(client, funder, structure_a):
    referent = user_with_role(Role.REFERENT, structure_a)
    proposal = ProposalFactory()
    contact = FollowupContact.objects.create(
        proposal=proposal,
        party="employer",
        phase="trial",
        planned_on=D(2017, 3, 17),
        due_on=D(2017, 3, 17),
    )
    manage_urls = [
        reverse("iod:home"),
        reverse("iod:enrol"),
        reverse("iod:offers"),
        reverse("iod:offer_create"),
        reverse("iod:offer", args=[proposal.offer_id]),
        reverse("iod:propose", args=[proposal.offer_id]),
        reverse("iod:company_actions"),
        reverse("iod:contact", args=[contact.pk]),
        reverse("iod:meeting", args=[proposal.pk]),
        reverse("iod:outcome", args=[proposal.pk]),
        reverse("iod:end", args=[proposal.followup_id]),
    ]
    for user in (funder, referent):
        client.force_login(user)
        for url in manage_urls:
            assert client.get(url).status_code == 403, (user, url)
    client.force_login(funder)
    assert client.get(reverse("iod:participant", args=[proposal.followup_id])).status_code == 403
    assert client.get(reverse("iod:statistics")).status_code == 200


def test_the_referent_sees_their_participants_follow_up_and_records_the_review(
    client, chargee, structure_a
):
    referent = user_with_role(Role.REFERENT, structure_a)
    proposal = _hired(structure_a, chargee)
    followup = proposal.followup
    stranger = ProposalFactory()
    client.force_login(referent)
    response = client.get(reverse("iod:participant", args=[followup.pk]))
    html = page_text(response)
    assert "Enregistrer le bilan" in html and "Terminer le suivi" not in html
    assert AuditEntry.objects.filter(
        action="view", object_type="iod.iodfollowup", person_id=followup.person_id
    ).exists()
    page = page_text(client.get(reverse("iod:proposal", args=[proposal.pk])))
    assert "Calendrier des suivis post-embauche" in page and "Enregistrer l'issue" not in page
    assert client.get(reverse("iod:participant", args=[stranger.followup_id])).status_code == 404
    assert client.get(reverse("iod:proposal", args=[stranger.pk])).status_code == 404
    response = client.post(
        reverse("iod:review", args=[followup.pk]),
        {"held_on": "2017-08-01", "outcome": "continue", "notes": "Stabilisé sur le poste"},
    )
    assert response.status_code == 302
    assert followup.reviews.get().notes == "Stabilisé sur le poste"


def test_out_of_scope_is_404_for_the_chargee(client, chargee):
    client.force_login(chargee)
    proposal = ProposalFactory()
    assert client.get(reverse("iod:participant", args=[proposal.followup_id])).status_code == 404
    assert client.get(reverse("iod:proposal", args=[proposal.pk])).status_code == 404


def test_propose_twice_on_a_post_is_refused_in_the_form(client, chargee, structure_a):
    client.force_login(chargee)
    offer = IodOfferFactory(posts=1)
    first, second = iod_participant(structure_a, chargee), iod_participant(structure_a, chargee)
    url = reverse("iod:propose", args=[offer.pk])
    form = page_text(client.get(url + "?poste=1"))
    assert "Aucun CV n&#x27;est transmis" in form or "Aucun CV n'est transmis" in form
    data = {"followup": first.pk, "post": 1, "proposed_on": "2017-03-10", "no_cv": "on"}
    assert client.post(url, data).status_code == 302
    # The post is taken: the form no longer offers it, and a forced post is refused.
    response = client.post(url, data | {"followup": second.pk})
    assert response.status_code == 400
    assert Proposal.objects.count() == 1
    Proposal.objects.update(status=ProposalStatus.WITHDRAWN)
    without_cv = client.post(url, {k: v for k, v in data.items() if k != "no_cv"})
    assert without_cv.status_code == 400
    assert Proposal.objects.count() == 1


def test_hire_before_the_proposal_is_refused_in_the_form(client, chargee, structure_a):
    client.force_login(chargee)
    proposal = ProposalFactory(
        followup=iod_participant(structure_a, chargee), proposed_on=D(2017, 3, 10)
    )
    response = client.post(
        reverse("iod:outcome", args=[proposal.pk]),
        {
            "outcome": "hired",
            "outcome_on": "2017-03-20",
            "contract_type": "cdi",
            "hired_on": "2017-03-01",
        },
    )
    assert response.status_code == 400
    assert "ne peut pas précéder la proposition (10/03/2017)" in page_text(response)
    assert not Placement.objects.exists()


def test_due_and_late_follow_ups_on_the_homes(client, chargee, structure_a):
    proposal = _hired(structure_a, chargee)
    contacts = list(proposal.contacts.order_by("due_on", "party"))
    today = contacts[4].due_on
    items = home_items(chargee, today)
    iod = [item for item in items if item.source == "Suivi IOD"]
    # The 4 contacts before "today" are late, those of the coming week are due.
    assert sum(item.is_late(today) for item in iod) == 4
    assert len(iod) == 4 + 2 + 2  # today's pair and the next week's pair
    FollowupContact.objects.filter(pk=contacts[0].pk).update(done_on=contacts[0].due_on)
    assert len([i for i in home_items(chargee, today) if i.source == "Suivi IOD"]) == 7
    colleague = user_with_role(Role.COMPANY_RELATIONS, structure_a)
    assert not [i for i in home_items(colleague, today) if i.source == "Suivi IOD"]
    client.force_login(chargee)
    html = page_text(client.get(reverse("iod:home")))
    late = html.index('id="late-title"')
    assert late < html.index('id="due-title"') < html.index('id="participants-title"')


def test_record_a_follow_up_from_its_page(client, chargee, structure_a):
    proposal = _hired(structure_a, chargee)
    contact = proposal.contacts.order_by("due_on", "party").first()
    client.force_login(chargee)
    url = reverse("iod:contact", args=[contact.pk])
    page_text(client.get(url))
    response = client.post(url, {"action": "done", "done_on": "2017-04-10", "notes": "RAS"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.done_on, contact.notes) == (D(2017, 4, 10), "RAS")
    other = proposal.contacts.filter(done_on__isnull=True).first()
    url = reverse("iod:contact", args=[other.pk])
    assert client.post(url, {"action": "move", "due_on": "2017-01-01"}).status_code == 400
    assert client.post(url, {"action": "move", "due_on": "2017-04-14"}).status_code == 302
    assert client.post(url, {"action": "other"}).status_code == 400


def test_enrol_through_the_htmx_search(client, chargee, structure_a):
    from tests.factories import FollowupFactory

    parcours = ParcoursFactory(entry_date=D(2017, 1, 5), person__last_name="Zéphyrin")
    FollowupFactory(person=parcours.person, structure=structure_a)
    client.force_login(chargee)
    partial = client.get(reverse("iod:enrol") + "?q=zephyrin", headers={"HX-Request": "true"})
    html = page_text(partial)
    assert "<h1>" not in html and f"?parcours={parcours.pk}" in html
    response = client.post(
        reverse("iod:enrol"),
        {
            "parcours": parcours.pk,
            "chargee": chargee.pk,
            "oriented_on": "2017-02-01",
            "source": "referent",
        },
    )
    assert response.status_code == 302
    assert parcours.person.iod_followups.get().chargee == chargee


def test_timeline_items_for_the_person_file(chargee, structure_a):
    proposal = _hired(structure_a, chargee)
    labels = [item.label for item in items_for(proposal.followup.person, chargee)]
    assert any(label.startswith("Orientation vers la méthode IOD") for label in labels)
    assert any(label.startswith("Proposé(e) sur le poste") for label in labels)
    assert any(label.startswith("Mise en relation") for label in labels)
    assert any(label.startswith("Embauche (CDI)") for label in labels)
    stranger = user_with_role(Role.REFERENT)
    assert not [
        i for i in items_for(proposal.followup.person, stranger) if i.service == "Méthode IOD"
    ]


def test_negotiate_an_offer_and_log_an_appointment(client, chargee):
    from maillage.iod.models import CompanyAction
    from maillage.recruitment.models import JobOffer
    from tests.recruitment.factories import CompanyFactory

    company = CompanyFactory(name="Brasserie des Terreaux")
    client.force_login(chargee)
    page_text(client.get(reverse("iod:offer_create")))
    response = client.post(
        reverse("iod:offer_create"),
        {
            "company": company.pk,
            "title": "Commis de cuisine",
            "rome_code": "G1602",
            "contract_type": "cdd",
            "posts": 2,
            "published_on": "2017-03-01",
        },
    )
    offer = JobOffer.objects.get(source="iod")
    assert response.status_code == 302 and response["Location"].endswith(f"/offres/{offer.pk}/")
    html = page_text(client.get(reverse("iod:offer", args=[offer.pk])))
    assert html.count("Proposer un candidat") == 2
    bad = client.post(reverse("iod:offer_create"), {"company": company.pk, "rome_code": "X"})
    assert bad.status_code == 400
    response = client.post(
        reverse("iod:company_actions"),
        {
            "company": company.pk,
            "purpose": "workstation_visit",
            "kind": "visit",
            "occurred_at": "2017-02-20T10:00",
            "offer": offer.pk,
            "summary": "Visite de la cuisine",
        },
    )
    assert response.status_code == 302
    action = CompanyAction.objects.get()
    assert action.offer == offer and action.interaction.company == company
    assert "Visite du poste de travail" in page_text(client.get(reverse("iod:company_actions")))


def test_record_a_follow_up_inline_with_htmx(client, chargee, structure_a):
    proposal = _hired(structure_a, chargee)
    contact = proposal.contacts.order_by("due_on", "id").first()
    client.force_login(chargee)
    url = reverse("iod:contact", args=[contact.pk])
    htmx = {"HX-Request": "true"}
    form = page_text(client.get(url + "?avec_personne=1", headers=htmx))
    assert form.strip().startswith(f'<tr id="contact-{contact.pk}">') and 'colspan="6"' in form
    assert f'id="id_c{contact.pk}_done_on"' in form
    error = client.post(url, {"action": "done", "done_on": "2017-01-01"}, headers=htmx)
    assert error.status_code == 200 and "ne peut pas précéder l" in page_text(error)
    row = client.post(
        url, {"action": "done", "done_on": "2017-04-10", "notes": "RAS"}, headers=htmx
    )
    html = page_text(row)
    assert html.strip().startswith(f'<tr id="contact-{contact.pk}">')
    assert "Fait le 10/04/2017" in html
    contact.refresh_from_db()
    assert contact.done_on == D(2017, 4, 10)
