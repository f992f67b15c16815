"""One row per budget line: its budget, outcome to date and forecast as three thin bars.

Lying bars under each line's name, so the chart is narrow enough for a phone at its own size
(`WIDTH` units are CSS pixels) and a long line name has the whole width. Lines are grouped
under their section's name. The value axis runs across the top in tkr, with a grid line at
every round tick down through all rows.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from budgets.charts.bars import SERIES
from budgets.charts.parts import (
    FONT,
    LINE,
    Axis,
    BarGroup,
    Series,
    label,
    label_lines,
    legend,
    legend_rows,
    n,
    svg,
    tkr,
    unit,
)

WIDTH = Decimal(360)
BAR, BAR_GAP, ROW_GAP = Decimal(8), Decimal(2), Decimal(10)
TOP = Decimal(44)  # the unit and the tick labels above the rows
NAME_LINES = 2


@dataclass(frozen=True)
class Section:
    """A heading and the lines under it."""

    heading: str
    lines: tuple[BarGroup, ...]


@dataclass(frozen=True)
class _Across:
    """Where a value lies across the chart."""

    axis: Axis
    left: Decimal
    right: Decimal

    def x(self, value: Decimal) -> Decimal:
        return self.left + self.axis.share(value) * (self.right - self.left)


def line_bars_svg(
    title: str, sections: Sequence[Section], series: Sequence[Series] = SERIES
) -> str:
    values = [v for s in sections for g in s.lines for v in g.values]
    axis = Axis.of(values)
    half = axis.label_width() / 2 + 2  # tick labels are centred on their grid lines
    across = _Across(axis, half, WIDTH - half)
    body: list[str] = []
    y = TOP
    for section in sections:
        body.append(label(Decimal(0), y + FONT, section.heading, WIDTH, 1, font_weight="bold"))
        y += LINE + 4
        for group in section.lines:
            rows, y = _line(across, group, series, y)
            body += rows
    body = _ticks(across, y) + body
    body += legend(series, Decimal(0), y + LINE, WIDTH)
    height = y + LINE + (LINE + 3) * (legend_rows(series, WIDTH) - 1) + 8
    return svg(title, WIDTH, height, body, "followup-chart lines-chart")


def _ticks(across: _Across, bottom: Decimal) -> list[str]:
    body = [
        f'<text x="0" y="{n(FONT + 2)}" font-size="{FONT}" font-weight="bold">'
        f"{escape(unit())}</text>"
    ]
    for tick, text in zip(across.axis.ticks, across.axis.labels(), strict=True):
        x = across.x(tick * 1000)
        colour = "#333" if tick == 0 else "#d5d5d5"
        body.append(
            f'<line x1="{n(x)}" y1="{n(TOP - 4)}" x2="{n(x)}" y2="{n(bottom)}" stroke="{colour}"/>'
        )
        body.append(
            f'<text x="{n(x)}" y="{n(TOP - 10)}" text-anchor="middle" font-size="{FONT}">'
            f"{escape(text)}</text>"
        )
    return body


def _line(
    across: _Across, group: BarGroup, series: Sequence[Series], y: Decimal
) -> tuple[list[str], Decimal]:
    """The line's name, then its bars; returns them and where the next line starts."""
    body = [label(across.left, y + FONT, group.label, WIDTH - across.left, NAME_LINES)]
    y += LINE * label_lines(group.label, WIDTH - across.left, NAME_LINES) + 2
    zero = across.x(Decimal(0))
    for value, each in zip(group.values, series, strict=True):
        start, end = sorted((zero, across.x(value)))
        body.append(
            f'<rect x="{n(start)}" y="{n(y)}" width="{n(end - start)}" height="{n(BAR)}" '
            f'fill="{each.colour}" data-value="{value}">'
            f"<title>{escape(group.label)}, {escape(str(each.name))}: "
            f"{escape(tkr(value))} {escape(unit())}</title></rect>"
        )
        y += BAR + BAR_GAP
    return body, y + ROW_GAP - BAR_GAP
