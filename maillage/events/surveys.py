"""Satisfaction surveys: typed from paper by staff or answered online via a signed link.

Results are shown the way the seed does ("Dating Emploi": share of very
satisfied per question, on a sample of N answers out of the attendance).
The online link is signed (no account, nothing guessable): it names the event,
the respondent's role and, for a participant, the registration, so each
registrant answers once.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from maillage.accounts.roles import Capability
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, log
from maillage.core.permissions import require_capability
from maillage.events.models import (
    QUESTIONS,
    Event,
    Registration,
    Satisfaction,
    SurveyResponse,
    SurveyRole,
)

SALT = "maillage.events.survey"
#: Links stay valid three months after they are made.
LINK_MAX_AGE = 92 * 24 * 3600


def make_token(event: Event, role: str, registration: Registration | None = None) -> str:
    payload = {"e": event.pk, "r": role, "g": registration.pk if registration else None}
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str) -> dict:
    try:
        payload = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError("Ce lien de questionnaire n'est pas valide ou a expiré.") from None
    if payload.get("r") not in SurveyRole.values:
        raise ValidationError("Ce lien de questionnaire n'est pas valide.")
    return payload


def _clean_answers(answers: dict) -> dict:
    cleaned = {}
    for name, _label in QUESTIONS:
        value = answers.get(name)
        if value in (None, ""):
            cleaned[name] = None
            continue
        value = int(value)
        if value not in Satisfaction.values:
            raise ValidationError({name: "Réponse hors de l'échelle (1 à 4)."})
        cleaned[name] = value
    if all(v is None for v in cleaned.values()):
        raise ValidationError("Le questionnaire est vide : répondez au moins à une question.")
    cleaned["comment"] = (answers.get("comment") or "").strip()
    return cleaned


def type_paper_answer(*, event: Event, role: str, answers: dict, acting_user) -> SurveyResponse:
    """Staff type a questionnaire filled on paper."""
    require_capability(acting_user, Capability.MANAGE_EVENTS)
    if role not in SurveyRole.values:
        raise ValidationError({"role": "Répondant inconnu."})
    cleaned = _clean_answers(answers)
    with attributed_to(acting_user), transaction.atomic():
        response = SurveyResponse.objects.create(
            event=event, role=role, channel=SurveyResponse.Channel.PAPER, **cleaned
        )
        log(Action.CREATE, response)
    return response


def answer_online(*, token: str, answers: dict) -> SurveyResponse:
    """An answer sent with a signed link; a registrant answers once."""
    payload = read_token(token)
    event = Event.objects.filter(pk=payload["e"]).first()
    if event is None:
        raise ValidationError("Ce lien de questionnaire n'est pas valide.")
    cleaned = _clean_answers(answers)
    registration_id = payload.get("g")
    if registration_id and SurveyResponse.objects.filter(registration_id=registration_id).exists():
        raise ValidationError("Vous avez déjà répondu à ce questionnaire : merci !")
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                event=event,
                role=payload["r"],
                channel=SurveyResponse.Channel.ONLINE,
                registration_id=registration_id,
                **cleaned,
            )
            log(Action.CREATE, response)
    except IntegrityError:
        raise ValidationError("Vous avez déjà répondu à ce questionnaire : merci !") from None
    return response


def results(event: Event) -> dict:
    """Per role: answers, attendance, and per question the share of each level (one query)."""
    aggregates = {"n": Count("pk")}
    for name, _label in QUESTIONS:
        aggregates[f"{name}__n"] = Count("pk", filter=Q(**{f"{name}__isnull": False}))
        for level in Satisfaction.values:
            aggregates[f"{name}__{level}"] = Count("pk", filter=Q(**{name: level}))
    rows = {
        row["role"]: row
        for row in event.survey_responses.values("role").annotate(**aggregates).order_by()
    }
    attendance = event.registrations.filter(attended=True).count()
    out = {}
    for role, role_label in SurveyRole.choices:
        row = rows.get(role)
        if not row:
            continue
        questions = []
        for name, label in QUESTIONS:
            answered = row[f"{name}__n"]
            if not answered:
                continue
            shares = [
                {
                    "level": level_label,
                    "count": row[f"{name}__{level}"],
                    "share": row[f"{name}__{level}"] / answered,
                }
                for level, level_label in Satisfaction.choices
            ]
            questions.append(
                {
                    "label": label,
                    "answered": answered,
                    "very_satisfied": row[f"{name}__{Satisfaction.VERY}"] / answered,
                    "levels": shares,
                }
            )
        out[role] = {
            "label": role_label,
            "answers": row["n"],
            "attendance": attendance if role == SurveyRole.PARTICIPANT else None,
            "sample": row["n"] / attendance
            if role == SurveyRole.PARTICIPANT and attendance
            else None,
            "questions": questions,
        }
    return out
