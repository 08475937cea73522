"""The annual programme: calls for projects, operations run by structures, their funding
plans and the workflow of each operation (submitted → … → closed).

``Operation`` keeps the columns of operations.csv (code, structure, title, axis,
year, budget_eur, fse_eur). Its funding plan is a child table (``FundingLine``,
one row per funder) so the report sums it in SQL. How the two agree: the plan,
when an operation has one, is the truth and ``budget_eur`` / ``fse_eur`` are its
totals, rewritten by ``services.set_funding_plan`` in the same transaction; an
operation without a plan (imported from a bundle) has only the totals. An
import that gives other totals for an operation that has a plan is refused
(``bundle.OperationsFile.check_rows``), so the two never drift apart.

The workflow is one status on the operation plus one dated ``OperationTransition``
row per step reached (the history, with who recorded it); ``workflow.py`` holds
the order and the rules. "Non retenue" (refused) is the other outcome of the
vote: a terminal status outside the order, its transition carrying the reason.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Axis(models.TextChoices):
    # Codes are the bundle's (operations.csv, axis column); labels the report's five axes.
    RECEPTION = "accueil_orientation_diagnostic", _("Accueil, orientation, diagnostic")
    REFERENT = "referent_parcours", _("Référent de parcours")
    ACTIVITY = "mise_en_activite", _("Mise en activité professionnelle")
    BARRIERS = "levee_des_freins", _("Levée des freins périphériques à l'emploi")
    EMPLOYERS = "relations_employeurs", _("Relations avec les employeurs")


class Funder(models.TextChoices):
    FSE = "fse", _("FSE")
    METROPOLE = "metropole", _("Métropole")
    CITY = "ville", _("Ville")
    STATE = "etat", _("État")
    OWN_FUNDS = "fonds_propres", _("Fonds propres")
    OTHER = "autre", _("Autres financements")


class Status(models.TextChoices):
    # In workflow order (workflow.ORDER).
    SUBMITTED = "submitted", _("Déposée")
    OPINION = "opinion", _("Avis du PLIE rendu")
    VOTED = "voted", _("Votée")
    CONVENTION = "convention", _("Convention signée")
    ADVANCE_PAID = "advance_paid", _("Avance versée")
    BALANCE_PAID = "balance_paid", _("Solde versé")
    CLOSED = "closed", _("Clôturée")
    # Terminal, outside the order: the vote did not retain the operation (workflow.REFUSED).
    REFUSED = "refused", _("Non retenue")


class VoteBody(models.TextChoices):
    BOARD = "board", _("Conseil d'administration")
    STEERING = "steering", _("Comité de pilotage")


def _amount(label):
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )


class CallForProjects(models.Model):
    """The yearly call: the five axes are fixed (``Axis``), the transversal priorities vary."""

    year = models.PositiveSmallIntegerField(
        _("année"), unique=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    title = models.CharField(_("intitulé"), max_length=250)
    launched_on = models.DateField(_("lancé le"), null=True, blank=True)
    deadline = models.DateField(_("date limite de dépôt"), null=True, blank=True)
    priorities = models.TextField(
        _("priorités transversales"), blank=True, help_text=_("Une priorité par ligne.")
    )

    class Meta:
        verbose_name = _("appel à projets")
        verbose_name_plural = _("appels à projets")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def priority_list(self) -> list[str]:
        return [line.strip() for line in self.priorities.splitlines() if line.strip()]


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
    budget_eur = _amount(_("budget (€)"))
    fse_eur = _amount(_("dont FSE (€)"))
    description = models.TextField(_("description"), blank=True)
    target_public = models.CharField(_("public visé"), max_length=250, blank=True)
    place = models.CharField(_("lieu"), max_length=250, blank=True)
    how_to_prescribe = models.TextField(_("comment prescrire"), blank=True)
    planned_participants = models.PositiveIntegerField(
        _("participants prévus"), null=True, blank=True
    )
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
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
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="operation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="operation_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title} ({self.year})"


class FundingLine(models.Model):
    """One funder's share of an operation's budget (the funding plan)."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="funding_lines")
    funder = models.CharField(_("financeur"), max_length=20, choices=Funder.choices)
    amount_eur = models.DecimalField(
        _("montant (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("ligne du plan de financement")
        verbose_name_plural = _("plan de financement")
        ordering = ["operation", "funder"]
        constraints = [
            models.UniqueConstraint(fields=["operation", "funder"], name="funding_line_unique"),
            models.CheckConstraint(condition=Q(amount_eur__gte=0), name="funding_not_negative"),
            models.CheckConstraint(condition=Q(funder__in=Funder.values), name="funder_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_funder_display()} : {self.amount_eur} €"


class OperationTransition(models.Model):
    """A step of the workflow reached on a date: the operation's dated history."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="transitions")
    status = models.CharField(_("étape"), max_length=20, choices=Status.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("avis ou commentaire"), blank=True)
    vote_body = models.CharField(
        _("instance du vote"), max_length=20, choices=VoteBody.choices, blank=True
    )
    checked_eur = _amount(_("FSE retenu au contrôle de service fait (€)"))
    amount_eur = _amount(_("montant versé (€)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistrée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("étape du circuit d'une opération")
        verbose_name_plural = _("historique des opérations")
        ordering = ["operation", "on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "status"], name="operation_transition_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="operation_transition_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} le {self.on:%d/%m/%Y}"
