"""E-mails of the ticketing: freed seats, reminders, repeated no-shows.

Sent once the transaction has committed (never while a date row is locked, never for a
booking that was rolled back); a failing mail server is logged, it does not undo a booking.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)


def _send(recipients: list[str], subject: str, body: str) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # a mail failure must not undo the booking
        logger.exception("culture: courriel non envoyé (%s)", subject)


def notify(recipients, subject: str, body: str) -> None:
    """Queue one e-mail to the non-empty addresses of ``recipients``, after commit."""
    to = sorted({r for r in recipients if r})
    if to:
        transaction.on_commit(lambda: _send(to, subject, body))
