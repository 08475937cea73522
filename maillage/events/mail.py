"""Emails to registrants: confirmation of an online registration, a freed place.

Sent once the transaction commits (a rolled-back registration tells no one);
a mail server that fails never undoes the registration, it is only logged.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.formats import date_format

logger = logging.getLogger(__name__)

CONFIRMED = "confirmed"
WAITING = "waiting"
PLACE_FREED = "place_freed"

SUBJECTS = {
    CONFIRMED: "Inscription confirmée : {title}",
    WAITING: "Liste d'attente : {title}",
    PLACE_FREED: "Une place s'est libérée : {title}",
}

OPENINGS = {
    CONFIRMED: "Votre inscription est confirmée.",
    WAITING: (
        "L'événement est complet : vous êtes sur la liste d'attente. Si une place se "
        "libère, elle vous sera attribuée et vous serez prévenu(e) par courriel."
    ),
    PLACE_FREED: "Une place s'est libérée : vous êtes maintenant inscrit(e).",
}


def message(registration, kind: str) -> tuple[str, str]:
    event = registration.event
    when = date_format(event.date, "l j F Y")
    if event.start_time:
        when += f" à {event.start_time:%H:%M}"
    lines = [
        "Bonjour,",
        "",
        OPENINGS[kind],
        "",
        f"{event.title}",
        f"Le {when}",
    ]
    if event.place:
        lines.append(f"Lieu : {event.place}")
    lines += [
        "",
        "Si vous ne pouvez pas venir, prévenez l'organisateur pour libérer votre place.",
        "",
        "Maillage — plateforme emploi-insertion",
    ]
    return SUBJECTS[kind].format(title=event.title), "\n".join(lines)


def send_now(registration, kind: str) -> bool:
    address = registration.contact_email
    if not address:
        return False
    subject, body = message(registration, kind)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except OSError:
        logger.exception("Courriel non envoyé (inscription %s)", registration.pk)
        return False
    return True


def send_on_commit(registration, kind: str) -> None:
    transaction.on_commit(lambda: send_now(registration, kind))
