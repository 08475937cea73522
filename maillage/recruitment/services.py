"""Positioning candidates, moving them along the funnel, recording placements.

Every function takes a keyword-only ``acting_user``, checks the capability and
the person scope, runs in ``transaction.atomic()`` and writes its audit entry in
the same transaction. A refused change raises ``ValidationError`` (or
``PermissionDenied``) and writes nothing.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from maillage.accounts.roles import PERSON_SCOPE, Capability, PersonScope
from maillage.accounts.scoping import require_visible
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.core.permissions import require_capability
from maillage.people.models import Followup, Person
from maillage.recruitment.models import (
    ENDINGS,
    MANUAL_CHANNELS,
    RANK,
    Campaign,
    Candidacy,
    JobOffer,
    OfferSource,
    Placement,
    PlacementChannel,
    Stage,
    StageChange,
)


def _followup_structure_id(user) -> int | None:
    """The structure whose Service Entreprises follow-up makes the candidate visible to it."""
    roles = {r for r, s in PERSON_SCOPE.items() if s == PersonScope.FOLLOWED}
    ids = user.structure_ids(roles=roles) or user.structure_ids()
    return ids[0] if ids else None


def position_candidate(
    *,
    person: Person,
    channel: str,
    positioned_on: date,
    offer: JobOffer | None = None,
    campaign: Campaign | None = None,
    acting_user,
) -> Candidacy:
    """Position ``person`` (in the user's scope) on an offer or in a campaign."""
    require_capability(acting_user, Capability.VIEW_RECRUITMENT)
    if not Person.objects.visible_to(acting_user).filter(pk=person.pk).exists():
        raise PermissionDenied
    if (offer is None) == (campaign is None):
        raise ValidationError("Une candidature porte sur une offre ou sur une campagne.")
    if offer is not None and not offer.is_open:
        raise ValidationError(
            f"Cette offre est close ({offer.get_status_display().lower()}) : "
            "on ne peut plus y positionner de candidat."
        )
    existing = Candidacy.objects.filter(person=person, offer=offer, campaign=campaign)
    if existing.exists():
        raise ValidationError({"person": "Cette personne est déjà positionnée."})
    with attributed_to(acting_user), transaction.atomic():
        candidacy = Candidacy.objects.create(
            person=person,
            offer=offer,
            campaign=campaign,
            channel=channel,
            positioned_on=positioned_on,
            positioned_by=acting_user,
        )
        StageChange.objects.create(
            candidacy=candidacy, stage=Stage.POSITIONED, date=positioned_on, changed_by=acting_user
        )
        log(
            Action.CREATE,
            candidacy,
            person_id=person.pk,
            changes={
                "channel": [None, channel],
                "positioned_on": [None, positioned_on.isoformat()],
            },
        )
        structure_id = _followup_structure_id(acting_user)
        if (
            structure_id is not None
            and not Followup.objects.filter(
                person=person, structure_id=structure_id, service=Followup.Service.COMPANIES
            ).exists()
        ):
            followup = Followup.objects.create(
                person=person,
                structure_id=structure_id,
                service=Followup.Service.COMPANIES,
                started_on=positioned_on,
            )
            log(Action.CREATE, followup, person_id=person.pk)
    return candidacy


def change_stage(
    *,
    candidacy: Candidacy,
    stage: str,
    on: date,
    acting_user,
    contract_type: str = "",
) -> Candidacy:
    """Move a candidacy to ``stage`` on date ``on`` (history kept, hire makes a placement)."""
    require_capability(acting_user, Capability.MANAGE_RECRUITMENT)
    if not Candidacy.objects.visible_to(acting_user).filter(pk=candidacy.pk).exists():
        raise PermissionDenied
    if stage not in Stage.values:
        raise ValidationError({"stage": "Étape inconnue."})
    if on < candidacy.positioned_on:
        raise ValidationError(
            {
                "date": "La date ne peut pas précéder le positionnement "
                f"({candidacy.positioned_on:%d/%m/%Y})."
            }
        )
    if candidacy.stage == Stage.HIRED:
        raise ValidationError({"stage": "Le candidat est déjà recruté."})
    before = {"stage": candidacy.stage, "hired_on": candidacy.hired_on}
    with attributed_to(acting_user), transaction.atomic():
        candidacy.stage = stage
        if stage not in ENDINGS:
            candidacy.reached = max(candidacy.reached, RANK[stage])
        if stage == Stage.HIRED:
            candidacy.hired_on = on
        candidacy.save(update_fields=["stage", "reached", "hired_on"])
        StageChange.objects.create(
            candidacy=candidacy, stage=stage, date=on, changed_by=acting_user
        )
        log(
            Action.UPDATE,
            candidacy,
            person_id=candidacy.person_id,
            changes={
                "stage": [before["stage"], stage],
                **({"hired_on": [None, on.isoformat()]} if stage == Stage.HIRED else {}),
            },
        )
        if stage == Stage.HIRED:
            target = candidacy.offer or candidacy.campaign
            record_placement(
                person=candidacy.person,
                company=target.company,
                contract_type=contract_type
                or (candidacy.offer.contract_type if candidacy.offer else "cdi"),
                started_on=on,
                channel=PlacementChannel.IOD
                if candidacy.offer and candidacy.offer.source == OfferSource.IOD
                else PlacementChannel.RECRUITMENT_SUPPORT,
                candidacy=candidacy,
                acting_user=acting_user,
            )
    return candidacy


def record_placement(
    *,
    person: Person,
    company,
    contract_type: str,
    started_on: date,
    channel: str,
    candidacy: Candidacy | None = None,
    acting_user,
) -> Placement:
    """One placement ("mise à l'emploi") of a person in the user's scope.

    The same person placed in the same company on the same day is one hire:
    a second record is refused, whatever the channel, so no figure counts it twice.
    """
    # The Mission Insertion Culture records the placements it obtains with cultural employers.
    require_capability(
        acting_user, Capability.MANAGE_RECRUITMENT, Capability.MANAGE_INSERTION_CULTURE
    )
    if not Person.objects.visible_to(acting_user).filter(pk=person.pk).exists():
        raise PermissionDenied
    placement = Placement(
        person=person,
        company=company,
        contract_type=contract_type,
        started_on=started_on,
        channel=channel,
        candidacy=candidacy,
    )
    placement.full_clean(exclude=["external_id"])
    _refuse_duplicate(placement)
    with attributed_to(acting_user), transaction.atomic():
        placement.save()
        log(
            Action.CREATE,
            placement,
            person_id=person.pk,
            changes={
                "company": [None, company.pk],
                "channel": [None, channel],
                "started_on": [None, started_on.isoformat()],
            },
        )
    return placement


def _refuse_duplicate(placement: Placement) -> None:
    twin = Placement.objects.filter(
        person_id=placement.person_id,
        company_id=placement.company_id,
        started_on=placement.started_on,
    ).exclude(pk=placement.pk)
    if twin.exists():
        raise ValidationError(
            {
                "started_on": "Cette mise à l'emploi est déjà enregistrée "
                f"(même personne, même entreprise, le {placement.started_on:%d/%m/%Y})."
            }
        )


def _check_manual_channel(channel: str) -> None:
    if channel not in MANUAL_CHANNELS:
        labels = ", ".join(str(PlacementChannel(c).label) for c in MANUAL_CHANNELS)
        raise ValidationError(
            {
                "channel": "Ce canal est enregistré par son propre module ; "
                f"à la main, seuls : {labels}."
            }
        )


def record_manual_placement(
    *, person: Person, company, contract_type: str, started_on: date, channel: str, acting_user
) -> Placement:
    """A placement typed in by hand (a hire learnt afterwards), outside any candidacy."""
    _check_manual_channel(channel)
    return record_placement(
        person=person,
        company=company,
        contract_type=contract_type,
        started_on=started_on,
        channel=channel,
        acting_user=acting_user,
    )


def is_manual(placement: Placement) -> bool:
    """Typed in by hand, so corrected by hand; the others follow their candidacy or module."""
    return placement.candidacy_id is None and placement.channel in MANUAL_CHANNELS


def update_placement(placement: Placement, *, acting_user, **fields) -> Placement:
    """Correct a manual placement (company, contract, date, channel); the person stays."""
    require_capability(acting_user, Capability.MANAGE_RECRUITMENT)
    require_visible(Placement.objects.all(), acting_user, placement.pk)
    if not is_manual(placement):
        raise ValidationError(
            "Cette mise à l'emploi vient d'une candidature ou d'un autre module : "
            "corrigez-la à sa source."
        )
    unknown = set(fields) - {"company", "contract_type", "started_on", "channel"}
    if unknown:
        raise ValueError(f"champs non modifiables : {', '.join(sorted(unknown))}")
    if "channel" in fields:
        _check_manual_channel(fields["channel"])
    before = snapshot(placement, Placement.AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(placement, name, value)
    placement.full_clean(exclude=["external_id"])
    _refuse_duplicate(placement)
    with attributed_to(acting_user), transaction.atomic():
        placement.save()
        changes = diff(before, snapshot(placement, Placement.AUDITED_FIELDS))
        if changes:
            log(Action.UPDATE, placement, person_id=placement.person_id, changes=changes)
    return placement
