"""Rules of the company relationship: companies, contacts, interactions, next actions.

Views, commands and the demo go through these functions. Each takes a
keyword-only ``acting_user`` (who must hold ``edit_companies``), validates the
whole object first (a refusal, in French, changes nothing), works in
``transaction.atomic()`` and writes its audit entry in that transaction:
contacts are personal data of company staff, so their creation and changes are
traced like the companies'.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts.roles import Capability
from maillage.audit.context import attributed_to
from maillage.audit.services import Action, diff, log, snapshot
from maillage.companies.models import Company, Contact, Interaction
from maillage.core.permissions import require_capability


def _create(instance, *, acting_user, capabilities=(Capability.EDIT_COMPANIES,)):
    require_capability(acting_user, *capabilities)
    instance.full_clean()
    with attributed_to(acting_user), transaction.atomic():
        instance.save()
        log(Action.CREATE, instance, changes=diff({}, snapshot(instance, instance.AUDITED_FIELDS)))
    return instance


def _update(instance, fields: dict, *, acting_user, extra=None):
    require_capability(acting_user, Capability.EDIT_COMPANIES)
    before = snapshot(instance, instance.AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    with attributed_to(acting_user), transaction.atomic():
        instance.save()
        changes = diff(before, snapshot(instance, instance.AUDITED_FIELDS))
        if extra:
            extra(changes)
        if changes:
            log(Action.UPDATE, instance, changes=changes)
    return instance


def create_company(*, acting_user, tags=(), **fields) -> Company:
    company = Company(**fields)
    if not company.external_id:
        # Companies created in the application get a key of their own for exports.
        company.external_id = f"APP-{timezone.now():%Y%m%d%H%M%S%f}"
    with transaction.atomic():
        # The Mission Insertion Culture adds the cultural employers it prospects.
        _create(
            company,
            acting_user=acting_user,
            capabilities=(Capability.EDIT_COMPANIES, Capability.MANAGE_INSERTION_CULTURE),
        )
        company.tags.set(tags)
    return company


def update_company(company: Company, *, acting_user, tags=None, **fields) -> Company:
    def set_tags(changes):
        if tags is None:
            return
        before = sorted(company.tags.values_list("name", flat=True))
        company.tags.set(tags)
        after = sorted(t.name for t in tags)
        if before != after:
            changes["tags"] = [before, after]

    return _update(company, fields, acting_user=acting_user, extra=set_tags)


def add_contact(company: Company, *, acting_user, **fields) -> Contact:
    return _create(Contact(company=company, **fields), acting_user=acting_user)


def contact_leaves(contact: Contact, *, acting_user, on: datetime.date) -> Contact:
    """The contact left the company on ``on``: the row stays, listed among former contacts."""
    if contact.has_left:
        raise ValidationError(
            {"active_until": "Ce contact a déjà quitté l'entreprise."}, code="already_left"
        )
    if on > timezone.localdate():
        raise ValidationError(
            {"active_until": "La date de départ ne peut pas être dans le futur."}, code="future"
        )
    return _update(contact, {"active_until": on}, acting_user=acting_user)


def log_interaction(company: Company, *, acting_user, **fields) -> Interaction:
    fields.setdefault("staff", acting_user)
    return _create(Interaction(company=company, **fields), acting_user=acting_user)


def complete_next_action(
    interaction: Interaction, *, acting_user, on: datetime.date | None = None
) -> Interaction:
    if not interaction.next_action:
        raise ValidationError("Cette interaction n'a pas de prochaine action.", code="no_action")
    if interaction.next_action_done:
        raise ValidationError("Cette action est déjà faite.", code="already_done")
    return _update(
        interaction,
        {"next_action_done": True, "next_action_done_on": on or timezone.localdate()},
        acting_user=acting_user,
    )
