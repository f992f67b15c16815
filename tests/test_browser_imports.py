"""In the browser: an admin imports contributions, meets a bad row, fixes it, sees the result."""

import pytest

from tests.browser import log_in

pytestmark = pytest.mark.browser

GOOD = (
    "År;Medlem;Belopp\n"
    "2015;Försäkringskassan;1 600 000\n"
    "2015;Landstinget i Jönköpings län;800 000\n"
    "2015;Gislaveds kommun;324 600\n"
    "2015;Gnosjö kommun;106 000\n"
    "2015;Värnamo kommun;369 400\n"
)


def choose_file(page, text: str) -> None:
    page.set_input_files(
        "#id_file", {"name": "bidrag.csv", "mimeType": "text/csv", "buffer": text.encode()}
    )


def test_admin_fixes_a_bad_row_and_sees_the_new_contributions(live_demo, live_server, page):
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/finnveden/importer/")
    page.select_option("#id_kind", "contributions")
    choose_file(page, GOOD.replace("106 000", "106 OOO"))
    page.click("text=Granska filen")
    assert (
        "rad 5, kolumn C: ”106 OOO” är inte ett belopp" in page.locator("[role=alert]").inner_text()
    )

    page.select_option("#id_kind", "contributions")
    choose_file(page, GOOD)
    page.click("text=Granska filen")
    assert "Gnosjö kommun 2015" in page.locator("table").inner_text()
    page.click("text=Läs in")
    assert "5 bidrag inlästa för 1 år." in page.locator(".messages").inner_text()

    page.goto(f"{live_server.url}/finnveden/finansiering/2015/")
    gnosjo = page.locator("tr", has_text="Gnosjö kommun").inner_text()
    assert "106\u00a0000" in gnosjo
    assert "1\u00a0600\u00a0000" in page.locator("tr", has_text="Staten genom").inner_text()


def test_admin_confirms_an_sie_file_that_removes_more_than_it_brings(live_demo, live_server, page):
    """A period balance for January 2014 replaces Växjö's 17 January amounts with one: the
    preview says so, and the file is read in only once the admin has ticked the box."""
    from datetime import date
    from decimal import Decimal

    from finsam.lib.sie import Period, Psaldo, Rar, write_sie

    content = write_sie(
        None,
        company_name="Växjö samordningsförbund",
        orgnr="222000-2634",
        years=[Rar(0, date(2014, 1, 1), date(2014, 12, 31))],
        balances=[Psaldo(0, Period(2014, 1), "4010", (), Decimal("10000"))],
    )
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/vaxjo/importer/")
    page.select_option("#id_kind", "sie")
    page.set_input_files(
        "#id_file", {"name": "jan.se", "mimeType": "text/plain", "buffer": content}
    )
    page.click("text=Granska filen")
    alert = page.locator("[role=alert]").inner_text()
    assert "2014: 17 månadsbelopp ersätts med 1, 1 verifikationer tas bort" in alert
    page.click("button:has-text('Läs in')")  # the unticked box stops the form
    assert page.locator("text=Jag förstår att detta tas bort").is_visible()
    page.check("input[name=confirmed]")
    page.click("button:has-text('Läs in')")
    assert "2014: 17 månadsbelopp ersätts med 1" in page.locator(".messages").inner_text()
