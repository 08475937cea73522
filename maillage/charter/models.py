"""The "1 000 entreprises pour l'insertion et l'emploi" charter.

The signing date stays on ``companies.Company.charter_signed_on`` (companies.csv
imports it, the company form edits it): it is the only date that makes a company
a signatory. ``Signature`` holds what the charter work adds — who signed, their
function, the chargé de mission following the commitments — and is optional, so
a signatory imported from companies.csv counts before anyone completes it.

Each ``Commitment`` is one of the engagements the company chose (the 5 axes of
2012, the new ones of the 2017 charter), followed until it is realised — with
its evidence — or dropped. A ``Sponsorship`` pairs a company employee with a
person (personal data: scoped and audited). The ``Evening`` is the annual event
and its guest list.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet


class CommitmentKind(models.TextChoices):
    """The seed's wording: the 5 axes of 2012, then the commitments added in 2017."""

    RECRUITMENT = "recruitment", _("Collaborer sur les projets de recrutement")
    PROMOTE_JOBS = "promote_jobs", _("Valoriser les métiers")
    RETURN_TO_WORK = "return_to_work", _("Accompagner au retour à l'emploi")
    TRAINING = "training", _("Développer la formation")
    TERRITORY = "territory", _("S'impliquer dans une collaboration territoriale")
    INNOVATIVE_ACTIONS = "innovative_actions", _("Participer à des actions innovantes")
    INCLUSIVE_RECRUITMENT = "inclusive_recruitment", _("Recruter avec une approche habilitée")
    TESTIFY = "testify", _("Témoigner de mon expérience")


#: The five axes of the charter since 2012; the other kinds are the 2017 additions.
AXES = (
    CommitmentKind.RECRUITMENT,
    CommitmentKind.PROMOTE_JOBS,
    CommitmentKind.RETURN_TO_WORK,
    CommitmentKind.TRAINING,
    CommitmentKind.TERRITORY,
)


class EvidenceKind(models.TextChoices):
    INTERACTION = "interaction", _("Interaction avec l'entreprise")
    PLACEMENT = "placement", _("Mise à l'emploi")
    EVENT = "event", _("Événement")
    NOTE = "note", _("Note libre")


class Signature(models.Model):
    """Who signed the charter for the company and who follows its commitments."""

    AUDITED_FIELDS = ("company", "signatory_name", "signatory_function", "officer", "note")

    company = models.OneToOneField(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.CASCADE,
        related_name="charter_signature",
    )
    signatory_name = models.CharField(_("signataire"), max_length=200)
    signatory_function = models.CharField(_("fonction du signataire"), max_length=150, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chargé de mission"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="charter_signatures",
        help_text=_("La personne qui suit la mise en œuvre des engagements."),
    )
    note = models.TextField(_("remarques"), blank=True)

    class Meta:
        verbose_name = _("signature de la charte")
        verbose_name_plural = _("signatures de la charte")

    def __str__(self) -> str:
        return f"{self.company} — {self.signatory_name}"


class CommitmentQuerySet(models.QuerySet):
    def open(self) -> "CommitmentQuerySet":
        return self.filter(realised_on__isnull=True, dropped_on__isnull=True)


class Commitment(models.Model):
    AUDITED_FIELDS = (
        "company",
        "kind",
        "description",
        "taken_on",
        "due_on",
        "realised_on",
        "dropped_on",
        "evidence_kind",
        "interaction",
        "placement",
        "event_id",
        "evidence_note",
    )

    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.CASCADE,
        related_name="charter_commitments",
    )
    kind = models.CharField(_("engagement"), max_length=24, choices=CommitmentKind.choices)
    description = models.CharField(
        _("précisions"),
        max_length=250,
        blank=True,
        help_text=_("Par exemple : accueillir deux personnes en immersion."),
    )
    taken_on = models.DateField(_("pris le"))
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    realised_on = models.DateField(_("réalisé le"), null=True, blank=True)
    dropped_on = models.DateField(_("abandonné le"), null=True, blank=True)
    evidence_kind = models.CharField(
        _("preuve"), max_length=12, choices=EvidenceKind.choices, blank=True
    )
    interaction = models.ForeignKey(
        "companies.Interaction",
        verbose_name=_("interaction"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="charter_commitments",
    )
    placement = models.ForeignKey(
        "recruitment.Placement",
        verbose_name=_("mise à l'emploi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="charter_commitments",
    )
    # The events app is written in parallel: its id is kept without a foreign key for now.
    event_id = models.PositiveIntegerField(_("numéro de l'événement"), null=True, blank=True)
    evidence_note = models.TextField(_("note"), blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["company_id", "taken_on", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "kind", "taken_on"], name="charter_commitment_unique"
            ),
            models.CheckConstraint(
                condition=Q(realised_on__isnull=True) | Q(dropped_on__isnull=True),
                name="charter_commitment_realised_or_dropped",
            ),
        ]
        indexes = [models.Index(fields=["realised_on"], name="charter_commitment_real_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.company}"

    @property
    def status(self) -> str:
        if self.realised_on:
            return "realised"
        if self.dropped_on:
            return "dropped"
        return "open"

    @property
    def status_label(self) -> str:
        return {"realised": "Réalisé", "dropped": "Abandonné", "open": "En cours"}[self.status]


class SponsorshipOutcome(models.TextChoices):
    EMPLOYMENT = "employment", _("Emploi")
    TRAINING = "training", _("Formation")
    DROPPED = "dropped", _("Abandon")
    OTHER = "other", _("Autre")


class SponsorshipQuerySet(ScopedQuerySet):
    person_path = "person"

    def overlapping(self, start, end) -> "SponsorshipQuerySet":
        return self.filter(started_on__lte=end).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=start)
        )


class Sponsorship(models.Model):
    """A company employee sponsors a person ("parrainage"): the pair, the dates, the outcome."""

    AUDITED_FIELDS = (
        "company",
        "sponsor_contact",
        "sponsor_name",
        "person",
        "started_on",
        "ended_on",
        "outcome",
        "note",
    )

    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.PROTECT,
        related_name="sponsorships",
    )
    sponsor_contact = models.ForeignKey(
        "companies.Contact",
        verbose_name=_("parrain ou marraine (contact)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsorships",
    )
    sponsor_name = models.CharField(
        _("parrain ou marraine"),
        max_length=200,
        blank=True,
        help_text=_("Le nom, si la personne n'est pas parmi les contacts de l'entreprise."),
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("filleul ou filleule"),
        on_delete=models.PROTECT,
        related_name="sponsorships",
    )
    started_on = models.DateField(_("début"))
    ended_on = models.DateField(_("fin"), null=True, blank=True)
    outcome = models.CharField(
        _("issue"), max_length=12, choices=SponsorshipOutcome.choices, blank=True
    )
    note = models.TextField(_("remarques"), blank=True)

    objects = SponsorshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("parrainage")
        verbose_name_plural = _("parrainages")
        ordering = ["-started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="charter_sponsorship_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"Parrainage de {self.person} par {self.sponsor_label} ({self.company})"

    @property
    def sponsor_label(self) -> str:
        return str(self.sponsor_contact) if self.sponsor_contact_id else self.sponsor_name


class Evening(models.Model):
    """The annual evening of the charter (20 March 2017 at the Musée des Confluences)."""

    AUDITED_FIELDS = ("year", "held_on", "title", "place")

    year = models.PositiveSmallIntegerField(_("année"), unique=True)
    held_on = models.DateField(_("date"))
    title = models.CharField(_("intitulé"), max_length=200)
    place = models.CharField(_("lieu"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("soirée annuelle")
        verbose_name_plural = _("soirées annuelles")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class GuestStatus(models.TextChoices):
    INVITED = "invited", _("Invité")
    CONFIRMED = "confirmed", _("A confirmé")
    DECLINED = "declined", _("Excusé")
    PRESENT = "present", _("Présent")


class Guest(models.Model):
    """One line of the guest list: a company contact, a company, a partner structure or a name."""

    AUDITED_FIELDS = ("evening", "company", "contact", "structure", "name", "status")

    evening = models.ForeignKey(
        Evening, verbose_name=_("soirée"), on_delete=models.CASCADE, related_name="guests"
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evening_invitations",
    )
    contact = models.ForeignKey(
        "companies.Contact",
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evening_invitations",
    )
    structure = models.ForeignKey(
        "organisations.Structure",
        verbose_name=_("partenaire"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evening_invitations",
    )
    name = models.CharField(
        _("nom"),
        max_length=200,
        blank=True,
        help_text=_("La personne invitée, pour un partenaire ou un invité sans fiche."),
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=GuestStatus.choices, default=GuestStatus.INVITED
    )

    class Meta:
        verbose_name = _("invité")
        verbose_name_plural = _("invités")
        ordering = ["evening", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evening", "contact"],
                condition=Q(contact__isnull=False),
                name="charter_guest_contact_once",
            ),
            models.UniqueConstraint(
                fields=["evening", "company"],
                condition=Q(contact__isnull=True, company__isnull=False, name=""),
                name="charter_guest_company_once",
            ),
            models.CheckConstraint(
                condition=Q(company__isnull=False) | Q(structure__isnull=False) | ~Q(name=""),
                name="charter_guest_identified",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.contact_id:
            return str(self.contact)
        if self.name:
            return self.name
        return str(self.company or self.structure)

    @property
    def organisation(self) -> str:
        if self.company_id:
            return str(self.company)
        if self.structure_id:
            return str(self.structure)
        return ""

    @property
    def category(self) -> str:
        if self.company_id:
            return "Entreprise signataire" if self.company.charter_signed_on else "Entreprise"
        if self.structure_id:
            return "Partenaire"
        return "Autre invité"
