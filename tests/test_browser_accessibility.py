"""The axe-core check itself can fail: an unnamed input is reported with its page and target.

The walk over every page (`test_browser_phone.py`) relies on `serious_violations`; this keeps
it honest without the walk's cost.
"""

import pytest

from tests.accessibility import serious_violations, with_axe

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="sv"><head><title>Prov</title></head><body><main>
<h1>Prov</h1><form><label for="namn">Namn</label> <input id="namn">
<input id="belopp" inputmode="decimal"><button type="submit"></button>
</form></main></body></html>"""


def test_an_input_and_a_button_without_names_are_reported_readably(browser):
    context = browser.new_context(locale="sv-SE")
    with_axe(context)
    page = context.new_page()
    page.set_content(PAGE)
    found = serious_violations(page, "kansli members:prov (/prov/)")
    context.close()
    assert sorted(found) == [
        "kansli members:prov (/prov/): button-name (critical) button",
        "kansli members:prov (/prov/): label (critical) #belopp",
    ]
