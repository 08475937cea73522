"""The sector of a company: the section (A to U) of its NAF rev. 2 code.

INSEE groups the 88 divisions (the code's first two digits) into 21 sections;
the section's label is what the team calls the sector ("BTP", "restauration"…).
"""

# (first division, last division, section label), from INSEE's NAF rev. 2 nomenclature.
_SECTIONS: tuple[tuple[int, int, str], ...] = (
    (1, 3, "Agriculture, sylviculture et pêche"),
    (5, 9, "Industries extractives"),
    (10, 33, "Industrie manufacturière"),
    (35, 35, "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné"),
    (36, 39, "Eau, assainissement, gestion des déchets et dépollution"),
    (41, 43, "Construction"),
    (45, 47, "Commerce ; réparation d'automobiles et de motocycles"),
    (49, 53, "Transports et entreposage"),
    (55, 56, "Hébergement et restauration"),
    (58, 63, "Information et communication"),
    (64, 66, "Activités financières et d'assurance"),
    (68, 68, "Activités immobilières"),
    (69, 75, "Activités spécialisées, scientifiques et techniques"),
    (77, 82, "Activités de services administratifs et de soutien"),
    (84, 84, "Administration publique"),
    (85, 85, "Enseignement"),
    (86, 88, "Santé humaine et action sociale"),
    (90, 93, "Arts, spectacles et activités récréatives"),
    (94, 96, "Autres activités de services"),
    (97, 98, "Activités des ménages en tant qu'employeurs"),
    (99, 99, "Activités extra-territoriales"),
)


def sector_of(naf: str) -> str:
    """The section label of a NAF code ("56.10A" → "Hébergement et restauration"), or ""."""
    head = (naf or "")[:2]
    if not head.isdigit():
        return ""
    division = int(head)
    for first, last, label in _SECTIONS:
        if first <= division <= last:
            return label
    return ""
