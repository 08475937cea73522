"""The annual programme: operations (actions) run by structures, on which PLIE steps take place.

Minimal for now (issue 4 extends it with calls for projects, votes, conventions):
the columns of operations.csv.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Axis(models.TextChoices):
    # Codes are the bundle's (operations.csv, axis column); labels the report's five axes.
    RECEPTION = "accueil_orientation_diagnostic", _("Accueil, orientation, diagnostic")
    REFERENT = "referent_parcours", _("Référent de parcours")
    ACTIVITY = "mise_en_activite", _("Mise en activité professionnelle")
    BARRIERS = "levee_des_freins", _("Levée des freins périphériques à l'emploi")
    EMPLOYERS = "relations_employeurs", _("Relations avec les employeurs")


class Operation(models.Model):
    code = models.CharField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("Identifiant externe, stable (colonne operation_code des imports)."),
    )
    structure = models.ForeignKey(
        "organisations.Structure",
        verbose_name=_("structure porteuse"),
        on_delete=models.PROTECT,
        related_name="operations",
    )
    title = models.CharField(_("intitulé"), max_length=250)
    axis = models.CharField(_("axe"), max_length=40, choices=Axis.choices)
    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    budget_eur = models.DecimalField(
        _("budget (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    fse_eur = models.DecimalField(
        _("dont FSE (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("opération")
        verbose_name_plural = _("opérations")
        ordering = ["-year", "code"]
        indexes = [models.Index(fields=["year", "axis"], name="operation_year_axis_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_eur__isnull=True) | Q(budget_eur__gte=0),
                name="operation_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(fse_eur__isnull=True) | Q(fse_eur__gte=0),
                name="operation_fse_not_negative",
            ),
            models.CheckConstraint(condition=Q(axis__in=Axis.values), name="operation_axis_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title} ({self.year})"
