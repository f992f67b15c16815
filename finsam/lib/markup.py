"""The small markup staff write report texts in: paragraphs, lists and emphasis.

Texts are Markdown limited to what a plan's prose needs (blank-line paragraphs, `-` or `1.`
lists, *emphasis* and **strong**). Raw HTML is never passed through: a report is published
under the association's name, so what staff type is shown as text, not as markup.
"""

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["list", "emphasis", "newline"]
)


def render_markup(text: str) -> str:
    """The HTML of a staff-written text; empty text gives an empty string."""
    if not text.strip():
        return ""
    return _PARSER.render(text)
