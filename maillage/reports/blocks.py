"""The blocks of the annual report, registered by the apps that compute them.

Each domain app registers its block in its ``AppConfig.ready()`` (the PLIE app
registers ``plie`` and ``cumulative``; the clauses and events apps will add
``clauses`` and ``events``), so this app never imports the domain apps and a
new block needs no change here. A block is a function of the year (and of the
first year of the period, for blocks that need ``--since``) returning a
JSON-ready dict; the keys are fixed by ../shared/spec/indicators.md.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    name: str
    compute: Callable[..., dict]
    #: True for blocks over a period S..Y: computed only when --since is given, as compute(S, Y).
    needs_since: bool = False


_registry: dict[str, Block] = {}


def register(name: str, compute: Callable[..., dict], *, needs_since: bool = False) -> None:
    """Add (or replace, so that a reloaded app does not fail) the block ``name``."""
    _registry[name] = Block(name, compute, needs_since)


def registered() -> list[Block]:
    return list(_registry.values())


def build_report(year: int, since: int | None = None) -> dict:
    """``{"year": Y, <block>: {...}}``: every yearly block, and period blocks with ``since``."""
    report: dict = {"year": year}
    for block in registered():
        if block.needs_since:
            if since is not None:
                report[block.name] = block.compute(since, year)
        else:
            report[block.name] = block.compute(year)
    return report
