"""The Word document's frame: A4 pages, the font, the running header and footer, the cover
and the table of contents, laid out as the PDF lays them out (`static/css/report.css`).

Page numbers and the table of contents are Word fields; the document asks Word to update
its fields when opened, so the contents list gets its page numbers there (a Word document's
pagination is only known to the program showing it).
"""

from django.utils.translation import gettext as _
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from reports.data import ReportData
from reports.docx_export.markup import add_markup

FONT = "Liberation Sans"  # the PDF's font; Word falls back to a sans-serif where it is absent
GREY = RGBColor(0x55, 0x55, 0x55)
LOGO_BOX = (Mm(60), Mm(30))  # the cover logo's largest width and height, as in print


def set_up(document: Document, data: ReportData) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.right_margin = Mm(24), Mm(20)
    section.bottom_margin, section.left_margin = Mm(22), Mm(22)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    for level in range(1, 5):
        heading = document.styles[f"Heading {level}"]
        heading.font.name = FONT
        heading.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    document.core_properties.title = data.title
    document.core_properties.author = data.association_name
    _update_fields_on_open(document)


# What follows w:updateFields in w:settings: Word refuses a file whose elements are out of
# the schema's order, so the element goes before the first of these.
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def _update_fields_on_open(document: Document) -> None:
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.insert_element_before(update, *_AFTER_UPDATE_FIELDS)


def add_field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC) with the text shown until Word updates it."""
    begin, separate, end = (OxmlElement("w:fldChar") for _part in range(3))
    begin.set(qn("w:fldCharType"), "begin")
    separate.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(begin)
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(separate)
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(end)


def add_cover(document: Document, data: ReportData) -> None:
    """The first page: logo, association, title, subtitle, cover text, diary number and the
    decision date (each only when there is one), as `templates/reports/_cover.html`."""
    if data.logo_path:
        _centred(document).add_run().add_picture(str(data.logo_path), *_logo_size(data))
    _centred(document, data.association_name, size=14)
    title = document.add_paragraph(data.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if data.subtitle:
        _centred(document, data.subtitle, size=14)
    start = len(document.paragraphs)
    add_markup(document, data.cover_html, italic=True)
    for paragraph in document.paragraphs[start:]:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in cover_lines(data):
        _centred(document, line, size=9)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def cover_lines(data: ReportData) -> list[str]:
    """The diary number and the decision date as the cover prints them; none when unset."""
    lines = []
    if data.diary_number:
        lines.append(_("Diarienummer: %(number)s") % {"number": data.diary_number})
    if data.decision_date:
        lines.append(_("Beslutsdatum: %(day)s") % {"day": f"{data.decision_date:%Y-%m-%d}"})
    return lines


def _logo_size(data: ReportData) -> tuple[int, int]:
    assert data.logo_path is not None
    image = Image.from_file(str(data.logo_path))
    width, height = LOGO_BOX
    scale = min(width / image.px_width, height / image.px_height)
    return int(image.px_width * scale), int(image.px_height * scale)


def _centred(document: Document, text: str = "", *, size: float | None = None) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size) if size else None
    return paragraph


def add_contents(document: Document) -> None:
    """ "Innehåll" and a TOC field over the heading levels the PDF's contents list."""
    # Not a heading style: the contents would list themselves.
    contents = document.add_paragraph().add_run(_("Innehåll"))
    contents.bold, contents.font.size = True, Pt(16)
    add_field(document.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', toc_placeholder())
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def toc_placeholder() -> str:
    """What the contents field shows until Word updates it (asked to when the file opens)."""
    return _(
        "Innehållsförteckningen fylls i när Word uppdaterar fälten (högerklicka, Uppdatera fält)."
    )


def add_running_texts(document: Document, data: ReportData) -> None:
    """Association and title at the top, "sida X av Y" at the foot, on every page but the
    cover; a draft says "Utkast" at the top of every page (the PDF's watermark)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    draft = _("Utkast") if data.is_draft else ""
    if draft:
        _small(section.first_page_header.paragraphs[0], draft, bold=True)
    header = section.header.paragraphs[0]
    _small(header, " – ".join(part for part in (draft, data.association_name, data.title) if part))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _small(footer, _("sida") + " ")
    add_field(footer, "PAGE", "1")
    _small(footer, " " + _("av") + " ")
    add_field(footer, "NUMPAGES", "1")


def _small(paragraph: Paragraph, text: str, *, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    run.bold = bold or None
