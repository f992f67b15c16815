"""How wide a text is in Liberation Sans (Arial's metrics), to lay out server-drawn charts.

An SVG drawn on the server cannot ask the browser or WeasyPrint how wide its labels will be,
so margins and wrapping are computed here from the font's advance widths (thousandths of an
em, the same for Liberation Sans and Arial), rounded up by `SAFETY` so a label estimated to
fit does fit. Characters not in the table count as wide as an "M".
"""

from decimal import Decimal

SAFETY = Decimal("1.05")
ELLIPSIS = "…"
_WIDE = 833
_WIDTHS = {
    **dict.fromkeys(" I.,:;/!'|\u00a0", 278),
    **dict.fromkeys("ijl", 222),
    **dict.fromkeys("ftr-()[]", 333),
    **dict.fromkeys("0123456789abdeghnopquåäöæøüéè$#?_+=<>~", 556),
    **dict.fromkeys('cksvxyzJ"*', 500),
    **dict.fromkeys("&ABEKPSVXYÅÄ", 667),
    **dict.fromkeys("FTZL", 611),
    **dict.fromkeys("CDHNRUw", 722),
    **dict.fromkeys("GOQÖ", 778),
    **dict.fromkeys("mM%", 833),
    "W": 944,
    ELLIPSIS: 1000,
    "\u2212": 584,
    "–": 556,
    "—": 1000,
}


def text_width(text: str, size: Decimal) -> Decimal:
    """The advance width of `text` set at `size` (in the same unit as `size`)."""
    thousandths = sum(_WIDTHS.get(char, _WIDE) for char in text)
    return Decimal(thousandths) * size * SAFETY / 1000


def wrap_to_width(text: str, width: Decimal, size: Decimal, lines: int = 1) -> list[str]:
    """`text` broken between words into at most `lines` lines no wider than `width`; what
    does not fit is left out and the last line ends in "…". A word wider than a whole line
    is cut."""
    result: list[str] = []
    words = text.split()
    while words and len(result) < lines:
        line, words = _fill(words, width, size)
        result.append(line)
    if words:
        result[-1] = _shortened(f"{result[-1]} {' '.join(words)}", width, size)
    return result or [""]


def _fill(words: list[str], width: Decimal, size: Decimal) -> tuple[str, list[str]]:
    """As many of `words` as fit one line (at least part of the first), and the rest."""
    line = words[0]
    if text_width(line, size) > width:
        cut = _cut(line, width, size)
        return cut, [line[len(cut) :], *words[1:]]
    taken = 1
    while taken < len(words) and text_width(f"{line} {words[taken]}", size) <= width:
        line = f"{line} {words[taken]}"
        taken += 1
    return line, words[taken:]


def _cut(word: str, width: Decimal, size: Decimal) -> str:
    end = len(word)
    while end > 1 and text_width(word[:end], size) > width:
        end -= 1
    return word[:end]


def _shortened(text: str, width: Decimal, size: Decimal) -> str:
    end = len(text)
    while end > 1 and text_width(text[:end].rstrip() + ELLIPSIS, size) > width:
        end -= 1
    return text[:end].rstrip() + ELLIPSIS
