"""The public agenda: no login, online registration (consent, email, anti-spam, past
events), confirmation email, the iCalendar feeds parsed by the icalendar package."""

import datetime
import time
from html import unescape

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from maillage.events import public
from maillage.events.models import Registration, RegistrationStatus
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import StructureFactory
from tests.people.html import page_text as checked_page

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return unescape(checked_page(response))


def form_data(**overrides):
    data = {
        "last_name": "Benali",
        "first_name": "Samia",
        "email": "samia.benali@example.org",
        "phone": "",
        "consent": "on",
        "website": "",
        "stamp": public.issue_stamp(at=time.time() - 30),
    }
    data.update(overrides)
    return data


def post(client, event, **overrides):
    return client.post(reverse("agenda:event", args=[event.pk]), form_data(**overrides))


def test_agenda_is_public_and_lists_upcoming_public_events(client):
    antenna = StructureFactory(code="ANT-DUCHERE", name="Antenne Duchère", kind="antenna")
    shown = EventFactory(title="Simulation d'entretien", structure=antenna, theme="Logistique")
    EventFactory(title="Réunion interne", is_public=False)
    EventFactory(title="Dating passé", date=datetime.date(2017, 3, 1))
    EventFactory(title="Annulé", cancelled=True)
    html = page_text(client.get(reverse("agenda:home")))
    assert shown.title in html
    assert "Réunion interne" not in html and "Dating passé" not in html and "Annulé" not in html
    html = page_text(client.get(reverse("agenda:home"), {"antenne": "ANT-DUCHERE"}))
    assert shown.title in html
    assert "Aucun" in page_text(client.get(reverse("agenda:home"), {"theme": "Commerce"}))


def test_online_registration_and_confirmation_email(client, django_capture_on_commit_callbacks):
    event = EventFactory(title="Dating Emploi hôtellerie", capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, event)
    assert response.status_code == 200
    assert "inscription est enregistrée" in page_text(response)
    registration = Registration.objects.get()
    assert registration.person is None and registration.source == "public"
    assert registration.consent_at is not None
    assert registration.status == RegistrationStatus.REGISTERED
    assert mail.outbox[0].to == ["samia.benali@example.org"]
    assert "Dating Emploi hôtellerie" in mail.outbox[0].subject


def test_full_event_puts_online_registrants_on_the_waiting_list(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    response = post(client, event)
    assert "liste d'attente" in page_text(response)
    assert Registration.objects.get(source="public").status == RegistrationStatus.WAITING


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "samia@"}, "Adresse de courriel invalide"),
        ({"email": "pas une adresse"}, "Adresse de courriel invalide"),
        ({"consent": ""}, "Votre accord est nécessaire"),
        ({"last_name": ""}, "Ce champ est obligatoire"),
        ({"website": "http://spam.example"}, "Envoi refusé"),
        ({"stamp": "forged"}, "expiré"),
    ],
)
def test_bad_input_is_refused(client, overrides, message):
    event = EventFactory()
    response = post(client, event, **overrides)
    assert response.status_code == 400
    assert message in page_text(response)
    assert not Registration.objects.exists()


def test_a_form_sent_back_too_fast_is_refused(client):
    response = post(client, EventFactory(), stamp=public.issue_stamp())
    assert response.status_code == 400
    assert "trop rapide" in page_text(response)
    assert not Registration.objects.exists()


def test_past_event_refuses_public_registrations(client):
    event = EventFactory(date=datetime.date.today() - datetime.timedelta(days=1))
    response = post(client, event)
    assert "closes" in page_text(response)
    assert not Registration.objects.exists()
    with pytest.raises(Exception, match="inscription en ligne"):
        public.public_register(
            event=event,
            last_name="A",
            first_name="B",
            email="a@example.org",
            consent=True,
        )


def test_private_event_is_not_found(client):
    assert (
        client.get(reverse("agenda:event", args=[EventFactory(is_public=False).pk])).status_code
        == 404
    )


def test_page_never_reveals_other_registrants(client):
    event = EventFactory(capacity=5)
    RegistrationFactory(event=event, person__last_name="Secretnom")
    html = page_text(client.get(reverse("agenda:event", args=[event.pk])))
    assert "Secretnom" not in html
    assert "4 places restantes" in html


def test_same_email_twice_makes_one_registration(client):
    event = EventFactory()
    post(client, event)
    post(client, event, email="SAMIA.BENALI@example.org")
    assert Registration.objects.count() == 1


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_ics_feeds_validate_with_icalendar(client):
    duchere = StructureFactory(code="ANT-DUCHERE", name="Antenne Duchère", kind="antenna")
    pentes = StructureFactory(code="ANT-PENTES", name="Antenne Pentes", kind="antenna")
    timed = EventFactory(
        title="Simulation Duchère",
        structure=duchere,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(12, 0),
        place="Maison des services",
    )
    EventFactory(title="Simulation Pentes", structure=pentes)
    EventFactory(title="Interne", structure=duchere, is_public=False)
    feed = parse(client.get(reverse("agenda:ics")))
    summaries = sorted(str(e["SUMMARY"]) for e in feed.walk("VEVENT"))
    assert summaries == ["Simulation Duchère", "Simulation Pentes"]
    one = parse(client.get(reverse("agenda:antenna_ics", args=["ANT-DUCHERE"])))
    (event,) = one.walk("VEVENT")
    assert str(event["UID"]) == f"{timed.external_id}@maillage"
    start = event.decoded("DTSTART")
    assert (start.date(), start.hour, start.minute) == (timed.date, 9, 30)
    assert event.decoded("DTEND").hour == 12
    assert "Maison des services" in str(event["LOCATION"])
    assert str(event["URL"]).endswith(reverse("agenda:event", args=[timed.pk]))
    assert client.get(reverse("agenda:antenna_ics", args=["NOPE"])).status_code == 404


def test_agenda_queries_do_not_grow_with_events(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    antenna = StructureFactory(code="ANT-MERMOZ", kind="antenna")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            page_text(client.get(reverse("agenda:home")))
        return len(ctx)

    EventFactory.create_batch(2, structure=antenna, theme="Commerce")
    few = count()
    EventFactory.create_batch(12, structure=antenna, theme="Logistique")
    assert count() == few
