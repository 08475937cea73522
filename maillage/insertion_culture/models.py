"""The Mission Insertion Culture (seed p. 50-52): collective actions and the HR side.

- ``Partner``: a cultural or insertion partner of the MIC. The report counts them by
  side ("46 insertion, 71 culture et arts") and the cultural ones by type: ``side`` and
  ``category``. A partner may be a structure of the platform (``structure``: a Mission
  Locale, a Maison de la Métropole…) but most cultural partners are not.
- ``CollectiveAction`` (visits, workshops, cafés culture…) with its partners,
  ``ActionSession``\\ s and ``Participation``\\ s (a ``people.Person``, the public and the
  territory recorded at registration); ``Attendance``: one row per person present at
  a session (no row: absent).
- The "ressources humaines" side with cultural employers (``companies.Company``: a
  theatre, a festival or a museum is an employer like any other, and the Service
  Entreprises sees the same file): ``EmployerAction`` (prospection, HR advice, job
  discoveries, job offers worked on — no personal data) and ``EmployerOutcome``
  (interviews, sponsorships, internships/PMSMP, trainings, placements of one person;
  a placement is also a ``recruitment.Placement`` with channel "other").
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet
from maillage.insertion_culture.territories import TerritoryKind


class Side(models.TextChoices):
    INSERTION = "insertion", _("Insertion")
    CULTURE = "culture", _("Culture et arts")


class PartnerCategory(models.TextChoices):
    # Cultural and artistic partners (the report's "Types de partenaires culturels").
    THEATRE = "theatre", _("Théâtre, compagnie")
    MUSIC = "music", _("Musique, opéra")
    DANCE = "dance", _("Danse")
    MUSEUM = "museum", _("Musée, exposition")
    HERITAGE = "heritage", _("Patrimoine, archives, archéologie")
    VISUAL_ARTS = "visual_arts", _("Arts plastiques, arts graphiques")
    BOOKS = "books", _("Livre, lecture, écriture, bibliothèque")
    CINEMA = "cinema", _("Cinéma, audiovisuel")
    MEDIA = "media", _("Radio, médias")
    FESTIVAL = "festival", _("Festival")
    CULTURAL_OTHER = "cultural_other", _("Autre acteur culturel")
    # Insertion partners.
    PLIE = "plie", _("Structure référente PLIE")
    MISSION_LOCALE = "mission_locale", _("Mission Locale")
    SOCIAL_SERVICE = "social_service", _("Maison de la Métropole, service social")
    SIAE = "siae", _("Structure d'insertion par l'activité économique")
    TRAINING = "training", _("Organisme de formation, FLE")
    ASSOCIATION = "association", _("Association, centre social")
    INSERTION_OTHER = "insertion_other", _("Autre acteur de l'insertion")


CULTURE_CATEGORIES = frozenset(
    {
        PartnerCategory.THEATRE,
        PartnerCategory.MUSIC,
        PartnerCategory.DANCE,
        PartnerCategory.MUSEUM,
        PartnerCategory.HERITAGE,
        PartnerCategory.VISUAL_ARTS,
        PartnerCategory.BOOKS,
        PartnerCategory.CINEMA,
        PartnerCategory.MEDIA,
        PartnerCategory.FESTIVAL,
        PartnerCategory.CULTURAL_OTHER,
    }
)


def side_of(category: str) -> str:
    return Side.CULTURE if category in CULTURE_CATEGORIES else Side.INSERTION


class Partner(models.Model):
    AUDITED_FIELDS = ("code", "name", "side", "category", "city", "structure")

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    side = models.CharField(_("côté"), max_length=10, choices=Side.choices, editable=False)
    category = models.CharField(_("type"), max_length=20, choices=PartnerCategory.choices)
    city = models.CharField(_("commune"), max_length=120, blank=True)
    structure = models.ForeignKey(
        "organisations.Structure",
        verbose_name=_("structure de la plateforme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="culture_partners",
        help_text=_("Si le partenaire est aussi une structure de Maillage."),
    )

    class Meta:
        verbose_name = _("partenaire de la Mission Insertion Culture")
        verbose_name_plural = _("partenaires de la Mission Insertion Culture")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.side = side_of(self.category)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "side"}
        super().save(*args, **kwargs)


class ActionKind(models.TextChoices):
    """The forms of cultural mediation the report lists (p. 51-52)."""

    VISIT = "visit", _("Visite de structure culturelle")
    OUTINGS = "outings", _("Parcours de sorties culturelles")
    URBAN_WALK = "urban_walk", _("Balade urbaine")
    CAFE_CULTURE = "cafe_culture", _("Café culture")
    ARTIST_MEETING = "artist_meeting", _("Rencontre avec une équipe artistique")
    SPECTATOR_SCHOOL = "spectator_school", _("École du spectateur, atelier critique")
    THEATRE_WORKSHOP = "theatre_workshop", _("Atelier théâtre")
    RADIO_WORKSHOP = "radio_workshop", _("Atelier radio, web radio")
    WRITING_WORKSHOP = "writing_workshop", _("Atelier d'écriture, poésie sonore")
    VISUAL_ARTS_WORKSHOP = "visual_arts_workshop", _("Atelier arts plastiques, sérigraphie")
    DANCE_WORKSHOP = "dance_workshop", _("Atelier danse")
    MUSIC_WORKSHOP = "music_workshop", _("Atelier musique, opéra")
    DOCUMENTARY = "documentary", _("Recherches documentaires, archives")
    OTHER = "other", _("Autre action")


class CollectiveAction(models.Model):
    AUDITED_FIELDS = ("code", "title", "kind", "starts_on", "ends_on", "description")

    code = models.CharField(_("code"), max_length=64, unique=True)
    title = models.CharField(_("intitulé"), max_length=200)
    kind = models.CharField(_("nature"), max_length=30, choices=ActionKind.choices)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    description = models.TextField(_("description"), blank=True)
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partenaires"), blank=True, related_name="actions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("action insertion & culture")
        verbose_name_plural = _("actions insertion & culture")
        ordering = ["-starts_on", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="mic_action_dates_ordered",
                violation_error_message=_("La fin de l'action ne peut pas précéder son début."),
            ),
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"], name="mic_action_dates_idx")]

    def __str__(self) -> str:
        return self.title


class ActionSession(models.Model):
    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    place = models.CharField(_("lieu"), max_length=200)
    topic = models.CharField(_("contenu"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["date"], name="mic_session_date_idx")]

    def __str__(self) -> str:
        return f"{self.action} — {self.date:%d/%m/%Y}"


class ParticipationQuerySet(ScopedQuerySet):
    person_path = "person"


#: The publics of the report (p. 50), stored as flags at registration: several may apply.
PUBLIC_FLAGS: dict[str, str] = {
    "is_rsa": _("Bénéficiaire du RSA"),
    "is_plie": _("Participant PLIE"),
    "is_deld": _("Demandeur d'emploi de longue durée (DELD)"),
    "is_fle": _("Français langue étrangère, compétences premières"),
    "is_young": _("Jeune de 16 à 25 ans"),
    "is_qpv": _("Habitant d'un QPV"),
    "is_qva": _("Habitant d'un quartier de veille active (QVA)"),
}


#: Short labels of the same publics, for the attendance grid.
PUBLIC_SHORT: dict[str, str] = {
    "is_rsa": "RSA",
    "is_plie": "PLIE",
    "is_deld": "DELD",
    "is_fle": "FLE",
    "is_young": "16-25 ans",
    "is_qpv": "QPV",
    "is_qva": "QVA",
}


class Participation(models.Model):
    """A person registered on an action, with their public and territory at that date."""

    AUDITED_FIELDS = (
        "registered_on",
        "referred_by",
        *PUBLIC_FLAGS,
        "territory",
        "territory_kind",
    )

    action = models.ForeignKey(
        CollectiveAction, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("personne"),
        on_delete=models.PROTECT,
        related_name="culture_participations",
    )
    registered_on = models.DateField(_("inscrit le"))
    referred_by = models.ForeignKey(
        Partner,
        verbose_name=_("orienté par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_participations",
        limit_choices_to={"side": Side.INSERTION},
    )
    is_rsa = models.BooleanField(PUBLIC_FLAGS["is_rsa"], default=False)
    is_plie = models.BooleanField(PUBLIC_FLAGS["is_plie"], default=False)
    is_deld = models.BooleanField(PUBLIC_FLAGS["is_deld"], default=False)
    is_fle = models.BooleanField(PUBLIC_FLAGS["is_fle"], default=False)
    is_young = models.BooleanField(PUBLIC_FLAGS["is_young"], default=False)
    is_qpv = models.BooleanField(PUBLIC_FLAGS["is_qpv"], default=False)
    is_qva = models.BooleanField(PUBLIC_FLAGS["is_qva"], default=False)
    territory = models.CharField(_("territoire"), max_length=120, blank=True)
    territory_kind = models.CharField(
        _("type de territoire"),
        max_length=10,
        choices=[(k.value, k.value) for k in TerritoryKind],
        default=TerritoryKind.UNKNOWN,
    )

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["person__last_name", "person__first_names", "id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "person"], name="mic_participation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.action}"

    @property
    def publics(self) -> list[tuple[str, str]]:
        """``(short, full)`` labels of the publics the participant belongs to."""
        return [
            (PUBLIC_SHORT[flag], str(label))
            for flag, label in PUBLIC_FLAGS.items()
            if getattr(self, flag)
        ]


class AttendanceQuerySet(ScopedQuerySet):
    person_path = "participation__person"


class Attendance(models.Model):
    """A participant was present at a session (absence is the lack of a row)."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(ActionSession, on_delete=models.CASCADE, related_name="attendances")

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "session"], name="mic_attendance_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation.person} — {self.session}"


class EmployerActionKind(models.TextChoices):
    PROSPECT = "prospect", _("Prospection")
    HR_ADVICE = "hr_advice", _("Rendez-vous d'appui conseil RH")
    JOB_DISCOVERY = "job_discovery", _("Découverte des métiers")
    JOB_OFFER = "job_offer", _("Offre d'emploi travaillée")


class EmployerAction(models.Model):
    """Work with a cultural employer that names no one (the HR side, seed p. 52)."""

    AUDITED_FIELDS = ("company", "kind", "date", "title", "people_count")

    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("employeur culturel"),
        on_delete=models.PROTECT,
        related_name="culture_employer_actions",
    )
    kind = models.CharField(_("nature"), max_length=20, choices=EmployerActionKind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(
        _("objet"), max_length=200, blank=True, help_text=_("Le métier, le poste, le thème.")
    )
    people_count = models.PositiveSmallIntegerField(
        _("personnes concernées"),
        default=0,
        help_text=_("Participants d'une découverte, postes d'une offre ; 0 si sans objet."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("action auprès d'un employeur culturel")
        verbose_name_plural = _("actions auprès des employeurs culturels")
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["date"], name="mic_employer_action_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.company} ({self.date:%d/%m/%Y})"


class EmployerOutcomeKind(models.TextChoices):
    INTERVIEW = "interview", _("Entretien obtenu")
    SPONSORSHIP = "sponsorship", _("Parrainage")
    INTERNSHIP = "internship", _("Stage, PMSMP")
    TRAINING = "training", _("Formation")
    PLACEMENT = "placement", _("Mise à l'emploi")


class EmployerOutcomeQuerySet(ScopedQuerySet):
    person_path = "person"


class EmployerOutcome(models.Model):
    """What a cultural employer offered one person (an interview, a PMSMP, a job…)."""

    AUDITED_FIELDS = ("company", "person", "kind", "date", "ends_on", "title")

    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("employeur culturel"),
        on_delete=models.PROTECT,
        related_name="culture_employer_outcomes",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("personne"),
        on_delete=models.PROTECT,
        related_name="culture_employer_outcomes",
    )
    kind = models.CharField(_("nature"), max_length=20, choices=EmployerOutcomeKind.choices)
    date = models.DateField(_("date"))
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    title = models.CharField(_("poste ou objet"), max_length=200, blank=True)
    placement = models.OneToOneField(
        "recruitment.Placement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="culture_outcome",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = EmployerOutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("résultat auprès d'un employeur culturel")
        verbose_name_plural = _("résultats auprès des employeurs culturels")
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["date"], name="mic_employer_outcome_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("date")),
                name="mic_outcome_dates_ordered",
                violation_error_message=_("La fin ne peut pas précéder le début."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.person} chez {self.company}"
