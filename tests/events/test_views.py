"""Staff pages: capabilities (403), scope (404), constant queries, the main flows."""

import datetime
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.audit.models import AuditEntry
from maillage.events.models import Event, RecurringSeries, Registration
from tests.events.factories import EventCompanyFactory, EventFactory, RegistrationFactory
from tests.factories import StructureFactory, followed_person
from tests.people.html import page_text as checked_page

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    assert response.status_code == 200
    return unescape(checked_page(response))


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        page_text(client.get(url))
    return len(ctx)


def _grow(n, structure):
    for _ in range(n):
        event = EventFactory(capacity=5)
        EventCompanyFactory(event=event)
        RegistrationFactory(event=event, person=followed_person(structure), attended=True)
        RegistrationFactory(event=event)


def test_list_queries_do_not_grow_with_rows(client, manager, structure_a):
    client.force_login(manager)
    url = reverse("events:home")
    _grow(2, structure_a)
    few = _count(client, url)
    _grow(10, structure_a)
    assert _count(client, url) == few


def test_detail_queries_do_not_grow_with_registrations(client, manager, structure_a):
    client.force_login(manager)
    event = EventFactory(capacity=50)
    url = reverse("events:detail", args=[event.pk])

    def grow(n):
        for _ in range(n):
            RegistrationFactory(event=event, person=followed_person(structure_a))
            EventCompanyFactory(event=event)

    grow(2)
    few = _count(client, url)
    grow(10)
    assert _count(client, url) == few


def test_series_detail_queries_do_not_grow(client, manager):
    client.force_login(manager)
    series = RecurringSeries.objects.create(
        title="Simulations",
        kind="interview_simulation",
        structure=StructureFactory(),
        rule="FREQ=MONTHLY;BYDAY=+1TH",
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2018, 12, 31),
    )
    url = reverse("events:series", args=[series.pk])
    for day in (1, 2):
        EventFactory(series=series, occurrence_date=datetime.date(2018, day, 4))
    few = _count(client, url)
    for month in range(3, 13):
        EventFactory(series=series, occurrence_date=datetime.date(2018, month, 1))
    assert _count(client, url) == few


@pytest.mark.parametrize(
    "name",
    ["events:home", "events:series_list"],
)
def test_funder_is_refused(client, funder, name):
    client.force_login(funder)
    assert client.get(reverse(name)).status_code == 403


def test_referent_sees_but_cannot_manage(client, referent_a):
    client.force_login(referent_a)
    event = EventFactory()
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200
    for name in ("events:edit", "events:checkin", "events:survey", "events:add_company"):
        assert client.get(reverse(name, args=[event.pk])).status_code == 403
    assert client.get(reverse("events:create")).status_code == 403


def test_names_in_scope_only_and_each_display_audited(client, manager, structure_a, structure_b):
    client.force_login(manager)
    event = EventFactory()
    mine = RegistrationFactory(
        event=event, person=followed_person(structure_a, last_name="Visible")
    )
    RegistrationFactory(event=event, person=followed_person(structure_b, last_name="Cachee"))
    html = page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert "VISIBLE" in html.upper() and "CACHEE" not in html.upper()
    assert "1 autre inscription" in html
    assert AuditEntry.objects.filter(action="view", person_id=mine.person_id).exists()


def test_registration_out_of_scope_is_404(client, manager, structure_b):
    client.force_login(manager)
    other = RegistrationFactory(person=followed_person(structure_b))
    assert client.get(reverse("events:outcome", args=[other.pk])).status_code == 404
    response = client.post(reverse("events:checkin_toggle", args=[other.pk]), {"present": "1"})
    assert response.status_code == 404


def test_create_event_then_register_someone(client, manager, structure_a):
    client.force_login(manager)
    response = client.post(
        reverse("events:create"),
        {
            "kind": "job_dating",
            "title": "Dating Emploi propreté",
            "date": "2030-03-15",
            "start_time": "09:00",
            "end_time": "12:00",
            "capacity": "1",
            "publics": ["women", "qpv"],
            "is_public": "on",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and event.publics == ["women", "qpv"]
    person = followed_person(structure_a, last_name="Durand")
    search = client.get(
        reverse("events:register", args=[event.pk]), {"q": "durand"}, HTTP_HX_REQUEST="true"
    )
    assert "Durand".upper() in page_text(search).upper()
    client.post(reverse("events:register", args=[event.pk]), {"personne": person.pk})
    client.post(
        reverse("events:register", args=[event.pk]), {"personne": followed_person(structure_a).pk}
    )
    assert list(event.registrations.values_list("status", flat=True).order_by("pk")) == [
        "registered",
        "waiting",
    ]
    assert (
        client.post(reverse("events:register", args=[event.pk]), {"personne": "x"}).status_code
        == 404
    )


def test_end_time_before_start_is_refused(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("events:create"),
        {
            "kind": "forum",
            "title": "Forum",
            "date": "2030-03-15",
            "start_time": "12:00",
            "end_time": "09:00",
        },
    )
    assert response.status_code == 200 and not Event.objects.exists()


def test_checkin_page_search_and_one_tap(client, manager, structure_a):
    client.force_login(manager)
    event = EventFactory()
    zidane = followed_person(structure_a, last_name="Zidane", first_names="Nadia")
    reg = RegistrationFactory(event=event, person=zidane)
    martin = followed_person(structure_a, last_name="Martin", first_names="Paul")
    RegistrationFactory(event=event, person=martin)
    Registration.objects.create(event=event, last_name="Éloïse", first_name="Nour")
    url = reverse("events:checkin", args=[event.pk])
    html = page_text(client.get(url))
    assert "ZIDANE" in html.upper() and "Éloïse".upper() in html.upper()
    found = page_text(client.get(url, {"q": "zid"}, HTTP_HX_REQUEST="true"))
    assert "ZIDANE" in found.upper() and "MARTIN" not in found.upper()
    found = page_text(client.get(url, {"q": "eloise"}, HTTP_HX_REQUEST="true"))
    assert "ÉLOÏSE" in found.upper()
    tap = client.post(
        reverse("events:checkin_toggle", args=[reg.pk]), {"present": "1"}, HTTP_HX_REQUEST="true"
    )
    assert 'aria-pressed="true"' in page_text(tap)
    reg.refresh_from_db()
    assert reg.attended


def test_series_form_creates_occurrences(client, manager):
    client.force_login(manager)
    antenna = StructureFactory(code="ANT-GERLAND", kind="antenna")
    response = client.post(
        reverse("events:series_create"),
        {
            "title": "Simulations d'entretien — Gerland",
            "kind": "interview_simulation",
            "structure": antenna.pk,
            "rule": "FREQ=MONTHLY;BYDAY=-1WE",
            "starts_on": "2018-01-01",
            "ends_on": "2018-12-31",
            "excluded": "2018-05-30",
            "closed": ["8"],
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    series = RecurringSeries.objects.get()
    assert series.occurrences.count() == 10
    page_text(client.get(reverse("events:series", args=[series.pk])))
    bad = client.post(
        reverse("events:series_create"),
        {
            "title": "Vide",
            "kind": "interview_simulation",
            "structure": antenna.pk,
            "rule": "FREQ=MONTHLY;BYDAY=+2TU;COUNT=1",
            "starts_on": "2018-08-01",
            "closed": ["8"],
        },
    )
    assert "aucune date" in page_text(bad)
    assert RecurringSeries.objects.count() == 1


def test_outcome_form_records_a_hire(client, manager, structure_a):
    client.force_login(manager)
    event = EventFactory(date=datetime.date(2017, 3, 15))
    presence = EventCompanyFactory(event=event)
    reg = RegistrationFactory(event=event, person=followed_person(structure_a), attended=True)
    page_text(client.get(reverse("events:outcome", args=[reg.pk])))
    response = client.post(
        reverse("events:outcome", args=[reg.pk]),
        {"interviews": "2", "hired": "on", "company": presence.company.pk, "contract_type": "cdd"},
    )
    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.hired and reg.placement.channel == "dating_emploi"


def test_survey_entry_and_results_on_the_event_page(client, manager):
    client.force_login(manager)
    event = EventFactory()
    RegistrationFactory(event=event, attended=True)
    response = client.post(
        reverse("events:survey", args=[event.pk]),
        {"role": "participant", "organisation": "4", "information": "3"},
    )
    assert response.status_code == 302
    html = page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert "1 questionnaire pour 1 présent" in html
