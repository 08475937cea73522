"""The excluded-sector table (data/excluded_naf.csv): well formed, quoting the seed."""

import re
from pathlib import Path

import pytest

from maillage.zfu.sectors import SectorStatus, match_sector, sector_rules

SEED = Path("/work/shared/seed/000_20ca0138c0c0bc37.txt")
SEED_SECTORS = (
    "construction automobile ou navale, fabrication de fibres textiles artificielles ou "
    "synthétiques, sablage, transports routiers de marchandises, activités de crédit bail "
    "mobilier, de location d'immeubles à usage non professionnel et de l'agriculture"
)


def test_every_row_is_a_naf_prefix_quoting_the_seed_with_a_comment():
    rules = sector_rules()
    assert len({rule.naf for rule in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"\d{2}(\.\d{2}[A-Z]?)?", rule.naf), rule.naf
        assert rule.seed_wording.removeprefix("l'") in SEED_SECTORS, rule.seed_wording
        assert rule.comment


def test_every_activity_of_the_seed_is_mapped():
    wordings = {rule.seed_wording for rule in sector_rules()}
    for activity in (
        "construction automobile ou navale",
        "fabrication de fibres textiles artificielles ou synthétiques",
        "sablage",
        "transports routiers de marchandises",
        "activités de crédit bail mobilier",
        "location d'immeubles à usage non professionnel",
        "l'agriculture",
    ):
        assert activity in wordings


@pytest.mark.skipif(not SEED.exists(), reason="seed absent")
def test_the_quoted_list_is_the_seeds():
    assert SEED_SECTORS in SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("code", "naf", "status"),
    [
        ("4941A", "49.41", SectorStatus.EXCLUDED),
        ("49.41C", "49.41", SectorStatus.EXCLUDED),
        ("01.50Z", "01", SectorStatus.EXCLUDED),
        ("68.20B", "68.20B", SectorStatus.TO_CHECK),
        ("68.20a", "68.20A", SectorStatus.EXCLUDED),
    ],
)
def test_the_most_specific_rule_wins(code, naf, status):
    rule = match_sector(code)
    assert (rule.naf, rule.status) == (naf, status)


@pytest.mark.parametrize("code", ["47.11F", "10.71C", "62.01Z", "49.39A", "68.31Z"])
def test_other_activities_match_nothing(code):
    assert match_sector(code) is None
