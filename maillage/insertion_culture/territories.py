"""Where a participant lives, as the Mission Insertion Culture counts it (seed p. 50).

The report counts "21 territoires": the arrondissements of Lyon and the communes of
the Métropole de Lyon outside Lyon. A participant's territory is derived from the
postcode and commune of their ``Person`` file when they are registered on an action
(and stored on the participation, so a later move does not rewrite past figures).
"""

import re
from enum import StrEnum

from maillage.people.text import fold


class TerritoryKind(StrEnum):
    LYON = "lyon"  # an arrondissement of Lyon
    METROPOLE = "metropole"  # a commune of the Métropole de Lyon other than Lyon
    OUTSIDE = "outside"  # known commune outside the Métropole
    UNKNOWN = "unknown"  # neither postcode nor commune on the file


#: The 9 arrondissements, by postcode (69001 → "Lyon 1er").
LYON_ARRONDISSEMENTS = {f"6900{n}": f"Lyon {n}{'er' if n == 1 else 'e'}" for n in range(1, 10)}

#: The 58 communes of the Métropole de Lyon other than Lyon (2017 names).
METROPOLE_COMMUNES = (
    "Albigny-sur-Saône", "Bron", "Cailloux-sur-Fontaines", "Caluire-et-Cuire",
    "Champagne-au-Mont-d'Or", "Charbonnières-les-Bains", "Charly", "Chassieu",
    "Collonges-au-Mont-d'Or", "Corbas", "Couzon-au-Mont-d'Or", "Craponne",
    "Curis-au-Mont-d'Or", "Dardilly", "Décines-Charpieu", "Écully", "Feyzin",
    "Fleurieu-sur-Saône", "Fontaines-Saint-Martin", "Fontaines-sur-Saône", "Francheville",
    "Genay", "Givors", "Grigny", "Irigny", "Jonage", "La Mulatière", "La Tour-de-Salvagny",
    "Limonest", "Lissieu", "Marcy-l'Étoile", "Meyzieu", "Mions", "Montanay",
    "Neuville-sur-Saône", "Oullins", "Pierre-Bénite", "Poleymieux-au-Mont-d'Or", "Quincieux",
    "Rillieux-la-Pape", "Rochetaillée-sur-Saône", "Saint-Cyr-au-Mont-d'Or",
    "Saint-Didier-au-Mont-d'Or", "Saint-Fons", "Saint-Genis-Laval", "Saint-Genis-les-Ollières",
    "Saint-Germain-au-Mont-d'Or", "Saint-Priest", "Saint-Romain-au-Mont-d'Or",
    "Sainte-Foy-lès-Lyon", "Sathonay-Camp", "Sathonay-Village", "Solaize",
    "Tassin-la-Demi-Lune", "Vaulx-en-Velin", "Vénissieux", "Vernaison", "Villeurbanne",
)  # fmt: skip

#: Postcodes that name a single commune of the Métropole (used when the commune is empty).
METROPOLE_POSTCODES = {
    "69100": "Villeurbanne",
    "69120": "Vaulx-en-Velin",
    "69140": "Rillieux-la-Pape",
    "69150": "Décines-Charpieu",
    "69160": "Tassin-la-Demi-Lune",
    "69190": "Saint-Fons",
    "69200": "Vénissieux",
    "69300": "Caluire-et-Cuire",
    "69310": "Pierre-Bénite",
    "69320": "Feyzin",
    "69330": "Meyzieu",
    "69350": "La Mulatière",
    "69500": "Bron",
    "69600": "Oullins",
    "69680": "Chassieu",
    "69780": "Mions",
    "69800": "Saint-Priest",
    "69960": "Corbas",
}


def _key(name: str) -> str:
    """Folded commune name; "St Fons", "Ste Foy" are written "Saint"/"Sainte" first."""
    folded = fold(name)
    for short, full in (("st ", "saint "), ("ste ", "sainte ")):
        if folded.startswith(short):
            folded = full + folded[len(short) :]
    return folded


_COMMUNE_BY_KEY = {_key(name): name for name in METROPOLE_COMMUNES}
# Usual short forms typed in files.
_COMMUNE_BY_KEY.update({"tassin": "Tassin-la-Demi-Lune", "rillieux": "Rillieux-la-Pape"})


def territory_of(postcode: str, city: str) -> tuple[str, TerritoryKind]:
    """The territory's label and kind for a postcode and a commune (either may be empty).

    >>> territory_of("69008", "Lyon")
    ('Lyon 8e', <TerritoryKind.LYON: 'lyon'>)
    >>> territory_of("", "St Fons")
    ('Saint-Fons', <TerritoryKind.METROPOLE: 'metropole'>)
    """
    postcode = (postcode or "").strip()
    if postcode in LYON_ARRONDISSEMENTS:
        return LYON_ARRONDISSEMENTS[postcode], TerritoryKind.LYON
    key = _key(city or "")
    if key == "lyon" or key.startswith("lyon "):
        match = re.match(r"lyon (\d)(?:\D|$)", key)
        if match and match[1] != "0":
            return LYON_ARRONDISSEMENTS[f"6900{match[1]}"], TerritoryKind.LYON
        return "Lyon", TerritoryKind.LYON
    if key in _COMMUNE_BY_KEY:
        return _COMMUNE_BY_KEY[key], TerritoryKind.METROPOLE
    if not key and postcode in METROPOLE_POSTCODES:
        return METROPOLE_POSTCODES[postcode], TerritoryKind.METROPOLE
    if key:
        return ((city or "").strip() or key)[:120], TerritoryKind.OUTSIDE
    return "", TerritoryKind.UNKNOWN
