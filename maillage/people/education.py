"""Education levels as PLIE reporting counts them, with their European equivalents.

The PLIE (and the 2017 report) still speak the 1969 nomenclature (levels VI to I).
The 2019 national nomenclature (levels 1 to 8) and ISCED 2011 (used in FSE
reporting) are kept as mappings so that exports to either never re-type data.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class EducationLevel(models.TextChoices):
    # Codes are the bundle's (people.csv, education_level column).
    LEVEL_1 = "1", _("Niveau 1 (bac+5 et plus)")
    LEVEL_2 = "2", _("Niveau 2 (bac+3, bac+4)")
    LEVEL_3 = "3", _("Niveau 3 (bac+2 : DUT, BTS, DEUG)")
    LEVEL_4 = "4", _("Niveau 4 (bac, BP, BT)")
    LEVEL_5 = "5", _("Niveau 5 (CAP, BEP)")
    LEVEL_5BIS = "5bis", _("Niveau 5 bis (sortie en cours de CAP/BEP, CEP)")
    LEVEL_6 = "6", _("Niveau 6 (fin de scolarité obligatoire)")
    FOREIGN = "foreign", _("Diplôme étranger sans équivalence en France")


@dataclass(frozen=True)
class Equivalence:
    nomenclature_2019: str | None  # "3" … "8"; None for levels below the 2019 scale
    isced_2011: str | None  # ISCED 2011 level, as FSE reporting expects


EQUIVALENCES: dict[str, Equivalence] = {
    EducationLevel.LEVEL_1: Equivalence("7", "7"),
    EducationLevel.LEVEL_2: Equivalence("6", "6"),
    EducationLevel.LEVEL_3: Equivalence("5", "5"),
    EducationLevel.LEVEL_4: Equivalence("4", "3"),
    EducationLevel.LEVEL_5: Equivalence("3", "3"),
    EducationLevel.LEVEL_5BIS: Equivalence(None, "2"),
    EducationLevel.LEVEL_6: Equivalence(None, "1"),
    EducationLevel.FOREIGN: Equivalence(None, None),
}
