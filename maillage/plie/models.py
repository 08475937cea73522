"""PLIE parcours, their entry situations and their steps (plie_parcours.csv, plie_steps.csv).

The fields are the bundle's columns. Invariants that involve one row are
database constraints; those that involve several rows (a step inside its
parcours, no two overlapping parcours of one person) are in ``rules.py``,
shared by the services, the forms and the importer.

The period filters (``active_in``, ``of_period``) live on the querysets so that
the indicators, the pages and the tests use the one definition of
indicators.md ("active in Y", "steps of Y").
"""

import secrets
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet


class ExitType(models.TextChoices):
    POSITIVE = "positive", _("Sortie positive")
    DROPOUT = "dropout", _("Rupture, abandon")
    ADMINISTRATIVE = "administrative", _("Sortie administrative")


class ExitReason(models.TextChoices):
    # The five positive exits of the PLIE protocol (report p. 13).
    CDI = "cdi", _("CDI")
    CDD_6M_PLUS = "cdd_6m_plus", _("CDD d'au moins 6 mois")
    QUALIFYING_TRAINING = "qualifying_training", _("Formation qualifiante")
    BUSINESS_CREATION = "business_creation", _("Création d'activité")
    OTHER_STATUS = "other_status", _("Autre statut")


class EntrySituationCode(models.TextChoices):
    RSA = "rsa", _("Bénéficiaire du RSA")
    DELD = "deld", _("Demandeur d'emploi de longue durée (≥ 1 an)")
    DE_LT_1Y = "de_lt_1y", _("Demandeur d'emploi (< 1 an)")
    TH = "th", _("Travailleur handicapé")
    YOUNG_UNQUALIFIED = "young_unqualified", _("Jeune sans qualification")
    SINGLE_PARENT = "single_parent", _("Parent isolé")
    OTHER_EXCLUSION = "other_exclusion", _("Autre situation d'exclusion")


class StepCategory(models.TextChoices):
    EMPLOYMENT_CONTRACT = "employment_contract", _("Contrat de travail (droit commun et aidé)")
    TRAINING = "training", _("Formation et accès à l'emploi")
    COMPLEMENTARY_ACTION = (
        "complementary_action",
        _("Actions complémentaires (culture, mobilisation…)"),
    )
    SPECIFIC_SERVICE = "specific_service", _("Prestations spécifiques ou Pôle emploi")
    SUPPORT = "support", _("Accompagnement professionnel, social, création d'activité")


class ContractType(models.TextChoices):
    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    INTERIM = "interim", _("Intérim")
    CUI_CIE = "cui_cie", _("CUI-CIE")
    PEC = "pec", _("Parcours emploi compétences (PEC)")
    PMSMP = "pmsmp", _("Immersion (PMSMP)")
    APPRENTICESHIP = "apprenticeship", _("Contrat d'apprentissage")
    PROFESSIONALISATION = "professionalisation", _("Contrat de professionnalisation")
    SIAE = "siae", _("Contrat en SIAE")
    OTHER = "other", _("Autre contrat")


def new_parcours_id() -> str:
    """Identifier of a parcours opened in Maillage: stable across exports and re-imports."""
    return f"MA-P-{secrets.token_hex(5).upper()}"


def new_step_id() -> str:
    return f"MA-E-{secrets.token_hex(5).upper()}"


def overlap_q(start: date, end: date, *, start_field: str, end_field: str) -> Q:
    """Rows whose [start, end or forever] meets [start, end] (indicators.md, "overlaps")."""
    return Q(**{f"{start_field}__lte": end}) & (
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start})
    )


class ParcoursQuerySet(ScopedQuerySet):
    person_path = "person"

    def active_in(self, start: date, end: date) -> "ParcoursQuerySet":
        """Parcours that overlap the period: entered by its end, not exited before its start."""
        return self.filter(overlap_q(start, end, start_field="entry_date", end_field="exit_date"))


class Parcours(models.Model):
    external_id = models.CharField(
        _("identifiant externe"),
        max_length=64,
        unique=True,
        default=new_parcours_id,
        help_text=_("Colonne parcours_id des imports ; attribué automatiquement sinon."),
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="plie_parcours",
    )
    structure = models.ForeignKey(
        "organisations.Structure",
        verbose_name=_("structure référente"),
        on_delete=models.PROTECT,
        related_name="plie_parcours",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("référent de parcours"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plie_parcours",
    )
    entry_date = models.DateField(
        _("date d'entrée"), help_text=_("Date de la décision de la commission de validation.")
    )
    qpv_at_entry = models.BooleanField(_("habite un QPV à l'entrée"), default=False)
    engagement_signed_on = models.DateField(
        _("contrat d'engagement signé le"), null=True, blank=True
    )
    exit_date = models.DateField(_("date de sortie"), null=True, blank=True)
    exit_type = models.CharField(
        _("type de sortie"), max_length=20, choices=ExitType.choices, blank=True
    )
    exit_reason = models.CharField(
        _("motif de sortie positive"), max_length=30, choices=ExitReason.choices, blank=True
    )
    exit_comment = models.CharField(
        _("commentaire de sortie"),
        max_length=250,
        blank=True,
        help_text=_("Motif libre d'une rupture ou d'une sortie administrative."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ParcoursQuerySet.as_manager()

    AUDITED_FIELDS = (
        "external_id",
        "person",
        "structure",
        "referent",
        "entry_date",
        "qpv_at_entry",
        "exit_date",
        "exit_type",
        "exit_reason",
        "exit_comment",
    )

    class Meta:
        verbose_name = _("parcours PLIE")
        verbose_name_plural = _("parcours PLIE")
        ordering = ["-entry_date", "-id"]
        indexes = [
            models.Index(fields=["entry_date"], name="parcours_entry_date_idx"),
            models.Index(fields=["exit_date"], name="parcours_exit_date_idx"),
            models.Index(fields=["person", "entry_date"], name="parcours_person_entry_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True) | Q(exit_date__gte=F("entry_date")),
                name="parcours_exit_after_entry",
            ),
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True, exit_type="")
                | Q(exit_date__isnull=False, exit_type__in=ExitType.values),
                name="parcours_exit_type_iff_exit_date",
            ),
            models.CheckConstraint(
                condition=Q(exit_type=ExitType.POSITIVE, exit_reason__in=ExitReason.values)
                | (~Q(exit_type=ExitType.POSITIVE) & Q(exit_reason="")),
                name="parcours_exit_reason_iff_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Parcours {self.external_id} ({self.entry_date:%d/%m/%Y})"

    @property
    def is_open(self) -> bool:
        return self.exit_date is None


class EntrySituationQuerySet(ScopedQuerySet):
    person_path = "parcours__person"


class EntrySituation(models.Model):
    """One row per situation at entry: a child table, so the report counts them in SQL."""

    parcours = models.ForeignKey(
        Parcours, on_delete=models.CASCADE, related_name="entry_situations"
    )
    code = models.CharField(_("situation"), max_length=20, choices=EntrySituationCode.choices)

    objects = EntrySituationQuerySet.as_manager()

    class Meta:
        verbose_name = _("situation à l'entrée")
        verbose_name_plural = _("situations à l'entrée")
        constraints = [
            models.UniqueConstraint(fields=["parcours", "code"], name="entry_situation_unique"),
            models.CheckConstraint(
                condition=Q(code__in=EntrySituationCode.values), name="entry_situation_code_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class StepQuerySet(ScopedQuerySet):
    person_path = "parcours__person"

    def of_period(self, start: date, end: date) -> "StepQuerySet":
        """Steps of a period (indicators.md): the step *and* its parcours overlap it.

        A contract may go on after a positive exit, but once the parcours has
        ended it is no longer a step of a later period.
        """
        return self.filter(
            overlap_q(start, end, start_field="start_date", end_field="end_date")
            & overlap_q(
                start, end, start_field="parcours__entry_date", end_field="parcours__exit_date"
            )
        )


class Step(models.Model):
    external_id = models.CharField(
        _("identifiant externe"),
        max_length=64,
        unique=True,
        default=new_step_id,
        help_text=_("Colonne step_id des imports ; attribué automatiquement sinon."),
    )
    parcours = models.ForeignKey(
        Parcours, verbose_name=_("parcours"), on_delete=models.CASCADE, related_name="steps"
    )
    category = models.CharField(_("catégorie"), max_length=30, choices=StepCategory.choices)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"), null=True, blank=True)
    label = models.CharField(_("libellé"), max_length=250, blank=True)
    operation = models.ForeignKey(
        "programme.Operation",
        verbose_name=_("opération de la programmation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plie_steps",
    )
    contract_type = models.CharField(
        _("type de contrat"), max_length=30, choices=ContractType.choices, blank=True
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plie_steps",
    )
    weekly_hours = models.DecimalField(
        _("heures par semaine"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = StepQuerySet.as_manager()

    AUDITED_FIELDS = (
        "external_id",
        "parcours",
        "category",
        "start_date",
        "end_date",
        "label",
        "operation",
        "contract_type",
        "company",
        "weekly_hours",
    )

    class Meta:
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")
        ordering = ["start_date", "id"]
        indexes = [
            models.Index(fields=["parcours", "start_date"], name="step_parcours_start_idx"),
            models.Index(fields=["start_date"], name="step_start_date_idx"),
            models.Index(fields=["end_date"], name="step_end_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="step_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(
                    category=StepCategory.EMPLOYMENT_CONTRACT,
                    contract_type__in=ContractType.values,
                )
                | (
                    Q(category__in=StepCategory.values)
                    & ~Q(category=StepCategory.EMPLOYMENT_CONTRACT)
                    & Q(contract_type="")
                ),
                name="step_contract_type_iff_contract",
            ),
            models.CheckConstraint(
                condition=Q(weekly_hours__isnull=True) | Q(weekly_hours__gte=0),
                name="step_weekly_hours_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.start_date:%d/%m/%Y})"


from maillage.plie.commission_models import *  # noqa: E402,F403
