"""The reception log of the neighbourhood antennas: one ``Visit`` per person received.

A visit is recorded by the antenna's reception desk in a few seconds, for a known
person, a new one (a minimal file is created) or an anonymous visitor of whom only
the sex, the age band and the postcode are noted. The visitor's profile (sex, age
band, postcode) is copied on every visit, identified or not: the figures by sex and
age band are then a plain GROUP BY on one table, and give the age *at the visit*
even when the file is corrected later (docs/antennas.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.accounts.roles import PERSON_SCOPE, PersonScope
from maillage.accounts.scoping import ScopedQuerySet
from maillage.people.models import Sex, postcode_validator


class Reason(models.TextChoices):
    """Why the visitor came: the services of the antennas (seed p. 59-61, 3, 25)."""

    INFORMATION = "information", _("Accueil, information")
    JOB_SEARCH = "job_search", _("Recherche d'emploi, offres")
    CYBER_BASE = "cyber_base", _("Cyber-base emploi (numérique)")
    WORKSHOP = "workshop", _("Atelier de préparation à l'emploi")
    PARTNER_APPOINTMENT = "partner_appointment", _("Rendez-vous avec un partenaire")
    CREATION = "creation", _("Permanence création d'activité")
    TRAINING = "training", _("Formation, orientation professionnelle")
    CULTURE = "culture", _("Accès à la culture")
    OTHER = "other", _("Autre demande")


class AgeBand(models.TextChoices):
    """The age bands of the activity report (seed p. 13)."""

    UNDER_26 = "under_26", _("Moins de 26 ans")
    FROM_26_TO_45 = "26_45", _("26 à 45 ans")
    FROM_46_TO_50 = "46_50", _("46 à 50 ans")
    OVER_50 = "over_50", _("Plus de 50 ans")


#: Suggestions for the orientation given (a free text: any partner can be typed).
ORIENTATIONS = (
    "Partenaire de l'antenne",
    "PLIE",
    "Pôle emploi",
    "Mission Locale",
    "Cap emploi",
    "Cyber-base emploi",
    "Maison de la création d'entreprise",
    "Structure d'insertion (SIAE)",
    "Organisme de formation",
    "Référent RSA",
    "Service Entreprises",
    "Mission Insertion Culture",
)


class VisitQuerySet(ScopedQuerySet):
    person_path = "person"

    def visible_to(self, user) -> "VisitQuerySet":
        """Identified visits by the person scope; anonymous ones by the antenna.

        An anonymous visit has no person to be followed: the staff of its antenna see it
        (to correct it), administrators and direction see every visit.
        """
        scoped = super().visible_to(user)
        if scoped.query.is_empty() or user.person_scope != PersonScope.FOLLOWED:
            return scoped
        following = {role for role, s in PERSON_SCOPE.items() if s == PersonScope.FOLLOWED}
        antennas = user.structure_ids(roles=following)
        return scoped | self.filter(person__isnull=True, antenna_id__in=antennas)

    def of_year(self, year: int) -> "VisitQuerySet":
        return self.filter(at__year=year)


class Visit(models.Model):
    antenna = models.ForeignKey(
        "organisations.Structure",
        verbose_name=_("antenne"),
        on_delete=models.PROTECT,
        related_name="visits",
        limit_choices_to={"kind": "antenna"},
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("personne"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="antenna_visits",
        help_text=_("Vide pour un visiteur anonyme."),
    )
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices)
    age_band = models.CharField(_("tranche d'âge"), max_length=10, choices=AgeBand.choices)
    postcode = models.CharField(
        _("code postal"), max_length=5, blank=True, validators=[postcode_validator]
    )
    orientation = models.CharField(_("orientation donnée"), max_length=120, blank=True)
    at = models.DateTimeField(_("date et heure"), db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saisie le"), auto_now_add=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visite en antenne")
        verbose_name_plural = _("visites en antenne")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["antenna", "at"], name="visit_antenna_at_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(sex__in=["F", "M"]), name="visit_sex_valid"),
            models.CheckConstraint(
                condition=Q(age_band__in=AgeBand.values), name="visit_age_band_valid"
            ),
        ]

    def __str__(self) -> str:
        who = str(self.person) if self.person_id else _("visiteur anonyme")
        return f"{who} — {self.antenna} ({timezone.localtime(self.at):%d/%m/%Y %H:%M})"

    @property
    def is_anonymous(self) -> bool:
        return self.person_id is None


class VisitReasonQuerySet(ScopedQuerySet):
    person_path = "visit__person"


class VisitReason(models.Model):
    """One reason of a visit (a visitor may come for several things at once)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="reasons")
    reason = models.CharField(_("motif"), max_length=30, choices=Reason.choices)

    objects = VisitReasonQuerySet.as_manager()

    class Meta:
        verbose_name = _("motif de visite")
        verbose_name_plural = _("motifs de visite")
        constraints = [
            models.UniqueConstraint(fields=["visit", "reason"], name="visit_reason_unique"),
        ]

    def __str__(self) -> str:
        return self.get_reason_display()
