"""Registering actionneurs and booking outings: the rules of ``culture.rules`` applied.

Every function takes a keyword-only ``acting_user``, checks the capability and the person
scope, runs in ``transaction.atomic()`` under ``attributed_to`` and writes its audit entry
in the same transaction. A refused booking raises ``ValidationError`` with a French message
and writes nothing.

Seats are taken and given back under a row lock on the ``OfferDate`` (``select_for_update``):
two référents booking the last seat at the same moment are serialised, the second one sees
the seat gone. Freed seats go at once, in order, to the date's waiting list.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.formats import date_format

from maillage.accounts.roles import Capability, Role
from maillage.accounts.scoping import require_visible
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, log
from maillage.core.permissions import require_capability
from maillage.culture import rules
from maillage.culture.models import (
    HOLDING,
    Booking,
    BookingStatus,
    Channel,
    Desk,
    EligibilityCriterion,
    OfferDate,
    Registration,
    SocialPartner,
    WaitingEntry,
    WaitingStatus,
)
from maillage.culture.notify import notify
from maillage.people.models import Followup, Person
from maillage.people.services import create_person

#: Roles whose structure books for its actionneurs (as a coopérateur social).
BOOKING_ROLES = {Role.REFERENT, Role.RECEPTION, Role.CULTURE, Role.ADMIN}

NOT_A_SOCIAL_PARTNER = (
    "Votre structure n'est pas coopérateur social de Culture pour tous : elle ne peut pas "
    "inscrire d'actionneur ni réserver d'invitation. Contactez l'équipe Culture pour tous "
    "pour devenir coopérateur."
)


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "d/m/Y à H\\hi")


def own_social_partners(user) -> list[SocialPartner]:
    """The social partners of the user's structures (roles that book)."""
    ids = user.structure_ids(roles=BOOKING_ROLES)
    return list(
        SocialPartner.objects.filter(structure_id__in=ids, is_active=True).select_related(
            "structure"
        )
    )


def resolve_social_partner(
    user, social_partner: SocialPartner | None = None, desk: Desk | None = None
) -> SocialPartner:
    """The coopérateur social the user acts for; refused when their structure is none.

    At a desk (guichet, permanence), staff act for the desk's coopérateur, whatever their
    own structure: the desk is that coopérateur's counter.
    """
    if desk is not None:
        if not desk.is_active:
            raise ValidationError("Ce guichet est fermé.")
        if social_partner is not None and social_partner.pk != desk.social_partner_id:
            raise ValidationError(
                f"Au guichet {desk}, on inscrit et on réserve pour {desk.social_partner}."
            )
        return desk.social_partner
    own = own_social_partners(user)
    if social_partner is not None:
        if social_partner in own or user.has_capability(Capability.MANAGE_TICKETING):
            if not social_partner.is_active:
                raise ValidationError("Ce coopérateur social n'est plus actif.")
            return social_partner
        raise ValidationError(
            f"Vous n'agissez pas pour {social_partner} : réservez au guichet concerné ou "
            "demandez à un référent de ce coopérateur."
        )
    if not own:
        raise ValidationError(NOT_A_SOCIAL_PARTNER)
    if len(own) > 1:
        raise ValidationError("Choisissez le coopérateur social pour lequel vous agissez.")
    return own[0]


def _follow(person: Person, structure, on: date) -> None:
    """The social partner's structure follows the person for the culture service."""
    if Followup.objects.filter(
        person=person, structure=structure, service=Followup.Service.CULTURE
    ).exists():
        return
    followup = Followup.objects.create(
        person=person, structure=structure, service=Followup.Service.CULTURE, started_on=on
    )
    log(Action.CREATE, followup, person_id=person.pk)


def register_actionneur(
    *,
    person: Person,
    criterion: str,
    checked_on: date,
    acting_user,
    social_partner: SocialPartner | None = None,
    desk: Desk | None = None,
) -> Registration:
    """Register ``person`` (in scope) as actionneur of a social partner, eligibility checked."""
    require_capability(acting_user, Capability.BOOK_OUTINGS)
    require_visible(Person.objects, acting_user, person.pk)
    partner = resolve_social_partner(acting_user, social_partner, desk)
    today = timezone.localdate()
    if criterion not in EligibilityCriterion.values:
        raise ValidationError({"criterion": "Choisissez le critère d'éligibilité vérifié."})
    if checked_on > today:
        raise ValidationError(
            {"checked_on": "La vérification de l'éligibilité ne peut pas être dans le futur."}
        )
    existing = Registration.objects.filter(person=person, social_partner=partner).first()
    if existing is not None:
        raise ValidationError(f"{person} est déjà actionneur auprès de {partner}.")
    with attributed_to(acting_user), transaction.atomic():
        registration = Registration.objects.create(
            person=person,
            social_partner=partner,
            referent=acting_user,
            criterion=criterion,
            checked_on=checked_on,
            registered_on=today,
        )
        log(
            Action.CREATE,
            registration,
            person_id=person.pk,
            changes={
                "social_partner": [None, partner.pk],
                "criterion": [None, criterion],
                "checked_on": [None, checked_on.isoformat()],
            },
        )
        _follow(person, partner.structure, today)
    return registration


def register_new_actionneur(
    person_data: dict,
    *,
    criterion: str,
    checked_on: date,
    acting_user,
    social_partner: SocialPartner | None = None,
    desk: Desk | None = None,
) -> Registration:
    """Create the person's file (``people.services``) and register them, all or nothing."""
    partner = resolve_social_partner(acting_user, social_partner, desk)
    with transaction.atomic():
        structure = partner.structure if partner in own_social_partners(acting_user) else None
        person = create_person(person_data, acting_user=acting_user, structure=structure)
        return register_actionneur(
            person=person,
            criterion=criterion,
            checked_on=checked_on,
            acting_user=acting_user,
            social_partner=partner,
            desk=desk,
        )


def _registration_for(person: Person, partner: SocialPartner) -> Registration:
    registration = Registration.objects.filter(person=person, social_partner=partner).first()
    if registration is None:
        raise ValidationError(
            f"{person} n'est pas inscrit·e comme actionneur auprès de {partner} : "
            "inscrivez la personne (éligibilité vérifiée) avant de réserver."
        )
    return registration


def _check_request(offer_date, person, partner, guests, accompanists, now, limits, exclude=None):
    """Every rule but the seats: offer's rules, deadline, person's limit, double booking."""
    offer = offer_date.offer
    if offer.channel != Channel.SOLIDARITY or not offer.is_published:
        raise ValidationError("Cette offre n'est pas proposée à la billetterie solidaire.")
    reason = rules.check_party(
        guests=guests,
        accompanists=accompanists,
        guests_allowed=offer.guests_allowed,
        max_per_booking=offer.max_per_booking,
    )
    if reason:
        raise ValidationError(reason)
    if not rules.is_booking_open(offer_date.starts_at, offer.booking_closes_hours, now):
        closes = rules.booking_closes_at(offer_date.starts_at, offer.booking_closes_hours)
        raise ValidationError(
            f"Les réservations pour cette date sont closes depuis le {_when(closes)}."
        )
    _registration_for(person, partner)
    holding = Booking.objects.filter(person=person, status__in=HOLDING)
    if exclude is not None:
        holding = holding.exclude(pk=exclude)
    if holding.filter(offer_date=offer_date).exists():
        raise ValidationError(f"{person} a déjà une réservation pour cette date.")
    day = timezone.localtime(offer_date.starts_at).date()
    low, high = rules.window_around(day, limits.period_days)
    existing = [
        timezone.localtime(moment).date()
        for moment in holding.filter(
            offer_date__starts_at__date__gte=low, offer_date__starts_at__date__lte=high
        ).values_list("offer_date__starts_at", flat=True)
    ]
    if rules.exceeds_person_limit(
        existing, day, limit=limits.person_limit, period_days=limits.period_days
    ):
        raise ValidationError(
            f"{person} a atteint la limite de {limits.person_limit} sortie(s) sur "
            f"{limits.period_days} jours : réservation refusée."
        )


def _check_quota(partner: SocialPartner, offer_date: OfferDate, seats: int) -> None:
    if partner.quota is None:
        return
    day = timezone.localtime(offer_date.starts_at).date()
    start, end = rules.quota_period(day, partner.quota_period)
    used = (
        Booking.objects.filter(
            social_partner=partner,
            status__in=HOLDING,
            offer_date__starts_at__date__gte=start,
            offer_date__starts_at__date__lte=end,
        ).aggregate(
            n=Sum(F("guests") + F("accompanists") + 1),
        )["n"]
        or 0
    )
    if used + seats > partner.quota:
        raise ValidationError(
            f"Le quota de {partner} ({partner.quota} invitations "
            f"{partner.get_quota_period_display()}) est atteint : il reste "
            f"{max(partner.quota - used, 0)} invitation(s) pour cette période."
        )


def _create_booking(locked, person, partner, desk, guests, accompanists, user, waiting=False):
    booking = Booking.objects.create(
        offer_date=locked,
        person=person,
        social_partner=partner,
        desk=desk,
        guests=guests,
        accompanists=accompanists,
        booked_by=user,
        from_waiting_list=waiting,
    )
    OfferDate.objects.filter(pk=locked.pk).update(booked=F("booked") + booking.seats)
    locked.booked += booking.seats
    log(
        Action.CREATE,
        booking,
        person_id=person.pk,
        changes={
            "offer_date": [None, locked.pk],
            "seats": [None, booking.seats],
            "social_partner": [None, partner.pk],
            "from_waiting_list": [None, waiting],
        },
    )
    return booking


def book(
    *,
    offer_date: OfferDate,
    person: Person,
    acting_user,
    guests: int = 0,
    accompanists: int = 0,
    social_partner: SocialPartner | None = None,
    desk: Desk | None = None,
    now: datetime | None = None,
) -> Booking:
    """Book invitations for ``person`` (and guests, accompagnants) on ``offer_date``."""
    require_capability(acting_user, Capability.BOOK_OUTINGS)
    require_visible(Person.objects, acting_user, person.pk)
    now = now or timezone.now()
    limits = rules.Limits.from_settings()
    partner = resolve_social_partner(acting_user, social_partner, desk)
    seats = rules.seats_of(guests, accompanists)
    with attributed_to(acting_user), transaction.atomic():
        locked = OfferDate.objects.select_for_update().select_related("offer").get(pk=offer_date.pk)
        _check_request(locked, person, partner, guests, accompanists, now, limits)
        if locked.remaining < seats:
            raise ValidationError(
                f"Plus assez de places : il reste {max(locked.remaining, 0)} place(s) pour cette "
                f"date, la réservation en demande {seats}. Inscrivez la personne sur la liste "
                "d'attente."
            )
        if partner.quota is not None:
            SocialPartner.objects.select_for_update().filter(pk=partner.pk).first()
            _check_quota(partner, locked, seats)
        booking = _create_booking(locked, person, partner, desk, guests, accompanists, acting_user)
    offer_date.booked = locked.booked
    return booking


def join_waiting_list(
    *,
    offer_date: OfferDate,
    person: Person,
    acting_user,
    guests: int = 0,
    accompanists: int = 0,
    social_partner: SocialPartner | None = None,
    desk: Desk | None = None,
    now: datetime | None = None,
) -> WaitingEntry:
    """Wait for freed seats on a full date (same rules as a booking)."""
    require_capability(acting_user, Capability.BOOK_OUTINGS)
    require_visible(Person.objects, acting_user, person.pk)
    now = now or timezone.now()
    partner = resolve_social_partner(acting_user, social_partner, desk)
    with attributed_to(acting_user), transaction.atomic():
        locked = OfferDate.objects.select_for_update().select_related("offer").get(pk=offer_date.pk)
        _check_request(
            locked, person, partner, guests, accompanists, now, rules.Limits.from_settings()
        )
        if WaitingEntry.objects.filter(
            offer_date=locked, person=person, status=WaitingStatus.WAITING
        ).exists():
            raise ValidationError(f"{person} est déjà sur la liste d'attente de cette date.")
        entry = WaitingEntry.objects.create(
            offer_date=locked,
            person=person,
            social_partner=partner,
            desk=desk,
            guests=guests,
            accompanists=accompanists,
            requested_by=acting_user,
        )
        log(Action.CREATE, entry, person_id=person.pk, changes={"offer_date": [None, locked.pk]})
    return entry


def _offer_freed_seats(locked: OfferDate, now: datetime) -> list[Booking]:
    """Give freed seats to the waiting list, first come first served, entries that fit.

    An entry that no longer passes the rules (the person reached their limit meanwhile,
    the booking deadline passed) is skipped and stays waiting. The référent who asked is
    e-mailed (and the actionneur, when the file has an address).
    """
    created = []
    limits = rules.Limits.from_settings()
    entries = (
        WaitingEntry.objects.filter(offer_date=locked, status=WaitingStatus.WAITING)
        .select_related("person", "social_partner", "requested_by")
        .order_by("created_at", "pk")
    )
    for entry in entries:
        if locked.remaining < entry.seats:
            continue
        try:
            _check_request(
                locked,
                entry.person,
                entry.social_partner,
                entry.guests,
                entry.accompanists,
                now,
                limits,
            )
            _check_quota(entry.social_partner, locked, entry.seats)
        except ValidationError:
            continue
        booking = _create_booking(
            locked,
            entry.person,
            entry.social_partner,
            entry.desk,
            entry.guests,
            entry.accompanists,
            entry.requested_by,
            waiting=True,
        )
        entry.status = WaitingStatus.BOOKED
        entry.booking = booking
        entry.save(update_fields=["status", "booking"])
        created.append(booking)
        notify(
            [entry.requested_by.email, entry.person.email],
            f"Culture pour tous : une place s'est libérée — {locked.offer.title}",
            f"Bonjour,\n\nDes invitations se sont libérées pour « {locked.offer.title} » le "
            f"{_when(locked.starts_at)}. Elles sont réservées pour {entry.person.first_names} "
            f"({entry.seats} place(s), réservation {booking.reference}).\n"
            "Si la sortie n'est plus possible, annulez la réservation pour libérer les places."
            "\n\nCulture pour tous",
        )
    return created


def _require_booking_access(booking: Booking, user) -> None:
    if user.has_capability(Capability.MANAGE_TICKETING):
        return
    require_capability(user, Capability.BOOK_OUTINGS)
    require_visible(Booking.objects, user, booking.pk)


def cancel_booking(booking: Booking, *, acting_user, now: datetime | None = None) -> list[Booking]:
    """Cancel up to the deadline: the seats go back, to the waiting list first.

    Returns the bookings made from the waiting list with the freed seats.
    """
    _require_booking_access(booking, acting_user)
    now = now or timezone.now()
    limits = rules.Limits.from_settings()
    with attributed_to(acting_user), transaction.atomic():
        locked = (
            OfferDate.objects.select_for_update()
            .select_related("offer")
            .get(pk=booking.offer_date_id)
        )
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status != BookingStatus.BOOKED:
            raise ValidationError("Seule une réservation en cours peut être annulée.")
        if not rules.can_cancel(locked.starts_at, limits.cancel_hours, now):
            raise ValidationError(
                f"Annulation impossible moins de {limits.cancel_hours} heures avant la date : "
                "prévenez le lieu ; la sortie sera ensuite confirmée ou notée absente."
            )
        current.status = BookingStatus.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        OfferDate.objects.filter(pk=locked.pk).update(booked=F("booked") - current.seats)
        locked.booked -= current.seats
        log(
            Action.UPDATE,
            current,
            person_id=current.person_id,
            changes={"status": [BookingStatus.BOOKED, BookingStatus.CANCELLED]},
        )
        given = _offer_freed_seats(locked, now)
    booking.status, booking.cancelled_at = current.status, current.cancelled_at
    return given


def partner_ids_of(user) -> list[int]:
    """Cultural partners whose offers the user publishes (their own structure's)."""
    from maillage.culture.models import CulturalPartner

    ids = user.structure_ids(roles={Role.CULTURAL_PARTNER})
    return list(CulturalPartner.objects.filter(structure_id__in=ids).values_list("pk", flat=True))


def record_outcome(
    booking: Booking, *, attended: bool, acting_user, now: datetime | None = None
) -> Booking:
    """After the date: the outing is realised or the actionneur was absent (no-show).

    Recorded by the référent (booking in scope), by the venue from its check-in list (its
    own offers only) or by the ticketing team. The référent is e-mailed when the person's
    no-shows over the window reach the threshold.
    """
    now = now or timezone.now()
    if acting_user.has_capability(Capability.MANAGE_TICKETING):
        source = "referent"
    elif acting_user.has_capability(Capability.PUBLISH_CULTURE_OFFERS) and (
        booking.offer_date.offer.partner_id in partner_ids_of(acting_user)
    ):
        source = "venue"
    else:
        require_capability(acting_user, Capability.BOOK_OUTINGS)
        require_visible(Booking.objects, acting_user, booking.pk)
        source = "referent"
    limits = rules.Limits.from_settings()
    with attributed_to(acting_user), transaction.atomic():
        current = (
            Booking.objects.select_for_update()
            .select_related("offer_date__offer", "person")
            .get(pk=booking.pk)
        )
        if current.status == BookingStatus.CANCELLED:
            raise ValidationError("Cette réservation a été annulée.")
        if not rules.can_record_outcome(current.offer_date.starts_at, now):
            raise ValidationError("La sortie n'a pas encore eu lieu : attendez la date.")
        new = BookingStatus.ATTENDED if attended else BookingStatus.NO_SHOW
        before = current.status
        current.status = new
        current.outcome_recorded_at = now
        current.outcome_source = source
        current.save(update_fields=["status", "outcome_recorded_at", "outcome_source"])
        log(
            Action.UPDATE,
            current,
            person_id=current.person_id,
            changes={"status": [before, new], "outcome_source": [None, source]},
        )
        if new == BookingStatus.NO_SHOW and before != new:
            _flag_no_shows(current, limits, now)
    booking.status = current.status
    return booking


def no_show_count(person_id: int, limits: rules.Limits, now: datetime) -> int:
    since = timezone.localdate(now) - timedelta(days=limits.no_show_window_days)
    return Booking.objects.filter(
        person_id=person_id, status=BookingStatus.NO_SHOW, offer_date__starts_at__date__gte=since
    ).count()


def _flag_no_shows(booking: Booking, limits: rules.Limits, now: datetime) -> None:
    count = no_show_count(booking.person_id, limits, now)
    if count != limits.no_show_threshold:  # told once, when the threshold is reached
        return
    referents = Registration.objects.filter(person_id=booking.person_id).values_list(
        "referent__email", flat=True
    )
    notify(
        [*referents, booking.booked_by.email],
        "Culture pour tous : absences répétées d'un actionneur",
        f"Bonjour,\n\n{booking.person} n'est pas venu·e à {count} sorties réservées ces "
        f"{limits.no_show_window_days} derniers jours (dernière : « {booking.offer_date.offer} »). "
        "Merci de faire le point avec la personne avant sa prochaine réservation : les "
        "invitations non utilisées manquent à d'autres actionneurs.\n\nCulture pour tous",
    )


def send_due_reminders(now: datetime | None = None) -> int:
    """E-mail a reminder for bookings whose date comes within the reminder delay (once)."""
    now = now or timezone.now()
    limits = rules.Limits.from_settings()
    horizon = now + timedelta(days=limits.reminder_days)
    due = (
        Booking.objects.filter(
            status=BookingStatus.BOOKED,
            reminder_sent_at__isnull=True,
            offer_date__starts_at__gt=now,
            offer_date__starts_at__lte=horizon,
        )
        .select_related("person", "booked_by", "offer_date__offer__venue")
        .order_by("pk")
    )
    sent = 0
    with transaction.atomic():
        for booking in due:
            offer_date = booking.offer_date
            notify(
                [booking.person.email, booking.booked_by.email],
                f"Rappel : {offer_date.offer.title} le {_when(offer_date.starts_at)}",
                f"Bonjour,\n\nRappel de la sortie « {offer_date.offer.title} » le "
                f"{_when(offer_date.starts_at)}, {offer_date.offer.venue} — {booking.seats} "
                f"place(s), réservation {booking.reference} au nom de "
                f"{rules.door_name(booking.person.first_names, booking.person.last_name)}.\n"
                "Un empêchement ? Annulez au plus vite pour qu'un autre actionneur profite des "
                "invitations.\n\nCulture pour tous",
            )
            sent += 1
        Booking.objects.filter(pk__in=[b.pk for b in due]).update(reminder_sent_at=now)
    return sent
