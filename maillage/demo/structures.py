"""Demo structures: ALLIES, the 51 structures conventioned in 2017, the 5 antennas.

Names are the report's (public organisations; seed p. 10, "Les 51 structures
conventionnées en 2017"). Their *kinds* and *territories* are plausible
assignments for the demonstration, not a statement about the real
organisations: which ones employ PLIE referents, and where, is not in the report.

The PLIE of Lyon works on 5 territories (45 validation commissions "sur les 5
territoires du PLIE de Lyon"); the demo names them after the antenna of each
area and splits the 9 arrondissements between them (``TERRITORIES``).
"""

import random
from dataclasses import dataclass

from maillage.demo.base import DemoContext
from maillage.organisations.models import Structure, StructureKind

ANIMATION_CODE = "ALLIES"
FUNDER_CODE = "F-METROPOLE"

#: Territory (named after its antenna) → postcodes of Lyon it covers.
TERRITORIES: dict[str, tuple[str, ...]] = {
    "Pentes": ("69001", "69004"),
    "Voltaire": ("69003", "69006"),
    "Gerland": ("69002", "69007"),
    "Mermoz": ("69008",),
    "Duchère": ("69005", "69009"),
}
TERRITORY_OF_POSTCODE = {pc: name for name, pcs in TERRITORIES.items() for pc in pcs}


@dataclass(frozen=True)
class StructureSpec:
    code: str
    name: str
    kind: str
    territory: str = ""
    postcode: str = ""
    address: str = ""


REF, OPE, SIAE, CULT, OTHER = (
    StructureKind.REFERENT,
    StructureKind.OPERATOR,
    StructureKind.SIAE,
    StructureKind.CULTURE,
    StructureKind.OTHER,
)

ANIMATION = StructureSpec(
    ANIMATION_CODE,
    "ALLIES (PLIE de Lyon)",
    StructureKind.ANIMATION,
    postcode="69007",
    address="24 rue Rognon",
)

#: The 51 structures conventioned in 2017, in the report's order (ALLIES is one of them).
CONVENTIONED_2017: tuple[StructureSpec, ...] = (
    StructureSpec("S-AIDEN", "AIDEN", OPE),
    StructureSpec("S-AJ2", "AJ2 Permanence Emploi", REF, "Duchère"),
    StructureSpec("S-ALIS", "ALIS", REF, "Duchère"),
    ANIMATION,
    StructureSpec("S-ALPIL", "ALPIL", OPE),
    StructureSpec("S-ARCHE-INNOVATEURS", "Arche aux innovateurs", OPE),
    StructureSpec("S-HOTEL-SOCIAL", "Association de l'Hôtel Social", REF, "Pentes"),
    StructureSpec("S-AIES", "Association Insertion Emplois Services", SIAE),
    StructureSpec("S-CE9", "CE9", OPE),
    StructureSpec("S-CPME", "CPME", OPE),
    StructureSpec("S-CIDFF", "CIDFF du Rhône", REF, "Voltaire"),
    StructureSpec("S-CLLAJ", "CLLAJ", OPE),
    StructureSpec("S-CTP69", "CTP 69", OPE),
    StructureSpec("S-CULTURE-POUR-TOUS", "Culture pour Tous", CULT),
    StructureSpec("S-E2C", "E2C", OPE),
    StructureSpec("S-ELANTIEL", "Elantiel", REF, "Gerland"),
    StructureSpec("S-FC2E", "FC2E", OPE),
    StructureSpec("S-ARMEE-DU-SALUT", "Fondation de l'Armée du Salut", REF, "Pentes"),
    StructureSpec("S-GREP", "GREP", OPE),
    StructureSpec("S-HABITAT-HUMANISME", "Habitat & Humanisme", OPE),
    StructureSpec("S-ICARE", "ICARE", SIAE),
    StructureSpec("S-IDEO", "IDEO", OPE),
    StructureSpec("S-IFRA", "IFRA", OPE),
    StructureSpec("S-IMAGE-ATTITUDE", "Image attitude", OPE),
    StructureSpec("S-INNOV-DEV", "Innovation et Développement", REF, "Mermoz"),
    StructureSpec("S-CRAVATE-SOLIDAIRE", "La cravate solidaire", OPE),
    StructureSpec("S-ENTREPRISE-ECOLE", "L'Entreprise Ecole", OPE),
    StructureSpec("S-ATELIERS-PRESENT", "Les Ateliers du Présent", OPE),
    StructureSpec("S-AS-DUCHERE", "Lyon AS Duchère", OTHER),
    StructureSpec("S-MDEF", "MDEF (3 antennes)", OPE),
    StructureSpec("S-MIRLY", "MIRLY Solidarité", REF, "Mermoz"),
    StructureSpec("S-MISSION-LOCALE", "Mission Locale", REF, "Gerland"),
    StructureSpec("S-MOZAIK-RH", "MOZAIK RH", OPE),
    StructureSpec("S-OFELIA", "OFELIA", REF, "Mermoz"),
    StructureSpec("S-OPE", "OPE", OPE),
    StructureSpec("S-PASS-RA", "PASS Rhône Alpes", OPE),
    StructureSpec("S-PROFESSION-L", "Profession'L", OPE),
    StructureSpec("S-REED", "REED", OPE),
    StructureSpec("S-REN", "REN", OPE),
    StructureSpec("S-REGIE-124", "Régie de quartier 124.Services", SIAE),
    StructureSpec("S-REGIE-EUREQUA", "Régie de quartier EUREQUA", SIAE),
    StructureSpec("S-RESEAU-ETINCELLE", "Réseau Etincelle", OPE),
    StructureSpec("S-RESSORT", "RESSORT", OPE),
    StructureSpec("S-SOLIDARTE", "Solid'arte", SIAE),
    StructureSpec("S-SONKEI-RH", "Sonkei RH", OPE),
    StructureSpec("S-TREMPLIN-ANEPA", "Tremplin ANEPA", REF, "Duchère"),
    StructureSpec("S-UFCS", "UFCS FR", REF, "Voltaire"),
    StructureSpec("S-UNIS-VERS-EMPLOI", "Unis Vers l'Emploi", REF, "Gerland"),
    StructureSpec("S-UPA", "Union Professionnelle Artisanale", OPE),
    StructureSpec("S-VITAMINES-BASKETS", "Vitamines et Baskets", OPE),
    StructureSpec("S-100-CHANCES", "100 chances 100 emplois", OPE),
)

#: The antennas of maison Lyon pour l'emploi (seed p. 59-61), one per territory.
ANTENNAS: tuple[StructureSpec, ...] = tuple(
    StructureSpec(
        f"ANT-{code}",
        f"Antenne {name} (maison Lyon pour l'emploi)",
        StructureKind.ANTENNA,
        territory=name,
        postcode=postcode,
    )
    for code, name, postcode in (
        ("PENTES", "Pentes", "69001"),
        ("VOLTAIRE", "Voltaire", "69003"),
        ("GERLAND", "Gerland", "69007"),
        ("MERMOZ", "Mermoz", "69008"),
        ("DUCHERE", "Duchère", "69009"),
    )
)
ANTENNA_OF_TERRITORY = {spec.territory: spec.code for spec in ANTENNAS}

FUNDER = StructureSpec(FUNDER_CODE, "Métropole de Lyon", OTHER)

#: Outside accounts: a cultural partner of Culture pour tous (its own offers and check-in
#: lists) and a partner company whose employees use the Choreia channel.
CULTURAL_PARTNER = StructureSpec("C-CELESTINS", "Théâtre des Célestins", CULT)
CHOREIA_COMPANY = StructureSpec(
    "E-CHOREIA-LPA", "Lyon Parc Auto (salariés, Choreia)", StructureKind.COMPANY_PARTNER
)

ALL_STRUCTURES: tuple[StructureSpec, ...] = (
    *CONVENTIONED_2017,
    *ANTENNAS,
    FUNDER,
    CULTURAL_PARTNER,
    CHOREIA_COMPANY,
)


def referent_codes() -> list[str]:
    return [spec.code for spec in CONVENTIONED_2017 if spec.kind == StructureKind.REFERENT]


def create_structures(rng: random.Random, context: DemoContext) -> None:
    """Upsert every demo structure by code (names and kinds reset to the demo's)."""
    for spec in ALL_STRUCTURES:
        structure, created = Structure.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "territory": spec.territory,
                "postcode": spec.postcode,
                "address": spec.address,
                "city": "Lyon",
                "is_active": True,
            },
        )
        context.structures[spec.code] = structure
        if created:
            context.count("structures créées")
