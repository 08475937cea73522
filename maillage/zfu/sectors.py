"""The seed's excluded sectors, mapped to NAF rev. 2 codes (data/excluded_naf.csv).

The seed names activities, not codes: "construction automobile ou navale,
fabrication de fibres textiles artificielles ou synthétiques, sablage,
transports routiers de marchandises, activités de crédit bail mobilier, de
location d'immeubles à usage non professionnel et de l'agriculture". The CSV
keeps the mapping as data, each row quoting that wording. A row is
``excluded`` only when the NAF heading is the seed's activity itself; when the
heading merely overlaps it, the row says ``to_check`` and the simulator asks
for a human check instead of refusing (docs/zfu.md lists the doubts).
"""

import csv
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from maillage.companies.models import normalise_naf

DATA_FILE = Path(__file__).parent / "data" / "excluded_naf.csv"


class SectorStatus(StrEnum):
    EXCLUDED = "excluded"
    TO_CHECK = "to_check"


@dataclass(frozen=True)
class SectorRule:
    naf: str  # a division ("01"), a class ("29.10") or a subclass ("68.20A")
    status: SectorStatus
    seed_wording: str
    comment: str


@cache
def sector_rules() -> tuple[SectorRule, ...]:
    with DATA_FILE.open(newline="", encoding="utf-8") as handle:
        return tuple(
            SectorRule(
                naf=row["naf"].strip(),
                status=SectorStatus(row["status"].strip()),
                seed_wording=row["seed_wording"].strip(),
                comment=row["comment"].strip(),
            )
            for row in csv.DictReader(handle)
        )


def match_sector(naf_code: str, rules: tuple[SectorRule, ...] | None = None) -> SectorRule | None:
    """The most specific rule covering ``naf_code`` (``47.11F`` or ``4711F``), else None."""
    code = normalise_naf(naf_code)
    matches = [rule for rule in rules or sector_rules() if code.startswith(rule.naf)]
    return max(matches, key=lambda rule: len(rule.naf), default=None)
