"""Companies the platform works with: employers, clause holders, charter signatories.

The columns of companies.csv plus what the chargés de mission record about the
relationship (size band, address, zone, owner, tags). SIRET and NAF are checked
and normalised here, on the model, so forms and imports share one definition of
a valid company. Contacts and interactions live in ``companies.crm``.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.fr import siret as stdnum_siret

from maillage.companies.sectors import sector_of
from maillage.people.text import fold, search_terms

_NAF_RE = re.compile(r"^(\d{2})\.?(\d{2})([A-Za-z])$")

postcode_validator = RegexValidator(r"^\d{5}$", _("Le code postal doit compter 5 chiffres."))


def normalise_siret(value: str) -> str:
    """The 14 digits without the spaces, dots or dashes people type between groups."""
    return stdnum_siret.compact(value or "")


def validate_siret(value: str) -> None:
    """Valid as python-stdnum defines it (SIREN and SIRET keys, La Poste's exception)."""
    if value and not stdnum_siret.is_valid(value):
        raise ValidationError(
            _("Le numéro SIRET « %(value)s » n'est pas valide (14 chiffres et clés de contrôle)."),
            code="invalid_siret",
            params={"value": value},
        )


def normalise_naf(value: str) -> str:
    """NAF rev. 2 as INSEE writes it (``47.11F``); a value that is not a NAF code is kept as is."""
    value = (value or "").strip()
    match = _NAF_RE.match(value)
    if not match:
        return value
    return f"{match[1]}.{match[2]}{match[3].upper()}"


def validate_naf(value: str) -> None:
    if value and not _NAF_RE.match(value.strip()):
        raise ValidationError(
            _("Le code NAF « %(value)s » n'est pas valide (exemple : 47.11F ou 4711F)."),
            code="invalid_naf",
            params={"value": value},
        )


class SizeBand(models.TextChoices):
    """INSEE's "tranches d'effectif salarié" (the codes of the SIRENE register)."""

    NN = "NN", _("Non employeuse")
    T00 = "00", _("0 salarié")
    T01 = "01", _("1 ou 2 salariés")
    T02 = "02", _("3 à 5 salariés")
    T03 = "03", _("6 à 9 salariés")
    T11 = "11", _("10 à 19 salariés")
    T12 = "12", _("20 à 49 salariés")
    T21 = "21", _("50 à 99 salariés")
    T22 = "22", _("100 à 199 salariés")
    T31 = "31", _("200 à 249 salariés")
    T32 = "32", _("250 à 499 salariés")
    T41 = "41", _("500 à 999 salariés")
    T42 = "42", _("1 000 à 1 999 salariés")
    T51 = "51", _("2 000 à 4 999 salariés")
    T52 = "52", _("5 000 à 9 999 salariés")
    T53 = "53", _("10 000 salariés et plus")


class TagKind(models.TextChoices):
    CLUB = "club", _("Club d'entreprises")
    NETWORK = "network", _("Réseau")
    OTHER = "other", _("Autre")


class CompanyTag(models.Model):
    """A club or network a company belongs to (ALLIANCE, Club RH…), used to filter the list."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=10, choices=TagKind.choices, default="other")

    class Meta:
        verbose_name = _("étiquette d'entreprise")
        verbose_name_plural = _("étiquettes d'entreprise")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CompanyQuerySet(models.QuerySet):
    def matching(self, query: str) -> "CompanyQuerySet":
        """Accent- and case-insensitive search on the legal name and the sign."""
        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_key__contains=term)
        return qs


class Company(models.Model):
    #: Fields whose changes the audit log records.
    AUDITED_FIELDS = (
        "external_id",
        "name",
        "trade_name",
        "siret",
        "naf",
        "size_band",
        "address",
        "postcode",
        "city",
        "in_zfu",
        "in_qpv",
        "owner",
        "charter_signed_on",
    )

    external_id = models.CharField(
        _("identifiant externe"),
        max_length=64,
        unique=True,
        help_text=_("Colonne company_id des imports."),
    )
    name = models.CharField(_("raison sociale"), max_length=200)
    siret = models.CharField(
        _("SIRET"), max_length=14, blank=True, validators=[validate_siret], db_index=True
    )
    naf = models.CharField(_("code NAF"), max_length=6, blank=True, validators=[validate_naf])
    postcode = models.CharField(
        _("code postal"), max_length=5, blank=True, validators=[postcode_validator]
    )
    charter_signed_on = models.DateField(
        _("charte des 1 000 entreprises signée le"), null=True, blank=True
    )
    trade_name = models.CharField(_("enseigne"), max_length=200, blank=True)
    size_band = models.CharField(
        _("tranche d'effectif"), max_length=2, choices=SizeBand.choices, blank=True
    )
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    city = models.CharField(_("commune"), max_length=100, blank=True)
    in_zfu = models.BooleanField(_("implantée en ZFU-TE"), default=False)
    in_qpv = models.BooleanField(_("implantée en QPV"), default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chargé de mission"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_companies",
        help_text=_("La personne qui suit la relation avec l'entreprise."),
    )
    tags = models.ManyToManyField(
        CompanyTag, verbose_name=_("clubs et réseaux"), blank=True, related_name="companies"
    )
    # Folded name and sign (maillage.people.text.fold): accent-insensitive search on both databases.
    search_key = models.CharField(max_length=420, editable=False, db_index=True, default="")

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("entreprise")
        verbose_name_plural = _("entreprises")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name"], name="company_name_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.siret = normalise_siret(self.siret)
        self.naf = normalise_naf(self.naf)
        self.search_key = self.compute_search_key()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    @property
    def sector(self) -> str:
        """The NAF section's label ("Hébergement et restauration"), "" when the code is unknown."""
        return sector_of(self.naf)

    def compute_search_key(self) -> str:
        return fold(f"{self.name} {self.trade_name}")

    def clean_fields(self, exclude=None):
        # Normalise before the validators run, so "732 829 320 00074" and "4711f" are accepted.
        self.siret = normalise_siret(self.siret)
        self.naf = normalise_naf(self.naf)
        super().clean_fields(exclude=exclude)


from maillage.companies.crm import Contact, Interaction, InteractionKind  # noqa: E402

__all__ = ["Company", "CompanyTag", "Contact", "Interaction", "InteractionKind", "SizeBand"]
