"""On a phone (390 px): a date and a form label each stay on one line, and a table that
scrolls sideways does not squeeze its column of prose.

Found in the screenshot pass (docs/screenshots.md): Chromium breaks "2012-01-01" after its
hyphens in a narrow table cell ("2012-" above "01-01"), the budget grid's "Radens namn" broke
between its two words beside the select, and an initiative's decisions table squeezed its last
column (the decision's text) to its longest word, so its row grew tall with empty space beside
it. The browser lays the page out; the test reads where things landed.
"""

import pytest
from django.urls import reverse

from budgets.models import BudgetDocument
from finsam.models import Association
from initiatives.models import Initiative
from tests.browser import log_in
from tests.test_access_sweep import HOME

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Each ISO date in the page's text, and each label's first words: those on more than one line.
BROKEN = r"""() => {
  const lines = range => new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const found of node.data.matchAll(/\d{4}-\d\d-\d\d/g)) {
      const range = document.createRange();
      range.setStart(node, found.index);
      range.setEnd(node, found.index + found[0].length);
      if (lines(range) > 1) broken.push(found[0]);
    }
  }
  for (const label of document.querySelectorAll("main label")) {
    const text = [...label.childNodes].find(n => n.nodeType === 3 && n.data.trim());
    if (!text) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    if (lines(range) > 1) broken.push(text.data.trim());
  }
  return broken;
}"""

# The prose column of a table that scrolls sideways: each cell's width in px (too narrow < 200).
PROSE_WIDTHS = """() => [...document.querySelectorAll(
  "main table.decisions td:last-child")]
  .filter(cell => cell.textContent.trim())
  .map(cell => Math.round(cell.getBoundingClientRect().width))"""


def _phone_page(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    page = context.new_page()
    log_in(page, live_server, "kansli")
    return context, page


def test_dates_and_labels_do_not_break_across_lines_on_a_phone(live_demo, live_server, browser):
    association = Association.objects.get(slug=HOME)
    budget = BudgetDocument.objects.filter(association=association).order_by("pk").first()
    pages = {
        "budget grid": reverse("budgets:document", args=[HOME, budget.pk]),
        "initiatives": reverse("initiatives:list", args=[HOME]),
        "members": reverse("members:memberships", args=[HOME]),
    }
    context, page = _phone_page(browser, live_server)
    broken = {}
    for name, url in pages.items():
        page.goto(live_server.url + url)
        broken[name] = page.evaluate(BROKEN)
    context.close()
    assert broken == {name: [] for name in pages}


def test_a_scrolling_table_keeps_its_prose_column_readable_on_a_phone(
    live_demo, live_server, browser
):
    initiative = Initiative.objects.filter(association__slug=HOME, decisions__isnull=False)[0]
    pages = {"initiative": reverse("initiatives:detail", args=[HOME, initiative.pk])}
    context, page = _phone_page(browser, live_server)
    narrow = {}
    for name, url in pages.items():
        page.goto(live_server.url + url)
        widths = page.evaluate(PROSE_WIDTHS)
        assert widths, f"{name}: no table with a prose column"
        narrow[name] = [width for width in widths if width < 200]
    context.close()
    assert narrow == {name: [] for name in pages}
