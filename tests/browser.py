"""Browser tests: Playwright for Python driving Debian's chromium (never a downloaded browser).

Use the `page` fixture with pytest-django's `live_server`; `log_in(page, live_server, user)`
signs a demo user in through the real login form. Without /usr/bin/chromium (or without the
playwright package) the tests are skipped with the reason shown in the summary.
"""

import os
import shutil

import pytest

from finsam.demo import DEMO_PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _skip_reason() -> str | None:
    if not shutil.which(CHROMIUM):
        return f"webbläsartest hoppas över: {CHROMIUM} saknas (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "webbläsartest hoppas över: Python-paketet playwright saknas"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server's database
    # work happens in its own thread, and the test's own ORM calls are plain blocking calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


def log_in(page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{live_server.url}/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
