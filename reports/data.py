"""The data object a report is rendered from: sections, tables, charts, every figure as text.

A builder computes everything once; the HTML page, the PDF and the frozen-figure comparison
all read this object, so what the page shows is what the PDF prints. Figures are kept as
the text printed (already rounded and signed by the report's options), because that is what
a reader compares and what an adoption freezes.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from budgets.presentation import TableRow
from finsam.lib.figures import Figure

TEXTS = "Texter"  # the differences list's table for words, beside the figures' tables

# How tables break across pages: a table of up to 30 rows is kept whole (moved to the next
# page when it does not fit); a longer one breaks only between its sections (a heading row
# and what follows it), and never leaves fewer than three rows on either side of a break.
MAX_UNSPLIT_ROWS = 30
MIN_ROWS_AT_BREAK = 3


@dataclass(frozen=True)
class Row:
    """One table row: its label, the printed cells, and what kind of row it is.

    kind: heading, line, subtotal, total, result or note; `marks` holds footnote markers
    ("1)") and `comment` a last free-text column some tables have.
    """

    label: str
    cells: tuple[str, ...] = ()
    kind: str = "line"
    marks: str = ""
    comment: str = ""

    @classmethod
    def of(cls, row: TableRow) -> "Row":
        """A row of the presentation model (`budgets.presentation`) as the report prints it."""
        return cls(row.label, row.texts, kind=row.kind)


@dataclass(frozen=True)
class Table:
    """A table as printed: caption, the label column's heading, the figure columns' headings."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    label_heading: str = ""
    comment_heading: str = ""
    notes: tuple[str, ...] = ()  # printed under the table: footnotes, remarks
    # Classes of the printed table: "text" (cells of words: names, members, not figures),
    # "keep" (a short table kept on one page, as statements are).
    style: str = ""

    @property
    def kept_whole(self) -> bool:
        return len(self.rows) <= MAX_UNSPLIT_ROWS

    @property
    def row_groups(self) -> tuple[tuple[Row, ...], ...]:
        """The rows in the groups a page may break between: one per section, a section of
        fewer than three rows joined to the next (the last such to the one before)."""
        sections: list[list[Row]] = []
        for row in self.rows:
            if not sections or (row.kind == "heading" and sections[-1]):
                sections.append([])
            sections[-1].append(row)
        groups: list[list[Row]] = []
        for section in sections:
            if groups and len(groups[-1]) < MIN_ROWS_AT_BREAK:
                groups[-1].extend(section)
            else:
                groups.append(section)
        if len(groups) > 1 and len(groups[-1]) < MIN_ROWS_AT_BREAK:
            groups[-2].extend(groups.pop())
        return tuple(tuple(group) for group in groups)

    def figures(self) -> Iterator[Figure]:
        for row in self.rows:
            for column, text in zip(self.columns, row.cells, strict=False):
                if text:
                    yield Figure(self.caption, row.label, column, text)


@dataclass(frozen=True)
class Chart:
    """An SVG chart, the same markup in the page and in the PDF."""

    title: str
    svg: str


@dataclass
class Block:
    """The data a section shows from the application, and the template that shows it."""

    key: str
    template: str
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)  # e.g. one per initiative
    context: dict[str, Any] = field(default_factory=dict)  # anything else the template shows


@dataclass
class Section:
    """A numbered heading with its text, its block of data and its subsections."""

    heading: str
    level: int = 1
    numbered: bool = True
    number: str = ""
    anchor: str = ""
    text_html: str = ""
    block: Block | None = None
    text_after_html: str = ""

    @property
    def children(self) -> list["Section"]:
        return self.block.children if self.block else []

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ReportData:
    """Everything a report prints."""

    report_id: int
    kind: str
    association_name: str
    title: str
    subtitle: str = ""
    diary_number: str = ""
    decision_date: date | None = None  # the board's adoption (Report.adopted_on), on the cover
    cover_html: str = ""
    sections: list[Section] = field(default_factory=list)
    adoption_line: str = ""
    is_draft: bool = True
    warnings: list[str] = field(default_factory=list)
    # The association's logo file for the cover (members.facts_services.logo_file), or None.
    logo_path: Path | None = None

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def tables(self) -> Iterator[Table]:
        for section in self.all_sections():
            if section.block:
                yield from section.block.tables

    def figures(self) -> list[Figure]:
        return [figure for table in self.tables() for figure in table.figures()]

    def texts(self) -> list[Figure]:
        """The report's words as printed (cover, and each section's text before and after
        its data), located like figures so an adoption can freeze and compare them."""
        cover = _("Omslag")
        found = [
            Figure(TEXTS, cover, _("Rubrik"), self.title),
            Figure(TEXTS, cover, _("Underrubrik"), self.subtitle),
            Figure(TEXTS, cover, _("Text"), _plain(self.cover_html)),
        ]
        for section in self.all_sections():
            heading = f"{section.number} {section.heading}".strip()
            found.append(Figure(TEXTS, heading, _("Text"), _plain(section.text_html)))
            found.append(Figure(TEXTS, heading, _("Text efter"), _plain(section.text_after_html)))
        return [text for text in found if text.text]


def _plain(html: str) -> str:
    """Printed words without markup, whitespace collapsed: what a reader compares."""
    return " ".join(unescape(strip_tags(html)).split())
