"""In the browser: staff edit an initiative in place; a board member only reads it."""

import pytest

from tests.browser import log_in

pytestmark = pytest.mark.browser


def test_staff_registers_a_decision_on_the_initiative_page(live_demo, live_server, page):
    log_in(page, live_server, "kansli")
    page.goto(f"{live_server.url}/vaxjo/insatser/?ar=2014")
    row = page.locator("tr", has_text="Klargörande av arbetsförmåga")
    assert "1\u00a0364\u00a0296" in row.inner_text()
    row.locator("a").first.click()
    page.click("text=Registrera ett beslut")
    page.select_option("#decision_kind", "reduction")
    page.fill("#decision_decided_on", "2014-09-15")
    page.fill("#decision_amount", "100 000")
    page.fill("#decision_period_start", "2014-10-01")
    page.fill("#decision_period_end", "2014-12-31")
    page.fill("#decision_text", "Minskad förlängning")
    page.click("text=Registrera beslutet")
    assert "Beslutet är registrerat." in page.locator(".messages").inner_text()
    granted = page.locator("table.granted tr", has_text="2014")
    assert granted.locator("td").inner_text() == "1\u00a0264\u00a0296"


def test_board_member_sees_figures_without_forms(live_demo, live_server, page):
    log_in(page, live_server, "styrelse")
    page.goto(f"{live_server.url}/vaxjo/insatser/")
    page.click("text=Samordningsteamet")
    assert "9 av 31 = 29\u00a0%" in page.locator("table.exit-categories").inner_text()
    assert page.locator("main form").count() == 0
