"""On a phone (390 × 844): every page, as each role, fits the screen and passes axe-core.

A page may hold content wider than the screen only inside its own scrolling box (a wide table);
the page itself must never be wider than the viewport. Each page also passes axe-core's
accessibility rules with no critical and no serious violation (`tests/accessibility.py`). One
walk loads each page once and checks both, so accessibility costs only axe's own run.

The association URLs and their sample arguments are the access sweep's, so a new page is
measured here as soon as it is swept; every page a role may open is visited for that role,
plus one refused page (403). The pages outside an association are walked too: the sign-in and
password-reset pages before signing in, the start page, the account pages and a page that does
not exist (404) for each role, and the founding of a new association for a superuser.
The header menu folds behind a button that works under the strict CSP (a static script, no
inline code).
"""

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from django.urls import reverse

from finsam.models import Association
from finsam.permissions import Role, role_allows
from tests.accessibility import serious_violations, with_axe
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


def _outside() -> tuple[dict[str, str], dict[str, str]]:
    """The pages outside an association: (before signing in, signed in as any role)."""
    anonymous = {"login": reverse("login"), "password_reset": reverse("password_reset")}
    signed_in = {
        "start": reverse("start"),
        "password_change": reverse("password_change"),
        "two_factor:setup": reverse("two_factor:setup"),
        "not found (404)": f"/{HOME}/finns-inte/",
    }
    return anonymous, signed_in


def _html_pages(context, base: str, urls: dict) -> dict[str, str]:
    """The URLs that answer a GET with an HTML page (not a download, not POST-only)."""
    pages = {}
    for name, (url, _callback) in urls.items():
        answer = context.request.get(base + url, max_redirects=0)
        if answer.status == 200 and answer.headers["content-type"].startswith("text/html"):
            pages[name] = url
    return pages


class Walk:
    """One browser context per user; each page it opens is measured and run through axe."""

    def __init__(self, browser, base: str) -> None:
        self.browser, self.base = browser, base
        self.too_wide: list[str] = []
        self.violations: list[str] = []
        self.refused_by_csp: list[str] = []

    def open(self):
        context = self.browser.new_context(viewport=PHONE, locale="sv-SE")
        with_axe(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", self._console)
        return context, page

    def _console(self, message) -> None:
        source = message.location.get("url", "")
        # axe-core is the test's instrument, not the page: what the CSP refuses it (an inline
        # style it sets on some pages while measuring) is no fault of the application.
        if "Content Security" in message.text and source != str(AXE_FILE_PATH):
            self.refused_by_csp.append(f"{source}: {message.text}")

    def check(self, page, who: str, pages: dict[str, str]) -> None:
        for name, url in pages.items():
            page.goto(self.base + url)
            if page.evaluate(TOO_WIDE):
                width = page.evaluate("document.documentElement.scrollWidth")
                self.too_wide.append(f"{who} {name}: {width} px")
            self.violations += serious_violations(page, f"{who} {name} ({url})")


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


def test_every_page_fits_a_phone_and_passes_axe_for_every_role(live_demo, live_server, browser):
    base, walk = live_server.url, Walk(browser, live_server.url)
    urls = _urls(Association.objects.get(slug=HOME))
    anonymous, signed_in = _outside()
    menu, pages = [], None
    for role, username in USERS.items():
        context, page = walk.open()
        if pages is None:  # signed out once is enough: the pages do not know who will sign in
            walk.check(page, "anonymous", anonymous)
        log_in(page, live_server, username)
        if pages is None:  # which URLs are pages does not depend on the role
            pages = _html_pages(context, base, urls)
            menu = _menu_problems(page, base, urls["members:overview"][0])
        shown = [n for n in pages if role_allows(role, urls[n][1].required_perm)]
        # One refused page per role is enough: every 403 answer is the same template.
        shown += [n for n in pages if n not in shown][:1]
        walk.check(page, role.value, {name: pages[name] for name in shown} | signed_in)
        context.close()
    context, page = walk.open()
    log_in(page, live_server, "superadmin")
    walk.check(page, "superadmin", {"association_new": reverse("association_new")})
    context.close()
    assert len(pages) > 30, sorted(pages)
    assert not walk.too_wide, "wider than the phone:\n" + "\n".join(walk.too_wide)
    assert not walk.violations, "axe-core, critical or serious:\n" + "\n".join(walk.violations)
    assert not menu, menu
    assert not walk.refused_by_csp, walk.refused_by_csp
