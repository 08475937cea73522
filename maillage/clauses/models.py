"""Social clauses in public procurement (the AMOI desk, report "Clauses sociales").

Buyers (donneurs d'ordre) publish markets carrying a social clause
(``ClauseOperation``), awarded to companies (``AwardedCompany``) that fulfil
their insertion hours by hiring eligible people (``Eligibility``) under
contracts (``ClauseContract``) whose hours are reported month by month
(``ClauseHours``). People are the same ``Person`` as everywhere else: every
model naming one is scoped by ``person_path``.

``ClauseHours`` repeats the person and the company of its row: the bundle's
clause_hours.csv names them on every row and the annual report counts them
*per row* (distinct person_id, company_id), so they are stored as given rather
than re-derived (a temporary worker's hours are reported by the host company,
not by the agency that signed the contract).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet

#: The bounds of one month's hours (bundle.md: > 0 and ≤ 250).
MAX_MONTH_HOURS = 250


class LegalBasis(models.TextChoices):
    EXECUTION_CLAUSE = "execution_clause", _("Clause d'exécution (art. 38 / 38+52)")
    INSERTION_MARKET = "insertion_market", _("Marché d'insertion (art. 28)")


class BuyerKind(models.TextChoices):
    STATE = "state", _("État et ses services")
    CITY = "city", _("Commune")
    METROPOLIS = "metropolis", _("Métropole")
    SOCIAL_LANDLORD = "social_landlord", _("Bailleur social")
    HOSPITAL = "hospital", _("Établissement de santé")
    UNIVERSITY = "university", _("Université, enseignement")
    DEVELOPER = "developer", _("Aménageur, promoteur privé")
    OTHER = "other", _("Autre")


class Sector(models.TextChoices):
    WORKS = "works", _("Travaux")
    CLEANING = "cleaning", _("Nettoyage, propreté")
    GREEN_SPACES = "green_spaces", _("Espaces verts")
    CATERING = "catering", _("Restauration collective")
    IT = "it", _("Informatique")
    MAINTENANCE = "maintenance", _("Maintenance, entretien")
    SERVICES = "services", _("Autres services")


class CompanyRole(models.TextChoices):
    HOLDER = "holder", _("Titulaire")
    CO_CONTRACTOR = "co_contractor", _("Cotraitant")
    SUBCONTRACTOR = "subcontractor", _("Sous-traitant")


class FulfilmentMode(models.TextChoices):
    DIRECT_HIRING = "direct_hiring", _("Embauche directe")
    ETTI = "etti", _("Intérim d'insertion (ETTI)")
    PROVISION = "provision", _("Mise à disposition (AI, GEIQ)")
    SIAE_SUBCONTRACTING = "siae_subcontracting", _("Sous-traitance ou cotraitance avec une SIAE")
    TRAINING = "training", _("Action de formation")


class Criterion(models.TextChoices):
    LONG_TERM_JOBSEEKER = "long_term_jobseeker", _("Demandeur d'emploi de longue durée")
    MINIMUM_INCOME = "minimum_income", _("Bénéficiaire du RSA ou d'un minimum social")
    DISABLED_WORKER = "disabled_worker", _("Travailleur handicapé reconnu")
    YOUNG_UNQUALIFIED = "young_unqualified", _("Jeune sans qualification")
    SIAE_EMPLOYEE = "siae_employee", _("Salarié d'une SIAE")
    OTHER = "other", _("Autre, sur validation motivée du facilitateur")


class ContractKind(models.TextChoices):
    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    CDDI = "cddi", _("CDD d'insertion (SIAE)")
    INTERIM = "interim", _("Mission d'intérim (ETTI)")
    PROVISION = "provision", _("Mise à disposition (AI, GEIQ)")
    WORK_STUDY = "work_study", _("Alternance")
    TRAINING = "training", _("Formation")
    OTHER = "other", _("Autre")


class MeetingKind(models.TextChoices):
    PLENARY = "plenary", _("Réunion plénière")
    WORKING_GROUP = "working_group", _("Groupe de travail")


class Buyer(models.Model):
    """A donneur d'ordre; matched by its exact name (bundle.md)."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(
        _("type d'acheteur"), max_length=20, choices=BuyerKind.choices, default=BuyerKind.OTHER
    )
    in_network = models.BooleanField(
        _("membre du réseau des acheteurs socialement responsables"), default=False
    )
    notes = models.TextField(_("notes"), blank=True)

    AUDITED_FIELDS = ["name", "kind", "in_network"]

    class Meta:
        verbose_name = _("donneur d'ordre")
        verbose_name_plural = _("donneurs d'ordre")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BuyerContact(models.Model):
    """A buyer's staff member (an acheteur): no beneficiary data."""

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nom"), max_length=150)
    job_title = models.CharField(_("fonction"), max_length=150, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    AUDITED_FIELDS = ["name", "job_title", "email", "phone"]

    class Meta:
        verbose_name = _("contact d'un donneur d'ordre")
        verbose_name_plural = _("contacts des donneurs d'ordre")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.buyer})"


class NetworkMeeting(models.Model):
    """A meeting of the network of socially responsible buyers, with the buyers present."""

    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=20, choices=MeetingKind.choices)
    theme = models.CharField(_("thème"), max_length=200)
    attendees = models.ManyToManyField(
        Buyer, verbose_name=_("acheteurs présents"), blank=True, related_name="meetings"
    )

    class Meta:
        verbose_name = _("réunion du réseau des acheteurs")
        verbose_name_plural = _("réunions du réseau des acheteurs")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.theme} ({self.date:%d/%m/%Y})"


class ClauseOperation(models.Model):
    """A market (or a lot) carrying a social clause."""

    external_id = models.CharField(
        _("identifiant externe"), max_length=64, unique=True, null=True, blank=True
    )
    buyer = models.ForeignKey(
        Buyer,
        verbose_name=_("donneur d'ordre"),
        on_delete=models.PROTECT,
        related_name="operations",
    )
    title = models.CharField(_("intitulé"), max_length=250)
    sector = models.CharField(
        _("secteur"), max_length=20, choices=Sector.choices, default=Sector.WORKS
    )
    legal_basis = models.CharField(_("fondement"), max_length=20, choices=LegalBasis.choices)
    award_criterion = models.BooleanField(
        _("aussi critère d'attribution (art. 38+52)"), default=False
    )
    reserved_siae = models.BooleanField(_("marché réservé aux SIAE"), default=False)
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    required_hours = models.DecimalField(
        _("heures d'insertion exigées"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # The calculator's inputs, each editable (rules.required_hours).
    amount_eur = models.DecimalField(
        _("montant du marché (€ HT)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    labour_share = models.DecimalField(
        _("part de main-d'œuvre"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    insertion_rate = models.DecimalField(
        _("taux d'insertion"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    hourly_cost = models.DecimalField(
        _("coût horaire (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    advice = models.TextField(_("avis du facilitateur"), blank=True)
    urban_renewal_site = models.CharField(
        _("site de rénovation urbaine"),
        max_length=100,
        blank=True,
        help_text=_("Par exemple « La Duchère » ; vide si l'opération n'est pas ANRU."),
    )
    companies = models.ManyToManyField(
        "companies.Company", through="AwardedCompany", related_name="clause_operations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    AUDITED_FIELDS = [
        "buyer",
        "title",
        "sector",
        "legal_basis",
        "award_criterion",
        "reserved_siae",
        "start_date",
        "end_date",
        "required_hours",
        "amount_eur",
        "labour_share",
        "insertion_rate",
        "hourly_cost",
        "advice",
        "urban_renewal_site",
    ]

    class Meta:
        verbose_name = _("opération avec clause")
        verbose_name_plural = _("opérations avec clause")
        ordering = ["-start_date", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="clause_operation_dates",
            )
        ]

    def __str__(self) -> str:
        return self.title


class AwardedCompany(models.Model):
    """A company awarded (part of) an operation, and how it fulfils its insertion hours."""

    operation = models.ForeignKey(ClauseOperation, on_delete=models.CASCADE, related_name="awarded")
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="clause_awards"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=CompanyRole.choices)
    fulfilment_mode = models.CharField(
        _("modalité de réalisation"),
        max_length=30,
        choices=FulfilmentMode.choices,
        default=FulfilmentMode.DIRECT_HIRING,
    )

    class Meta:
        verbose_name = _("entreprise attributaire")
        verbose_name_plural = _("entreprises attributaires")
        constraints = [
            models.UniqueConstraint(fields=["operation", "company"], name="clause_award_unique")
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.get_role_display()})"


class EligibilityQuerySet(ScopedQuerySet):
    person_path = "person"


class Eligibility(models.Model):
    """One clause criterion checked and dated by the facilitator with the prescriber."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="clause_eligibilities"
    )
    criterion = models.CharField(_("critère"), max_length=30, choices=Criterion.choices)
    checked_on = models.DateField(_("vérifié le"))
    prescriber = models.CharField(_("prescripteur"), max_length=200)
    reason = models.TextField(_("motif"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = EligibilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("éligibilité clause")
        verbose_name_plural = _("éligibilités clause")
        ordering = ["-checked_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()} ({self.checked_on:%d/%m/%Y})"


class ClauseContractQuerySet(ScopedQuerySet):
    person_path = "person"


class ClauseContract(models.Model):
    """An employment contract under a clause: keyed by its external id (clause_hours.csv)."""

    external_id = models.CharField(_("identifiant du contrat"), max_length=64, unique=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="clause_contracts"
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("employeur"),
        on_delete=models.PROTECT,
        related_name="clause_contracts",
    )
    operation = models.ForeignKey(
        ClauseOperation, on_delete=models.PROTECT, related_name="contracts"
    )
    kind = models.CharField(
        _("type de contrat"), max_length=20, choices=ContractKind.choices, default="other"
    )
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"), null=True, blank=True)
    #: Created by an import: its dates follow the months reported (bundle.py).
    imported = models.BooleanField(default=False, editable=False)
    eligibility_override = models.TextField(
        _("dérogation motivée du facilitateur"),
        blank=True,
        help_text=_("Obligatoire si la personne n'a pas d'éligibilité validée."),
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    placement = models.OneToOneField(
        "recruitment.Placement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clause_contract",
    )

    objects = ClauseContractQuerySet.as_manager()

    AUDITED_FIELDS = ["company", "operation", "kind", "start_date", "end_date"]

    class Meta:
        verbose_name = _("contrat sous clause")
        verbose_name_plural = _("contrats sous clause")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="clause_contract_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.external_id} — {self.person}"


class ClauseHoursQuerySet(ScopedQuerySet):
    person_path = "person"


class ClauseHours(models.Model):
    """Hours worked in one month under a contract, for an operation (the bundle's key)."""

    operation = models.ForeignKey(ClauseOperation, on_delete=models.PROTECT, related_name="hours")
    contract = models.ForeignKey(ClauseContract, on_delete=models.PROTECT, related_name="hours")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="clause_hours"
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="clause_hours"
    )
    month = models.DateField(_("mois"), help_text=_("Premier jour du mois."))
    hours = models.DecimalField(
        _("heures"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_MONTH_HOURS)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClauseHoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("heures d'insertion du mois")
        verbose_name_plural = _("heures d'insertion")
        ordering = ["month", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "contract", "month"], name="clause_hours_key"
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=MAX_MONTH_HOURS),
                name="clause_hours_bounds",
            ),
        ]
        indexes = [models.Index(fields=["month"], name="clause_hours_month_idx")]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} : {self.hours} h"


class ClauseOffer(models.Model):
    """Posts an awarded company opens under a clause, on which référents position people."""

    operation = models.ForeignKey(ClauseOperation, on_delete=models.CASCADE, related_name="offers")
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("poste"), max_length=200)
    posts = models.PositiveSmallIntegerField(_("nombre de postes"), default=1)
    opened_on = models.DateField(_("ouverte le"))
    closed = models.BooleanField(_("clôturée"), default=False)

    class Meta:
        verbose_name = _("offre sous clause")
        verbose_name_plural = _("offres sous clause")
        ordering = ["closed", "-opened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} — {self.company}"


class PositioningQuerySet(ScopedQuerySet):
    person_path = "person"


class Positioning(models.Model):
    """A person proposed on a clause offer by a référent (PLIE, antenna, RSA…)."""

    offer = models.ForeignKey(ClauseOffer, on_delete=models.CASCADE, related_name="positionings")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="clause_positionings"
    )
    positioned_on = models.DateField(_("positionné le"))
    positioned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.CharField(_("commentaire"), max_length=250, blank=True)

    objects = PositioningQuerySet.as_manager()

    class Meta:
        verbose_name = _("positionnement sur une offre sous clause")
        verbose_name_plural = _("positionnements sur des offres sous clause")
        ordering = ["-positioned_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "person"], name="clause_positioning_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.offer}"
