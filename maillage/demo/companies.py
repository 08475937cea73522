"""Demo companies: a few hundred fictitious employers of the Lyon area.

Where PLIE participants work (interim agencies, cleaning, catering, retail,
building, care, logistics…), with the NAF rev. 2 code of their sector. Names
are made up from a sector pattern and a family or place name; SIRETs are
random numbers made valid with python-stdnum's rules (Luhn keys of the SIREN
and of the SIRET), so they pass the import and form checks — they may happen to
be real numbers of unrelated companies, and say nothing about them. About a
quarter signed the "1 000 entreprises" charter (launched in October 2012).

Idempotent: companies are created by external id (``DEMO-ENT-0001``…) only
when missing.
"""

import datetime
import random

from stdnum import luhn
from stdnum.fr import siret as stdnum_siret

from maillage.companies.models import Company
from maillage.demo import names
from maillage.demo.base import DemoContext

EXTERNAL_ID_PREFIX = "DEMO-ENT-"
COUNT = 320
CHARTER_SHARE = 0.25
CHARTER_START = datetime.date(2012, 10, 1)
CHARTER_END = datetime.date(2017, 12, 31)
LA_POSTE_SIREN = "356000000"

PLACES = (
    "Part-Dieu",
    "Confluence",
    "Gerland",
    "Vaise",
    "Croix-Rousse",
    "Monplaisir",
    "Guillotière",
    "Bellecour",
    "Perrache",
    "Brotteaux",
    "Mermoz",
    "Duchère",
    "États-Unis",
    "Jean Macé",
    "Villette",
    "Terreaux",
    "Fourvière",
    "Rhône",
    "Saône",
    "Lumière",
)
#: NAF code → (weight, name patterns; {name} a family name, {place} a place).
SECTORS: dict[str, tuple[int, tuple[str, ...]]] = {
    "78.20Z": (20, ("Intérim {place}", "{name} Travail Temporaire", "Rhône Intérim {place}")),
    "81.21Z": (30, ("Propreté {place}", "{name} Nettoyage", "Net {place} Services")),
    "56.10A": (28, ("Restaurant {name}", "Brasserie {place}", "Le Bouchon {name}")),
    "56.10C": (12, ("{name} Snack", "Pizzeria {name}")),
    "47.11D": (14, ("Supermarché {place}", "Marché {name}")),
    "47.11F": (5, ("Hypermarché {place}",)),
    "47.71Z": (10, ("Boutique {name}", "Mode {place}")),
    "43.99C": (14, ("Maçonnerie {name}", "{name} Bâtiment")),
    "43.21A": (9, ("Électricité {name}", "{name} Élec")),
    "49.41A": (9, ("Transports {name}", "{name} Fret")),
    "52.29A": (10, ("Logistique {place}", "{name} Messagerie")),
    "88.10A": (20, ("{name} Aide à Domicile", "Domicile Services {place}")),
    "87.10A": (10, ("Résidence {place}", "EHPAD {name}")),
    "55.10Z": (9, ("Hôtel {place}", "Hôtel {name}")),
    "10.71C": (12, ("Boulangerie {name}", "Fournil {place}")),
    "96.02A": (7, ("Coiffure {name}", "Salon {place}")),
    "81.30Z": (8, ("Espaces Verts {name}", "Jardins {place}")),
    "80.10Z": (7, ("Sécurité {place}", "{name} Gardiennage")),
    "45.20A": (7, ("Garage {name}", "Auto {place}")),
    "62.01Z": (5, ("{name} Informatique", "Numérique {place}")),
    "94.99Z": (14, ("Association {place} Solidarité", "Association {name} Entraide")),
    "53.20Z": (4, ("Coursiers {place}",)),
}
POSTCODES = {
    "69001": 3,
    "69002": 5,
    "69003": 12,
    "69007": 12,
    "69008": 8,
    "69009": 8,
    "69100": 10,
    "69200": 8,
    "69120": 5,
    "69500": 5,
    "69800": 6,
    "69300": 3,
    "69130": 3,
}


def fake_siret(rng: random.Random) -> str:
    """A random SIRET with valid SIREN and SIRET keys (not La Poste's special SIREN)."""
    while True:
        body = str(rng.randint(30_000_000, 99_999_999))
        siren = body + luhn.calc_check_digit(body)
        if siren == LA_POSTE_SIREN:
            continue
        nic = f"{rng.randint(1, 99):04d}"  # establishment number; its key follows
        number = siren + nic
        number += luhn.calc_check_digit(number)
        if stdnum_siret.is_valid(number):
            return number


def draw_companies(rng: random.Random, count: int = COUNT) -> list[Company]:
    nafs = list(SECTORS)
    weights = [SECTORS[naf][0] for naf in nafs]
    postcodes = list(POSTCODES)
    used: set[str] = set()
    companies = []
    for number in range(1, count + 1):
        naf = rng.choices(nafs, weights=weights)[0]
        pattern = rng.choice(SECTORS[naf][1])
        name = pattern.format(name=rng.choice(names.last_names()), place=rng.choice(PLACES))
        while name in used:
            name = f"{name} {rng.randint(2, 9)}"
        used.add(name)
        charter = None
        if rng.random() < CHARTER_SHARE:
            days = (CHARTER_END - CHARTER_START).days
            charter = CHARTER_START + datetime.timedelta(days=rng.randint(0, days))
        companies.append(
            Company(
                external_id=f"{EXTERNAL_ID_PREFIX}{number:04d}",
                name=name,
                siret=fake_siret(rng),
                naf=naf,
                postcode=rng.choices(postcodes, weights=list(POSTCODES.values()))[0],
                charter_signed_on=charter,
            )
        )
    return companies


def create_companies(rng: random.Random, context: DemoContext) -> None:
    """The demo companies that are missing (by external id)."""
    drawn = draw_companies(rng)
    existing = set(
        Company.objects.filter(external_id__startswith=EXTERNAL_ID_PREFIX).values_list(
            "external_id", flat=True
        )
    )
    missing = [company for company in drawn if company.external_id not in existing]
    Company.objects.bulk_create(missing, batch_size=500)
    if missing:
        context.count("entreprises créées", len(missing))
