"""Swedish dates as the documents print them."""

from datetime import date

import pytest

from finsam.lib.dates import long_date, month_year, period_label, within_text

JAN_1, AUG_31 = date(2014, 1, 1), date(2014, 8, 31)


def test_long_date_and_month():
    assert long_date(date(2014, 10, 15)) == "15 oktober 2014"
    assert month_year(date(2014, 7, 31)) == "juli 2014"


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (JAN_1, AUG_31, "januari – augusti 2014"),
        (JAN_1, date(2014, 4, 30), "januari – april 2014"),
        (date(2014, 8, 1), AUG_31, "augusti 2014"),
        (JAN_1, date(2014, 8, 15), "1 januari 2014 – 15 augusti 2014"),
    ],
)
def test_period_label(start, end, label):
    assert period_label(start, end) == label


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        # Växjö's deputy for Växjö kommun changed at the end of July 2014.
        (date(2011, 1, 1), date(2014, 7, 31), "t.o.m. juli 2014"),
        (date(2014, 8, 1), date(2018, 12, 31), "fr.o.m. augusti 2014"),
        (date(2011, 1, 1), date(2018, 12, 31), ""),
        (date(2011, 1, 1), AUG_31, ""),
        (date(2011, 1, 1), date(2014, 7, 15), "t.o.m. 15 juli 2014"),
        (date(2014, 3, 16), date(2014, 5, 31), "fr.o.m. 16 mars 2014 t.o.m. maj 2014"),
    ],
)
def test_a_seat_within_the_period(start, end, text):
    assert within_text(start, end, JAN_1, AUG_31) == text
