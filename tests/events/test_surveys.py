"""Satisfaction surveys: typed from paper, answered online via a signed link, results."""

from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from maillage.events import surveys
from maillage.events.models import SurveyResponse
from tests.events.factories import EventFactory, RegistrationFactory
from tests.people.html import page_text as checked_page

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return unescape(checked_page(response))


def test_results_share_very_satisfied_and_sample(manager):
    event = EventFactory()
    for _ in range(8):
        RegistrationFactory(event=event, attended=True)
    RegistrationFactory(event=event, attended=False)
    for organisation in (4, 4, 4, 3):
        surveys.type_paper_answer(
            event=event,
            role="participant",
            answers={"organisation": organisation, "information": 4},
            acting_user=manager,
        )
    surveys.type_paper_answer(
        event=event, role="speaker", answers={"speakers_rating": 2}, acting_user=manager
    )
    result = surveys.results(event)
    participants = result["participant"]
    assert participants["answers"] == 4 and participants["attendance"] == 8
    assert participants["sample"] == 0.5
    organisation = participants["questions"][0]
    assert organisation["very_satisfied"] == 0.75 and organisation["answered"] == 4
    assert [level["count"] for level in organisation["levels"]] == [3, 1, 0, 0]
    assert [q["label"] for q in participants["questions"]] == [
        "Organisation",
        "Qualité de l'information",
    ]
    assert result["speaker"]["questions"][0]["very_satisfied"] == 0


def test_paper_answers_need_the_capability_and_a_valid_scale(referent_a, manager):
    event = EventFactory()
    with pytest.raises(PermissionDenied):
        surveys.type_paper_answer(
            event=event, role="participant", answers={"organisation": 4}, acting_user=referent_a
        )
    with pytest.raises(ValidationError):
        surveys.type_paper_answer(
            event=event, role="participant", answers={"organisation": 7}, acting_user=manager
        )
    with pytest.raises(ValidationError):
        surveys.type_paper_answer(event=event, role="participant", answers={}, acting_user=manager)
    assert not SurveyResponse.objects.exists()


def test_online_answer_through_a_signed_link(client):
    event = EventFactory(title="Forum de l'emploi")
    registration = RegistrationFactory(event=event, attended=True)
    token = surveys.make_token(event, "participant", registration)
    url = reverse("agenda:survey", args=[token])
    assert "Forum de l'emploi" in page_text(client.get(url))
    response = client.post(url, {"organisation": "4", "information": "3", "comment": "Bien"})
    assert "Merci" in page_text(response)
    answer = SurveyResponse.objects.get()
    assert (answer.channel, answer.registration, answer.organisation) == (
        "online",
        registration,
        4,
    )
    # The same registrant answers once.
    again = client.post(url, {"organisation": "1"})
    assert "déjà répondu" in page_text(again)
    assert SurveyResponse.objects.count() == 1


def test_forged_link_is_refused(client):
    token = surveys.make_token(EventFactory(), "speaker") + "x"
    assert client.get(reverse("agenda:survey", args=[token])).status_code == 404
