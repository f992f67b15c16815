"""The largest-remainder split: worked examples from the seeds, and the rule for all inputs."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam.lib.allocation import allocate, exact_shares, statutory_halves

D = Decimal


def test_finnveden_2014_population_split():
    # populations on 2013-11-01 (Gislaved, Gnosjö, Värnamo); the seed prints this split
    assert allocate(D(748000), [28984, 9459, 33200], D(100)) == [D(302600), D(98800), D(346600)]


def test_finnveden_2015_population_split():
    assert allocate(D(848000), [29100, 9504, 33130], D(100)) == [D(344000), D(112400), D(391600)]


def test_fixed_percentages_round_to_thousands():
    parts = allocate(D(1585000), [D("25.25"), D("38.29"), D("22.68"), D("13.78")], D(1000))
    assert parts == [D(400000), D(607000), D(360000), D(218000)]


def test_equal_parts_give_the_odd_hundred_to_the_first_in_order():
    assert allocate(D(1000000), [1, 1, 1], D(100)) == [D(333400), D(333300), D(333300)]


def test_a_total_that_is_not_whole_steps_still_adds_up():
    parts = allocate(D(1000050), [1, 1], D(100))
    assert parts == [D(500050), D(500000)] and sum(parts) == D(1000050)


def test_state_half_split_in_kronor():
    assert allocate(D(1496000), [1, 1], D(1)) == [D(748000), D(748000)]


@pytest.mark.parametrize(
    ("total", "weights", "step", "message"),
    [
        (D(100), [], D(1), "inga delar"),
        (D(100), [0, 0], D(1), "summerar till noll"),
        (D(100), [1, -1], D(1), "negativ"),
        (D(-1), [1], D(1), "negativt"),
        (D(100), [1], D(0), "större än noll"),
    ],
)
def test_bad_arguments_are_refused_with_a_message(total, weights, step, message):
    with pytest.raises(ValueError, match=message):
        allocate(total, weights, step)


@settings(max_examples=300, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=10**9),
    weights=st.lists(st.integers(min_value=0, max_value=500_000), min_size=1, max_size=12).filter(
        lambda ws: sum(ws) > 0
    ),
    step=st.sampled_from([1, 10, 100, 1000]),
)
def test_parts_add_up_and_stay_within_one_step_of_the_exact_share(total, weights, step):
    parts = allocate(D(total), weights, D(step))
    assert sum(parts) == D(total)
    for part, exact in zip(parts, exact_shares(D(total), weights), strict=True):
        assert abs(Fraction(part) - exact) < step
    # all parts but at most one are whole steps (only a total of odd kronor leaves a rest)
    assert sum(1 for part in parts if part % step) <= 1


def test_the_statutory_split_gives_an_odd_krona_to_the_region():
    assert statutory_halves(Decimal(1_496_001)) == (Decimal(748_001), Decimal(748_000))
    assert statutory_halves(Decimal(1_496_000)) == (Decimal(748_000), Decimal(748_000))
    assert statutory_halves(Decimal(-3)) == (Decimal(-2), Decimal(-1))
