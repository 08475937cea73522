"""The clause desk's actions: buyers, operations, awards, eligibility, contracts, hours.

Every function takes a keyword-only ``acting_user``, checks the capability
(and the person scope for anything naming a person), validates everything
first — a refusal raises ``ValidationError`` in French and writes nothing —
then writes in ``transaction.atomic()`` under ``attributed_to(acting_user)``
with its audit entry in the same transaction.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts.roles import PERSON_SCOPE, Capability, PersonScope
from maillage.accounts.scoping import require_visible
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.clauses import rules
from maillage.clauses.models import (
    AwardedCompany,
    Buyer,
    BuyerContact,
    ClauseContract,
    ClauseHours,
    ClauseOffer,
    ClauseOperation,
    Criterion,
    Eligibility,
    NetworkMeeting,
    Positioning,
)
from maillage.clauses.placements import ensure_followups, ensure_placements
from maillage.core.permissions import require_capability
from maillage.people.models import Person

MANAGE = Capability.MANAGE_CLAUSES


def _raise(errors: rules.Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _new_key(prefix: str) -> str:
    """An external id for records made in the application, so that exports name them."""
    return f"{prefix}-{timezone.now():%Y%m%d%H%M%S%f}"


def _save(instance, fields: dict, *, acting_user, audited: list[str], person_id=None):
    """Create or update ``instance`` with ``fields`` (validated first), audited."""
    creating = instance.pk is None
    before = {} if creating else snapshot(instance, audited)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    with attributed_to(acting_user), transaction.atomic():
        instance.save()
        changes = diff(before, snapshot(instance, audited))
        if creating or changes:
            action = Action.CREATE if creating else Action.UPDATE
            log(action, instance, person_id=person_id, changes=changes)
    return instance


# -- buyers and their network ------------------------------------------------------


def save_buyer(buyer: Buyer | None = None, *, acting_user, **fields) -> Buyer:
    require_capability(acting_user, MANAGE)
    return _save(buyer or Buyer(), fields, acting_user=acting_user, audited=Buyer.AUDITED_FIELDS)


def add_buyer_contact(buyer: Buyer, *, acting_user, **fields) -> BuyerContact:
    require_capability(acting_user, MANAGE)
    contact = BuyerContact(buyer=buyer)
    return _save(contact, fields, acting_user=acting_user, audited=BuyerContact.AUDITED_FIELDS)


def record_meeting(*, date: dt.date, kind: str, theme: str, attendees, acting_user):
    """A meeting of the buyers' network and the buyers who attended."""
    require_capability(acting_user, MANAGE)
    meeting = NetworkMeeting(date=date, kind=kind, theme=theme)
    meeting.full_clean()
    with attributed_to(acting_user), transaction.atomic():
        meeting.save()
        meeting.attendees.set(attendees)
        names = sorted(buyer.name for buyer in attendees)
        log(Action.CREATE, meeting, changes={"theme": [None, theme], "attendees": [None, names]})
    return meeting


# -- operations ------------------------------------------------------------------------


CALCULATOR = ("amount_eur", "labour_share", "insertion_rate", "hourly_cost")


def save_operation(
    operation: ClauseOperation | None = None, *, acting_user, **fields
) -> ClauseOperation:
    """Create or edit an operation. Without required hours but with the four inputs of the
    calculator, the required hours are computed (rules.required_hours)."""
    require_capability(acting_user, MANAGE)
    operation = operation or ClauseOperation()
    buyer = fields.get("buyer", operation.buyer if operation.buyer_id else None)
    if buyer is None:
        raise ValidationError({"buyer": "Une opération a toujours un donneur d'ordre."})
    _raise(rules.check_dates(fields.get("start_date"), fields.get("end_date")))
    inputs = [fields.get(name, getattr(operation, name)) for name in CALCULATOR]
    required = fields.get("required_hours", operation.required_hours)
    if required is None and all(value is not None for value in inputs):
        if inputs[3] <= 0:
            raise ValidationError({"hourly_cost": "Le coût horaire doit être positif."})
        fields["required_hours"] = rules.required_hours(*inputs)
    if not operation.external_id:
        operation.external_id = _new_key("OPC")
    return _save(operation, fields, acting_user=acting_user, audited=ClauseOperation.AUDITED_FIELDS)


def award_company(
    *, operation: ClauseOperation, company, role: str, fulfilment_mode: str, acting_user
) -> AwardedCompany:
    require_capability(acting_user, MANAGE)
    if AwardedCompany.objects.filter(operation=operation, company=company).exists():
        raise ValidationError({"company": "Cette entreprise est déjà attributaire de l'opération."})
    award = AwardedCompany(
        operation=operation, company=company, role=role, fulfilment_mode=fulfilment_mode
    )
    return _save(award, {}, acting_user=acting_user, audited=["company", "role", "fulfilment_mode"])


def create_offer(
    *, operation: ClauseOperation, company, title: str, posts: int, opened_on, acting_user
) -> ClauseOffer:
    require_capability(acting_user, MANAGE)
    offer = ClauseOffer(operation=operation, company=company)
    fields = {"title": title, "posts": posts, "opened_on": opened_on}
    return _save(offer, fields, acting_user=acting_user, audited=["title", "posts", "opened_on"])


# -- people: eligibility, positioning --------------------------------------------------


def record_eligibility(
    *,
    person: Person,
    criterion: str,
    checked_on: dt.date,
    prescriber: str,
    reason: str = "",
    acting_user,
) -> Eligibility:
    """A criterion checked and dated with the prescriber; "other" needs the facilitator's reason."""
    require_capability(acting_user, MANAGE)
    require_visible(Person.objects, acting_user, person.pk)
    if criterion == Criterion.OTHER and not reason.strip():
        raise ValidationError(
            {"reason": "Le critère « autre » demande la validation motivée du facilitateur."}
        )
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": "La date de vérification est dans le futur."})
    eligibility = Eligibility(person=person, checked_by=acting_user)
    fields = {
        "criterion": criterion,
        "checked_on": checked_on,
        "prescriber": prescriber,
        "reason": reason,
    }
    return _save(
        eligibility,
        fields,
        acting_user=acting_user,
        audited=["criterion", "checked_on", "prescriber", "reason"],
        person_id=person.pk,
    )


def is_eligible(person_id: int, on: dt.date) -> bool:
    """Validated eligible on ``on``: at least one criterion checked on or before that day."""
    return Eligibility.objects.filter(person_id=person_id, checked_on__lte=on).exists()


def position_person(
    *, offer: ClauseOffer, person: Person, positioned_on: dt.date, comment: str = "", acting_user
) -> Positioning:
    """A référent proposes a person of their scope on a clause offer."""
    require_capability(acting_user, Capability.POSITION_ON_CLAUSES)
    require_visible(Person.objects, acting_user, person.pk)
    if offer.closed:
        raise ValidationError("Cette offre est clôturée.")
    if Positioning.objects.filter(offer=offer, person=person).exists():
        raise ValidationError({"person": "Cette personne est déjà positionnée sur l'offre."})
    positioning = Positioning(offer=offer, person=person, positioned_by=acting_user)
    return _save(
        positioning,
        {"positioned_on": positioned_on, "comment": comment},
        acting_user=acting_user,
        audited=["positioned_on", "comment"],
        person_id=person.pk,
    )


# -- contracts and hours -------------------------------------------------------------


def _own_structure_id(user) -> int | None:
    roles = {role for role, scope in PERSON_SCOPE.items() if scope == PersonScope.FOLLOWED}
    ids = user.structure_ids(roles=roles) or user.structure_ids()
    return ids[0] if ids else None


def create_contract(
    *,
    person: Person,
    company,
    operation: ClauseOperation,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    external_id: str = "",
    override_reason: str = "",
    acting_user,
) -> ClauseContract:
    """A hire under a clause: refused for a person not validated eligible on the start date,
    unless the facilitator records an override with its reason. Makes the person's clause
    placement of the year (placements.py) and the follow-up by the user's structure."""
    require_capability(acting_user, MANAGE)
    require_visible(Person.objects, acting_user, person.pk)
    _raise(rules.check_dates(start_date, end_date))
    if not is_eligible(person.pk, start_date) and not override_reason.strip():
        raise ValidationError(
            {
                "override_reason": (
                    f"{person} n'a pas d'éligibilité clause validée au {start_date:%d/%m/%Y} : "
                    "enregistrez d'abord l'éligibilité, ou motivez une dérogation."
                )
            }
        )
    external_id = external_id.strip() or _new_key("CTR")
    if ClauseContract.objects.filter(external_id=external_id).exists():
        raise ValidationError({"external_id": "Ce numéro de contrat existe déjà."})
    contract = ClauseContract(
        external_id=external_id,
        person=person,
        company=company,
        operation=operation,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        eligibility_override=override_reason.strip(),
        override_by=acting_user if override_reason.strip() else None,
    )
    contract.full_clean()
    with attributed_to(acting_user), transaction.atomic():
        contract.save()
        changes = diff({}, snapshot(contract, ClauseContract.AUDITED_FIELDS))
        if contract.eligibility_override:
            changes["eligibility_override"] = [None, contract.eligibility_override]
        log(Action.CREATE, contract, person_id=person.pk, changes=changes)
        ensure_placements([contract])
        ensure_followups({person.pk: start_date}, _own_structure_id(acting_user))
    return contract


def record_hours(
    *,
    contract: ClauseContract,
    month: dt.date,
    hours: Decimal,
    acting_user,
    operation: ClauseOperation | None = None,
    company=None,
) -> ClauseHours:
    """Enter (or correct) one month's hours of a contract; a correction is audited."""
    require_capability(acting_user, MANAGE)
    require_visible(ClauseContract.objects, acting_user, contract.pk)
    month = rules.first_of_month(month)
    errors = rules.check_hours(hours)
    errors |= rules.check_month_in_contract(month, contract.start_date, contract.end_date)
    _raise(errors)
    operation = operation or contract.operation
    row = ClauseHours.objects.filter(operation=operation, contract=contract, month=month).first()
    row = row or ClauseHours(
        operation=operation,
        contract=contract,
        month=month,
        person_id=contract.person_id,
        company=company or contract.company,
    )
    return _save(
        row,
        {"hours": hours},
        acting_user=acting_user,
        audited=["month", "hours"],
        person_id=contract.person_id,
    )
