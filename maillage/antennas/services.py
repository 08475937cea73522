"""Recording a visit at an antenna, correcting or cancelling it right after.

Every function takes a keyword-only ``acting_user``, checks the capability, the
antenna and the person scope, runs in ``transaction.atomic()`` and writes its
audit entry in the same transaction. Bad input raises ``ValidationError`` with a
French message and writes nothing.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.accounts.scoping import require_visible
from maillage.antennas import rules
from maillage.antennas.models import AgeBand, Reason, Visit, VisitReason
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log
from maillage.core.permissions import require_capability
from maillage.people import services as people_services
from maillage.people.models import Followup, Person, Sex, postcode_validator

#: A visit may be dated this far in the future (clocks of the desk's computer and server).
CLOCK_TOLERANCE = timedelta(minutes=5)
NEW_PERSON_FIELDS = ("last_name", "first_names", "sex", "birth_date", "postcode", "phone")


@dataclass(frozen=True)
class Anonymous:
    """What is noted of a visitor who does not give their name."""

    sex: str
    age_band: str
    postcode: str = ""


class PossibleDuplicate(ValidationError):
    """The new visitor may already have a file: the desk must choose (see the view)."""

    def __init__(self, candidates: list[Person]):
        super().__init__(
            "Une personne de même nom et même date de naissance a déjà une fiche : "
            "choisissez-la, ou confirmez qu'il s'agit d'un homonyme."
        )
        self.candidates = candidates


def _check_antenna(antenna, user) -> None:
    if not rules.antennas_for(user).filter(pk=antenna.pk).exists():
        raise PermissionDenied


def _check_details(at: datetime, reasons: list[str], orientation: str) -> list[str]:
    """The reasons without duplicates, in a stable order; errors for the rest."""
    errors = {}
    if at > timezone.now() + CLOCK_TOLERANCE:
        errors["at"] = "Une visite ne peut pas être datée dans le futur."
    unknown = set(reasons) - set(Reason.values)
    if not reasons:
        errors["reasons"] = "Indiquez au moins un motif de visite."
    elif unknown:
        errors["reasons"] = f"Motif inconnu : {', '.join(sorted(unknown))}."
    if len(orientation) > Visit._meta.get_field("orientation").max_length:
        errors["orientation"] = "L'orientation est trop longue (120 caractères au plus)."
    if errors:
        raise ValidationError(errors)
    return [r for r in Reason.values if r in set(reasons)]


def _check_anonymous(anonymous: Anonymous) -> None:
    errors = {}
    if anonymous.sex not in Sex.values:
        errors["sex"] = "Indiquez le sexe du visiteur."
    if anonymous.age_band not in AgeBand.values:
        errors["age_band"] = "Indiquez la tranche d'âge du visiteur."
    if anonymous.postcode:
        try:
            postcode_validator(anonymous.postcode)
        except ValidationError:
            errors["postcode"] = "Le code postal doit compter 5 chiffres."
    if errors:
        raise ValidationError(errors)


def _new_person(data: dict, antenna, *, homonym: bool, acting_user) -> Person:
    """A minimal file for a first visitor, followed by the antenna (people.services)."""
    unknown = set(data) - set(NEW_PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Unknown person fields: {sorted(unknown)}")
    if not homonym:
        candidates = people_services.find_duplicates(
            data.get("last_name", ""), data.get("first_names", ""), data.get("birth_date")
        )
        if candidates:
            raise PossibleDuplicate(candidates)
    mine = {s.pk for s in people_services.following_structures(acting_user)}
    structure = antenna if antenna.pk in mine else None
    try:
        return people_services.create_person(data, acting_user=acting_user, structure=structure)
    except people_services.PeopleError as exc:  # several structures, none of them the antenna
        raise ValidationError(str(exc)) from exc


def _follow(person: Person, antenna, day: date) -> None:
    """The antenna follows its visitors, so its desk finds them at the next visit."""
    if Followup.objects.filter(person=person, structure=antenna, ended_on__isnull=True).exists():
        return
    followup = Followup.objects.create(
        person=person, structure=antenna, service=Followup.Service.RECEPTION, started_on=day
    )
    log(
        Action.CREATE,
        followup,
        person_id=person.pk,
        changes={
            "structure": [None, antenna.pk],
            "service": [None, Followup.Service.RECEPTION],
            "started_on": [None, day.isoformat()],
        },
    )


def record_visit(
    *,
    antenna,
    at: datetime,
    reasons: list[str],
    orientation: str = "",
    person: Person | None = None,
    new_person: dict | None = None,
    homonym: bool = False,
    anonymous: Anonymous | None = None,
    acting_user,
) -> Visit:
    """Record one visit: of ``person`` (in scope), of a ``new_person`` or ``anonymous``."""
    require_capability(acting_user, Capability.RECORD_RECEPTION)
    _check_antenna(antenna, acting_user)
    if sum(x is not None for x in (person, new_person, anonymous)) != 1:
        raise ValidationError("Indiquez le visiteur : une personne, une nouvelle fiche ou anonyme.")
    orientation = orientation.strip()
    reasons = _check_details(at, reasons, orientation)
    if person is not None:
        require_visible(Person.objects, acting_user, person.pk)
    if anonymous is not None:
        _check_anonymous(anonymous)
    with attributed_to(acting_user), transaction.atomic():
        if new_person is not None:
            person = _new_person(new_person, antenna, homonym=homonym, acting_user=acting_user)
        if person is not None:
            _follow(person, antenna, timezone.localdate(at))
            profile = Anonymous(
                person.sex,
                rules.age_band(person.birth_date, timezone.localdate(at)),
                person.postcode,
            )
        else:
            profile = anonymous
        visit = Visit.objects.create(
            antenna=antenna,
            person=person,
            sex=profile.sex,
            age_band=profile.age_band,
            postcode=profile.postcode,
            orientation=orientation,
            at=at,
            recorded_by=acting_user,
        )
        VisitReason.objects.bulk_create([VisitReason(visit=visit, reason=r) for r in reasons])
        log(
            Action.CREATE,
            visit,
            person_id=visit.person_id,
            changes={
                "antenna": [None, antenna.pk],
                "at": [None, at.isoformat()],
                "reasons": [None, reasons],
                "orientation": [None, orientation],
                "sex": [None, visit.sex],
                "age_band": [None, visit.age_band],
                "postcode": [None, visit.postcode],
            },
        )
    return visit


def _amendable(visit: Visit, acting_user) -> Visit:
    """The visit locked for update, if the user may still cancel or correct it."""
    require_capability(acting_user, Capability.RECORD_RECEPTION)
    if not Visit.objects.visible_to(acting_user).filter(pk=visit.pk).exists():
        raise PermissionDenied
    current = Visit.objects.select_for_update().get(pk=visit.pk)
    if not rules.can_amend(current, acting_user, timezone.now()):
        minutes = int(rules.AMEND_WINDOW.total_seconds() // 60)
        raise ValidationError(
            f"Une visite ne peut être corrigée ou annulée que par la personne qui l'a saisie, "
            f"dans les {minutes} minutes."
        )
    return current


def _state(visit: Visit) -> dict:
    return {
        "at": visit.at.isoformat(),
        "orientation": visit.orientation,
        "reasons": sorted(visit.reasons.values_list("reason", flat=True)),
    }


def correct_visit(
    visit: Visit, *, at: datetime, reasons: list[str], orientation: str = "", acting_user
) -> dict:
    """Correct the date, reasons or orientation just after recording; returns the changes."""
    orientation = orientation.strip()
    reasons = _check_details(at, reasons, orientation)
    with attributed_to(acting_user), transaction.atomic():
        current = _amendable(visit, acting_user)
        before = _state(current)
        current.at, current.orientation = at, orientation
        after = {"at": at.isoformat(), "orientation": orientation, "reasons": sorted(reasons)}
        changes = diff(before, after)
        if not changes:
            return {}
        current.save(update_fields=["at", "orientation"])
        if "reasons" in changes:
            current.reasons.exclude(reason__in=reasons).delete()
            VisitReason.objects.bulk_create(
                [VisitReason(visit=current, reason=r) for r in reasons], ignore_conflicts=True
            )
        log(Action.UPDATE, current, person_id=current.person_id, changes=changes)
    return changes


def cancel_visit(visit: Visit, *, acting_user) -> None:
    """Delete a visit recorded by mistake (a new person's file created with it is kept)."""
    with attributed_to(acting_user), transaction.atomic():
        current = _amendable(visit, acting_user)
        before = {**_state(current), "antenna": current.antenna_id, "sex": current.sex}
        log(
            Action.DELETE,
            current,
            person_id=current.person_id,
            changes={k: [v, None] for k, v in before.items()},
        )
        current.delete()
