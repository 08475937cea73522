"""Companies the platform works with: employers, clause holders, charter signatories.

Minimal for now (issue 5 extends it): the columns of companies.csv. SIRET and
NAF are checked and normalised here, on the model, so forms and imports share
one definition of a valid company.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.fr import siret as stdnum_siret

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


class Company(models.Model):
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
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Normalise before the validators run, so "732 829 320 00074" and "4711f" are accepted.
        self.siret = normalise_siret(self.siret)
        self.naf = normalise_naf(self.naf)
        super().clean_fields(exclude=exclude)
