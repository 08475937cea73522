"""Culture pour tous: the solidarity ticketing (billetterie solidaire) and Choreia.

The words are the organisation's own (its lexicon): a *coopérateur culturel* (theatre,
museum, festival, club) entrusts free *invitations* to the network; a *coopérateur social*
(association, social centre, insertion structure) and its *référents* register
*actionneurs* — people facing economic or social difficulties, the same ``people.Person``
as everywhere — who book an outing for themselves and their *invités*, possibly with an
*accompagnant* for a group. *Guichets* and service-civique permanences book on behalf of
people who come in person. Choreia is the company channel: offers at preferential rates
for partner companies' employees, counted apart.

Seats of a date are counted on the date row (``OfferDate.booked``), always updated under
a row lock by ``culture.services``: concurrent bookings of the last seat cannot both pass.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet


class Category(models.TextChoices):
    THEATRE = "theatre", _("Théâtre")
    MUSIC = "music", _("Musique")
    DANCE = "dance", _("Danse")
    MUSEUM = "museum", _("Musée, exposition")
    CINEMA = "cinema", _("Cinéma")
    SPORT = "sport", _("Sport")
    FESTIVAL = "festival", _("Festival")
    YOUNG_PUBLIC = "young_public", _("Jeune public")
    SCIENCE = "science", _("Culture scientifique et technique")
    OTHER = "other", _("Autre")


class CulturalPartnerKind(models.TextChoices):
    THEATRE = "theatre", _("Théâtre, salle de spectacle")
    MUSEUM = "museum", _("Musée, lieu d'exposition")
    FESTIVAL = "festival", _("Festival")
    MUSIC = "music", _("Salle de concert, orchestre")
    CINEMA = "cinema", _("Cinéma")
    SPORT = "sport", _("Club ou événement sportif")
    LIBRARY = "library", _("Bibliothèque, médiathèque")
    OTHER = "other", _("Autre")


class SocialPartnerKind(models.TextChoices):
    SOCIAL = "social", _("Action sociale (centre social, association)")
    INSERTION = "insertion", _("Insertion, emploi")
    DISABILITY = "disability", _("Handicap")
    HEALTH = "health", _("Soin, médico-social")
    PUBLIC = "public", _("Collectivité, service public")
    COMPANY = "company", _("Entreprise")
    OTHER = "other", _("Autre")


class CulturalPartner(models.Model):
    """A coopérateur culturel et sportif: a structure that entrusts invitations."""

    structure = models.OneToOneField(
        "organisations.Structure", on_delete=models.PROTECT, related_name="cultural_partner"
    )
    kind = models.CharField(_("type"), max_length=20, choices=CulturalPartnerKind.choices)
    territory = models.CharField(_("territoire"), max_length=80, blank=True)
    joined_on = models.DateField(_("coopérateur depuis"))
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        verbose_name = _("coopérateur culturel")
        verbose_name_plural = _("coopérateurs culturels")
        ordering = ["structure__name"]

    def __str__(self) -> str:
        return self.structure.name


class Venue(models.Model):
    """A place where a cultural partner's events happen."""

    partner = models.ForeignKey(CulturalPartner, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("nom du lieu"), max_length=200)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("commune"), max_length=120)
    access_notes = models.TextField(_("accès (transports, accessibilité)"), blank=True)

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["partner", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"


class PartnerContact(models.Model):
    """A professional contact at a cultural partner (not an actionneur)."""

    partner = models.ForeignKey(CulturalPartner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nom"), max_length=150)
    function = models.CharField(_("fonction"), max_length=150, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("contact d'un coopérateur culturel")
        verbose_name_plural = _("contacts des coopérateurs culturels")
        ordering = ["partner", "name"]

    def __str__(self) -> str:
        return self.name


class QuotaPeriod(models.TextChoices):
    MONTH = "month", _("par mois")
    QUARTER = "quarter", _("par trimestre")
    YEAR = "year", _("par an")


class SocialPartner(models.Model):
    """A coopérateur social: its référents register actionneurs and book for them.

    A structure is a social partner when it has this record; ``quota`` (optional) caps the
    invitations its actionneurs may book per ``quota_period`` (counted on the outing date).
    """

    structure = models.OneToOneField(
        "organisations.Structure", on_delete=models.PROTECT, related_name="social_partner"
    )
    kind = models.CharField(_("type"), max_length=20, choices=SocialPartnerKind.choices)
    territory = models.CharField(_("territoire"), max_length=80, blank=True)
    joined_on = models.DateField(_("coopérateur depuis"))
    quota = models.PositiveIntegerField(
        _("quota d'invitations"), null=True, blank=True, help_text=_("Vide : pas de quota.")
    )
    quota_period = models.CharField(
        _("période du quota"), max_length=10, choices=QuotaPeriod.choices, default="month"
    )
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        verbose_name = _("coopérateur social")
        verbose_name_plural = _("coopérateurs sociaux")
        ordering = ["structure__name"]

    def __str__(self) -> str:
        return self.structure.name


class Channel(models.TextChoices):
    SOLIDARITY = "solidarity", _("Billetterie solidaire (invitations)")
    CHOREIA = "choreia", _("Choreia (salariés des entreprises partenaires)")


class Offer(models.Model):
    """An event offered by a cultural partner, with one or several dates."""

    partner = models.ForeignKey(CulturalPartner, on_delete=models.PROTECT, related_name="offers")
    venue = models.ForeignKey(
        Venue, verbose_name=_("lieu"), on_delete=models.PROTECT, related_name="offers"
    )
    channel = models.CharField(
        _("canal"), max_length=12, choices=Channel.choices, default=Channel.SOLIDARITY
    )
    title = models.CharField(_("titre"), max_length=200)
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    description = models.TextField(_("présentation"), blank=True)
    max_per_booking = models.PositiveSmallIntegerField(
        _("places au plus par réservation"),
        default=2,
        help_text=_("Actionneur, invités et accompagnants compris."),
    )
    guests_allowed = models.PositiveSmallIntegerField(
        _("invités autorisés"), default=1, help_text=_("0 : l'actionneur vient seul.")
    )
    booking_closes_hours = models.PositiveSmallIntegerField(
        _("réservation close (heures avant)"),
        default=24,
        help_text=_("Les réservations ferment ce nombre d'heures avant chaque date."),
    )
    wheelchair_access = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    hearing_access = models.BooleanField(
        _("adapté aux personnes sourdes ou malentendantes"), default=False
    )
    visual_access = models.BooleanField(
        _("adapté aux personnes aveugles ou malvoyantes"), default=False
    )
    accessibility_notes = models.CharField(
        _("accessibilité (précisions)"), max_length=250, blank=True
    )
    rate = models.DecimalField(
        _("tarif préférentiel (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Choreia seulement ; vide pour les invitations gratuites."),
    )
    is_published = models.BooleanField(_("publiée"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")
        ordering = ["title"]
        indexes = [models.Index(fields=["channel", "category"], name="culture_offer_chan_idx")]

    def __str__(self) -> str:
        return self.title


class OfferDate(models.Model):
    """A date of an offer and its seats: free invitations (or Choreia seats)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="dates")
    starts_at = models.DateTimeField(_("date et heure"))
    seats = models.PositiveIntegerField(_("places proposées"))
    booked = models.PositiveIntegerField(_("places réservées"), default=0, editable=False)

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="culture_date_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(booked__lte=models.F("seats")),
                name="culture_date_not_overbooked",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer} — {self.starts_at:%d/%m/%Y %H:%M}"

    @property
    def remaining(self) -> int:
        return self.seats - self.booked


class EligibilityCriterion(models.TextChoices):
    MINIMA = "minima", _("Minima sociaux (RSA, ASS, AAH…)")
    JOBSEEKER = "jobseeker", _("Demandeur d'emploi à faibles ressources")
    LOW_INCOME = "low_income", _("Faibles ressources (quotient familial)")
    INSERTION = "insertion", _("Parcours d'insertion (PLIE, SIAE, Garantie jeunes)")
    DISABILITY = "disability", _("Situation de handicap")
    SOCIAL_SUPPORT = "social_support", _("Accompagnement social en cours")
    OTHER = "other", _("Autre, apprécié par le référent")


class RegistrationQuerySet(ScopedQuerySet):
    person_path = "person"


class Registration(models.Model):
    """A person registered as actionneur by a social partner, eligibility checked."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="culture_registrations"
    )
    social_partner = models.ForeignKey(
        SocialPartner, on_delete=models.PROTECT, related_name="registrations"
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("référent"),
        on_delete=models.PROTECT,
        related_name="culture_registrations",
    )
    criterion = models.CharField(
        _("critère d'éligibilité"), max_length=20, choices=EligibilityCriterion.choices
    )
    checked_on = models.DateField(_("éligibilité vérifiée le"))
    registered_on = models.DateField(_("inscrit·e le"))

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription d'un actionneur")
        verbose_name_plural = _("inscriptions des actionneurs")
        ordering = ["-registered_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "social_partner"], name="culture_registration_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.social_partner}"


class DeskKind(models.TextChoices):
    DESK = "desk", _("Guichet Culture pour tous")
    PERMANENCE = "permanence", _("Permanence (service civique)")


class Desk(models.Model):
    """A guichet or a service-civique permanence where staff book for people in person.

    People registered there are counted under ``social_partner`` (usually Culture pour
    tous itself, or the coopérateur hosting the permanence).
    """

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=DeskKind.choices)
    social_partner = models.ForeignKey(
        SocialPartner,
        verbose_name=_("coopérateur social de rattachement"),
        on_delete=models.PROTECT,
        related_name="desks",
    )
    territory = models.CharField(_("territoire"), max_length=80, blank=True)
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        verbose_name = _("guichet")
        verbose_name_plural = _("guichets et permanences")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DeskSession(models.Model):
    """One opening of a desk: how many people were received (bookings are counted apart)."""

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    people_received = models.PositiveIntegerField(_("personnes accueillies"))
    hours = models.DecimalField(_("heures d'animation"), max_digits=5, decimal_places=1, default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ouverture de guichet")
        verbose_name_plural = _("ouvertures de guichet")
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["desk", "date"], name="culture_desk_session_unique")
        ]

    def __str__(self) -> str:
        return f"{self.desk} — {self.date:%d/%m/%Y}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Réservée")
    CANCELLED = "cancelled", _("Annulée")
    ATTENDED = "attended", _("Sortie réalisée")
    NO_SHOW = "no_show", _("Absent·e")


#: Statuses that hold seats (a cancelled booking gave them back).
HOLDING = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)


class BookingQuerySet(ScopedQuerySet):
    person_path = "person"

    def holding(self):
        return self.filter(status__in=HOLDING)


class Booking(models.Model):
    """Invitations booked for an actionneur (and their guests, an accompagnant) on a date."""

    offer_date = models.ForeignKey(OfferDate, on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("actionneur"),
        on_delete=models.PROTECT,
        related_name="culture_bookings",
    )
    social_partner = models.ForeignKey(
        SocialPartner, on_delete=models.PROTECT, related_name="bookings"
    )
    desk = models.ForeignKey(
        Desk, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    guests = models.PositiveSmallIntegerField(_("invités"), default=0)
    accompanists = models.PositiveSmallIntegerField(_("accompagnants"), default=0)
    status = models.CharField(
        _("état"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    from_waiting_list = models.BooleanField(default=False)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="culture_bookings"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_source = models.CharField(max_length=10, blank=True)  # "referent" or "venue"
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("réservation")
        verbose_name_plural = _("réservations")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["person", "status"], name="culture_booking_person_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.offer_date}"

    @property
    def seats(self) -> int:
        return 1 + self.guests + self.accompanists

    @property
    def reference(self) -> str:
        """The number the venue reads at the door."""
        return f"CPT-{self.pk:06d}"


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", _("En attente")
    BOOKED = "booked", _("Place attribuée")
    WITHDRAWN = "withdrawn", _("Retirée")


class WaitingQuerySet(ScopedQuerySet):
    person_path = "person"


class WaitingEntry(models.Model):
    """A request on a full date: freed seats go to the first entries that fit, in order."""

    offer_date = models.ForeignKey(
        OfferDate, on_delete=models.CASCADE, related_name="waiting_entries"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="culture_waiting_entries"
    )
    social_partner = models.ForeignKey(SocialPartner, on_delete=models.PROTECT, related_name="+")
    desk = models.ForeignKey(
        Desk, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    guests = models.PositiveSmallIntegerField(default=0)
    accompanists = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=WaitingStatus.choices, default=WaitingStatus.WAITING
    )
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WaitingQuerySet.as_manager()

    class Meta:
        verbose_name = _("liste d'attente")
        verbose_name_plural = _("listes d'attente")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.offer_date} (attente)"

    @property
    def seats(self) -> int:
        return 1 + self.guests + self.accompanists


class CompanyBooking(models.Model):
    """Choreia: an employee of a partner company books seats at the preferential rate."""

    offer_date = models.ForeignKey(
        OfferDate, on_delete=models.PROTECT, related_name="company_bookings"
    )
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="choreia_bookings"
    )
    company = models.ForeignKey(
        "organisations.Structure", on_delete=models.PROTECT, related_name="choreia_bookings"
    )
    seats = models.PositiveSmallIntegerField(_("places"))
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("réservation Choreia")
        verbose_name_plural = _("réservations Choreia")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.employee} — {self.offer_date}"
