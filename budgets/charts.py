"""Charts as SVG text, drawn on the server so the same picture goes into pages and PDFs.

Pure: figures in, an SVG string out. Coordinates are computed with Decimal and printed with
one decimal; labels are escaped. Grouped bars take any series (the follow-up's budget,
outcome to date and forecast per section; a report's revenue and costs per year), with an
optional line drawn over the groups (the carried-forward balance); `balance_svg` draws a
line alone.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.lib.numbers import format_amount

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

WIDTH, HEIGHT = Decimal(640), Decimal(300)
LEFT, RIGHT, TOP, BOTTOM = Decimal(70), Decimal(10), Decimal(20), Decimal(60)


@dataclass(frozen=True)
class Series:
    """A named series and the colour it is drawn in."""

    name: "StrOrPromise"  # a lazy string is translated when drawn
    colour: str


SERIES = (
    Series(gettext_lazy("Budget"), "#7a9cc6"),
    Series(gettext_lazy("Utfall hittills"), "#2f5d8a"),
    Series(gettext_lazy("Prognos helår"), "#d08c2c"),
)


@dataclass(frozen=True)
class BarGroup:
    label: str
    values: tuple[Decimal, ...]  # one per series


@dataclass(frozen=True)
class LineSeries:
    """A series drawn as a line over the bar groups: one value per group."""

    series: Series
    values: tuple[Decimal, ...]


def _n(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _scale(values: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    """The lowest and highest value the axis shows (always including zero)."""
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    return low, high if high != low else low + 1


def _y(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    plot = HEIGHT - TOP - BOTTOM
    return TOP + plot - (value - low) * plot / (high - low)


def _tkr(amount: Decimal) -> str:
    return _("%(amount)s tkr") % {"amount": format_amount(amount, thousands=True)}


def _frame(
    title: str, body: list[str], low: Decimal, high: Decimal, css_class: str = "followup-chart"
) -> str:
    zero = _y(Decimal(0), low, high)
    axis = [
        f'<line x1="{_n(LEFT)}" y1="{_n(zero)}" x2="{_n(WIDTH - RIGHT)}" y2="{_n(zero)}" '
        'stroke="#333"/>',
        f'<text x="{_n(LEFT - 4)}" y="{_n(_y(high, low, high) + 4)}" text-anchor="end" '
        'font-size="11">'
        f"{escape(_tkr(high))}</text>",
        f'<text x="{_n(LEFT - 4)}" y="{_n(zero + 4)}" text-anchor="end" font-size="11">0</text>',
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(WIDTH)} {_n(HEIGHT)}" '
        f'role="img" aria-label="{escape(title)}" class="{css_class}" '
        'font-family="Liberation Sans, Arial, sans-serif">'
        f"<title>{escape(title)}</title>" + "".join(axis + body) + "</svg>"
    )


def bars_svg(
    title: str,
    groups: Sequence[BarGroup],
    series: Sequence[Series] = SERIES,
    line: LineSeries | None = None,
    css_class: str = "followup-chart",
) -> str:
    """Grouped bars, one group per label and one bar per series, and an optional line over
    the groups (its points at the groups' centres)."""
    values = [v for g in groups for v in g.values] + list(line.values if line else ())
    low, high = _scale(values)
    body: list[str] = []
    if groups:
        slot = (WIDTH - LEFT - RIGHT) / len(groups)
        for index, group in enumerate(groups):
            body += _group_bars(group, series, LEFT + slot * index, slot, low, high)
        if line:
            centres = [LEFT + slot * i + slot / 2 for i in range(len(groups))]
            body += _line(line, centres, low, high)
    legend = [*series, line.series] if line else list(series)
    body += _legend(legend)
    return _frame(title, body, low, high, css_class)


def _group_bars(group, series, left, slot, low, high) -> list[str]:
    bar = slot * Decimal("0.8") / len(series)
    x0 = left + slot * Decimal("0.1")
    body = []
    for number, (value, each) in enumerate(zip(group.values, series, strict=True)):
        top = _y(max(value, Decimal(0)), low, high)
        zero = _y(min(value, Decimal(0)), low, high)
        body.append(
            f'<rect x="{_n(x0 + bar * number)}" y="{_n(top)}" width="{_n(bar - 1)}" '
            f'height="{_n(zero - top)}" fill="{each.colour}">'
            f"<title>{escape(group.label)}, {escape(str(each.name))}: "
            f"{escape(format_amount(value))} kr</title></rect>"
        )
    body.append(
        f'<text x="{_n(x0 + bar * len(series) / 2)}" y="{_n(HEIGHT - BOTTOM + 14)}" '
        f'text-anchor="middle" font-size="11">{escape(group.label[:24])}</text>'
    )
    return body


def _line(line: LineSeries, centres: Sequence[Decimal], low, high) -> list[str]:
    coords = [(x, _y(value, low, high)) for x, value in zip(centres, line.values, strict=True)]
    path = " ".join(f"{_n(x)},{_n(y)}" for x, y in coords)
    colour = line.series.colour
    body = [f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>']
    for (x, y), value in zip(coords, line.values, strict=True):
        body.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{colour}">'
            f"<title>{escape(str(line.series.name))}: {escape(format_amount(value))} kr</title>"
            "</circle>"
        )
        body.append(
            f'<text x="{_n(x)}" y="{_n(y - 8)}" text-anchor="middle" font-size="11">'
            f"{escape(_tkr(value))}</text>"
        )
    return body


def _legend(series: Sequence[Series]) -> list[str]:
    items = []
    step = (WIDTH - LEFT - RIGHT) / max(len(series), 1)
    for index, each in enumerate(series):
        x = LEFT + step * index
        y = HEIGHT - Decimal(22)
        items.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="10" height="10" fill="{each.colour}"/>')
        items.append(
            f'<text x="{_n(x + 14)}" y="{_n(y + 9)}" font-size="11">{escape(str(each.name))}</text>'
        )
    return items


def balance_svg(title: str, points: Sequence[tuple[str, Decimal]]) -> str:
    """The carried-forward balance (each column's closing) as a line with labelled points."""
    low, high = _scale([value for _label, value in points])
    body: list[str] = []
    if points:
        step = (WIDTH - LEFT - RIGHT) / len(points)
        coords = [
            (LEFT + step * i + step / 2, _y(value, low, high))
            for i, (_label, value) in enumerate(points)
        ]
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in coords)
        body.append(f'<polyline points="{path}" fill="none" stroke="#2f5d8a" stroke-width="2"/>')
        for (x, y), (label, value) in zip(coords, points, strict=True):
            colour = "#b3261e" if value < 0 else "#2f5d8a"
            body.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{colour}"/>')
            body.append(
                f'<text x="{_n(x)}" y="{_n(y - 8)}" text-anchor="middle" font-size="11">'
                f"{escape(format_amount(value))}</text>"
            )
            body.append(
                f'<text x="{_n(x)}" y="{_n(HEIGHT - BOTTOM + 14)}" text-anchor="middle" '
                f'font-size="11">{escape(label)}</text>'
            )
    return _frame(title, body, low, high)


@dataclass(frozen=True)
class Progress:
    """One goal's measured value against its target, and the text printed beside the bar."""

    label: str
    measured: Decimal
    target: Decimal
    text: str  # e.g. "29 % (mål: minst 30 %)"
    met: bool


ROW, LABEL_WIDTH, TEXT_WIDTH = Decimal(28), Decimal(270), Decimal(140)
MET, NOT_MET = "#3d7a3d", "#d08c2c"


def progress_svg(title: str, items: Sequence[Progress]) -> str:
    """Goal fulfilment: one bar per goal, its length the measured value as a share of the
    target (the dashed line is the target; a value beyond it is drawn up to one and a half)."""
    height = TOP + ROW * len(items) + Decimal(24)
    reach = (WIDTH - LABEL_WIDTH - TEXT_WIDTH - RIGHT) * 2 / 3  # the width of 100 % of target
    body: list[str] = []
    for index, item in enumerate(items):
        body += _progress_row(item, TOP + ROW * index, reach)
    target_x = LABEL_WIDTH + reach
    body += [
        f'<line x1="{_n(target_x)}" y1="{_n(TOP - 6)}" x2="{_n(target_x)}" '
        f'y2="{_n(height - 20)}" stroke="#333" stroke-dasharray="4 3"/>',
        f'<text x="{_n(target_x)}" y="{_n(height - 6)}" text-anchor="middle" '
        f'font-size="11">{escape(_("Mål"))}</text>',
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(WIDTH)} {_n(height)}" '
        f'role="img" aria-label="{escape(title)}" class="goal-chart" '
        'font-family="Liberation Sans, Arial, sans-serif">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _progress_row(item: Progress, y: Decimal, reach: Decimal) -> list[str]:
    share = min(item.measured / item.target, Decimal("1.5")) if item.target else Decimal(0)
    width = max(reach * share, Decimal(0))
    label = item.label if len(item.label) <= 44 else item.label[:43].rstrip() + "…"
    return [
        f'<text x="{_n(LABEL_WIDTH - 6)}" y="{_n(y + 14)}" text-anchor="end" '
        f'font-size="10">{escape(label)}</text>',
        f'<rect x="{_n(LABEL_WIDTH)}" y="{_n(y + 4)}" width="{_n(width)}" height="14" '
        f'fill="{MET if item.met else NOT_MET}"><title>{escape(item.label)}: '
        f"{escape(item.text)}</title></rect>",
        f'<text x="{_n(LABEL_WIDTH + width + 4)}" y="{_n(y + 15)}" font-size="10">'
        f"{escape(item.text)}</text>",
    ]
