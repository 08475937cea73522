"""Comparing the report's figures with the objectives of the protocol.

The figures are the annual report's blocks (plain dicts, see blocks.py and
../shared/spec/indicators.md); this module never counts anything itself, so a
page or the report shows exactly the figures the ``annual_report`` command
prints. Every objective of the PLIE protocol is a minimum ("at least 50 %
positive exits"): reached when the actual value is greater than or equal to the
target.

Two figures are derived from the block, both over *all* exits of the period,
as the protocol writes them ("50 % positive exits, of which 42 % to employment
and 8 % to a qualifying training"):
- employment share: positive exits other than a qualifying training (CDI,
  CDD ≥ 6 months, business creation, other status) / all exits;
- qualifying share: positive exits to a qualifying training / all exits.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from maillage.reports.models import SHARE_INDICATORS, Indicator, Objective, Period, Protocol

QUALIFYING = "qualifying_training"


def protocol_for_year(year: int) -> Protocol | None:
    """The protocol running in ``year`` (the most recent one if several overlap)."""
    return (
        Protocol.objects.filter(start_year__lte=year, end_year__gte=year)
        .order_by("-start_year", "-id")
        .first()
    )


def objectives_of(protocol: Protocol | None) -> dict[tuple[str, str], Objective]:
    """``{(indicator, period): objective}`` of a protocol, in one query."""
    if protocol is None:
        return {}
    return {(o.indicator, o.period): o for o in protocol.objectives.all()}


def _exit_shares(exits: dict, qualifying: int) -> tuple[float, float]:
    total = sum(exits.values())
    if not total:
        return 0.0, 0.0
    return (exits.get("positive", 0) - qualifying) / total, qualifying / total


def annual_value(indicator: str, plie: dict) -> float | int:
    """The value of ``indicator`` in a yearly ``plie`` block."""
    if indicator in (
        Indicator.POSITIVE_EXIT_EMPLOYMENT_SHARE,
        Indicator.POSITIVE_EXIT_QUALIFYING_SHARE,
    ):
        employment, qualifying = _exit_shares(
            plie["exits"], plie["positive_exits_by_reason"].get(QUALIFYING, 0)
        )
        return employment if indicator == Indicator.POSITIVE_EXIT_EMPLOYMENT_SHARE else qualifying
    return plie[indicator.removeprefix("plie.")]


def cumulative_value(indicator: str, cumulative: dict, yearly: Iterable[dict]) -> float | int:
    """The value of ``indicator`` over a period, from its ``cumulative`` block.

    The exit shares by reason are not in the cumulative block: they add up the
    positive exits to a qualifying training of ``yearly`` (the plie blocks of
    *every* year of the period — each exit falls in exactly one year).
    """
    if indicator in (
        Indicator.POSITIVE_EXIT_EMPLOYMENT_SHARE,
        Indicator.POSITIVE_EXIT_QUALIFYING_SHARE,
    ):
        qualifying = sum(b["positive_exits_by_reason"].get(QUALIFYING, 0) for b in yearly)
        employment, qualifying = _exit_shares(cumulative["exits"], qualifying)
        return employment if indicator == Indicator.POSITIVE_EXIT_EMPLOYMENT_SHARE else qualifying
    return cumulative[indicator.removeprefix("plie.")]


@dataclass(frozen=True)
class Comparison:
    """An actual value against its objective: reached or not, and by how much."""

    objective: Objective
    actual: float

    @property
    def target(self) -> float:
        return float(self.objective.target)

    @property
    def reached(self) -> bool:
        # Compared as the display rounds nothing away: a share of exactly 0.35 reaches 35 %.
        return Decimal(str(self.actual)) >= self.objective.target

    @property
    def gap(self) -> float:
        """Actual minus target (negative when the objective is not reached)."""
        return self.actual - self.target

    @property
    def is_share(self) -> bool:
        return self.objective.indicator in SHARE_INDICATORS


def compare(actual: float | int | None, objective: Objective | None) -> Comparison | None:
    """The comparison, or None when there is no objective or no value to compare."""
    if objective is None or actual is None:
        return None
    return Comparison(objective, actual)


def annual_objective(objectives: dict, indicator: str) -> Objective | None:
    return objectives.get((indicator, Period.EACH_YEAR))


def cumulative_objective(objectives: dict, indicator: str) -> Objective | None:
    """The objective the period's cumulative value is compared with.

    A whole-protocol objective first; for a share or a rate, a yearly objective
    applies to the period too (35 % each year is 35 % overall); a yearly count
    (900 new entrants a year) does not compare with a period's total.
    """
    whole = objectives.get((indicator, Period.WHOLE_PROTOCOL))
    if whole is not None:
        return whole
    if indicator in SHARE_INDICATORS:
        return objectives.get((indicator, Period.EACH_YEAR))
    return None
