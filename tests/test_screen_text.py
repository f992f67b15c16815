"""No developer text, English or broken Swedish on any association page, for any role.

Every page of the access sweep (its URLs and sample arguments) is read through the test
client as each role that may open it in Växjö (the demo association with books and an interim
report), and its text checked by `tests.screen_text`; the access sweep checks the same in
Finnveden with the pages it reads anyway. The scan looks for code names
(snake_case, or a report block's key), English interface words, "ner" for "ned", a doubled
word, "kommer senare", and a date a line may break inside.
"""

import pytest
from django.urls import reverse

from finsam.models import Association
from finsam.permissions import Role, role_allows
from reports.blocks import BLOCKS
from tests.screen_text import problems
from tests.test_access_sweep import ASSOCIATION_URLS, SAMPLES

ASSOCIATIONS = ["vaxjo"]
CODE_NAMES = frozenset(BLOCKS)


@pytest.mark.parametrize("slug", ASSOCIATIONS)
def test_no_page_shows_developer_text_or_broken_swedish(client, make_user, slug):
    association = Association.objects.get(slug=slug)
    urls = {}
    for name, callback in ASSOCIATION_URLS:
        try:
            extra = SAMPLES[name](association) if name in SAMPLES else {}
        except AttributeError:  # no such object here (Växjö has no population figures)
            continue
        urls[name] = (reverse(name, kwargs={"association": slug, **extra}), callback)
    found, read = [], 0
    for role in (Role.ADMIN, Role.STAFF, Role.BOARD, Role.AUDITOR):
        client.force_login(make_user(f"text-{role.value}", association, role))
        for name, (url, callback) in urls.items():
            if not role_allows(role, callback.required_perm):
                continue
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response["content-type"]:
                continue
            read += 1
            found += [
                f"{role.value} {name}: {p}" for p in problems(response.content.decode(), CODE_NAMES)
            ]
    assert read > 150, read  # the pages were really read
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<td>budget_chart</td>", "code name 'budget_chart'"),
        ("<td>introduction</td>", "code name 'introduction'"),
        ("<p>Ladda ner som xlsx</p>", "”ner”"),
        ("<p>Kostnader och och intäkter</p>", "doubled word 'och och'"),
        ("<p>Summa intäkter (kontoplanen kommer senare)</p>", "placeholder"),
        ("<button>Save</button>", "English 'Save'"),
        ("<th>Summa Intäkter</th>", "capital inside a sum"),
        ("<dd>None</dd>", "English 'None'"),
        ("<td>12 april 2011</td>", "date that may break"),
        ("<td>2014-01-01 14:30</td>", "date that may break"),
    ],
)
def test_the_scan_finds_what_it_looks_for(html, found):
    assert any(found in problem for problem in problems(html, CODE_NAMES)), problems(html)


@pytest.mark.parametrize(
    "html",
    [
        "<td>Budget</td><td>Budget 2014</td>",  # two cells, not a doubled word
        '<td><span class="nowrap">12 april 2011</span></td>',
        "<td>2014-01-01\u00a014:30</td>",
        "<p>Ladda ned som xlsx</p>",
        "<p>Status: Summa intäkter</p>",
        "<th>Summa intäkter</th>",
        '<div class="report"><p>Växjö den 15 oktober 2014</p></div>',
        "<code>budget_chart</code>",
    ],
)
def test_the_scan_passes_what_is_right(html):
    assert problems(html, CODE_NAMES) == []
