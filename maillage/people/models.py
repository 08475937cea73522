"""One ``Person`` per human being, whatever services they use.

A person is *followed* by structures (``Followup``): that link is what makes the
person visible to the users of those structures (``maillage.accounts.scoping``).
Every module that starts working with a person (PLIE parcours, antenna
reception, clause hiring, ticketing…) records such a follow-up.
"""

import secrets

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.accounts.scoping import ScopedQuerySet
from maillage.people.education import EducationLevel
from maillage.people.text import fold

postcode_validator = RegexValidator(r"^\d{5}$", _("Le code postal doit compter 5 chiffres."))


class Sex(models.TextChoices):
    FEMALE = "F", _("Femme")
    MALE = "M", _("Homme")


class Qpv(models.Model):
    """A quartier prioritaire de la politique de la ville (reference data, see people/data)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("nom"), max_length=150)
    city = models.CharField(_("commune"), max_length=100)
    postcodes = models.CharField(
        _("codes postaux"), max_length=100, blank=True, help_text=_("Séparés par des espaces.")
    )
    list_version = models.CharField(_("version de la liste"), max_length=20)

    class Meta:
        verbose_name = _("quartier prioritaire (QPV)")
        verbose_name_plural = _("quartiers prioritaires (QPV)")
        ordering = ["city", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"


def new_external_id() -> str:
    """Identifier for people created in Maillage: stable across exports and re-imports."""
    return f"MA-{secrets.token_hex(5).upper()}"


class PersonQuerySet(ScopedQuerySet):
    person_path = ""

    def search(self, query: str) -> "PersonQuerySet":
        from maillage.people.text import search_terms

        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_key__contains=term)
        return qs


class Person(models.Model):
    external_id = models.CharField(
        _("identifiant externe"),
        max_length=64,
        unique=True,
        default=new_external_id,
        help_text=_("Colonne person_id des imports ; attribué automatiquement sinon."),
    )
    last_name = models.CharField(_("nom d'usage"), max_length=150)
    first_names = models.CharField(_("prénoms"), max_length=150)
    birth_name = models.CharField(_("nom de naissance"), max_length=150, blank=True)
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("date de naissance"))
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(
        _("code postal"), max_length=5, blank=True, validators=[postcode_validator]
    )
    city = models.CharField(_("commune"), max_length=120, blank=True)
    qpv = models.ForeignKey(
        Qpv,
        verbose_name=_("quartier prioritaire (QPV)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
    )
    education_level = models.CharField(
        _("niveau de formation"), max_length=8, choices=EducationLevel.choices, blank=True
    )
    search_key = models.CharField(max_length=500, editable=False, db_index=True)
    # Set when the identity was wiped (retention over, or erasure): see maillage.privacy.
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    # What a user edits in the person form.
    EDITABLE_FIELDS = (
        "last_name",
        "first_names",
        "birth_name",
        "sex",
        "birth_date",
        "email",
        "phone",
        "address",
        "postcode",
        "city",
        "qpv",
        "education_level",
    )
    # Fields whose changes the audit log records: everything editable, and the identifier.
    AUDITED_FIELDS = ("external_id", *EDITABLE_FIELDS)

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["last_name", "first_names", "id"]
        indexes = [models.Index(fields=["birth_date"], name="person_birth_date_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(sex__in=["F", "M"]), name="person_sex_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.last_name.upper()} {self.first_names}"

    def save(self, *args, **kwargs):
        self.search_key = self.compute_search_key()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    def compute_search_key(self) -> str:
        return fold(f"{self.last_name} {self.first_names} {self.birth_name}")


class PersonAlias(models.Model):
    """External identifiers of files merged into this one: later imports still find them."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    external_id = models.CharField(max_length=64, unique=True)
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("identifiant fusionné")
        verbose_name_plural = _("identifiants fusionnés")

    def __str__(self) -> str:
        return self.external_id


class FollowupQuerySet(ScopedQuerySet):
    person_path = "person"


class Followup(models.Model):
    """A structure follows a person for a service: what scopes access to the person's file."""

    class Service(models.TextChoices):
        GENERAL = "general", _("Accompagnement")
        PLIE = "plie", _("PLIE")
        RECEPTION = "reception", _("Accueil en antenne")
        COMPANIES = "companies", _("Service Entreprises")
        CLAUSES = "clauses", _("Clauses sociales")
        EVENTS = "events", _("Événements")
        CULTURE = "culture", _("Culture")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="followups")
    structure = models.ForeignKey(
        "organisations.Structure", on_delete=models.PROTECT, related_name="followups"
    )
    service = models.CharField(
        _("service"), max_length=20, choices=Service.choices, default=Service.GENERAL
    )
    started_on = models.DateField(_("depuis le"))
    ended_on = models.DateField(_("jusqu'au"), null=True, blank=True)

    objects = FollowupQuerySet.as_manager()

    class Meta:
        verbose_name = _("suivi")
        verbose_name_plural = _("suivis")
        indexes = [models.Index(fields=["structure", "person"], name="followup_structure_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.structure} ({self.get_service_display()})"
