"""In the browser: a staff member signs in, opens the funding page and sees the figures."""

import pytest

from tests.browser import log_in

pytestmark = pytest.mark.browser


def test_staff_sees_finnvedens_region_contribution(live_demo, live_server, page):
    log_in(page, live_server, "kansli")
    page.click("text=Finnvedens samordningsförbund")
    page.click("nav >> text=Finansiering")
    page.click("text=2014")
    region_row = page.locator("tr", has_text="Landstinget i Jönköpings län")
    assert region_row.locator("td").last.inner_text() == "748\u00a0000"
    assert "302\u00a0600" in page.locator("tr", has_text="Gislaveds kommun").inner_text()
