"""Individual aids of the PLIE (report p. 15): requests, decisions, budgets, collective services.

A request and its decision are one row: the PLIE decides once per request, and a
single row keeps merging two person files simple. Invariants of one row are
database constraints; the rules that need settings or other tables (maximum
amounts, the running step behind each transport voucher month) are in
``rules.py`` and applied by ``services.py``.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet


class AidKind(models.TextChoices):
    TRAINING = "training", _("Formation et frais annexes")
    CHILDCARE = "childcare", _("Garde d'enfants")
    MOBILITY = "mobility", _("Mobilité")
    TRANSPORT_VOUCHERS = "transport_vouchers", _("Bons de transport")


class TrainingField(models.TextChoices):
    LOGISTICS = "logistics", _("Logistique, bâtiment, transport")
    GENERAL = "general", _("Formations générales (dont DAEU)")
    ANIMATION = "animation", _("Animation (BAFA essentiellement)")
    SECURITY = "security", _("Sécurité")
    DRIVING = "driving", _("Heures de conduite")
    HEALTH = "health", _("Santé")
    FLE = "fle", _("Français langue étrangère (FLE)")
    OTHER = "other", _("Divers")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Acceptée")
    PARTLY_ACCEPTED = "partly_accepted", _("Acceptée en partie")
    REFUSED = "refused", _("Refusée")


#: Decisions that commit money (and count as "accepted" in the figures).
GRANTING = (Outcome.ACCEPTED, Outcome.PARTLY_ACCEPTED)


class CollectiveServiceKind(models.TextChoices):
    COMMUNICATION = "communication", _("Image et communication (« Mieux communiquer »)")
    RELOOKING = "relooking", _("Relooking professionnel")
    SELF_IMAGE = "self_image", _("Image de soi (« Reflet de soie »)")
    OTHER = "other", _("Autre prestation collective")


class AidRequestQuerySet(ScopedQuerySet):
    person_path = "person"

    def of_year(self, year: int) -> "AidRequestQuerySet":
        """Requests of year Y: requested between 1 January and 31 December of Y."""
        return self.filter(requested_on__year=year)


class AidRequest(models.Model):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="aid_requests",
    )
    structure = models.ForeignKey(
        "organisations.Structure",
        verbose_name=_("structure référente"),
        on_delete=models.PROTECT,
        related_name="aid_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aid_requests",
    )
    requested_on = models.DateField(_("date de la demande"))
    kind = models.CharField(_("nature de l'aide"), max_length=20, choices=AidKind.choices)
    training_field = models.CharField(
        _("domaine de formation"), max_length=20, choices=TrainingField.choices, blank=True
    )
    training_title = models.CharField(_("intitulé de la formation"), max_length=250, blank=True)
    training_cost = models.DecimalField(
        _("coût total de la formation"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    voucher_first_month = models.DateField(
        _("premier mois de bons"),
        null=True,
        blank=True,
        help_text=_("Premier jour du premier mois d'abonnement gratuit."),
    )
    voucher_months = models.PositiveSmallIntegerField(
        _("nombre de mois de bons"), null=True, blank=True
    )
    amount_requested = models.DecimalField(_("montant demandé"), max_digits=9, decimal_places=2)
    justification = models.TextField(_("motivation de la demande"))
    outcome = models.CharField(
        _("décision"), max_length=20, choices=Outcome.choices, blank=True, default=""
    )
    decided_on = models.DateField(_("date de la décision"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aid_decisions",
    )
    amount_granted = models.DecimalField(
        _("montant accordé"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    payment_date = models.DateField(_("date de paiement"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = AidRequestQuerySet.as_manager()

    REQUEST_FIELDS = (
        "person",
        "structure",
        "requested_by",
        "requested_on",
        "kind",
        "training_field",
        "training_title",
        "training_cost",
        "voucher_first_month",
        "voucher_months",
        "amount_requested",
        "justification",
    )
    DECISION_FIELDS = (
        "outcome",
        "decided_on",
        "decided_by",
        "amount_granted",
        "refusal_reason",
        "payment_date",
    )
    AUDITED_FIELDS = REQUEST_FIELDS + DECISION_FIELDS

    class Meta:
        verbose_name = _("demande d'aide individuelle")
        verbose_name_plural = _("demandes d'aides individuelles")
        ordering = ["-requested_on", "-id"]
        indexes = [
            models.Index(fields=["requested_on"], name="aid_requested_on_idx"),
            models.Index(fields=["decided_on"], name="aid_decided_on_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AidKind.values), name="aid_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind=AidKind.TRAINING, training_field__in=TrainingField.values)
                | (~Q(kind=AidKind.TRAINING) & Q(training_field="")),
                name="aid_training_field_iff_training",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind=AidKind.TRANSPORT_VOUCHERS,
                    voucher_first_month__isnull=False,
                    voucher_months__gte=1,
                    voucher_months__lte=3,
                )
                | (
                    ~Q(kind=AidKind.TRANSPORT_VOUCHERS)
                    & Q(voucher_first_month__isnull=True, voucher_months__isnull=True)
                ),
                name="aid_voucher_months_iff_vouchers",
            ),
            models.CheckConstraint(
                condition=Q(amount_requested__gte=0), name="aid_amount_requested_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(outcome="", decided_on__isnull=True, amount_granted__isnull=True)
                | Q(outcome__in=GRANTING, decided_on__isnull=False, amount_granted__gte=0)
                | Q(outcome=Outcome.REFUSED, decided_on__isnull=False, amount_granted__isnull=True),
                name="aid_decision_complete",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.REFUSED) | ~Q(refusal_reason=""),
                name="aid_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(payment_date__isnull=True) | Q(outcome__in=GRANTING),
                name="aid_payment_only_if_granted",
            ),
        ]

    def __str__(self) -> str:
        return f"Aide {self.get_kind_display().lower()} du {self.requested_on:%d/%m/%Y}"

    @property
    def is_decided(self) -> bool:
        return bool(self.outcome)


def document_path(instance, filename: str) -> str:
    """A random name under MEDIA/aids/: the original name is kept in the row only."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"aids/{secrets.token_hex(16)}.{suffix}"


class AidDocumentQuerySet(ScopedQuerySet):
    person_path = "request__person"


class AidDocument(models.Model):
    """A supporting document (quote, invoice, certificate), served only by a scoped view."""

    request = models.ForeignKey(
        AidRequest, verbose_name=_("demande"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("fichier"), upload_to=document_path)
    name = models.CharField(_("nom du fichier"), max_length=200)
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AidDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("pièce justificative")
        verbose_name_plural = _("pièces justificatives")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class AidBudget(models.Model):
    """The yearly envelope of one kind of aid; what is committed comes from the decisions."""

    year = models.PositiveSmallIntegerField(_("année"))
    kind = models.CharField(_("nature de l'aide"), max_length=20, choices=AidKind.choices)
    envelope = models.DecimalField(_("enveloppe"), max_digits=11, decimal_places=2)

    class Meta:
        verbose_name = _("enveloppe budgétaire d'aides")
        verbose_name_plural = _("enveloppes budgétaires d'aides")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="aid_budget_unique"),
            models.CheckConstraint(condition=Q(envelope__gte=0), name="aid_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class CollectiveSession(models.Model):
    """A session of a collective service (image and communication, relooking…)."""

    service = models.CharField(
        _("prestation"), max_length=20, choices=CollectiveServiceKind.choices
    )
    title = models.CharField(_("intitulé"), max_length=200, blank=True)
    provider = models.CharField(_("prestataire"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("lieu"), max_length=200)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("session de prestation collective")
        verbose_name_plural = _("sessions de prestations collectives")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.title or self.get_service_display()} du {self.date:%d/%m/%Y}"


class SessionParticipantQuerySet(ScopedQuerySet):
    person_path = "person"


class SessionParticipant(models.Model):
    session = models.ForeignKey(
        CollectiveSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="collective_sessions",
    )

    objects = SessionParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation à une prestation collective")
        verbose_name_plural = _("participations aux prestations collectives")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="session_participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.session}"
