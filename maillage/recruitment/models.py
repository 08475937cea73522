"""Recruitment support of the Service Entreprises (report p. 20-28).

Job offers and large recruitment campaigns (a new shop) with the people
positioned on them (``Candidacy``), the dated history of their stages
(``StageChange``) and the placements (``Placement``, "mises à l'emploi") the
Service Entreprises' figures are computed from. Models holding people are
scoped by ``person_path`` like every personal datum.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet

#: No ROME reference list ships offline: the code is checked for its shape only.
rome_validator = RegexValidator(
    r"^[A-Z]\d{4}$",
    _("Le code ROME compte une lettre majuscule et 4 chiffres (exemple : K1304)."),
    code="invalid_rome",
)


def new_offer_reference() -> str:
    """Reference of an offer recorded in Maillage (imported ones keep their own)."""
    return f"MA-O-{secrets.token_hex(5).upper()}"


def new_campaign_code() -> str:
    return f"MA-C-{secrets.token_hex(5).upper()}"


class ContractType(models.TextChoices):
    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    INTERIM = "interim", _("Intérim")
    APPRENTICESHIP = "apprenticeship", _("Alternance")
    SUBSIDISED = "subsidised", _("Contrat aidé")
    OTHER = "other", _("Autre")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Ouverte")
    FILLED = "filled", _("Pourvue")
    CANCELLED = "cancelled", _("Annulée")


class OfferSource(models.TextChoices):
    IOD = "iod", _("Négociée par la méthode IOD")
    RECRUITMENT_SUPPORT = "recruitment_support", _("Aide au recrutement")
    EVENT = "event", _("Événement (Dating Emploi, Rencontres Métiers…)")
    OTHER = "other", _("Autre")


class Channel(models.TextChoices):
    """Where a campaign candidate comes from (the rows of the seed's Primark tables)."""

    PLIE = "plie", _("PLIE")
    RSA = "rsa", _("RSA")
    MISSION_LOCALE = "mission_locale", _("Mission Locale")
    GARANTIE_JEUNES = "garantie_jeunes", _("Mission Locale — Garantie Jeunes")
    POLE_EMPLOI_OFFER = "pole_emploi_offer", _("Via l'offre Pôle emploi")
    NETWORK = "network", _("Réseau (autres partenaires)")
    SPONTANEOUS = "spontaneous", _("Candidature spontanée")


class Stage(models.TextChoices):
    POSITIONED = "positioned", _("Positionné")
    CV_SENT = "cv_sent", _("CV transmis")
    CONVENED = "convened", _("Convoqué")
    INFO_SESSION = "info_session", _("Présent en information collective")
    INTERVIEW = "interview", _("Présent en entretien individuel")
    HIRED = "hired", _("Recruté")
    WITHDRAWN = "withdrawn", _("Candidature retirée")
    NOT_RETAINED = "not_retained", _("Non retenu")


#: The funnel, in order: a candidacy that reached one stage has reached those before it.
FUNNEL = [
    Stage.POSITIONED,
    Stage.CV_SENT,
    Stage.CONVENED,
    Stage.INFO_SESSION,
    Stage.INTERVIEW,
    Stage.HIRED,
]
RANK = {stage: rank for rank, stage in enumerate(FUNNEL)}
#: Stages that end a candidacy without a hire: they keep the furthest stage reached.
ENDINGS = (Stage.WITHDRAWN, Stage.NOT_RETAINED)


class PlacementChannel(models.TextChoices):
    CLAUSES = "clauses", _("Clauses sociales")
    RECRUITMENT_SUPPORT = "recruitment_support", _("Aide au recrutement")
    IOD = "iod", _("Méthode IOD")
    DATING_EMPLOI = "dating_emploi", _("Dating Emploi")
    OTHER = "other", _("Autre")


#: Channels a placement may be typed in by hand. The others are recorded by their own
#: module (clause hours, the IOD method, Dating Emploi events), so that a hire is never
#: counted twice.
MANUAL_CHANNELS = (PlacementChannel.RECRUITMENT_SUPPORT, PlacementChannel.OTHER)


class JobOffer(models.Model):
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.PROTECT,
        related_name="job_offers",
    )
    reference = models.CharField(
        _("référence"), max_length=64, unique=True, default=new_offer_reference
    )
    title = models.CharField(_("intitulé du poste"), max_length=200)
    rome_code = models.CharField(_("code ROME"), max_length=5, validators=[rome_validator])
    rome_label = models.CharField(_("libellé ROME"), max_length=200, blank=True)
    contract_type = models.CharField(
        _("type de contrat"), max_length=20, choices=ContractType.choices
    )
    weekly_hours = models.DecimalField(
        _("heures par semaine"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    location = models.CharField(_("lieu de travail"), max_length=200, blank=True)
    posts = models.PositiveSmallIntegerField(
        _("nombre de postes"), default=1, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("état"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    source = models.CharField(_("origine"), max_length=30, choices=OfferSource.choices)
    published_on = models.DateField(_("reçue le"))
    closed_on = models.DateField(_("close le"), null=True, blank=True)
    closing_note = models.CharField(_("motif de clôture"), max_length=250, blank=True)

    AUDITED_FIELDS = (
        "company",
        "reference",
        "title",
        "rome_code",
        "rome_label",
        "contract_type",
        "weekly_hours",
        "location",
        "posts",
        "status",
        "source",
        "published_on",
        "closed_on",
        "closing_note",
    )

    class Meta:
        verbose_name = _("offre d'emploi")
        verbose_name_plural = _("offres d'emploi")
        ordering = ["-published_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(posts__gte=1), name="offer_posts_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.company}"

    def get_absolute_url(self) -> str:
        return reverse("recruitment:offer", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == OfferStatus.OPEN

    def clean(self):
        errors = {}
        if self.status == OfferStatus.OPEN and self.closed_on:
            errors["closed_on"] = _("Une offre ouverte n'a pas de date de clôture.")
        if self.closed_on and self.published_on and self.closed_on < self.published_on:
            errors["closed_on"] = _(
                "L'offre ne peut pas être close avant d'avoir été reçue (%(day)s)."
            ) % {"day": f"{self.published_on:%d/%m/%Y}"}
        if errors:
            raise ValidationError(errors)


class Campaign(models.Model):
    """A large hiring coordinated for one company (a new shop): sessions and candidates."""

    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    code = models.CharField(_("code"), max_length=64, unique=True, default=new_campaign_code)
    title = models.CharField(_("intitulé"), max_length=200)
    opened_on = models.DateField(_("ouverte le"))
    closes_on = models.DateField(
        _("se termine le"),
        null=True,
        blank=True,
        help_text=_("Date prévue de fin des recrutements (ouverture du magasin…)."),
    )
    description = models.TextField(_("procédure"), blank=True)

    AUDITED_FIELDS = ("company", "code", "title", "opened_on", "closes_on", "description")

    class Meta:
        verbose_name = _("campagne de recrutement")
        verbose_name_plural = _("campagnes de recrutement")
        ordering = ["-opened_on", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recruitment:campaign", args=[self.pk])

    def clean(self):
        if self.closes_on and self.opened_on and self.closes_on < self.opened_on:
            raise ValidationError(
                {"closes_on": _("La fin de la campagne ne peut pas précéder son ouverture.")}
            )


class CampaignSession(models.Model):
    """One session of a campaign: a day (and start time) in a place, for so many candidates.

    ``date`` and ``start_time`` are kept apart: the seed's campaigns are planned
    by the day first, the time slots come later.
    """

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information collective")
        INTERVIEWS = "interviews", _("Entretiens individuels")
        INDUCTION = "induction", _("Journée d'induction")

    class Venue(models.TextChoices):
        PREMISES = "premises", _("Nos locaux (Service Entreprises)")
        POLE_EMPLOI = "pole_emploi", _("Pôle emploi")
        COMPANY = "company", _("Dans l'entreprise")
        ANTENNA = "antenna", _("Une antenne de proximité")
        OTHER = "other", _("Autre lieu")

    AUDITED_FIELDS = ("campaign", "kind", "date", "start_time", "venue", "place", "capacity")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    venue = models.CharField(_("lieu"), max_length=20, choices=Venue.choices, default="premises")
    place = models.CharField(
        _("précisions sur le lieu"),
        max_length=200,
        blank=True,
        help_text=_("Adresse, salle, nom de l'antenne…"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Nombre de candidats attendus ; vide si sans limite."),
    )

    class Meta:
        verbose_name = _("session de recrutement")
        verbose_name_plural = _("sessions de recrutement")
        ordering = ["date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="session_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"

    def clean(self):
        if self.campaign_id and self.date and self.date < self.campaign.opened_on:
            raise ValidationError(
                {
                    "date": _(
                        "La session ne peut pas précéder l'ouverture de la campagne (%(day)s)."
                    )
                    % {"day": f"{self.campaign.opened_on:%d/%m/%Y}"}
                }
            )


class CandidacyQuerySet(ScopedQuerySet):
    person_path = "person"


class Candidacy(models.Model):
    """A person positioned on a job offer or in a campaign (exactly one of the two)."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("candidat"),
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    offer = models.ForeignKey(
        JobOffer, on_delete=models.CASCADE, null=True, blank=True, related_name="candidacies"
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, null=True, blank=True, related_name="candidacies"
    )
    channel = models.CharField(_("canal de sourcing"), max_length=20, choices=Channel.choices)
    stage = models.CharField(
        _("étape"), max_length=20, choices=Stage.choices, default=Stage.POSITIONED
    )
    #: Rank in ``FUNNEL`` of the furthest stage reached: the funnel counts "at least this stage".
    reached = models.PositiveSmallIntegerField(default=0, editable=False)
    positioned_on = models.DateField(_("positionné le"))
    hired_on = models.DateField(_("recruté le"), null=True, blank=True)
    positioned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("positionné par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CandidacyQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["positioned_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offer__isnull=True, campaign__isnull=False)
                | Q(offer__isnull=False, campaign__isnull=True),
                name="candidacy_offer_xor_campaign",
            ),
            models.CheckConstraint(
                condition=Q(hired_on__isnull=True) | Q(hired_on__gte=models.F("positioned_on")),
                name="candidacy_hired_after_positioned",
            ),
            models.UniqueConstraint(
                fields=["person", "offer"], name="candidacy_unique_offer_person"
            ),
            models.UniqueConstraint(
                fields=["person", "campaign"], name="candidacy_unique_campaign_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.offer or self.campaign}"

    @property
    def target(self):
        return self.offer or self.campaign


class StageChangeQuerySet(ScopedQuerySet):
    person_path = "candidacy__person"


class StageChange(models.Model):
    """The dated history of a candidacy's stages (who moved it, when)."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="history")
    stage = models.CharField(_("étape"), max_length=20, choices=Stage.choices)
    date = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = StageChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("changement d'étape")
        verbose_name_plural = _("changements d'étape")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} le {self.date:%d/%m/%Y}"


class PlacementQuerySet(ScopedQuerySet):
    person_path = "person"

    def of_year(self, year: int) -> "PlacementQuerySet":
        return self.filter(started_on__year=year)


class Placement(models.Model):
    """A person placed in employment ("mise à l'emploi"): one record per placement."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("personne"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    contract_type = models.CharField(
        _("type de contrat"), max_length=20, choices=ContractType.choices
    )
    started_on = models.DateField(_("date d'embauche"))
    channel = models.CharField(_("canal"), max_length=30, choices=PlacementChannel.choices)
    candidacy = models.OneToOneField(
        Candidacy, on_delete=models.SET_NULL, null=True, blank=True, related_name="placement"
    )
    external_id = models.CharField(max_length=64, unique=True, null=True, blank=True)

    objects = PlacementQuerySet.as_manager()

    AUDITED_FIELDS = ("person", "company", "contract_type", "started_on", "channel")

    class Meta:
        verbose_name = _("mise à l'emploi")
        verbose_name_plural = _("mises à l'emploi")
        ordering = ["-started_on", "id"]
        indexes = [models.Index(fields=["started_on"], name="placement_started_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.company} ({self.started_on:%d/%m/%Y})"
