"""The budget chart in Finnveden's printed plan: every label is in the PDF, inside the page's
text area, and printed at least as large as 11 CSS px (8,25 pt).

Positions come from `pdftotext -bbox` (poppler), one box per word. The type size is read off
the width of the tick labels' "000": three digits of 0,556 em in Liberation Sans.
"""

import re
import shutil
import subprocess
from decimal import Decimal as D

import pytest

from tests.reports.plan_texts import printed

pytestmark = pytest.mark.django_db

A4_WIDTH, A4_HEIGHT = D("595.28"), D("841.89")
LEFT, RIGHT = D("62.36"), A4_WIDTH - D("56.69")  # @page margins 22 mm and 20 mm
SMALLEST_PT = D("8.25")  # 11 px at 96 px to the inch
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
CHART_WORDS = [
    "tkr",
    *["0", "1", "2", "3", "4", "5", "000"],  # the ticks 0, 1 000 ... 5 000
    "300",  # the balance at the end of 2014, in tkr like the axis
    *["Budget", "2014", "2015"],
    *["Årets", "intäkter", "Kostnader", "Balanserat", "resultat", "vid", "årets", "slut"],
]


def chart_page_words() -> list[tuple[D, D, D, D, str]]:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) saknas")
    _data, _markup, content = printed("finnveden", 2014)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    pages = boxes.split("<page ")[1:]
    (page,) = [p for p in pages if ">tkr</word>" in p and ">2014-2015:</word>" in p]
    words = [(*(D(v) for v in m.groups()[:4]), m.group(5)) for m in WORD.finditer(page)]
    # The chart: from the unit over the axis down to the caption under the chart.
    top = next(w for w in words if w[4] == "tkr")[1]
    caption = next(w for w in words if w[4] == "2014-2015:")[1]
    return [w for w in words if top <= w[1] < caption and w[3] - w[1] < 20]  # not the watermark


def test_every_chart_label_is_printed_inside_the_text_area():
    words = chart_page_words()
    texts = [w[4] for w in words]
    assert all(word in texts for word in CHART_WORDS), set(CHART_WORDS) - set(texts)
    for x_min, y_min, x_max, y_max, text in words:
        assert x_min >= LEFT - 1 and x_max <= RIGHT + 1, text
        assert y_min >= 0 and y_max <= A4_HEIGHT, text


def test_chart_text_is_printed_at_least_11_px():
    zeros = [w for w in chart_page_words() if w[4] == "000"]
    assert len(zeros) == 5  # 1 000 to 5 000
    sizes = {(x_max - x_min) / (3 * D("0.556")) for x_min, _y, x_max, _y2, _t in zeros}
    assert all(size >= SMALLEST_PT for size in sizes), sizes
