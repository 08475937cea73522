"""Events of the Service Entreprises and the antennas (report: "Dating Emploi",
"Rencontres Métiers", "Simulations d'entretien", forums, matinales…).

- ``Event``: one dated event; a week-long programme is an event of kind
  ``programme`` whose parts point to it (``parent``); an occurrence of a
  recurring series points to its ``RecurringSeries`` and keeps the date the
  rule gave it (``occurrence_date``), so that editing or cancelling it never
  breaks the series and regenerating never duplicates it.
- ``EventCompany``: a partner company present, with the offers and posts it brings.
- ``Registration``: a person registered (by a référent, by staff, or on the
  public agenda), on the list or waiting, then attended or not, the interviews
  held and whether a contract was signed. A public registration may have no
  ``Person`` yet: it keeps the minimal data typed by the visitor until staff
  link it to a file.
- ``SurveyResponse``: one satisfaction questionnaire (participant or speaker).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet


def new_event_code() -> str:
    """External identifier of events created in Maillage (events.csv's event_id)."""
    return f"EV-{secrets.token_hex(5).upper()}"


class EventKind(models.TextChoices):
    # The first seven are the codes of the bundle format (events.csv, kind column).
    JOB_DATING = "job_dating", _("Dating Emploi (job dating)")
    RENCONTRE_METIERS = "rencontre_metiers", _("Rencontre Métiers")
    COMPANY_VISIT = "company_visit", _("Visite d'entreprise")
    INTERVIEW_SIMULATION = "interview_simulation", _("Simulation d'entretien")
    FORUM = "forum", _("Forum")
    INFO_SESSION = "info_session", _("Réunion d'information")
    WORKSHOP = "workshop", _("Atelier")
    MATINALE = "matinale", _("Matinale des entreprises")
    SALON = "salon", _("Salon")
    PROGRAMME = "programme", _("Programme (semaine thématique)")


#: The kinds of the bundle format: always present in the ``events`` block of the report.
BUNDLE_KINDS = [
    EventKind.JOB_DATING,
    EventKind.RENCONTRE_METIERS,
    EventKind.COMPANY_VISIT,
    EventKind.INTERVIEW_SIMULATION,
    EventKind.FORUM,
    EventKind.INFO_SESSION,
    EventKind.WORKSHOP,
]


class Public(models.TextChoices):
    """Publics an event targets (several allowed)."""

    ALL = "all", _("Tout public")
    WOMEN = "women", _("Femmes")
    SENIORS = "seniors", _("Seniors")
    YOUTH = "youth", _("Jeunes")
    QPV = "qpv", _("Habitants des QPV")
    PLIE = "plie", _("Participants PLIE")
    DISABLED = "disabled", _("Travailleurs handicapés")


class RecurringSeries(models.Model):
    """A recurring session (monthly interview simulations of an antenna), RFC 5545 rule.

    ``rule`` is an RRULE (``FREQ=MONTHLY;BYDAY=+2TU``) read by python-dateutil from
    ``starts_on``; it must end (``UNTIL``/``COUNT`` in the rule, or ``ends_on``).
    Exceptions: dates (``excluded_dates``, the EXDATEs: holidays) and whole months
    (``closed_months``: 8 for August).
    """

    code = models.CharField(_("code"), max_length=64, unique=True, default=new_event_code)
    title = models.CharField(_("intitulé"), max_length=200)
    kind = models.CharField(_("nature"), max_length=30, choices=EventKind.choices)
    structure = models.ForeignKey(
        "organisations.Structure",
        verbose_name=_("organisateur"),
        on_delete=models.PROTECT,
        related_name="event_series",
    )
    rule = models.CharField(
        _("règle de récurrence (RRULE)"),
        max_length=300,
        help_text=_("Format iCalendar, par exemple FREQ=MONTHLY;BYDAY=+2TU (2e mardi du mois)."),
    )
    starts_on = models.DateField(_("à partir du"))
    ends_on = models.DateField(_("jusqu'au"), null=True, blank=True)
    excluded_dates = models.JSONField(_("dates exclues"), default=list, blank=True)
    closed_months = models.JSONField(_("mois fermés"), default=list, blank=True)
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=250, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    theme = models.CharField(_("thème ou secteur"), max_length=120, blank=True)
    is_public = models.BooleanField(_("publiée sur l'agenda public"), default=True)

    class Meta:
        verbose_name = _("série de sessions")
        verbose_name_plural = _("séries de sessions")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    external_id = models.CharField(
        _("identifiant"), max_length=64, unique=True, default=new_event_code
    )
    kind = models.CharField(_("nature"), max_length=30, choices=EventKind.choices)
    title = models.CharField(_("intitulé"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    structure = models.ForeignKey(
        "organisations.Structure",
        verbose_name=_("organisateur ou antenne"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    place = models.CharField(_("lieu"), max_length=250, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Vide : sans limite.")
    )
    theme = models.CharField(_("thème ou secteur"), max_length=120, blank=True)
    publics = models.JSONField(_("publics visés"), default=list, blank=True)
    speakers = models.TextField(_("intervenants"), blank=True)
    description = models.TextField(_("présentation"), blank=True)
    is_public = models.BooleanField(_("publié sur l'agenda public"), default=False)
    cancelled = models.BooleanField(_("annulé"), default=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("fait partie du programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parts",
    )
    series = models.ForeignKey(
        RecurringSeries,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="occurrences",
    )
    #: The date the rule produced (``date`` may be moved by an edit).
    occurrence_date = models.DateField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["-date", "start_time", "pk"]
        indexes = [models.Index(fields=["date"], name="event_date_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "occurrence_date"], name="event_one_occurrence_per_date"
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    def public_labels(self) -> list[str]:
        labels = dict(Public.choices)
        return [str(labels.get(code, code)) for code in self.publics]


class EventCompany(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="companies")
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("entreprise"),
        on_delete=models.PROTECT,
        related_name="event_presences",
    )
    posts = models.PositiveIntegerField(_("postes proposés"), default=0)
    offers = models.ManyToManyField(
        "recruitment.JobOffer", verbose_name=_("offres apportées"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("entreprise présente")
        verbose_name_plural = _("entreprises présentes")
        ordering = ["company__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "company"], name="event_company_once"),
        ]

    def __str__(self) -> str:
        return f"{self.company} — {self.event}"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Inscrit")
    WAITING = "waiting", _("En liste d'attente")
    CANCELLED = "cancelled", _("Désinscrit")


class RegistrationSource(models.TextChoices):
    REFERENT = "referent", _("Par son référent")
    STAFF = "staff", _("Par l'équipe")
    PUBLIC = "public", _("En ligne (agenda public)")
    IMPORT = "import", _("Import")


class RegistrationQuerySet(ScopedQuerySet):
    person_path = "person"

    def visible_to(self, user) -> "RegistrationQuerySet":
        """People in scope; online registrations not yet linked to a file also go to the
        users who run events (they must check them in and link them)."""
        from maillage.accounts.roles import Capability, PersonScope

        scoped = super().visible_to(user)
        if (
            user is not None
            and user.is_authenticated
            and user.person_scope == PersonScope.FOLLOWED
            and user.has_capability(Capability.MANAGE_EVENTS)
        ):
            return self.filter(Q(pk__in=scoped.values("pk")) | Q(person__isnull=True))
        return scoped

    def listed(self):
        return self.filter(status=RegistrationStatus.REGISTERED)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("personne"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    # Minimal data of an online registration, until staff link it to a person's file.
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    consent_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)

    status = models.CharField(
        _("état"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    source = models.CharField(
        _("inscrit"),
        max_length=20,
        choices=RegistrationSource.choices,
        default=RegistrationSource.IMPORT,
    )
    registered_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attended = models.BooleanField(_("présent"), default=False)
    checked_in_at = models.DateTimeField(_("arrivé à"), null=True, blank=True)
    interviews = models.PositiveIntegerField(_("entretiens"), default=0)
    hired = models.BooleanField(_("contrat signé"), default=False)
    placement = models.OneToOneField(
        "recruitment.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registration",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False),
                name="registration_once_per_person",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(last_name=""),
                name="registration_names_someone",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_status_idx")]

    def __str__(self) -> str:
        return f"{self.display_name} — {self.event}"

    @property
    def display_name(self) -> str:
        if self.person_id:
            return str(self.person)
        return f"{self.last_name.upper()} {self.first_name}".strip()

    @property
    def contact_email(self) -> str:
        return self.email or (self.person.email if self.person_id else "")


class SurveyRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Intervenant")


class Satisfaction(models.IntegerChoices):
    VERY = 4, _("Très satisfait")
    SATISFIED = 3, _("Satisfait")
    FAIRLY = 2, _("Peu satisfait")
    NOT = 1, _("Pas satisfait")


#: The questions of the short questionnaire (field name, French label).
QUESTIONS = [
    ("organisation", _("Organisation")),
    ("information", _("Qualité de l'information")),
    ("speakers_rating", _("Intervenants")),
]


def _rating(label):
    return models.PositiveSmallIntegerField(
        label,
        choices=Satisfaction.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )


class SurveyResponse(models.Model):
    """One questionnaire, typed from paper or answered online via a signed link."""

    class Channel(models.TextChoices):
        PAPER = "paper", _("Papier (saisi)")
        ONLINE = "online", _("En ligne")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="survey_responses")
    role = models.CharField(_("répondant"), max_length=20, choices=SurveyRole.choices)
    channel = models.CharField(_("mode"), max_length=10, choices=Channel.choices)
    organisation = _rating(_("organisation"))
    information = _rating(_("qualité de l'information"))
    speakers_rating = _rating(_("intervenants"))
    comment = models.TextField(_("commentaire"), blank=True)
    #: One online answer per registration (the signed link names it); none for paper.
    registration = models.OneToOneField(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="survey"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire de satisfaction")
        verbose_name_plural = _("questionnaires de satisfaction")
        ordering = ["answered_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.event}"
