"""docs/zfu.md's worked examples are real: each input, simulated, gives the printed output."""

import json
import re
from pathlib import Path

import pytest

from maillage.zfu.rules import simulate
from maillage.zfu.schema import parse_facts, simulation_to_json

DOC = Path(__file__).resolve().parents[2] / "docs" / "zfu.md"


def examples() -> list[tuple[dict, dict]]:
    text = DOC.read_text(encoding="utf-8").split("## Worked examples", 1)[1]
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)\n```", text, re.DOTALL)]
    return list(zip(blocks[::2], blocks[1::2], strict=True))


def test_there_are_three_examples():
    assert len(examples()) == 3


@pytest.mark.parametrize("index", range(3))
def test_the_printed_output_is_the_simulation(index):
    given, printed = examples()[index]
    assert simulation_to_json(simulate(parse_facts(given))) == printed
