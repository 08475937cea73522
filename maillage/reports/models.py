"""The objectives of a multi-year protocol (the PLIE's "protocole d'accord").

A protocol runs over several years (Lyon: 2012-2018) and fixes targets: 6 000
participants over the protocol, 900 new entrants a year, 35 % of them from a
QPV, 2/3 of participants with a work step, 50 % positive exits (42 % to
employment, 8 % to a qualifying training). The targets are configuration, typed
by administrators; the actual values always come from the report's figures
(``maillage.reports.objectives`` compares them).

An objective names its figure by its indicator key: the path of the figure in
the annual report's JSON (``plie.participants``), or one of the few figures
derived from it (``plie.positive_exit_employment_share``).
"""

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


class Indicator(models.TextChoices):
    PARTICIPANTS = "plie.participants", _("Nombre de participants")
    NEW_ENTRANTS = "plie.new_entrants", _("Nombre de nouveaux entrants")
    NEW_ENTRANTS_QPV_SHARE = (
        "plie.new_entrants_qpv_share",
        _("Part des nouveaux entrants habitant un quartier prioritaire"),
    )
    EMPLOYMENT_STEP_SHARE = (
        "plie.employment_step_share",
        _("Part des participants ayant réalisé une étape emploi"),
    )
    POSITIVE_EXIT_RATE = "plie.positive_exit_rate", _("Taux de sorties positives")
    POSITIVE_EXIT_EMPLOYMENT_SHARE = (
        "plie.positive_exit_employment_share",
        _("Part des sorties positives vers l'emploi (parmi toutes les sorties)"),
    )
    POSITIVE_EXIT_QUALIFYING_SHARE = (
        "plie.positive_exit_qualifying_share",
        _("Part des sorties en formation qualifiante (parmi toutes les sorties)"),
    )


#: Indicators whose value is a share in [0, 1] (shown as a percentage); the others count.
SHARE_INDICATORS = frozenset(
    {
        Indicator.NEW_ENTRANTS_QPV_SHARE,
        Indicator.EMPLOYMENT_STEP_SHARE,
        Indicator.POSITIVE_EXIT_RATE,
        Indicator.POSITIVE_EXIT_EMPLOYMENT_SHARE,
        Indicator.POSITIVE_EXIT_QUALIFYING_SHARE,
    }
)


class Period(models.TextChoices):
    EACH_YEAR = "each_year", _("Chaque année du protocole")
    WHOLE_PROTOCOL = "whole_protocol", _("Sur toute la durée du protocole")


class Protocol(models.Model):
    name = models.CharField(_("nom"), max_length=150)
    start_year = models.PositiveSmallIntegerField(
        _("première année"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("dernière année"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )

    class Meta:
        verbose_name = _("protocole")
        verbose_name_plural = _("protocoles")
        ordering = ["-start_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="protocol_years_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_year}-{self.end_year})"

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("La dernière année précède la première année du protocole.")}
            )

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class Objective(models.Model):
    protocol = models.ForeignKey(
        Protocol, verbose_name=_("protocole"), on_delete=models.CASCADE, related_name="objectives"
    )
    indicator = models.CharField(_("indicateur"), max_length=60, choices=Indicator.choices)
    period = models.CharField(
        _("période"),
        max_length=20,
        choices=Period.choices,
        default=Period.EACH_YEAR,
        help_text=_(
            "« Chaque année » : comparé à la valeur de chaque année (et, pour un taux, "
            "au cumul) ; « toute la durée » : comparé au cumul du protocole."
        ),
    )
    target = models.DecimalField(
        _("cible"),
        max_digits=12,
        decimal_places=4,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Un nombre ; pour une part ou un taux, une valeur entre 0 et 1 (0,35 = 35 %)."),
    )

    class Meta:
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        ordering = ["protocol", "indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["protocol", "indicator", "period"], name="objective_unique_per_period"
            ),
            models.CheckConstraint(condition=Q(target__gte=0), name="objective_target_positive"),
            models.CheckConstraint(
                condition=Q(indicator__in=Indicator.values), name="objective_indicator_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} : {self.display_target()}"

    @property
    def is_share(self) -> bool:
        return self.indicator in SHARE_INDICATORS

    def display_target(self) -> str:
        """The target as people read it: "35 %" for a share, "6 000" for a count."""
        if self.target is None:
            return ""
        if self.is_share:
            percent = (self.target * 100).normalize()
            return f"{percent:f}".replace(".", ",") + " %"
        return number_format(int(self.target), decimal_pos=0, force_grouping=True)

    def clean(self):
        if self.target is not None and self.is_share and self.target > 1:
            raise ValidationError(
                {"target": _("Une part ou un taux est compris entre 0 et 1 (0,35 pour 35 %).")}
            )


class PdfJob(models.Model):
    """A PDF of the annual report asked for from the web, produced by a background task.

    Producing the PDF takes several seconds (every block, two years, the charts,
    WeasyPrint), too long for a request: the page enqueues ``tasks.render_pdf``
    and shows this job until its file is ready. The file stays under
    ``DATA_DIR/reports`` (never under the public media folder) and is only served
    through the access-checked, audited download view.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        RUNNING = "running", _("En cours")
        SUCCEEDED = "succeeded", _("Prêt")
        FAILED = "failed", _("Échec")

    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    since = models.PositiveSmallIntegerField(
        _("depuis"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    edition = models.CharField(
        _("édition"),
        max_length=12,
        choices=[("internal", _("Édition interne")), ("published", _("Édition publiée"))],
        default="internal",
    )
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("erreur"), blank=True)
    file_name = models.CharField(_("fichier"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("PDF du rapport d'activité")
        verbose_name_plural = _("PDF du rapport d'activité")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Rapport d'activité {self.year} (n° {self.pk})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def path(self) -> Path:
        return Path(settings.DATA_DIR) / "reports" / f"rapport-{self.pk}.pdf"

    @property
    def download_name(self) -> str:
        return f"rapport-activite-{self.year}.pdf"
