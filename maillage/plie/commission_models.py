"""Entering the PLIE and the commissions that decide: the candidate's file, exit proposals,
validation and follow-up commissions and what they decided.

Imported at the bottom of ``plie/models.py`` (Django finds an app's models there).

The seed (ALLIES 2017, "Les publics", "Instances"): a person is oriented by a
prescriber; the référent records a *shared diagnosis* — three cumulative
conditions (without work, lasting difficulties of insertion, adherence to the
approach; "le statut seul ne constitue pas un critère d'entrée") — and the
proposed path; a monthly *commission de validation* per territory accepts the
entries (the parcours opens at its date) and the exits; a *commission de suivi*
every 3 months looks at blocked and successful parcours.

Every row that names a person has a scoped queryset (``person_path``); a
commission itself holds no personal data, only its decisions do.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet
from maillage.plie.models import EntrySituationCode, ExitReason, ExitType

__all__ = [
    "PENDING_ENTRY_STATUSES",
    "PENDING_EXIT_STATUSES",
    "Commission",
    "CommissionDecision",
    "CommissionKind",
    "CommissionStatus",
    "DifficultyKind",
    "EntryRequest",
    "EntryRequestStatus",
    "ExitProposal",
    "ExitProposalStatus",
    "ItemKind",
    "Outcome",
    "ProposedPath",
    "ReviewReason",
    "WithoutWorkSituation",
]


class WithoutWorkSituation(models.TextChoices):
    """First condition: without work, and how (seed p. 9, "sans emploi (…)")."""

    DELD = "deld", _("Demandeur d'emploi depuis plus d'un an")
    RSA = "rsa", _("Bénéficiaire du RSA")
    YOUNG_FIRST_JOB_SEEKER = (
        "young_first_job_seeker",
        _("Jeune primo-demandeur d'emploi sans solution depuis un an"),
    )
    SIAE_ENTRY = "siae_entry", _("Entrée dans une démarche d'insertion par l'activité économique")
    WORKING_POOR = "working_poor", _("Travailleur pauvre (emplois précaires, temps partiel subi)")
    OTHER = "other", _("Autre situation sans emploi")


class DifficultyKind(models.TextChoices):
    """Second condition: the difficulties of a durable insertion, by kind (seed p. 9)."""

    HEALTH = "health", _("Santé")
    HOUSING = "housing", _("Logement")
    MOBILITY = "mobility", _("Mobilité")
    LANGUAGE = "language", _("Maîtrise du français")
    CHILDCARE = "childcare", _("Garde d'enfants, situation familiale")
    DEBT = "debt", _("Endettement, ressources")
    JUSTICE = "justice", _("Justice")
    ISOLATION = "isolation", _("Isolement")
    QUALIFICATION = "qualification", _("Qualification")
    PRECARIOUS_JOBS = "precarious_jobs", _("Cumul d'emplois précaires")
    DISCRIMINATION = "discrimination", _("Discriminations")
    FOREIGN_DIPLOMA = "foreign_diploma", _("Diplôme obtenu à l'étranger")
    DISABILITY = "disability", _("Handicap")
    OTHER = "other", _("Autre difficulté")


class ProposedPath(models.TextChoices):
    """What the shared diagnosis confirms the need of (seed p. 9)."""

    REINFORCED_SUPPORT = (
        "reinforced_support",
        _("Accompagnement renforcé avec un plan d'actions individualisé"),
    )
    SPECIFIC_ACTIONS = (
        "specific_actions",
        _("Participation à des actions spécifiques identifiées par le PLIE"),
    )


class EntryRequestStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("En attente de commission")
    ACCEPTED = "accepted", _("Acceptée")
    REFUSED = "refused", _("Refusée")
    ADJOURNED = "adjourned", _("Ajournée")
    WITHDRAWN = "withdrawn", _("Retirée")


#: Files a validation commission still has to decide (an adjourned file comes back).
PENDING_ENTRY_STATUSES = (EntryRequestStatus.SUBMITTED, EntryRequestStatus.ADJOURNED)


class EntryRequestQuerySet(ScopedQuerySet):
    person_path = "person"

    def pending(self) -> "EntryRequestQuerySet":
        return self.filter(status__in=PENDING_ENTRY_STATUSES)


class EntryRequest(models.Model):
    """A candidate's file: orientation, shared diagnosis, proposed path, then the decision."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("personne"),
        on_delete=models.PROTECT,
        related_name="plie_entry_requests",
    )
    oriented_on = models.DateField(_("date d'orientation"))
    prescriber_structure = models.ForeignKey(
        "organisations.Structure",
        verbose_name=_("structure prescriptrice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plie_prescriptions",
    )
    prescriber_organisation = models.CharField(
        _("autre prescripteur"),
        max_length=200,
        blank=True,
        help_text=_("Si la structure n'est pas dans la liste (Pôle emploi, CCAS…)."),
    )
    prescriber_name = models.CharField(_("nom du prescripteur"), max_length=150, blank=True)
    prescriber_contact = models.CharField(
        _("contact du prescripteur"),
        max_length=150,
        blank=True,
        help_text=_("Téléphone ou courriel."),
    )
    structure = models.ForeignKey(
        "organisations.Structure",
        verbose_name=_("structure référente"),
        on_delete=models.PROTECT,
        related_name="plie_entry_requests",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("référent de parcours proposé"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plie_entry_requests",
    )
    # The shared diagnosis: three cumulative conditions, each with its evidence.
    without_work_situation = models.CharField(
        _("situation sans emploi"), max_length=30, choices=WithoutWorkSituation.choices, blank=True
    )
    without_work_details = models.TextField(_("précisions sur la situation"), blank=True)
    difficulties = models.JSONField(_("difficultés d'insertion"), default=list, blank=True)
    difficulties_comment = models.TextField(_("description des difficultés"), blank=True)
    adherence = models.BooleanField(_("adhère à la démarche d'accompagnement"), default=False)
    adherence_comment = models.TextField(_("expression de l'adhésion"), blank=True)
    entry_situations = models.JSONField(_("situations à l'entrée"), default=list, blank=True)
    qpv_at_entry = models.BooleanField(_("habite un QPV"), default=False)
    proposed_path = models.CharField(
        _("parcours proposé"), max_length=30, choices=ProposedPath.choices, blank=True
    )
    proposed_path_details = models.TextField(_("précisions sur le parcours proposé"), blank=True)
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=EntryRequestStatus.choices,
        default=EntryRequestStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("soumise le"), null=True, blank=True)
    decided_on = models.DateField(_("décidée le"), null=True, blank=True)
    parcours = models.ForeignKey(
        "plie.Parcours",
        verbose_name=_("parcours ouvert"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entry_requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = EntryRequestQuerySet.as_manager()

    #: What the référent types (the form, the audit).
    EDITABLE_FIELDS = (
        "oriented_on",
        "prescriber_structure",
        "prescriber_organisation",
        "prescriber_name",
        "prescriber_contact",
        "structure",
        "referent",
        "without_work_situation",
        "without_work_details",
        "difficulties",
        "difficulties_comment",
        "adherence",
        "adherence_comment",
        "entry_situations",
        "qpv_at_entry",
        "proposed_path",
        "proposed_path_details",
    )
    AUDITED_FIELDS = ("person", *EDITABLE_FIELDS, "status", "decided_on", "parcours")

    class Meta:
        verbose_name = _("demande d'entrée au PLIE")
        verbose_name_plural = _("demandes d'entrée au PLIE")
        ordering = ["-oriented_on", "-id"]
        indexes = [models.Index(fields=["status", "structure"], name="entry_request_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EntryRequestStatus.values), name="entry_request_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=EntryRequestStatus.ACCEPTED) | Q(parcours__isnull=False),
                name="entry_request_accepted_has_parcours",
            ),
        ]

    def __str__(self) -> str:
        return f"Demande d'entrée du {self.oriented_on:%d/%m/%Y}"

    @property
    def territory(self) -> str:
        return self.structure.territory

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_ENTRY_STATUSES

    @property
    def is_editable(self) -> bool:
        """A file can be completed until a commission has decided it."""
        return self.status in (EntryRequestStatus.DRAFT, *PENDING_ENTRY_STATUSES)

    def get_difficulties_display(self) -> list[str]:
        labels = dict(DifficultyKind.choices)
        return [str(labels.get(code, code)) for code in self.difficulties]

    def get_entry_situations_display(self) -> list[str]:
        labels = dict(EntrySituationCode.choices)
        return [str(labels.get(code, code)) for code in self.entry_situations]

    @property
    def prescriber_display(self) -> str:
        return str(self.prescriber_structure or self.prescriber_organisation or "—")


class ExitProposalStatus(models.TextChoices):
    PENDING = "pending", _("En attente de commission")
    ACCEPTED = "accepted", _("Validée")
    REFUSED = "refused", _("Refusée")
    ADJOURNED = "adjourned", _("Ajournée")
    WITHDRAWN = "withdrawn", _("Retirée")


PENDING_EXIT_STATUSES = (ExitProposalStatus.PENDING, ExitProposalStatus.ADJOURNED)


class ExitProposalQuerySet(ScopedQuerySet):
    person_path = "parcours__person"

    def pending(self) -> "ExitProposalQuerySet":
        return self.filter(status__in=PENDING_EXIT_STATUSES)


class ExitProposal(models.Model):
    """An exit the référent proposes; the validation commission confirms it (``record_exit``)."""

    parcours = models.ForeignKey(
        "plie.Parcours",
        verbose_name=_("parcours"),
        on_delete=models.CASCADE,
        related_name="exit_proposals",
    )
    exit_date = models.DateField(_("date de sortie"))
    exit_type = models.CharField(_("type de sortie"), max_length=20, choices=ExitType.choices)
    exit_reason = models.CharField(
        _("motif de sortie positive"), max_length=30, choices=ExitReason.choices, blank=True
    )
    exit_comment = models.CharField(_("commentaire de sortie"), max_length=250, blank=True)
    confirmed = models.BooleanField(
        _("avertissement confirmé"),
        default=False,
        help_text=_("Le référent a confirmé une sortie que les étapes ne montrent pas."),
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=ExitProposalStatus.choices,
        default=ExitProposalStatus.PENDING,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ExitProposalQuerySet.as_manager()

    AUDITED_FIELDS = (
        "parcours",
        "exit_date",
        "exit_type",
        "exit_reason",
        "exit_comment",
        "confirmed",
        "status",
    )

    class Meta:
        verbose_name = _("proposition de sortie")
        verbose_name_plural = _("propositions de sortie")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ExitProposalStatus.values), name="exit_proposal_status_valid"
            ),
            models.UniqueConstraint(
                fields=["parcours"],
                condition=Q(status__in=["pending", "adjourned"]),
                name="exit_proposal_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"Sortie proposée au {self.exit_date:%d/%m/%Y} ({self.get_exit_type_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_EXIT_STATUSES


class CommissionKind(models.TextChoices):
    VALIDATION = "validation", _("Commission de validation (entrées et sorties)")
    FOLLOW_UP = "follow_up", _("Commission de suivi des parcours")


class CommissionStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    HELD = "held", _("Tenue")


class Commission(models.Model):
    """A meeting on one territory. No personal data here: the people are in its decisions."""

    kind = models.CharField(_("type"), max_length=20, choices=CommissionKind.choices)
    territory = models.CharField(_("territoire"), max_length=80)
    date = models.DateField(_("date"))
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membres"),
        blank=True,
        related_name="plie_commissions",
    )
    external_members = models.TextField(
        _("membres extérieurs"),
        blank=True,
        help_text=_("Un par ligne : nom et organisme (Pôle emploi, Métropole…)."),
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=CommissionStatus.choices,
        default=CommissionStatus.PLANNED,
    )
    minutes = models.TextField(_("notes du compte rendu"), blank=True)
    held_at = models.DateTimeField(_("clôturée le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    AUDITED_FIELDS = ("kind", "territory", "date", "place", "external_members", "status")

    class Meta:
        verbose_name = _("commission PLIE")
        verbose_name_plural = _("commissions PLIE")
        ordering = ["-date", "territory", "-id"]
        indexes = [models.Index(fields=["territory", "kind", "date"], name="commission_terr_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CommissionKind.values), name="commission_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CommissionStatus.values), name="commission_status_valid"
            ),
        ]

    def __str__(self) -> str:
        label = "Commission de validation" if self.is_validation else "Commission de suivi"
        return f"{label} {self.territory} du {self.date:%d/%m/%Y}"

    @property
    def is_validation(self) -> bool:
        return self.kind == CommissionKind.VALIDATION

    @property
    def is_planned(self) -> bool:
        return self.status == CommissionStatus.PLANNED

    def external_member_list(self) -> list[str]:
        return [line.strip() for line in self.external_members.splitlines() if line.strip()]


class ItemKind(models.TextChoices):
    ENTRY = "entry", _("Entrée")
    EXIT = "exit", _("Sortie")
    FOLLOW_UP = "follow_up", _("Suivi de parcours")


class ReviewReason(models.TextChoices):
    """Why the follow-up commission looks at a parcours (``followup_rules``)."""

    BLOCKED = "blocked", _("Parcours bloqué")
    SUCCESSFUL = "successful", _("Parcours réussi")


class Outcome(models.TextChoices):
    PENDING = "", _("À examiner")
    ACCEPTED = "accepted", _("Acceptée")
    REFUSED = "refused", _("Refusée")
    ADJOURNED = "adjourned", _("Ajournée")
    REVIEWED = "reviewed", _("Examiné")


class CommissionDecisionQuerySet(ScopedQuerySet):
    person_path = "person"


class CommissionDecision(models.Model):
    """One file on a commission's agenda and, once examined, what was decided.

    The file is an entry request, an exit proposal (validation commissions) or a
    parcours proposed as blocked or successful (follow-up commissions). ``person``
    repeats the file's person so that scoping and the audit need no detour.
    """

    commission = models.ForeignKey(
        Commission,
        verbose_name=_("commission"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    item_kind = models.CharField(_("objet"), max_length=20, choices=ItemKind.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("personne"),
        on_delete=models.PROTECT,
        related_name="plie_commission_decisions",
    )
    entry_request = models.ForeignKey(
        EntryRequest,
        verbose_name=_("demande d'entrée"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
    )
    exit_proposal = models.ForeignKey(
        ExitProposal,
        verbose_name=_("proposition de sortie"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
    )
    parcours = models.ForeignKey(
        "plie.Parcours",
        verbose_name=_("parcours examiné"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followup_reviews",
    )
    review_reason = models.CharField(
        _("motif d'examen"), max_length=20, choices=ReviewReason.choices, blank=True
    )
    outcome = models.CharField(
        _("décision"), max_length=20, choices=Outcome.choices, blank=True, default=Outcome.PENDING
    )
    reason = models.TextField(_("motif de la décision"), blank=True)
    actions = models.TextField(
        _("décisions et actions"),
        blank=True,
        help_text=_("Commission de suivi : ce qui a été décidé pour le parcours."),
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistrée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("inscrite le"), auto_now_add=True)

    objects = CommissionDecisionQuerySet.as_manager()

    AUDITED_FIELDS = ("outcome", "reason", "actions")

    class Meta:
        verbose_name = _("décision de commission")
        verbose_name_plural = _("décisions de commission")
        ordering = ["commission_id", "item_kind", "review_reason", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        item_kind=ItemKind.ENTRY,
                        entry_request__isnull=False,
                        exit_proposal__isnull=True,
                        parcours__isnull=True,
                    )
                    | Q(
                        item_kind=ItemKind.EXIT,
                        entry_request__isnull=True,
                        exit_proposal__isnull=False,
                        parcours__isnull=True,
                    )
                    | Q(
                        item_kind=ItemKind.FOLLOW_UP,
                        entry_request__isnull=True,
                        exit_proposal__isnull=True,
                        parcours__isnull=False,
                    )
                ),
                name="commission_decision_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="commission_decision_outcome_valid"
            ),
            models.UniqueConstraint(
                fields=["commission", "entry_request"], name="commission_decision_entry_once"
            ),
            models.UniqueConstraint(
                fields=["commission", "exit_proposal"], name="commission_decision_exit_once"
            ),
            models.UniqueConstraint(
                fields=["commission", "parcours"], name="commission_decision_parcours_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_kind_display()} — {self.commission}"

    @property
    def is_decided(self) -> bool:
        return self.outcome != Outcome.PENDING
