"""Goal fulfilment: one bar per goal, its length the measured value as a share of the target.

The goal's name stands to the left (at most `LABEL_WIDTH`, shortened with its full text in a
<title>), the measured value and target to the right of the bar; both margins are as wide as
their longest text so a bar drawn at one and a half targets still leaves room for its text.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.translation import gettext as _

from budgets.charts.parts import FONT, label, n, svg, text_width

WIDTH = Decimal(640)
ROW, LABEL_WIDTH, TOP, GAP = Decimal(28), Decimal(270), Decimal(20), Decimal(6)
MET, NOT_MET = "#3d7a3d", "#d08c2c"


@dataclass(frozen=True)
class Progress:
    """One goal's measured value against its target, and the text printed beside the bar."""

    label: str
    measured: Decimal
    target: Decimal
    text: str  # e.g. "29 % (mål: minst 30 %)"
    met: bool


def progress_svg(title: str, items: Sequence[Progress]) -> str:
    """The dashed line is the target; a value beyond it is drawn up to one and a half."""
    height = TOP + ROW * len(items) + Decimal(24)
    names = min(max([text_width(i.label) for i in items] or [Decimal(0)]), LABEL_WIDTH)
    texts = max([text_width(i.text) for i in items] or [Decimal(0)]) + GAP
    start = names + GAP
    reach = (WIDTH - start - texts - GAP) * 2 / 3  # the width of 100 % of target
    body: list[str] = []
    for index, item in enumerate(items):
        body += _row(item, TOP + ROW * index, start, names, reach)
    target_x = start + reach
    body += [
        f'<line x1="{n(target_x)}" y1="{n(TOP - 6)}" x2="{n(target_x)}" '
        f'y2="{n(height - 20)}" stroke="#333" stroke-dasharray="4 3"/>',
        f'<text x="{n(target_x)}" y="{n(height - 6)}" text-anchor="middle" '
        f'font-size="{FONT}">{escape(_("Mål"))}</text>',
    ]
    described = _("Uppmätt värde mot målet; streckad linje: målet.")
    return svg(title, WIDTH, height, body, "goal-chart", described)


def _row(item: Progress, y: Decimal, start: Decimal, names: Decimal, reach: Decimal) -> list:
    share = min(item.measured / item.target, Decimal("1.5")) if item.target else Decimal(0)
    width = max(reach * share, Decimal(0))
    return [
        label(start - GAP, y + 15, item.label, names, 1, text_anchor="end"),
        f'<rect x="{n(start)}" y="{n(y + 4)}" width="{n(width)}" height="14" '
        f'fill="{MET if item.met else NOT_MET}"><title>{escape(item.label)}: '
        f"{escape(item.text)}</title></rect>",
        f'<text x="{n(start + width + 4)}" y="{n(y + 15)}" font-size="{FONT}">'
        f"{escape(item.text)}</text>",
    ]
