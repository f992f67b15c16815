"""In the browser: a board member reads the verksamhetsplan and downloads its PDF; after a
figure changed, an auditor downloads the adopted PDF and gets the frozen file."""

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from budgets.models import BudgetAmount
from reports.models import Report
from reports.selectors import latest_adoption
from tests.browser import log_in
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.browser


def _open_plan(page, live_server, username: str) -> None:
    log_in(page, live_server, username)
    page.click("text=Finnvedens samordningsförbund")
    page.click("nav >> text=Rapporter")
    page.click("text=Verksamhetsplan 2014")
    expect(page.locator("h1#report-title")).to_have_text("Verksamhetsplan 2014")


def _download(page, link_text: str) -> bytes:
    with page.expect_download() as info:
        page.click(f"text={link_text}")
    return Path(info.value.path()).read_bytes()


def test_board_downloads_the_plan_and_auditor_gets_the_frozen_pdf(live_demo, live_server, page):
    _open_plan(page, live_server, "styrelse")
    total = page.locator("tr", has_text="Totalt tillgängliga medel")
    assert total.locator("td").first.inner_text() == "4\u00a0712\u00a0000"
    board_pdf = _download(page, "Ladda ned fastställd PDF")
    assert "Kansli 425 000 430 000" in pdf_text(board_pdf)

    BudgetAmount.objects.filter(
        line__document__association__slug="finnveden",
        line__label="Kansli",
        column__label="Budget 2014",
    ).update(amount=Decimal(450000))

    page.context.clear_cookies()
    _open_plan(page, live_server, "revisor")
    expect(
        page.locator("text=siffror eller texter skiljer sig från den fastställda rapporten")
    ).to_be_visible()
    auditor_pdf = _download(page, "Ladda ned fastställd PDF")
    plan = Report.objects.get(association__slug="finnveden", year=2014)
    assert auditor_pdf == latest_adoption(plan).pdf.read() == board_pdf
    assert "Kansli 425 000 430 000" in pdf_text(auditor_pdf)
    page.click("text=Visa skillnaderna")
    kansli = page.locator("tr", has_text="Kansli")
    assert "425\u00a0000" in kansli.inner_text() and "450\u00a0000" in kansli.inner_text()
