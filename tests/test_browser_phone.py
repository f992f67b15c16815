"""On a phone (390 × 844): every association page, as each role, fits the screen.

A page may hold content wider than the screen only inside its own scrolling box (a wide table);
the page itself must never be wider than the viewport. The URLs and their sample arguments are
the access sweep's, so a new page is measured here as soon as it is swept. The header menu folds
behind a button that works under the strict CSP (a static script, no inline code).
"""

import pytest
from django.urls import reverse

from finsam.models import Association
from finsam.permissions import Role, role_allows
from tests.browser import log_in
from tests.test_access_sweep import ASSOCIATION_URLS, HOME, SAMPLES

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# The admin first: the admin may open every page, so its answers tell which URLs are pages.
USERS = {Role.ADMIN: "admin", Role.STAFF: "kansli", Role.BOARD: "styrelse", Role.AUDITOR: "revisor"}
TOO_WIDE = "document.documentElement.scrollWidth > window.innerWidth"


def _urls(association: Association) -> dict[str, tuple[str, object]]:
    """Each association URL with its sample arguments, made once (samples may create objects)."""
    urls = {}
    for name, callback in ASSOCIATION_URLS:
        extra = SAMPLES[name](association) if name in SAMPLES else {}
        urls[name] = (reverse(name, kwargs={"association": association.slug, **extra}), callback)
    return urls


def _html_pages(context, base: str, urls: dict) -> dict[str, str]:
    """The URLs that answer a GET with an HTML page (not a download, not POST-only)."""
    pages = {}
    for name, (url, _callback) in urls.items():
        answer = context.request.get(base + url, max_redirects=0)
        if answer.status == 200 and answer.headers["content-type"].startswith("text/html"):
            pages[name] = url
    return pages


def _phone(browser, live_server, username: str):
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    log_in(page, live_server, username)
    return context, page, refused


def _menu_problems(page, base: str, overview: str) -> list[str]:
    """What is wrong with the folding menu on a phone (nothing, when it works)."""
    page.goto(base + overview)
    nav, problems = page.locator("header nav"), []
    if nav.is_visible():
        problems.append("the menu is not folded on a phone")
    page.click("header >> text=Meny")
    if not (nav.is_visible() and page.locator("header >> text=Logga ut").is_visible()):
        problems.append("the button does not unfold the menu")
    if page.get_attribute(".menu-toggle", "aria-expanded") != "true":
        problems.append("the button does not say the menu is unfolded")
    page.keyboard.press("Escape")
    if nav.is_visible():
        problems.append("Escape does not fold the menu")
    return problems


def test_every_association_page_fits_a_phone_for_every_role(live_demo, live_server, browser):
    base = live_server.url
    urls = _urls(Association.objects.get(slug=HOME))
    too_wide, refused_by_csp, menu, pages = [], [], [], None
    for role, username in USERS.items():
        context, page, refused = _phone(browser, live_server, username)
        if pages is None:  # which URLs are pages does not depend on the role
            pages = _html_pages(context, base, urls)
            menu = _menu_problems(page, base, urls["members:overview"][0])
        shown = [n for n in pages if role_allows(role, urls[n][1].required_perm)]
        # One refused page per role is enough: every 403 answer is the same template.
        shown += [n for n in pages if n not in shown][:1]
        # The start page (what waits for the user, every association) is no association URL.
        for name, url in [("start", reverse("start")), *((n, pages[n]) for n in shown)]:
            page.goto(base + url)
            if page.evaluate(TOO_WIDE):
                width = page.evaluate("document.documentElement.scrollWidth")
                too_wide.append(f"{role.value} {name}: {width} px")
        refused_by_csp += refused
        context.close()
    assert len(pages) > 30, sorted(pages)
    assert not too_wide, "wider than the phone:\n" + "\n".join(too_wide)
    assert not menu, menu
    assert not refused_by_csp, refused_by_csp
