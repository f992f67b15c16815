"""What every chart shares: the type size, the unit, text that fits, the value axis, the legend.

Charts are drawn at their own size on screen (one SVG unit is one CSS pixel, the page scrolls
a chart wider than the phone) and at nearly that size in the PDF (A4 less the margins is
635 px for a 640-unit chart), so `FONT` in SVG units is close to the printed size: 12 units
are at least 11 px wherever a chart is shown. Widths of text are computed from the font's
metrics (finsam.lib.textwidth) so margins grow with the labels and nothing is cut off; a
label too long for its place is wrapped, then shortened with "…", and its full text is kept
in a <title>.

Every value axis is in tkr: ticks are round whole tkr (finsam.lib.ticks) and the axis title
says "tkr"; figures printed in a chart are tkr too (one unit per chart).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from finsam.lib import textwidth
from finsam.lib.numbers import format_amount
from finsam.lib.rounding import THOUSAND
from finsam.lib.ticks import ticks_for

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FONT = Decimal(12)
LINE = Decimal(15)  # baseline to baseline
FAMILY = "Liberation Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Series:
    """A named series and the colour it is drawn in."""

    name: "StrOrPromise"  # a lazy string is translated when drawn
    colour: str


@dataclass(frozen=True)
class BarGroup:
    label: str
    values: tuple[Decimal, ...]  # one per series, in kronor


def n(value: Decimal) -> str:
    """A coordinate with one decimal."""
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def tkr(amount: Decimal) -> str:
    """An amount in whole tkr as the axis counts it ("4 412")."""
    return format_amount(amount, thousands=True)


def unit() -> str:
    return _("tkr")


def text_width(text: str) -> Decimal:
    return textwidth.text_width(text, FONT)


def fitted(text: str, width: Decimal, lines: int = 1) -> list[str]:
    """`text` wrapped to at most `lines` lines of `width`, the last shortened with "…"."""
    return textwidth.wrap_to_width(text, width, FONT, lines)


def label(x: Decimal, y: Decimal, text: str, width: Decimal, lines: int = 1, **attrs) -> str:
    """A text of one or more lines starting at baseline `y`; the full text in its <title>
    when it had to be shortened."""
    parts = fitted(text, width, lines)
    extra = "".join(f' {key.replace("_", "-")}="{value}"' for key, value in attrs.items())
    spans = "".join(
        f'<tspan x="{n(x)}" dy="{n(LINE) if index else 0}">{escape(part)}</tspan>'
        for index, part in enumerate(parts)
    )
    title = f"<title>{escape(text)}</title>" if " ".join(parts) != text else ""
    return f'<text x="{n(x)}" y="{n(y)}" font-size="{FONT}"{extra}>{title}{spans}</text>'


def label_lines(text: str, width: Decimal, lines: int) -> int:
    return len(fitted(text, width, lines))


@dataclass(frozen=True)
class Axis:
    """A value axis in kronor, labelled at round whole tkr."""

    ticks: tuple[Decimal, ...]  # in tkr

    @classmethod
    def of(cls, values: Sequence[Decimal]) -> "Axis":
        return cls(ticks_for([value / THOUSAND for value in values]))

    @property
    def low(self) -> Decimal:
        return self.ticks[0] * THOUSAND

    @property
    def high(self) -> Decimal:
        return self.ticks[-1] * THOUSAND

    def share(self, value: Decimal) -> Decimal:
        """Where `value` lies between the lowest and highest tick, 0 to 1."""
        return (value - self.low) / (self.high - self.low)

    def labels(self) -> list[str]:
        return [format_amount(tick) for tick in self.ticks]

    def label_width(self) -> Decimal:
        return max(text_width(text) for text in self.labels())


def legend(series: Sequence[Series], x0: Decimal, y0: Decimal, width: Decimal) -> list[str]:
    """Legend entries left to right, a new row where the next would not fit."""
    items: list[str] = []
    x, y = x0, y0
    for each in series:
        name = str(each.name)
        room = 14 + text_width(name) + 16
        if x > x0 and x + room > x0 + width:
            x, y = x0, y + LINE + 3
        items.append(
            f'<rect x="{n(x)}" y="{n(y - 10)}" width="10" height="10" fill="{each.colour}"/>'
        )
        items.append(f'<text x="{n(x + 14)}" y="{n(y)}" font-size="{FONT}">{escape(name)}</text>')
        x += room
    return items


def legend_rows(series: Sequence[Series], width: Decimal) -> int:
    rows, x = 1, Decimal(0)
    for each in series:
        room = 14 + text_width(str(each.name)) + 16
        if x > 0 and x + room > width:
            rows, x = rows + 1, Decimal(0)
        x += room
    return rows


def svg(
    title: str,
    width: Decimal,
    height: Decimal,
    body: list[str],
    css_class: str,
    description: str | None = None,
) -> str:
    """The chart element: drawn at its own size, named for assistive technology, described
    (by default: its figures are in tkr)."""
    description = description or _("Belopp i tkr.")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n(width)} {n(height)}" '
        f'width="{n(width)}" height="{n(height)}" role="img" aria-label="{escape(title)}" '
        f'class="{css_class}" font-family="{FAMILY}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        + "".join(body)
        + "</svg>"
    )
