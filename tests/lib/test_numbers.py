"""Amounts as Swedish users type them and as the documents print them."""

from decimal import Decimal

import pytest

from finsam.lib.numbers import AmountError, format_amount, format_percent, parse_amount
from finsam.lib.rounding import in_thousands, round_to_step

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12 639 324", "12639324"),
        ("12639324", "12639324"),
        (f"12{NBSP}639{NBSP}324", "12639324"),
        ("12\u202f639\u202f324", "12639324"),
        ("-1 399 400", "-1399400"),
        ("\u22121 399 400", "-1399400"),
        ("302 600,00", "302600.00"),
        ("302600.00", "302600.00"),
        ("533 333,33", "533333.33"),
        ("1.496.000", "1496000"),
        (" 748 000 kr ", "748000"),
    ],
)
def test_parse_amount_reads_what_people_type(typed, value):
    assert parse_amount(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["", "tolv", "12,5,3", "1 2x", "--5", "1.4960.00"])
def test_parse_amount_refuses_with_a_message_naming_the_input(typed):
    with pytest.raises(AmountError) as error:
        parse_amount(typed)
    assert typed.strip() in str(error.value) or "Ange ett belopp" in str(error.value)


def test_format_amount_prints_as_the_seeds():
    assert format_amount(Decimal("4712000")) == f"4{NBSP}712{NBSP}000"
    assert format_amount(Decimal("-1399400")) == f"-1{NBSP}399{NBSP}400"
    assert format_amount(Decimal("0")) == "0"


def test_thousands_are_rounded_each_on_their_own():
    # Växjö note 1: four contributions of 533 333,33 kr print as 533 tkr; their sum as 2 133 tkr
    contribution = Decimal("533333.33")
    assert format_amount(contribution, thousands=True) == "533"
    assert format_amount(contribution * 4, thousands=True) == f"2{NBSP}133"


def test_rounding_is_half_away_from_zero():
    assert round_to_step(Decimal("1250"), Decimal(100)) == Decimal(1300)
    assert round_to_step(Decimal("-1250"), Decimal(100)) == Decimal(-1300)
    assert in_thousands(Decimal("1500")) == 2
    assert in_thousands(Decimal("-205500")) == -206


def test_percent_with_one_decimal():
    assert format_percent(Decimal("9.6"), 1) == f"9,6{NBSP}%"
    assert format_percent(Decimal(9) * 100 / 31) == f"29{NBSP}%"
