"""The markup of report texts: paragraphs, lists, emphasis; never raw HTML."""

from finsam.lib.markup import render_markup


def test_paragraphs_lists_and_emphasis():
    text = "Första *stycket*.\n\nAndra **stycket**:\n\n- ett\n- två\n\n1. a\n2. b"
    assert render_markup(text) == (
        "<p>Första <em>stycket</em>.</p>\n<p>Andra <strong>stycket</strong>:</p>\n"
        "<ul>\n<li>ett</li>\n<li>två</li>\n</ul>\n<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n"
    )


def test_raw_html_and_links_stay_text():
    html = render_markup('<img src=x onerror="alert(1)"> [klick](javascript:alert(1))')
    assert "<img" not in html and "&lt;img" in html
    assert "<a " not in html


def test_empty_text_gives_nothing():
    assert render_markup("  \n ") == ""
