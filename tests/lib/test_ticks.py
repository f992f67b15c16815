"""Round axis ticks: worked examples from the seeds, then properties that hold for any range."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam.lib.ticks import FEWEST, MOST, is_round_step, nice_ticks, ticks_for


def ints(*values: int) -> tuple[D, ...]:
    return tuple(D(v) for v in values)


@pytest.mark.parametrize(
    ("values", "ticks"),
    [
        # Finnveden's plan 2014-2015 in tkr: revenue 2 992 and 3 392, costs 4 412 and 3 692.
        ((D(2992), D(3392), D(4412), D(3692), D(300), D(0)), ints(0, 1000, 2000, 3000, 4000, 5000)),
        # A result that goes negative: -1 134 tkr to 900 tkr crosses zero at a tick.
        ((D(-1134), D(900)), ints(-1500, -1000, -500, 0, 500, 1000)),
        # Small figures stay whole tkr: 0 to 3 needs a step of one, widened to four ticks.
        ((D(2), D(3)), ints(0, 1, 2, 3)),
        # Nothing at all still draws an axis.
        ((), ints(0, 1, 2, 3)),
        # Only costs below zero.
        ((D(-206), D(-40)), ints(-250, -200, -150, -100, -50, 0)),
        ((D(70),), ints(0, 10, 20, 30, 40, 50, 60, 70)),
        ((D(75),), ints(0, 20, 40, 60, 80)),
    ],
)
def test_ticks_for_worked_examples(values, ticks):
    assert ticks_for(values) == ticks


def test_round_steps():
    assert [is_round_step(D(s)) for s in (1, 2, 5, 10, 25, 250, 500, 2000)] == [True] * 8
    assert [is_round_step(D(s)) for s in ("2.5", 3, 15, 40, 0, -5, "0.5")] == [False] * 7


amounts = st.decimals(min_value=-(10**10), max_value=10**10, places=0, allow_nan=False)


@given(amounts, amounts)
def test_ticks_cover_the_range_with_a_round_step_and_a_readable_count(a, b):
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high
    assert FEWEST <= len(ticks) <= MOST
    steps = {later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1
    (step,) = steps
    assert is_round_step(step)
    assert all(tick == tick.to_integral_value() and tick % step == 0 for tick in ticks)
    if low <= 0 <= high:
        assert D(0) in ticks


@given(st.lists(amounts, max_size=12))
def test_bars_from_zero_always_have_zero_on_the_axis(values):
    ticks = ticks_for(values)
    assert D(0) in ticks
    assert all(ticks[0] <= value <= ticks[-1] for value in values)


@given(amounts, amounts)
def test_the_step_is_the_finest_that_fits(a, b):
    """No finer round step would do: the next smaller one needs more than MOST ticks."""
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high)
    step = ticks[1] - ticks[0]
    if step > 1 and len(ticks) > FEWEST:
        finer = max(s for s in _round_steps_below(step))
        first = (low / finer).to_integral_value(rounding="ROUND_FLOOR") * finer
        last = (high / finer).to_integral_value(rounding="ROUND_CEILING") * finer
        assert (last - first) / finer + 1 > MOST


def _round_steps_below(step):
    exponent = 0
    while True:
        for mantissa in (1, 2, D("2.5"), 5):
            candidate = D(mantissa).scaleb(exponent)
            if candidate >= step:
                return
            if candidate == candidate.to_integral_value():
                yield candidate
        exponent += 1
