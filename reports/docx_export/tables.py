"""A report table in Word, as `templates/reports/_table.html` prints it: the caption, the
header row repeated on every page, heading rows across the table, figures right-aligned
(tables of words left-aligned, a line per person), subtotals in italics, totals and results
in bold, the notes under the table. The cells are the printed texts of the built report,
already rounded and formatted the Swedish way, so Word shows the same figures as the PDF."""

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as WordTable
from docx.table import _Cell, _Row

from reports.data import Row, Table

WIDTH = Mm(168)  # the text width between the page margins
BOLD_KINDS = ("total", "result")


def add_table(document: Document, table: Table) -> WordTable:
    caption = document.add_paragraph()
    caption.add_run(table.caption).bold = True
    caption.paragraph_format.keep_with_next = True
    columns = 1 + len(table.columns) + (1 if table.comment_heading else 0)
    word = document.add_table(rows=0, cols=columns)
    word.alignment = WD_TABLE_ALIGNMENT.LEFT
    _borders(word)
    words = "text" in table.style.split()
    head = word.add_row()
    _repeat_as_header(head)
    heads = [table.label_heading, *table.columns]
    if table.comment_heading:
        heads.append(table.comment_heading)
    for index, (cell, text) in enumerate(zip(head.cells, heads, strict=True)):
        figure = 0 < index <= len(table.columns) and not words
        _write(cell, text, bold=True, right=figure)
    for row in table.rows:
        _add_row(word, table, row, words=words)
    for note in table.notes:
        paragraph = document.add_paragraph()
        paragraph.add_run(note).font.size = Pt(9)
    _widths(word, table)
    return word


def _add_row(word: WordTable, table: Table, row: Row, *, words: bool) -> None:
    added = word.add_row()
    _keep_on_one_page(added)
    cells = added.cells
    label = f"{row.label} {row.marks}" if row.marks else row.label
    if row.kind == "heading":
        merged = cells[0].merge(cells[len(table.columns)])
        _write(merged, label, bold=True)
        return
    bold, italic = row.kind in BOLD_KINDS, row.kind == "subtotal"
    _write(cells[0], label, bold=bold, italic=italic)
    for cell, text in zip(cells[1:], row.cells, strict=False):
        _write(cell, text, bold=bold, italic=italic, right=not words)
    if table.comment_heading:
        _write(cells[-1], row.comment, size=9)


def _write(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    right: bool = False,
    size: float | None = None,
) -> None:
    """A cell's text; a line break in it (one person per line) stays a line break."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else None
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph.add_run().add_break()
        run = paragraph.add_run(line)
        run.bold, run.italic = bold or None, italic or None
        run.font.size = Pt(size) if size else None


def _widths(word: WordTable, table: Table) -> None:
    """The label column takes what the figure columns (about 27 mm each) leave."""
    figures = len(word.columns) - 1
    figure_width = min(Mm(27), int(WIDTH * 0.6 / max(figures, 1)))
    widths = [WIDTH - figure_width * figures] + [figure_width] * figures
    for row in word.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _borders(word: WordTable) -> None:
    """Thin rules under the rows, none between the columns, as the printed tables."""
    properties = word._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "bottom", "insideH"):
        rule = OxmlElement(f"w:{side}")
        rule.set(qn("w:val"), "single")
        rule.set(qn("w:sz"), "4")
        rule.set(qn("w:color"), "BBBBBB")
        borders.append(rule)
    # In the schema's order (Word refuses a file otherwise): before these, after the rest.
    properties.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"
    )


def _repeat_as_header(row: _Row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _keep_on_one_page(row: _Row) -> None:
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)
