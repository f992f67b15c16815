"""The equity ceiling's step arithmetic: boundaries, rounding, and monotone steps."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from finsam.lib.equity_ceiling import CeilingStep, ceiling_for, ceiling_of, step_for

# An example table (NOT the recommendation's figures, which are not entered): a fixed floor
# for small förbund, then shares stepping down with the contributions.
STEPS = [
    CeilingStep(Decimal(0), Decimal(2_000_000), fixed_amount=Decimal(1_000_000)),
    CeilingStep(Decimal(2_000_000), Decimal(5_000_000), share_percent=Decimal(50)),
    CeilingStep(
        Decimal(5_000_000), None, share_percent=Decimal(30), fixed_amount=Decimal(2_500_000)
    ),
]
amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


def test_lower_bound_is_inside_upper_bound_is_the_next_step():
    assert step_for(STEPS, Decimal(2_000_000)) is STEPS[1]
    assert step_for(STEPS, Decimal("1999999.99")) is STEPS[0]
    assert step_for(STEPS, Decimal(5_000_000)) is STEPS[2]


def test_worked_examples():
    assert ceiling_for(STEPS, Decimal(1_500_000)) == 1_000_000  # the fixed amount
    assert ceiling_for(STEPS, Decimal(3_000_001)) == 1_500_001  # 1 500 000,50 rounds up
    # 30 % of 6 000 000 is 1 800 000, below the step's fixed 2 500 000: the larger counts.
    assert ceiling_for(STEPS, Decimal(6_000_000)) == 2_500_000
    assert ceiling_for(STEPS, Decimal(10_000_000)) == 3_000_000


def test_no_step_no_ceiling():
    assert ceiling_for([], Decimal(1_000_000)) is None
    assert ceiling_for(STEPS[1:], Decimal(100)) is None


@given(amounts, amounts)
def test_within_one_share_step_the_ceiling_grows_with_the_contributions(a, b):
    step = CeilingStep(Decimal(0), None, share_percent=Decimal("37.5"))
    low, high = sorted((a, b))
    assert ceiling_of(step, low) <= ceiling_of(step, high)


@given(amounts)
def test_the_ceiling_is_whole_kronor_and_never_below_the_fixed_amount(contributions):
    ceiling = ceiling_for(STEPS, contributions)
    assert ceiling is not None and ceiling == ceiling.to_integral_value()
    step = step_for(STEPS, contributions)
    assert step is not None and step.covers(contributions)
    assert ceiling >= (step.fixed_amount or 0)


@given(amounts)
def test_exactly_one_step_covers_contiguous_steps(contributions):
    assert sum(1 for step in STEPS if step.covers(contributions)) == 1
