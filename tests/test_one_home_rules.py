"""Rules written once and called everywhere: each test names the rule's home and checks that
the places that once kept their own copy now give the home's answer."""

from decimal import Decimal as D

import pytest

from budgets.calculation import COST_SECTION_KINDS, REVENUE_SECTION_KIND, ColumnResult
from budgets.models import BudgetSection, SectionKind
from finsam.lib.shares import share_percent
from initiatives.models import Outcome


def test_every_section_kind_is_revenue_or_a_cost_of_the_one_list():
    assert {REVENUE_SECTION_KIND, *COST_SECTION_KINDS} == set(SectionKind.values)
    for kind in SectionKind:
        assert BudgetSection(kind=kind).is_cost == (kind in COST_SECTION_KINDS)


@pytest.mark.parametrize(("part", "whole"), [(9, 31), (1, 3), (0, 5), (5, 0)])
def test_every_share_is_the_one_formula(part, whole):
    expected = share_percent(part, whole)
    assert Outcome(numerator=part, denominator=whole).share == expected
    result = ColumnResult(
        column=None, opening=None, opening_computed=None, section_totals={},
        revenue=D(0), costs=D(whole), administration=D(part),
    )  # fmt: skip
    assert result.administration_share == expected


def test_the_share_of_nothing_is_none_not_zero():
    assert share_percent(D(5), D(0)) is None
    assert share_percent(9, 31) == D(900) / D(31)
