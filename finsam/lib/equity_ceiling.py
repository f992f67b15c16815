"""The ceiling on a förbund's equity: a step table read against the year's contributions.

Nationella rådet recommended (2013-10-02) a ceiling for a förbund's equity that steps down
with the size of the year's contributions (see docs/equity-ceiling.md for the source and why
the shipped table is empty). A step covers contributions from `lower` (inclusive) up to
`upper` (exclusive; None: no upper bound) and gives the ceiling either as a share of the
contributions (`share_percent`) or as a fixed amount (`fixed_amount`), or the larger of both
when a step has both. The ceiling is rounded to whole kronor, half away from zero, with the
one rounding rule (finsam.lib.rounding); this module is the one home of that step.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from finsam.lib.rounding import KRONA, round_to_step

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class CeilingStep:
    lower: Decimal
    upper: Decimal | None
    share_percent: Decimal | None = None
    fixed_amount: Decimal | None = None

    def covers(self, contributions: Decimal) -> bool:
        return contributions >= self.lower and (self.upper is None or contributions < self.upper)


def step_for(steps: Sequence[CeilingStep], contributions: Decimal) -> CeilingStep | None:
    """The step covering `contributions` (the lowest such step when steps overlap)."""
    covering = [step for step in steps if step.covers(contributions)]
    return min(covering, key=lambda step: step.lower) if covering else None


def ceiling_of(step: CeilingStep, contributions: Decimal) -> Decimal:
    """The ceiling in whole kronor for `contributions` under `step`."""
    by_share = (
        Decimal(0) if step.share_percent is None else contributions * step.share_percent / HUNDRED
    )
    fixed = step.fixed_amount or Decimal(0)
    return round_to_step(max(by_share, fixed), KRONA)


def ceiling_for(steps: Sequence[CeilingStep], contributions: Decimal) -> Decimal | None:
    """The ceiling for `contributions`, or None when no step covers them."""
    step = step_for(steps, contributions)
    return None if step is None else ceiling_of(step, contributions)
