"""Offers and their dates (entered by cultural partners), desks, and Choreia bookings.

A cultural partner's account only reaches its own structure's offers; the ticketing team
(``manage_ticketing``) reaches every one. Offers hold no personal data, but changes are
audited like every other write.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from maillage.accounts.roles import Capability, Role
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.core.permissions import require_capability
from maillage.culture import rules
from maillage.culture.models import (
    Channel,
    CompanyBooking,
    CulturalPartner,
    Desk,
    DeskSession,
    Offer,
    OfferDate,
)
from maillage.culture.services import partner_ids_of

OFFER_FIELDS = (
    "venue",
    "channel",
    "title",
    "category",
    "description",
    "max_per_booking",
    "guests_allowed",
    "booking_closes_hours",
    "wheelchair_access",
    "hearing_access",
    "visual_access",
    "accessibility_notes",
    "rate",
    "is_published",
)


def offers_for(user):
    """The offers a user may edit: all (ticketing team) or their own partner's."""
    if user.has_capability(Capability.MANAGE_TICKETING):
        return Offer.objects.all()
    if user.has_capability(Capability.PUBLISH_CULTURE_OFFERS):
        return Offer.objects.filter(partner_id__in=partner_ids_of(user))
    return Offer.objects.none()


def _require_partner(user, partner: CulturalPartner) -> None:
    if user.has_capability(Capability.MANAGE_TICKETING):
        return
    require_capability(user, Capability.PUBLISH_CULTURE_OFFERS)
    if partner.pk not in partner_ids_of(user):
        raise PermissionDenied


def _check_offer(offer: Offer) -> None:
    if offer.venue.partner_id != offer.partner_id:
        raise ValidationError({"venue": "Ce lieu n'appartient pas à ce coopérateur culturel."})
    if offer.channel == Channel.SOLIDARITY and offer.rate is not None:
        raise ValidationError({"rate": "Les invitations solidaires sont gratuites : pas de tarif."})
    if offer.channel == Channel.CHOREIA and offer.rate is None:
        raise ValidationError({"rate": "Indiquez le tarif préférentiel proposé aux salariés."})
    if offer.max_per_booking < 1:
        raise ValidationError({"max_per_booking": "Au moins une place par réservation."})
    if offer.guests_allowed >= offer.max_per_booking:
        raise ValidationError(
            {"guests_allowed": "Les invités s'ajoutent à l'actionneur : moins que le maximum."}
        )
    offer.full_clean()


def save_offer(offer: Offer | None, data: dict, *, partner: CulturalPartner, acting_user) -> Offer:
    """Create (``offer`` None) or update an offer of ``partner``."""
    _require_partner(acting_user, partner)
    unknown = set(data) - set(OFFER_FIELDS)
    if unknown:
        raise ValueError(f"Unknown offer fields: {sorted(unknown)}")
    with attributed_to(acting_user), transaction.atomic():
        if offer is None:
            current, before = Offer(partner=partner), {}
        else:
            if offer.partner_id != partner.pk:
                raise PermissionDenied
            current = Offer.objects.select_for_update().get(pk=offer.pk)
            before = snapshot(current, OFFER_FIELDS)
        for name, value in data.items():
            setattr(current, name, value)
        _check_offer(current)
        current.save()
        changes = diff(before, snapshot(current, OFFER_FIELDS))
        log(Action.UPDATE if before else Action.CREATE, current, changes=changes)
    return current


def add_date(offer: Offer, *, starts_at: datetime, seats: int, acting_user) -> OfferDate:
    """A new date of ``offer`` with its invitations (or Choreia seats)."""
    _require_partner(acting_user, offer.partner)
    if seats < 1:
        raise ValidationError({"seats": "Proposez au moins une place."})
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "La date doit être à venir."})
    with attributed_to(acting_user), transaction.atomic():
        offer_date = OfferDate.objects.create(offer=offer, starts_at=starts_at, seats=seats)
        log(
            Action.CREATE,
            offer_date,
            changes={"starts_at": [None, starts_at.isoformat()], "seats": [None, seats]},
        )
    return offer_date


def change_seats(offer_date: OfferDate, *, seats: int, acting_user) -> OfferDate:
    """More or fewer invitations for a date; never fewer than those already booked."""
    _require_partner(acting_user, offer_date.offer.partner)
    with attributed_to(acting_user), transaction.atomic():
        locked = OfferDate.objects.select_for_update().get(pk=offer_date.pk)
        if seats < locked.booked:
            raise ValidationError(
                {"seats": f"{locked.booked} place(s) sont déjà réservées : pas moins."}
            )
        log(Action.UPDATE, locked, changes={"seats": [locked.seats, seats]})
        locked.seats = seats
        locked.save(update_fields=["seats"])
    offer_date.seats = seats
    return offer_date


def record_desk_session(
    desk: Desk, *, on, people_received: int, hours=0, acting_user
) -> DeskSession:
    """How many people a desk or permanence received on a day (one row per day, updated)."""
    require_capability(acting_user, Capability.BOOK_OUTINGS)
    if on > timezone.localdate():
        raise ValidationError({"date": "La date ne peut pas être dans le futur."})
    if people_received < 0:
        raise ValidationError({"people_received": "Un nombre de personnes positif."})
    with attributed_to(acting_user), transaction.atomic():
        session, created = DeskSession.objects.update_or_create(
            desk=desk,
            date=on,
            defaults={
                "people_received": people_received,
                "hours": hours,
                "recorded_by": acting_user,
            },
        )
        log(
            Action.CREATE if created else Action.UPDATE,
            session,
            changes={"people_received": [None, people_received]},
        )
    return session


def employee_company(user):
    """The partner company (structure) a Choreia account belongs to."""
    ids = user.structure_ids(roles={Role.COMPANY_EMPLOYEE})
    if not ids:
        raise ValidationError("Votre compte n'est rattaché à aucune entreprise partenaire.")
    return next(m.structure for m in user.active_memberships if m.structure_id == ids[0])


def book_company_seats(
    offer_date: OfferDate, *, seats: int, acting_user, now: datetime | None = None
) -> CompanyBooking:
    """Choreia: an employee books seats at the preferential rate (no free invitation)."""
    require_capability(acting_user, Capability.BROWSE_COMPANY_OFFERS)
    company = employee_company(acting_user)
    now = now or timezone.now()
    with attributed_to(acting_user), transaction.atomic():
        locked = OfferDate.objects.select_for_update().select_related("offer").get(pk=offer_date.pk)
        offer = locked.offer
        if offer.channel != Channel.CHOREIA or not offer.is_published:
            raise ValidationError("Cette offre n'est pas proposée aux salariés (Choreia).")
        if not 1 <= seats <= offer.max_per_booking:
            raise ValidationError(f"Entre 1 et {offer.max_per_booking} place(s) par réservation.")
        if not rules.is_booking_open(locked.starts_at, offer.booking_closes_hours, now):
            raise ValidationError("Les réservations pour cette date sont closes.")
        if locked.remaining < seats:
            raise ValidationError(f"Plus assez de places : il en reste {max(locked.remaining, 0)}.")
        booking = CompanyBooking.objects.create(
            offer_date=locked, employee=acting_user, company=company, seats=seats
        )
        OfferDate.objects.filter(pk=locked.pk).update(booked=F("booked") + seats)
        log(Action.CREATE, booking, changes={"seats": [None, seats]})
    return booking


def cancel_company_booking(booking: CompanyBooking, *, acting_user) -> None:
    require_capability(acting_user, Capability.BROWSE_COMPANY_OFFERS)
    if booking.employee_id != acting_user.pk:
        raise PermissionDenied
    with attributed_to(acting_user), transaction.atomic():
        locked = OfferDate.objects.select_for_update().get(pk=booking.offer_date_id)
        current = CompanyBooking.objects.select_for_update().get(pk=booking.pk)
        if current.cancelled_at is not None:
            raise ValidationError("Cette réservation est déjà annulée.")
        if locked.starts_at <= timezone.now():
            raise ValidationError("La date est passée.")
        current.cancelled_at = timezone.now()
        current.save(update_fields=["cancelled_at"])
        OfferDate.objects.filter(pk=locked.pk).update(booked=F("booked") - current.seats)
        log(
            Action.UPDATE,
            current,
            changes={"cancelled_at": [None, current.cancelled_at.isoformat()]},
        )
