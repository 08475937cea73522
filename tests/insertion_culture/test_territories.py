"""Territories of the report: 9 arrondissements of Lyon and the communes of the Métropole."""

from hypothesis import given
from hypothesis import strategies as st

from maillage.insertion_culture.territories import (
    LYON_ARRONDISSEMENTS,
    METROPOLE_COMMUNES,
    TerritoryKind,
    territory_of,
)


def test_arrondissements_by_postcode():
    assert territory_of("69001", "Lyon") == ("Lyon 1er", TerritoryKind.LYON)
    assert territory_of("69008", "") == ("Lyon 8e", TerritoryKind.LYON)
    assert territory_of("", "Lyon 5e") == ("Lyon 5e", TerritoryKind.LYON)
    assert territory_of("", "LYON") == ("Lyon", TerritoryKind.LYON)


def test_communes_by_name_whatever_the_spelling():
    assert territory_of("69190", "St Fons") == ("Saint-Fons", TerritoryKind.METROPOLE)
    assert territory_of("", "venissieux") == ("Vénissieux", TerritoryKind.METROPOLE)
    assert territory_of("69160", "Tassin") == ("Tassin-la-Demi-Lune", TerritoryKind.METROPOLE)
    assert territory_of("69100", "") == ("Villeurbanne", TerritoryKind.METROPOLE)


def test_outside_and_unknown():
    assert territory_of("38000", "Grenoble") == ("Grenoble", TerritoryKind.OUTSIDE)
    assert territory_of("", "") == ("", TerritoryKind.UNKNOWN)
    assert territory_of("69700", "") == ("", TerritoryKind.UNKNOWN)  # several communes


def test_the_metropole_has_59_communes():
    assert len(METROPOLE_COMMUNES) == 58 and len(LYON_ARRONDISSEMENTS) == 9


@given(st.text(max_size=8), st.text(max_size=40))
def test_any_input_gives_a_known_kind(postcode, city):
    label, kind = territory_of(postcode, city)
    assert kind in TerritoryKind
    assert (label == "") == (kind == TerritoryKind.UNKNOWN)
    assert len(label) <= 120
