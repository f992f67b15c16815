"""In the browser: a superuser founds an association, and its admin sets it up without /admin/.

Facts, seven members, population figures, this year's funding, a board of seven ordinary
members and seven deputies with a chair, an auditor and a meeting; then the funding page and
an empty verksamhetsplan and a first budget. The overview's checklist shrinks as the steps are
done and is gone at the end (issue #16).
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from tests.browser import log_in

pytestmark = pytest.mark.browser

YEAR = date.today().year
START = f"{YEAR}-01-01"
SLUG = "nytt-sf"
# Made-up organisation numbers with a valid check digit (stdnum.se.orgnr), none in the demo.
ASSOCIATION_NUMBER = "222000-9993"
REGION = ("Region Provlän", "region", "232100-9991")
MUNICIPALITIES = [
    ("Abyby kommun", "212000-9994", 10_000),
    ("Bebyby kommun", "212000-9986", 20_000),
    ("Cebyby kommun", "212000-9978", 30_000),
    ("Debyby kommun", "212000-9960", 40_000),
]
STATE = ["Försäkringskassan", "Arbetsförmedlingen"]
MEMBERS = STATE + [REGION[0]] + [name for name, _number, _people in MUNICIPALITIES]


def open_steps(page, url: str) -> list[str]:
    page.goto(f"{url}/{SLUG}/")
    return page.locator('#kom-igang li[data-done="nej"] a').all_inner_texts()


def save(page) -> None:
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state()


def test_an_admin_sets_up_a_new_association_without_the_back_office(live_demo, live_server, page):
    url = live_server.url
    users = get_user_model()
    users.objects.create_superuser("rot", "rot@example.se", "pw-rot-12345")
    users.objects.create_user("nyadmin", "ny@example.se", "pw-ny-12345")

    log_in(page, live_server, "rot", "pw-rot-12345")
    page.goto(f"{url}/konto/nytt-forbund/")
    page.fill("#id_name", "Samordningsförbundet Provlän")
    page.fill("#id_slug", SLUG)
    page.fill("#id_first_admin", "nyadmin")
    save(page)
    page.wait_for_url(f"{url}/{SLUG}/")
    page.context.clear_cookies()

    log_in(page, live_server, "nyadmin", "pw-ny-12345")
    assert len(open_steps(page, url)) == 6

    page.goto(f"{url}/{SLUG}/uppgifter/andra/")
    page.fill("#id_org_number", ASSOCIATION_NUMBER)
    page.fill("#id_formed_on", START)
    save(page)
    assert "Förbundets uppgifter" not in open_steps(page, url)

    for name in STATE:
        page.goto(f"{url}/{SLUG}/medlemmar/ny/?sok={name}")
        row = page.locator("tr", has_text=name)
        row.locator("input[type=date]").fill(START)
        row.locator("button").click()
        page.wait_for_url(f"{url}/{SLUG}/medlemmar/")
    for name, kind, number in [REGION] + [(n, "municipality", o) for n, o, _p in MUNICIPALITIES]:
        page.goto(f"{url}/{SLUG}/medlemmar/ny/")
        page.fill("#id_name", name)
        page.select_option("#id_kind", kind)
        page.fill("#id_org_number", number)
        page.fill("#id_valid_from", START)
        save(page)
        page.wait_for_url(f"{url}/{SLUG}/medlemmar/")
    listed = page.locator("main").inner_text()
    assert all(name in listed for name in MEMBERS)
    assert "Medlemmar" not in open_steps(page, url)

    for name, _number, people in MUNICIPALITIES:
        page.goto(f"{url}/{SLUG}/invanare/ny/")
        page.select_option("#id_member", label=name)
        page.fill("#id_date", f"{YEAR - 1}-11-01")
        page.fill("#id_population", str(people))
        save(page)
        page.wait_for_url(f"{url}/{SLUG}/invanare/")

    page.goto(f"{url}/{SLUG}/finansiering/")
    page.fill("#id_year", str(YEAR))
    page.locator("form.inline button[type=submit]").click()
    page.wait_for_url(f"{url}/{SLUG}/finansiering/{YEAR}/andra/")
    page.fill("#id_state_requested", "2000000")
    page.select_option("#id_distribution_key", "population")
    save(page)
    assert "Årets finansiering" not in open_steps(page, url)

    for number, member in enumerate(MEMBERS, start=1):
        for kind in ("ordinary", "deputy"):
            page.goto(f"{url}/{SLUG}/styrelsen/ny/")
            page.fill(
                "#id_new_name", f"{'Ledamot' if kind == 'ordinary' else 'Ersättare'} {number}"
            )
            page.select_option("#id_appointed_by", label=member)
            page.select_option("#id_kind", kind)
            if number == 1 and kind == "ordinary":
                page.select_option("#id_position", "chair")
            page.fill("#id_start", START)
            save(page)
            page.wait_for_url(f"{url}/{SLUG}/styrelsen/**")
    board = page.locator("main").inner_text()
    assert "Ledamot 7" in board and "Ersättare 7" in board and "Ordförande" in board
    assert "Styrelsen" not in open_steps(page, url)

    page.goto(f"{url}/{SLUG}/revisorer/ny/")
    page.fill("#id_new_name", "Revisor Ett")
    page.get_by_label(REGION[0]).check()
    page.select_option("#id_kind", "ordinary")
    page.fill("#id_start", START)
    save(page)
    page.wait_for_url(f"{url}/{SLUG}/revisorer/**")
    assert "Revisor Ett" in page.locator("main").inner_text()

    page.goto(f"{url}/{SLUG}/moten/nytt/")
    page.select_option("#id_kind", "board")
    page.fill("#id_date", f"{YEAR}-12-15")
    page.fill("#id_start_time", "09:00")
    page.fill("#id_end_time", "12:00")
    page.fill("#id_place", "Kommunhuset")
    save(page)
    page.wait_for_url(f"{url}/{SLUG}/moten/**")
    assert "Kommunhuset" in page.locator("main").inner_text()

    page.goto(f"{url}/{SLUG}/finansiering/{YEAR}/")
    # The state's 2 000 000 is half; the region pays half of that, the municipalities the
    # other half by population (100 000 inhabitants): 10 kr each.
    assert "1\u00a0000\u00a0000" in page.locator("tr", has_text=REGION[0]).inner_text()
    for name, _number, people in MUNICIPALITIES:
        share = f"{people * 10 // 1000}\u00a0000"
        assert share in page.locator("tr", has_text=name).inner_text()
    assert "4\u00a0000\u00a0000" in page.locator("main").inner_text()

    page.goto(f"{url}/{SLUG}/rapporter/")
    page.select_option("#id_kind", "verksamhetsplan")
    page.fill("#id_year", str(YEAR))
    page.fill("#id_title", f"Verksamhetsplan {YEAR}")
    page.locator("form[action$='/rapporter/ny/'] button[type=submit]").click()
    page.wait_for_url(f"{url}/{SLUG}/rapporter/*/")
    assert f"Verksamhetsplan {YEAR}" in page.locator("main").inner_text()
    assert open_steps(page, url) == ["Första budgeten"]

    page.goto(f"{url}/{SLUG}/budget/")
    page.fill("form[action$='/budget/ny/'] [name=title]", f"Budget {YEAR}")
    page.fill("form[action$='/budget/ny/'] [name=year]", str(YEAR))
    page.locator("form[action$='/budget/ny/'] button[type=submit]").click()
    page.wait_for_url(f"{url}/{SLUG}/budget/*/struktur/")
    page.goto(f"{url}/{SLUG}/")
    assert page.locator("#kom-igang").count() == 0  # set up: the checklist is gone
