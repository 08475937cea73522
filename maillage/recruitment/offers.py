"""Job offers, campaigns and campaign sessions: creating, editing, closing.

These hold no personal data, but they are what the Service Entreprises'
figures count (partner companies, campaigns of the year), so every change is
audited like the rest. Each function takes a keyword-only ``acting_user`` who
must hold ``manage_recruitment``, validates the whole object (a refusal, in
French, writes nothing), and saves with its audit entry in one transaction.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.core.permissions import require_capability
from maillage.recruitment.models import Campaign, CampaignSession, JobOffer, OfferStatus


def _snapshot(instance: models.Model) -> dict:
    """The audited fields, JSON-ready (``audit.services.snapshot`` leaves times as they are)."""
    values = snapshot(instance, instance.AUDITED_FIELDS)
    return {k: v.isoformat() if isinstance(v, datetime.time) else v for k, v in values.items()}


def save_audited(instance: models.Model, fields: dict, *, acting_user) -> models.Model:
    """Set ``fields`` on ``instance``, validate, save and log what changed (create or update)."""
    require_capability(acting_user, Capability.MANAGE_RECRUITMENT)
    creating = instance.pk is None
    before = {} if creating else _snapshot(instance)
    attnames = [instance._meta.get_field(name).attname for name in fields]
    previous = {attname: getattr(instance, attname) for attname in attnames}
    for name, value in fields.items():
        setattr(instance, name, value)
    try:
        instance.full_clean()
    except ValidationError:
        for attname, value in previous.items():  # a refusal leaves the object as it was
            setattr(instance, attname, value)
        raise
    with attributed_to(acting_user), transaction.atomic():
        instance.save()
        changes = diff(before, _snapshot(instance))
        if creating or changes:
            log(Action.CREATE if creating else Action.UPDATE, instance, changes=changes)
    return instance


#: What the offer form edits; status changes go through ``close_offer``/``reopen_offer``.
OFFER_FIELDS = (
    "company",
    "title",
    "rome_code",
    "rome_label",
    "contract_type",
    "weekly_hours",
    "location",
    "posts",
    "source",
    "published_on",
)


def _only(fields: dict, allowed) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"champs non modifiables ici : {', '.join(sorted(unknown))}")
    return fields


def create_offer(*, acting_user, **fields) -> JobOffer:
    return save_audited(JobOffer(), _only(fields, OFFER_FIELDS), acting_user=acting_user)


def update_offer(offer: JobOffer, *, acting_user, **fields) -> JobOffer:
    return save_audited(offer, _only(fields, OFFER_FIELDS), acting_user=acting_user)


def close_offer(
    offer: JobOffer, *, status: str, on: datetime.date, note: str = "", acting_user
) -> JobOffer:
    """The offer is filled or cancelled on ``on``: no more candidates may be positioned."""
    if status not in (OfferStatus.FILLED, OfferStatus.CANCELLED):
        raise ValidationError({"status": "Une offre se clôt pourvue ou annulée."})
    if not offer.is_open:
        raise ValidationError(
            {"status": f"Cette offre est déjà close ({offer.get_status_display().lower()})."}
        )
    if on > timezone.localdate():
        raise ValidationError({"closed_on": "La date de clôture ne peut pas être dans le futur."})
    return save_audited(
        offer,
        {"status": status, "closed_on": on, "closing_note": note.strip()},
        acting_user=acting_user,
    )


def reopen_offer(offer: JobOffer, *, acting_user) -> JobOffer:
    """Undo a closing recorded by mistake (the offer is open again, audited)."""
    if offer.is_open:
        raise ValidationError({"status": "Cette offre est déjà ouverte."})
    return save_audited(
        offer,
        {"status": OfferStatus.OPEN, "closed_on": None, "closing_note": ""},
        acting_user=acting_user,
    )


CAMPAIGN_FIELDS = ("company", "title", "opened_on", "closes_on", "description")


def create_campaign(*, acting_user, **fields) -> Campaign:
    return save_audited(Campaign(), _only(fields, CAMPAIGN_FIELDS), acting_user=acting_user)


def update_campaign(campaign: Campaign, *, acting_user, **fields) -> Campaign:
    fields = _only(fields, CAMPAIGN_FIELDS)
    opened_on = fields.get("opened_on", campaign.opened_on)
    first = campaign.sessions.order_by("date").values_list("date", flat=True).first()
    if first is not None and opened_on > first:
        raise ValidationError(
            {
                "opened_on": "Une session a lieu avant cette date "
                f"({first:%d/%m/%Y}) : déplacez-la d'abord."
            }
        )
    return save_audited(campaign, fields, acting_user=acting_user)


SESSION_FIELDS = ("kind", "date", "start_time", "venue", "place", "capacity")


def add_session(campaign: Campaign, *, acting_user, **fields) -> CampaignSession:
    session = CampaignSession(campaign=campaign)
    return save_audited(session, _only(fields, SESSION_FIELDS), acting_user=acting_user)


def update_session(session: CampaignSession, *, acting_user, **fields) -> CampaignSession:
    return save_audited(session, _only(fields, SESSION_FIELDS), acting_user=acting_user)


def delete_session(session: CampaignSession, *, acting_user) -> None:
    """A session cancelled before it took place (the campaign keeps its other sessions)."""
    require_capability(acting_user, Capability.MANAGE_RECRUITMENT)
    with attributed_to(acting_user), transaction.atomic():
        before = _snapshot(session)
        log(Action.DELETE, session, changes={k: [v, None] for k, v in before.items()})
        session.delete()
