"""Round axis ticks ("nice numbers") for charts.

A chart's value axis is labelled at round numbers a reader can take in at a glance: steps of
1, 2, 2,5 or 5 times a power of ten, whole units only (charts print whole tkr, so a step is
never below one unit and 2,5 appears only from 25 upwards). The ticks cover the data and
there are between `FEWEST` and `MOST` of them; a range that crosses zero has zero as a tick
(every tick is a whole multiple of the step). Pure: Decimal in, Decimal out.
"""

from collections.abc import Iterator, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

FEWEST, MOST = 4, 8
MANTISSAS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
WHOLE = Decimal(1)


def nice_ticks(low: Decimal, high: Decimal) -> tuple[Decimal, ...]:
    """Evenly spaced round ticks from at or below `low` to at or above `high`.

    The step is the smallest round step that needs at most `MOST` ticks; a range so narrow
    that even a step of one gives fewer than `FEWEST` ticks is widened upwards.
    """
    if high < low:
        low, high = high, low
    step = next(step for step in _steps(high - low) if _count(low, high, step) <= MOST)
    first = _floor(low, step)
    count = max(_count(low, high, step), FEWEST)
    return tuple((first + step * index).quantize(WHOLE) for index in range(count))


def _count(low: Decimal, high: Decimal, step: Decimal) -> int:
    return int((_ceil(high, step) - _floor(low, step)) / step) + 1


def ticks_for(values: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """Ticks for bars drawn from zero: the axis always holds zero and every value."""
    return nice_ticks(min([Decimal(0), *values]), max([Decimal(0), *values]))


def is_round_step(step: Decimal) -> bool:
    """Whether `step` is 1, 2, 2,5 or 5 times a power of ten, and a whole number."""
    if step <= 0 or step != step.to_integral_value():
        return False
    mantissa = step.scaleb(-step.adjusted()).normalize()
    return mantissa in MANTISSAS


def _steps(span: Decimal) -> Iterator[Decimal]:
    """Round whole steps in increasing order, starting well below span / MOST."""
    exponent = max((span / MOST).adjusted() - 1, 0) if span > 0 else 0
    while True:
        for mantissa in MANTISSAS:
            step = mantissa.scaleb(exponent)
            if step == step.to_integral_value():
                yield step
        exponent += 1


def _floor(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_FLOOR) * step


def _ceil(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_CEILING) * step
