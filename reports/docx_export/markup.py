"""Staff-written texts into Word paragraphs: the HTML `finsam.lib.markup` makes, read back.

That HTML has a fixed, small vocabulary (p, ul, ol, li, strong, em, br; user text arrives
escaped), so a plain parser over it gives the same paragraphs, lists and emphasis as the page
without a second reading of the Markdown. Bullet lists use Word's list styles; numbered ones
carry their number as text, because Word's shared numbering would continue one list's
numbers into the next.
"""

from html.parser import HTMLParser

from docx.document import Document
from docx.shared import Mm
from docx.text.paragraph import Paragraph

_BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")


class _Writer(HTMLParser):
    def __init__(self, document: Document, *, italic: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.italic = italic  # the cover text is printed in italics throughout
        self.bold = self.emphasis = False
        self.lists: list[list[int]] = []  # per open list: [is_numbered, next number]
        self.paragraph: Paragraph | None = None
        self.item_started = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            start = int(dict(attrs).get("start") or 1)
            self.lists.append([tag == "ol", start])
            self.paragraph = None
        elif tag == "li":
            self._item()
        elif tag == "p":
            if not self.item_started:
                self.paragraph = self.document.add_paragraph()
            self.item_started = False
        elif tag == "strong":
            self.bold = True
        elif tag == "em":
            self.emphasis = True
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("p", "li"):
            self.paragraph = None
            self.item_started = False
        elif tag == "strong":
            self.bold = False
        elif tag == "em":
            self.emphasis = False

    def handle_data(self, data: str) -> None:
        # Every line break of the text is a <br> (breaks=True): a newline in the data only
        # lays out the HTML.
        text = data.replace("\n", "")
        if not text:
            return
        if self.paragraph is None:
            self.paragraph = self.document.add_paragraph()
        run = self.paragraph.add_run(text)
        run.bold = self.bold or None
        run.italic = (self.emphasis or self.italic) or None

    def _item(self) -> None:
        numbered, number = self.lists[-1] if self.lists else [False, 1]
        depth = max(len(self.lists) - 1, 0)
        if numbered:
            self.paragraph = self.document.add_paragraph()
            self.paragraph.paragraph_format.left_indent = Mm(6 + 6 * depth)
            self.paragraph.paragraph_format.first_line_indent = Mm(-6)
            self.paragraph.add_run(f"{number}.\t")
            self.lists[-1][1] = number + 1
        else:
            style = _BULLETS[min(depth, len(_BULLETS) - 1)]
            self.paragraph = self.document.add_paragraph(style=style)
        self.item_started = True  # a loose list's <p> continues the item's paragraph


def add_markup(document: Document, html: str, *, italic: bool = False) -> None:
    """Append the paragraphs of a text rendered by `finsam.lib.markup.render_markup`."""
    if html:
        writer = _Writer(document, italic=italic)
        writer.feed(html)
        writer.close()
