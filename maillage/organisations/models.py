"""Structures: the animation team, referent structures, antennas, operators, SIAE…

Every user works for one or more structures, and a person is visible to the
users of the structures that follow them (see ``maillage.accounts.scoping``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StructureKind(models.TextChoices):
    # Codes are the ones of the bundle format (structures.csv, kind column).
    ANIMATION = "animation", _("Équipe d'animation (PLIE, maison de l'emploi)")
    REFERENT = "referent", _("Structure référente de parcours")
    ANTENNA = "antenna", _("Antenne de proximité")
    OPERATOR = "operator", _("Opérateur de la programmation")
    SIAE = "siae", _("Structure d'insertion par l'activité économique")
    CULTURE = "culture", _("Structure culturelle")
    COMPANY_PARTNER = "company_partner", _("Partenaire côté entreprises")
    OTHER = "other", _("Autre")


class Structure(models.Model):
    code = models.CharField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("Identifiant externe, stable (colonne structure_code des imports)."),
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=StructureKind.choices)
    territory = models.CharField(
        _("territoire"),
        max_length=80,
        blank=True,
        help_text=_("Territoire du PLIE ou quartier de l'antenne (ex. Duchère)."),
    )
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("commune"), max_length=120, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
