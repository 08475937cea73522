"""The relationship with a company: its contacts and the timeline of interactions.

A contact who leaves the company keeps their row (``active_until`` is set), so
the history of who was met stays readable. An interaction may carry a next
action with a due date: the chargés de mission's home page lists the pending
ones, late first.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_contact_id() -> str:
    """Identifier of a contact recorded in Maillage: stable across exports and re-imports."""
    return f"MA-CT-{secrets.token_hex(5).upper()}"


def new_interaction_id() -> str:
    return f"MA-IN-{secrets.token_hex(5).upper()}"


class Contact(models.Model):
    AUDITED_FIELDS = (
        "external_id",
        "company",
        "last_name",
        "first_names",
        "function",
        "phone",
        "email",
        "active_from",
        "active_until",
    )

    external_id = models.CharField(
        _("identifiant externe"),
        max_length=64,
        unique=True,
        default=new_contact_id,
        help_text=_("Colonne contact_id des imports ; attribué automatiquement sinon."),
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    last_name = models.CharField(_("nom"), max_length=150)
    first_names = models.CharField(_("prénom"), max_length=150, blank=True)
    function = models.CharField(_("fonction"), max_length=150, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    active_from = models.DateField(_("dans l'entreprise depuis le"), null=True, blank=True)
    active_until = models.DateField(_("a quitté l'entreprise le"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_names", "id"]

    def __str__(self) -> str:
        return f"{self.first_names} {self.last_name}".strip()

    @property
    def has_left(self) -> bool:
        return self.active_until is not None

    def clean(self):
        if self.active_from and self.active_until and self.active_until < self.active_from:
            raise ValidationError(
                {"active_until": _("La date de départ précède l'arrivée dans l'entreprise.")}
            )


class InteractionKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Rendez-vous")
    VISIT = "visit", _("Visite")
    CALL = "call", _("Appel")
    EMAIL = "email", _("Courriel")
    EVENT = "event", _("Événement")


class InteractionQuerySet(models.QuerySet):
    def pending_actions(self) -> "InteractionQuerySet":
        """Interactions whose next action is still to do."""
        return self.exclude(next_action="").filter(next_action_done=False)

    def owned_by(self, user) -> "InteractionQuerySet":
        """Logged by ``user`` or about a company whose relationship ``user`` owns."""
        return self.filter(models.Q(staff=user) | models.Q(company__owner=user))


class Interaction(models.Model):
    AUDITED_FIELDS = (
        "external_id",
        "company",
        "contact",
        "kind",
        "occurred_at",
        "done",
        "staff",
        "summary",
        "agreed",
        "next_action",
        "next_action_due",
        "next_action_done",
    )

    external_id = models.CharField(
        _("identifiant externe"),
        max_length=64,
        unique=True,
        default=new_interaction_id,
        help_text=_("Colonne interaction_id des imports ; attribué automatiquement sinon."),
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.CASCADE,
        related_name="interactions",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
    )
    kind = models.CharField(_("type"), max_length=12, choices=InteractionKind.choices)
    occurred_at = models.DateTimeField(_("date et heure"))
    done = models.BooleanField(
        _("réalisée"), default=True, help_text=_("Décochez pour un rendez-vous à venir.")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chargé de mission"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="company_interactions",
    )
    summary = models.TextField(_("objet et échanges"), blank=True)
    agreed = models.TextField(_("ce qui a été convenu"), blank=True)
    next_action = models.CharField(_("prochaine action"), max_length=250, blank=True)
    next_action_due = models.DateField(_("échéance de la prochaine action"), null=True, blank=True)
    next_action_done = models.BooleanField(_("prochaine action faite"), default=False)
    next_action_done_on = models.DateField(_("faite le"), null=True, blank=True)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_action_done", "next_action_due"], name="interaction_next_idx"
            )
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.occurred_at).strftime("%d/%m/%Y")
        return f"{self.get_kind_display()} du {when}"

    def is_late(self, today: datetime.date) -> bool:
        return bool(
            self.next_action
            and not self.next_action_done
            and self.next_action_due
            and self.next_action_due < today
        )

    def clean(self):
        errors = {}
        if self.done and self.occurred_at and self.occurred_at > timezone.now():
            errors["done"] = _(
                "Une interaction dans le futur ne peut pas être marquée comme réalisée."
            )
        if self.next_action_due and not self.next_action.strip():
            errors["next_action"] = _("Indiquez la prochaine action de cette échéance.")
        if self.contact_id and self.company_id and self.contact.company_id != self.company_id:
            errors["contact"] = _("Ce contact n'appartient pas à cette entreprise.")
        if errors:
            raise ValidationError(errors)
