"""Upright charts over a row of groups: grouped bars (the follow-up's budget, outcome to date
and forecast per section; a report's revenue and costs per year) with an optional line over
them (the carried-forward balance), and a line alone (`balance_svg`).

The value axis is vertical, in tkr, with a grid line at every round tick; the left margin is
as wide as the widest tick label, group labels take up to two lines under their group.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.translation import gettext_lazy

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

WIDTH = Decimal(640)
PLOT = Decimal(220)  # the height of the plot area
TOP, RIGHT, GAP = Decimal(30), Decimal(10), Decimal(8)
GROUP_LINES = 2

SERIES = (
    Series(gettext_lazy("Budget"), "#7a9cc6"),
    Series(gettext_lazy("Utfall hittills"), "#2f5d8a"),
    Series(gettext_lazy("Prognos helår"), "#d08c2c"),
)


@dataclass(frozen=True)
class LineSeries:
    """A series drawn as a line over the bar groups: one value per group."""

    series: Series
    values: tuple[Decimal, ...]


@dataclass(frozen=True)
class _Frame:
    """The plot area of one chart: where the axis puts a value, where group `i` sits."""

    axis: Axis
    left: Decimal
    width: Decimal
    count: int

    @property
    def slot(self) -> Decimal:
        return (self.width - RIGHT - self.left) / max(self.count, 1)

    def y(self, value: Decimal) -> Decimal:
        return TOP + PLOT - self.axis.share(value) * PLOT

    def centre(self, index: int) -> Decimal:
        return self.left + self.slot * index + self.slot / 2


def _frame(values: Sequence[Decimal], count: int, width: Decimal) -> _Frame:
    axis = Axis.of(values)
    return _Frame(axis, axis.label_width() + GAP * 2, width, count)


def _axis(frame: _Frame) -> list[str]:
    """Grid lines and labels at the ticks, the zero line darker, the unit over the labels."""
    body = [
        f'<text x="{n(frame.left - GAP)}" y="{n(TOP - 14)}" text-anchor="end" '
        f'font-size="{FONT}" font-weight="bold">{escape(unit())}</text>'
    ]
    for tick, text in zip(frame.axis.ticks, frame.axis.labels(), strict=True):
        y = frame.y(tick * 1000)
        colour = "#333" if tick == 0 else "#d5d5d5"
        body.append(
            f'<line x1="{n(frame.left)}" y1="{n(y)}" x2="{n(frame.width - RIGHT)}" '
            f'y2="{n(y)}" stroke="{colour}"/>'
        )
        body.append(
            f'<text x="{n(frame.left - GAP)}" y="{n(y + 4)}" text-anchor="end" '
            f'font-size="{FONT}">{escape(text)}</text>'
        )
    return body


def _under(frame: _Frame, labels: Sequence[str], series: Sequence[Series]) -> tuple[list, Decimal]:
    """Group labels under the plot and the legend under them; the height they all take."""
    body: list[str] = []
    room = frame.slot - 4
    for index, text in enumerate(labels):
        body.append(
            label(
                frame.centre(index), TOP + PLOT + 16, text, room, GROUP_LINES, text_anchor="middle"
            )
        )
    lines = max([label_lines(text, room, GROUP_LINES) for text in labels] or [1])
    legend_top = TOP + PLOT + 16 + LINE * lines + GAP
    if not series:
        return body, legend_top
    body += legend(series, frame.left, legend_top, frame.width - RIGHT - frame.left)
    rows = legend_rows(series, frame.width - RIGHT - frame.left)
    return body, legend_top + (LINE + 3) * (rows - 1) + GAP


def bars_svg(
    title: str,
    groups: Sequence[BarGroup],
    series: Sequence[Series] = SERIES,
    line: LineSeries | None = None,
    css_class: str = "followup-chart",
    width: Decimal = WIDTH,
) -> str:
    """Grouped bars, one group per label and one bar per series, and an optional line over
    the groups (its points at the groups' centres)."""
    values = [v for g in groups for v in g.values] + list(line.values if line else ())
    frame = _frame(values, len(groups), width)
    body = _axis(frame)
    for index, group in enumerate(groups):
        body += _group_bars(frame, index, group, series)
    if line and groups:
        body += _line(frame, line)
    under, height = _under(frame, [g.label for g in groups], [*series, *_line_series(line)])
    return svg(title, width, height, body + under, css_class)


def _line_series(line: LineSeries | None) -> list[Series]:
    return [line.series] if line else []


def _group_bars(frame: _Frame, index: int, group: BarGroup, series: Sequence[Series]) -> list:
    bar = frame.slot * Decimal("0.8") / len(series)
    x0 = frame.left + frame.slot * index + frame.slot * Decimal("0.1")
    body = []
    for number, (value, each) in enumerate(zip(group.values, series, strict=True)):
        top, bottom = frame.y(max(value, Decimal(0))), frame.y(min(value, Decimal(0)))
        body.append(
            f'<rect x="{n(x0 + bar * number)}" y="{n(top)}" width="{n(bar - 1)}" '
            f'height="{n(bottom - top)}" fill="{each.colour}" data-value="{value}">'
            f"<title>{escape(group.label)}, {escape(str(each.name))}: "
            f"{escape(tkr(value))} {escape(unit())}</title></rect>"
        )
    return body


def _points(frame: _Frame, values: Sequence[Decimal], colour: str, name: str) -> list[str]:
    coords = [(frame.centre(i), frame.y(value)) for i, value in enumerate(values)]
    path = " ".join(f"{n(x)},{n(y)}" for x, y in coords)
    body = [f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>']
    for (x, y), value in zip(coords, values, strict=True):
        dot = "#b3261e" if value < 0 else colour
        body.append(
            f'<circle cx="{n(x)}" cy="{n(y)}" r="4" fill="{dot}">'
            f"<title>{escape(name)}: {escape(tkr(value))} {escape(unit())}</title></circle>"
        )
        body.append(
            f'<text x="{n(x)}" y="{n(y - 8)}" text-anchor="middle" font-size="{FONT}">'
            f"{escape(tkr(value))}</text>"
        )
    return body


def _line(frame: _Frame, line: LineSeries) -> list[str]:
    return _points(frame, line.values, line.series.colour, str(line.series.name))


BALANCE = Series(gettext_lazy("Balanserat resultat"), "#2f5d8a")


def balance_svg(title: str, points: Sequence[tuple[str, Decimal]], width: Decimal = WIDTH) -> str:
    """The carried-forward balance (each column's closing) as a line with labelled points."""
    frame = _frame([value for _label, value in points], len(points), width)
    body = _axis(frame)
    if points:
        body += _points(frame, [v for _l, v in points], BALANCE.colour, str(BALANCE.name))
    under, height = _under(frame, [text for text, _v in points], [])
    return svg(title, width, height, body + under, "followup-chart")
