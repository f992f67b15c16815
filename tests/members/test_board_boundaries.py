"""A seat's end date is its last day ("till och med"): the boundary days of Växjö's deputy change.

Anders Mårtensson's seat ends 2014-07-31 and Hossein Pishdar's starts 2014-08-01 (the demo data,
from the seed interim report). Off-by-one here would print two deputies, or none, for Växjö
kommun in a board table dated on the day of the change.
"""

from datetime import date

import pytest

from finsam.models import Association
from members.selectors import board_during, board_on


def vaxjo_kommun_deputies(rows):
    (row,) = [r for r in rows if r.member.name == "Växjö kommun"]
    return [seat.person.name for seat in row.deputies]


@pytest.fixture
def vaxjo(db):
    return Association.objects.get(slug="vaxjo")


def test_seat_is_held_on_its_end_day(vaxjo):
    assert vaxjo_kommun_deputies(board_on(vaxjo, date(2014, 7, 31))) == ["Anders Mårtensson"]


def test_successor_holds_the_seat_from_the_day_after(vaxjo):
    assert vaxjo_kommun_deputies(board_on(vaxjo, date(2014, 8, 1))) == ["Hossein Pishdar"]


def test_a_period_ending_on_the_end_day_does_not_show_the_successor(vaxjo):
    rows = board_during(vaxjo, date(2014, 1, 1), date(2014, 7, 31))
    assert vaxjo_kommun_deputies(rows) == ["Anders Mårtensson"]


def test_a_period_starting_on_the_start_day_does_not_show_the_predecessor(vaxjo):
    rows = board_during(vaxjo, date(2014, 8, 1), date(2014, 12, 31))
    assert vaxjo_kommun_deputies(rows) == ["Hossein Pishdar"]


def test_a_period_spanning_the_change_shows_both_oldest_first(vaxjo):
    rows = board_during(vaxjo, date(2014, 1, 1), date(2014, 8, 31))
    assert vaxjo_kommun_deputies(rows) == ["Anders Mårtensson", "Hossein Pishdar"]
