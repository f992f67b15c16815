"""Widths of chart text in Liberation Sans, and wrapping a label to the room it has."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from finsam.lib.textwidth import text_width, wrap_to_width

SIZE = D(12)


def test_widths_follow_the_fonts_metrics_with_a_margin():
    # "000" is three digits of 0,556 em: 20,0 at 12 px, 21,0 with the 5 % margin.
    assert text_width("000", SIZE) == D("21.0168")
    assert text_width("Il", SIZE) < text_width("WM", SIZE)


def test_a_long_line_name_is_wrapped_then_shortened():
    name = "Förbundets administration och styrelsearvoden samt revision"
    assert wrap_to_width(name, D(160), SIZE, 2) == [
        "Förbundets administration",
        "och styrelsearvoden samt…",
    ]
    assert wrap_to_width(name, D(200), SIZE, 2) == [
        "Förbundets administration och",
        "styrelsearvoden samt revision",
    ]
    assert wrap_to_width(name, D(1000), SIZE, 1) == [name]
    assert wrap_to_width("", D(100), SIZE) == [""]


@given(
    st.text(alphabet="abcåäö ÅÄÖ-MWil0123456789", max_size=120),
    st.integers(min_value=40, max_value=600),
    st.integers(min_value=1, max_value=3),
)
def test_wrapped_lines_fit_and_lose_nothing_unmarked(text, width, lines):
    wrapped = wrap_to_width(text, D(width), SIZE, lines)
    assert 1 <= len(wrapped) <= lines
    assert all(text_width(line, SIZE) <= width for line in wrapped)
    if not wrapped[-1].endswith("…"):
        assert "".join(wrapped).replace(" ", "") == text.replace(" ", "")
