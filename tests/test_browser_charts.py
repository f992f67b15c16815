"""Charts as a browser draws them, on a laptop (1366 px) and a phone (390 px): every chart text
at least 11 px once the drawing is scaled, none outside its drawing, and the page itself no
wider than the screen (a chart wider than a phone scrolls in its own frame)."""

import pytest

from budgets.models import BudgetDocument
from reports.models import Report
from tests.browser import log_in

pytestmark = pytest.mark.browser

# The size a text is drawn at: its font size times the drawing's scale (shown / viewBox).
DRAWN_SIZES = """() => Array.from(document.querySelectorAll('svg[role=img] text')).map(t => {
    const svg = t.ownerSVGElement;
    return parseFloat(getComputedStyle(t).fontSize)
        * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; })"""
OUTSIDE = """() => Array.from(document.querySelectorAll('svg[role=img] text')).filter(t => {
    const b = t.getBBox(), v = t.ownerSVGElement.viewBox.baseVal;
    return b.x < -0.5 || b.y < -0.5 || b.x + b.width > v.width + 0.5
        || b.y + b.height > v.height + 0.5; }).map(t => t.textContent)"""
TOO_WIDE = "document.documentElement.scrollWidth > window.innerWidth"


@pytest.mark.parametrize("width", [1366, 390])
def test_charts_are_legible_and_whole(live_demo, live_server, page, width):
    vaxjo = BudgetDocument.objects.get(association__slug="vaxjo")
    plan = Report.objects.get(association__slug="finnveden", kind="verksamhetsplan")
    pages = {
        f"/vaxjo/budget/{vaxjo.pk}/uppfoljning/": 3,
        f"/finnveden/rapporter/{plan.pk}/": 1,
    }
    log_in(page, live_server, "kansli")
    page.set_viewport_size({"width": width, "height": 900})
    for url, charts in pages.items():
        page.goto(live_server.url + url)
        assert page.locator("svg[role=img]").count() == charts, url
        assert min(page.evaluate(DRAWN_SIZES)) >= 11, url
        assert page.evaluate(OUTSIDE) == [], url
        assert not page.evaluate(TOO_WIDE), url
