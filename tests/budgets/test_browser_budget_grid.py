"""In the browser: staff edit a figure of Finnveden's budget and see the totals change live;
a figure someone else changed meanwhile is refused with the current value."""

import pytest
from playwright.sync_api import expect

from budgets.models import BudgetAmount, BudgetDocument
from tests.browser import log_in

pytestmark = pytest.mark.browser
NBSP = "\u00a0"


def _open_grid(page, live_server):
    log_in(page, live_server, "kansli")
    document = BudgetDocument.objects.get(association__slug="finnveden")
    page.goto(f"{live_server.url}/finnveden/budget/{document.pk}/")
    return document


def test_editing_a_figure_updates_the_totals_without_reload(live_demo, live_server, page):
    document = _open_grid(page, live_server)
    column = document.columns.get(year=2014)
    line = document.lines.get(label="Kansli")
    page.evaluate("window.notReloaded = true")
    cell = page.locator(f"#c{column.pk}-l{line.pk}")
    cell.click()
    page.keyboard.type("435 000")
    page.keyboard.press("Enter")
    expect(page.locator(f"#c{column.pk}-cost")).to_have_text(f"4{NBSP}422{NBSP}000")
    assert page.locator(f"#c{column.pk}-res").inner_text() == f"290{NBSP}000"
    assert page.evaluate("window.notReloaded") is True
    # Enter moved the focus down to the next line (Styrelse).
    styrelse = document.lines.get(label="Styrelse")
    assert page.evaluate("document.activeElement.id") == f"c{column.pk}-l{styrelse.pk}"
    assert BudgetAmount.objects.get(line=line, column=column).amount == 435_000


def test_a_stale_edit_is_refused_in_the_browser(live_demo, live_server, page):
    document = _open_grid(page, live_server)
    column = document.columns.get(year=2014)
    line = document.lines.get(label="Revision")
    # Someone else saves the figure after this page was loaded.
    BudgetAmount.objects.filter(line=line, column=column).update(amount=22_000)
    cell = page.locator(f"#c{column.pk}-l{line.pk}")
    cell.fill("25000")
    cell.press("Tab")
    expect(page.locator("#grid-status")).to_contain_text("ändrats")
    status = page.locator("#grid-status").inner_text()
    assert f"Nuvarande värde: 22{NBSP}000" in status
    assert cell.input_value() == f"22{NBSP}000"
    assert BudgetAmount.objects.get(line=line, column=column).amount == 22_000


def test_arrow_keys_and_tab_move_like_a_spreadsheet(live_demo, live_server, page):
    document = _open_grid(page, live_server)
    b14, b15 = document.columns.get(year=2014), document.columns.get(year=2015)
    kansli, styrelse = document.lines.get(label="Kansli"), document.lines.get(label="Styrelse")
    page.locator(f"#c{b14.pk}-l{kansli.pk}").click()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == f"c{b14.pk}-l{styrelse.pk}"
    page.keyboard.press("ArrowRight")  # the whole figure is selected: move right
    assert page.evaluate("document.activeElement.id") == f"c{b15.pk}-l{styrelse.pk}"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == f"c{b15.pk}-l{kansli.pk}"
    page.keyboard.type("12639324")
    page.keyboard.press("Tab")
    expect(page.locator(f"#c{b15.pk}-cost")).to_have_text(f"15{NBSP}901{NBSP}324")
