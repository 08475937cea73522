"""Online registration from the public agenda, without login and without third parties.

Anti-spam: a honeypot field that people never see (bots fill every field) and
a signed timestamp issued with the form: a form sent back in less than
``MIN_SECONDS`` (a script) or after ``MAX_AGE`` hours, or with a forged stamp,
is refused. Nothing is asked of an outside service (no captcha).

A public registration stores only the minimal data (names, email, optional
phone) and the moment consent was given; it has no ``Person`` until staff link
it to a file from the event page. Nothing about other registrants is ever shown
publicly.
"""

import time

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from maillage.audit.services import Action, log
from maillage.events import mail
from maillage.events.models import Event, Registration, RegistrationSource, RegistrationStatus
from maillage.events.services import check_open, lock_event, status_for_new

MIN_SECONDS = 3
MAX_AGE = 2 * 3600
SALT = "maillage.events.public-form"

CONSENT_TEXT = (
    "J'accepte que mes nom, prénom, courriel et téléphone soient enregistrés par la "
    "plateforme emploi-insertion pour gérer mon inscription à cet événement et me "
    "contacter à son sujet. Ces données ne sont pas transmises à des tiers ; je peux "
    "demander leur suppression à tout moment auprès de l'organisateur."
)


def issue_stamp(at: float | None = None) -> str:
    """The signed moment a form was shown (``at``: for tests)."""
    return signing.dumps({"t": time.time() if at is None else at}, salt=SALT)


def check_stamp(stamp: str, now: float | None = None) -> None:
    now = time.time() if now is None else now
    try:
        issued = float(signing.loads(stamp, salt=SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError("Le formulaire a expiré : rechargez la page.") from None
    if now - issued < MIN_SECONDS:
        raise ValidationError("Envoi trop rapide : vérifiez le formulaire et renvoyez-le.")
    if now - issued > MAX_AGE:
        raise ValidationError("Le formulaire a expiré : rechargez la page.")


def accepts_public_registrations(event: Event, today=None) -> bool:
    today = today or timezone.localdate()
    return event.is_public and not event.cancelled and event.date >= today


def public_register(
    *,
    event: Event,
    last_name: str,
    first_name: str,
    email: str,
    phone: str = "",
    consent: bool,
    today=None,
) -> Registration:
    """Register a visitor; waiting list when full; confirmation email after commit."""
    errors = {}
    last_name, first_name, email = last_name.strip(), first_name.strip(), email.strip()
    if not last_name:
        errors["last_name"] = "Indiquez votre nom."
    if not first_name:
        errors["first_name"] = "Indiquez votre prénom."
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = "Adresse de courriel invalide."
    if not consent:
        errors["consent"] = "Votre accord est nécessaire pour enregistrer l'inscription."
    if errors:
        raise ValidationError(errors)
    if not accepts_public_registrations(event, today):
        raise ValidationError("Cet événement ne prend pas d'inscription en ligne.")
    # The request's audit context (anonymous, its IP and path) names who did it.
    with transaction.atomic():
        event = lock_event(event)
        check_open(event)
        duplicate = Registration.objects.filter(
            event=event,
            email__iexact=email,
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING],
        ).first()
        if duplicate is not None:
            # Same answer as a new registration: nothing revealed about who registered.
            return duplicate
        registration = Registration.objects.create(
            event=event,
            last_name=last_name,
            first_name=first_name,
            email=email,
            phone=phone.strip(),
            consent_at=timezone.now(),
            status=status_for_new(event),
            source=RegistrationSource.PUBLIC,
        )
        log(Action.CREATE, registration, changes={"status": [None, registration.status]})
        kind = (
            mail.CONFIRMED if registration.status == RegistrationStatus.REGISTERED else mail.WAITING
        )
        mail.send_on_commit(registration, kind)
    return registration
