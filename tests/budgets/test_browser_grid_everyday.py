"""In the browser, the grid as office staff use a spreadsheet: messages at the cell, arrow
keys, a block pasted from Excel in one save, undo, a conflict showing both figures, an
expired session that keeps what was typed, sticky headers and a line added from the grid."""

from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from budgets.models import BudgetAmount, BudgetDocument
from budgets.services import budget_amount_set
from tests.browser import log_in

pytestmark = pytest.mark.browser
NBSP = "\u00a0"


def _open_grid(page, live_server):
    log_in(page, live_server, "kansli")
    document = BudgetDocument.objects.get(association__slug="finnveden")
    page.goto(f"{live_server.url}/finnveden/budget/{document.pk}/")
    return document


def _cell_id(document, label, year) -> str:
    line = document.lines.get(label=label)
    return f"c{document.columns.get(year=year).pk}-l{line.pk}"


def _stored(document, label, year):
    row = BudgetAmount.objects.filter(
        line__document=document, line__label=label, column__year=year
    ).first()
    return None if row is None else row.amount


def _active(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_a_refused_figure_is_named_at_the_cell_and_kept_for_correction(
    live_demo, live_server, page
):
    document = _open_grid(page, live_server)
    key = _cell_id(document, "Kansli", 2014)
    cell = page.locator(f"#{key}")
    cell.fill("302 600,50")
    cell.press("Tab")
    note = page.locator(f"#{key}-note")
    expect(note).to_have_text("Kansli, Budget 2014: ange hela kronor (302 600,50 kr).")
    expect(page.locator("#grid-status")).to_contain_text("Kansli, Budget 2014")
    assert cell.get_attribute("aria-describedby") == f"{key}-note"
    assert cell.get_attribute("aria-invalid") == "true"
    assert cell.input_value() == "302 600,50"  # kept, to be corrected
    assert _stored(document, "Kansli", 2014) == 425_000
    # Saving another figure meanwhile (its answer refreshes the grid) keeps the refused text.
    styrelse = page.locator(f"#{_cell_id(document, 'Styrelse', 2014)}")
    styrelse.fill("61000")
    styrelse.press("Enter")
    expect(page.locator(f"#{_cell_id(document, 'Styrelse', 2014)}-note")).to_have_text("Sparat.")
    assert cell.input_value() == "302 600,50"
    cell.fill("302 600")
    cell.press("Enter")
    expect(note).to_have_text("Sparat.")  # at the cell, not above the table
    assert cell.get_attribute("aria-invalid") is None
    assert _stored(document, "Kansli", 2014) == 302_600


def test_left_and_right_move_only_from_the_ends_of_the_text(live_demo, live_server, page):
    document = _open_grid(page, live_server)
    b14 = _cell_id(document, "Kansli", 2014)
    b15 = _cell_id(document, "Kansli", 2015)
    page.locator(f"#{b14}").click()
    page.keyboard.type("12345")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")  # the caret moves within the figure
    assert _active(page) == b14
    assert page.evaluate("document.activeElement.selectionStart") == 1
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # at the start: to the cell on the left (none here)
    assert _active(page) == b14
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    assert _active(page) == b15
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")
    assert _active(page) == b14
    expect(page.locator(f"#{b14}-note")).to_have_text("Sparat.")
    assert _stored(document, "Kansli", 2014) == 12_345


PASTE = """(text) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  document.activeElement.dispatchEvent(
    new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def test_a_block_from_excel_fills_right_and_down_in_one_save(live_demo, live_server, page):
    document = _open_grid(page, live_server)
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.locator(f"#{_cell_id(document, 'Kansli', 2014)}").click()
    styrelse = _stored(document, "Styrelse", 2014)
    block = f"430 000\t431{NBSP}000\r\nabc\t302600\r\n"  # as Excel copies it
    page.evaluate(PASTE, block)
    refused = page.locator(f"#{_cell_id(document, 'Styrelse', 2014)}-note")
    expect(refused).to_contain_text("Styrelse, Budget 2014: ”abc” är inte ett belopp")
    expect(page.locator("#grid-status")).to_contain_text("3 belopp sparade")
    expect(page.locator("#grid-status")).to_contain_text("Styrelse, Budget 2014")
    assert page.locator(f"#{_cell_id(document, 'Styrelse', 2014)}").input_value() == "abc"
    assert len(posts) == 1 and posts[0].endswith("/klistra-in/")
    assert _stored(document, "Kansli", 2014) == 430_000
    assert _stored(document, "Kansli", 2015) == 431_000
    assert _stored(document, "Styrelse", 2015) == 302_600
    assert _stored(document, "Styrelse", 2014) == styrelse
    column = document.columns.get(year=2014)
    expect(page.locator(f"#c{column.pk}-cost")).to_have_text(f"4{NBSP}417{NBSP}000")
    # Undo puts the whole block back, in one more save.
    page.locator("#grid-undo").click()
    expect(page.locator("#grid-status")).to_have_text("Ångrat.")
    assert _stored(document, "Kansli", 2014) == 425_000
    assert _stored(document, "Styrelse", 2015) != 302_600


def test_undo_with_ctrl_z_and_the_button_refusing_a_figure_changed_since(
    live_demo, live_server, page
):
    document = _open_grid(page, live_server)
    key = _cell_id(document, "Kansli", 2014)
    page.locator(f"#{key}").fill("435000")
    page.locator(f"#{key}").press("Enter")
    expect(page.locator(f"#{key}-note")).to_have_text("Sparat.")
    assert _stored(document, "Kansli", 2014) == 435_000
    page.locator("h1").click()  # focus outside any text edit
    page.keyboard.press("Control+z")
    expect(page.locator(f"#{key}-note")).to_have_text("Ångrat.")
    assert _stored(document, "Kansli", 2014) == 425_000
    line = document.lines.get(label="Kansli")
    amounts = [h.amount for h in BudgetAmount.history.filter(line=line, column__year=2014)]
    assert amounts[:3] == [425_000, 435_000, 425_000]  # history shows the change and the undo
    # Change again; someone else changes it; the button refuses to undo over their figure.
    page.locator(f"#{key}").fill("436000")
    page.locator(f"#{key}").press("Tab")
    expect(page.locator(f"#{key}-note")).to_have_text("Sparat.")
    column = document.columns.get(year=2014)
    budget_amount_set(
        line=line, column=column, amount=Decimal(500_000), expected=Decimal(436_000), user=None
    )
    page.locator("#grid-undo").click()
    expect(page.locator(f"#{key}-note")).to_contain_text("Kunde inte ångra")
    expect(page.locator(f"#{key}-note")).to_contain_text(f"sparat av annan: 500{NBSP}000")
    assert _stored(document, "Kansli", 2014) == 500_000


def test_a_conflict_shows_both_figures_and_refreshes_the_totals(live_demo, live_server, page):
    document = _open_grid(page, live_server)
    line = document.lines.get(label="Revision")
    column = document.columns.get(year=2014)
    was = _stored(document, "Revision", 2014)
    budget_amount_set(line=line, column=column, amount=Decimal(30_000), expected=was, user=None)
    key = _cell_id(document, "Revision", 2014)
    cell = page.locator(f"#{key}")
    cell.fill("25000")
    cell.press("Tab")
    note = page.locator(f"#{key}-note")
    expect(note).to_contain_text(f"Ditt värde: 25000 – sparat av annan: 30{NBSP}000")
    # The totals are the server's, with the other person's figure: 4 412 000 - 21 000 + 30 000.
    assert was == 21_000
    expect(page.locator(f"#c{column.pk}-cost")).to_have_text(f"4{NBSP}421{NBSP}000")
    note.get_by_role("button", name="Använd mitt värde").click()
    expect(note).to_have_text("Sparat.")
    assert _stored(document, "Revision", 2014) == 25_000


def test_an_expired_session_keeps_the_figure_to_save_after_signing_in(live_demo, live_server, page):
    document = _open_grid(page, live_server)
    Session.objects.all().delete()  # the session expires while the grid is open
    key = _cell_id(document, "Kansli", 2014)
    cell = page.locator(f"#{key}")
    cell.fill("433000")
    cell.press("Tab")
    note = page.locator(f"#{key}-note")
    expect(note).to_contain_text("Du har loggats ut – logga in igen")
    link = note.get_by_role("link")
    assert link.get_attribute("href") == "/konto/login/"
    assert link.get_attribute("target") == "_blank"
    assert cell.input_value() == "433000"
    assert _stored(document, "Kansli", 2014) == 425_000
    # Signing in again in another tab, then saving again from the grid.
    other = page.context.new_page()
    log_in(other, live_server, "kansli")
    other.close()
    note.get_by_role("button", name="Spara igen").click()
    expect(note).to_have_text("Sparat.")
    assert _stored(document, "Kansli", 2014) == 433_000


def test_headers_stay_in_view_and_a_line_is_added_from_the_grid(live_demo, live_server, page):
    document = _open_grid(page, live_server)
    page.set_viewport_size({"width": 800, "height": 500})
    sticky = page.evaluate(
        """() => [document.querySelector('#budget-grid thead th:nth-child(2)'),
                  document.querySelector('#budget-grid tbody tr:not(.heading) th')]
                 .map(e => getComputedStyle(e).position)"""
    )
    assert sticky == ["sticky", "sticky"]
    box = page.locator(".grid-scroll")
    box.evaluate("e => { e.scrollTop = 400; e.scrollLeft = 300; }")
    header = page.locator("#budget-grid thead th").nth(1).bounding_box()
    name = page.locator("#budget-grid tbody tr:not(.heading) th").last.bounding_box()
    frame = box.bounding_box()
    assert abs(header["y"] - frame["y"]) < 2  # the header row still at the top of the box
    assert abs(name["x"] - frame["x"]) < 2  # the row names still at its left edge
    new_line = page.locator("form.grid-new-line")
    new_line.locator("select[name=section]").select_option(label="Verksamhet")
    new_line.locator("input[name=label]").fill("Ny rad från rutnätet")
    new_line.get_by_role("button", name="Lägg till rad").click()
    line = document.lines.get(label="Ny rad från rutnätet")
    page.wait_for_url(f"**#rad-{line.pk}")
    page.wait_for_function(f"document.activeElement.id.endsWith('-l{line.pk}')")
