"""Recruitment support of the Service Entreprises (report p. 20-28).

Job offers and large recruitment campaigns (a new shop) with the people
positioned on them (``Candidacy``), the dated history of their stages
(``StageChange``) and the placements (``Placement``, "mises à l'emploi") the
Service Entreprises' figures are computed from. Models holding people are
scoped by ``person_path`` like every personal datum.
"""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet

#: No ROME reference list ships offline: the code is checked for its shape only.
rome_validator = RegexValidator(
    r"^[A-Z]\d{4}$",
    _("Le code ROME compte une lettre majuscule et 4 chiffres (exemple : K1304)."),
    code="invalid_rome",
)


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


class JobOffer(models.Model):
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.PROTECT,
        related_name="job_offers",
    )
    reference = models.CharField(_("référence"), max_length=64, unique=True)
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

    class Meta:
        verbose_name = _("offre d'emploi")
        verbose_name_plural = _("offres d'emploi")
        ordering = ["-published_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(posts__gte=1), name="offer_posts_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.company}"


class Campaign(models.Model):
    """A large hiring coordinated for one company (a new shop): sessions and candidates."""

    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    code = models.CharField(_("code"), max_length=64, unique=True)
    title = models.CharField(_("intitulé"), max_length=200)
    opened_on = models.DateField(_("ouverte le"))
    description = models.TextField(_("procédure"), blank=True)

    class Meta:
        verbose_name = _("campagne de recrutement")
        verbose_name_plural = _("campagnes de recrutement")
        ordering = ["-opened_on", "id"]

    def __str__(self) -> str:
        return self.title


class CampaignSession(models.Model):
    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information collective")
        INTERVIEWS = "interviews", _("Entretiens individuels")
        INDUCTION = "induction", _("Journée d'induction")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    place = models.CharField(_("lieu"), max_length=200)

    class Meta:
        verbose_name = _("session de recrutement")
        verbose_name_plural = _("sessions de recrutement")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"


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

    class Meta:
        verbose_name = _("mise à l'emploi")
        verbose_name_plural = _("mises à l'emploi")
        ordering = ["-started_on", "id"]
        indexes = [models.Index(fields=["started_on"], name="placement_started_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.company} ({self.started_on:%d/%m/%Y})"
