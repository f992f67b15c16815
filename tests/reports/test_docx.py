"""The Word copy of a report (reports.docx_export): written from the same build as the page
and the PDF, so the seed plan's headings, tables and figures come in the same order; the
cover carries the diary number and the decision date; an adopted report's Word copy keeps
the adopted figures; it is downloaded with the PDF's permission."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from budgets.models import BudgetAmount
from finsam.models import Association
from finsam.permissions import Role
from reports.builders import build_report
from reports.data import ReportData, Section
from reports.docx_export import CONTENT_TYPE, heading_text, report_docx
from reports.docx_export.layout import toc_placeholder
from reports.models import Report, ReportDownload
from reports.rendering import print_html
from reports.selectors import latest_adoption
from tests.reports import test_verksamhetsplan_finnveden as finnveden
from tests.reports.helpers import assert_in_order, docx_items, docx_text, html_text, pdf_text
from tests.reports.plan_texts import body_of, plan, printed

pytestmark = pytest.mark.django_db


def _word(slug: str = "finnveden", year: int = 2014) -> bytes:
    data, _markup, _pdf = printed(slug, year)
    return report_docx(data)


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _table_rows(content: bytes, caption: str) -> list:
    """The Word table under the paragraph `caption`, as python-docx rows."""
    document = Document(BytesIO(content))
    body = list(document.element.body.iterchildren())
    for paragraph, table in zip(body, body[1:], strict=False):
        if (
            isinstance(paragraph, CT_P)
            and isinstance(table, CT_Tbl)
            and Paragraph(paragraph, document).text == caption
        ):
            return list(WordTable(table, document).rows)
    raise AssertionError(f"no table captioned {caption!r}")


def test_headings_have_the_page_s_numbers_texts_and_levels():
    data, _markup, _pdf = printed("finnveden", 2014)
    headings = [(style, text) for style, text in docx_items(_word()) if style.startswith("Heading")]
    expected = [
        (f"Heading {min(section.level, 4)}", heading_text(section))
        for section in data.all_sections()
        if section.heading
    ]
    assert headings == expected
    assert [text for _style, text in headings] == finnveden.HEADINGS


def test_the_seed_plan_s_texts_and_tables_in_order():
    text = docx_text(_word())
    assert_in_order(text, finnveden.COVER, "cover (docx)")
    body = body_of(text, toc_placeholder())
    expected = finnveden.INTRODUCTION + finnveden.GOALS + finnveden.FINANCIAL_GOALS
    assert_in_order(body, expected + finnveden.BUDGET, "tables (docx)")
    assert body.rindex("Preliminärt överskott kvar") < body.index(finnveden.ADOPTION)


def test_budget_totals_are_bold_and_right_aligned():
    rows = {row.cells[0].text: row for row in _table_rows(_word(), "Budget 2014-2015")}
    total = rows["Totalt tillgängliga medel"]
    assert [cell.text for cell in total.cells[1:3]] == ["4\xa0712\xa0000", "3\xa0692\xa0000"]
    assert [cell.text for cell in rows["Totalt kostnader"].cells[1:3]] == [
        "4\xa0412\xa0000",
        "3\xa0692\xa0000",
    ]
    for cell in total.cells[:3]:
        assert all(run.bold for run in cell.paragraphs[0].runs)
    assert total.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    kansli = rows["Kansli"]
    assert [c.text for c in kansli.cells[1:3]] == ["425\xa0000", "430\xa0000"]
    assert not any(run.bold for run in kansli.cells[1].paragraphs[0].runs)


def test_the_chart_is_named_and_its_figures_given_as_a_table():
    text = docx_text(_word())
    assert_in_order(
        text,
        ["Budgeten i diagram", "Diagrammet finns i PDF-versionen.", "Årets intäkter"],
    )


def test_the_cover_carries_diary_number_and_decision_date_in_word_html_and_pdf():
    report = plan("finnveden", 2014)
    Report.objects.filter(pk=report.pk).update(diary_number="SOF 2013/41")
    data = build_report(Report.objects.get(pk=report.pk))
    cover = [
        "Verksamhetsplan 2014",
        "Diarienummer: SOF 2013/41",
        "Beslutsdatum: 2013-11-29",
        "Innehåll",
    ]
    assert_in_order(docx_text(report_docx(data)), cover, "docx")
    assert_in_order(html_text(print_html(data)), cover, "html")
    # The adopted PDF, rendered at the demo's adoption, carries the decision date.
    frozen = pdf_text(latest_adoption(report).pdf.read())
    assert_in_order(frozen, ["Verksamhetsplan 2014", "Beslutsdatum: 2013-11-29", "Innehåll"])


def test_a_report_not_adopted_prints_no_diary_number_or_decision_date():
    report = Report.objects.get(association__slug="vaxjo", kind="delarsrapport")
    data = build_report(report)
    assert data.decision_date is None and data.diary_number == ""
    for text in (docx_text(report_docx(data)), html_text(print_html(data))):
        assert "Diarienummer" not in text and "Beslutsdatum" not in text
    assert "Utkast" in docx_text(report_docx(data)) or _header_says_draft(report_docx(data))


def _header_says_draft(content: bytes) -> bool:
    section = Document(BytesIO(content)).sections[0]
    return "Utkast" in section.header.paragraphs[0].text


def test_texts_keep_paragraphs_emphasis_and_lists():
    from finsam.lib.markup import render_markup

    text = "Ett *viktigt* stycke med **fet** text.\n\n- första\n- andra\n\n1. ett\n2. två"
    data = ReportData(report_id=0, kind="verksamhetsplan", association_name="A", title="T")
    data.sections = [Section(heading="Inledning", number="1", text_html=render_markup(text))]
    document = Document(BytesIO(report_docx(data)))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "1 Inledning")
    body = paragraphs[start + 1 : start + 6]
    assert [(p.style.name, p.text) for p in body] == [
        ("Normal", "Ett viktigt stycke med fet text."),
        ("List Bullet", "första"),
        ("List Bullet", "andra"),
        ("Normal", "1.\tett"),
        ("Normal", "2.\ttvå"),
    ]
    runs = {run.text: run for run in body[0].runs}
    assert runs["viktigt"].italic and not runs["viktigt"].bold
    assert runs["fet"].bold and not runs["fet"].italic


def _kansli_2014() -> BudgetAmount:
    return BudgetAmount.objects.get(
        line__document__association__slug="finnveden",
        line__label="Kansli",
        column__label="Budget 2014",
    )


def test_the_adopted_report_s_word_copy_keeps_the_adopted_figures(client, make_user):
    report = plan("finnveden", 2014)
    adoption = latest_adoption(report)
    BudgetAmount.objects.filter(pk=_kansli_2014().pk).update(amount=Decimal(450000))
    auditor = make_user("auditor-w", report.association, Role.AUDITOR)
    client.force_login(auditor)
    slug = report.association.slug
    response = client.get(reverse("reports:docx", args=[slug, report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert (
        "Verksamhetsplan%202014%20Finnvedens%20samordningsf%C3%B6rbund.docx"
        in (response["Content-Disposition"])
    )
    frozen = _content(response)
    kansli = {r.cells[0].text: r for r in _table_rows(frozen, "Budget 2014-2015")}["Kansli"]
    assert kansli.cells[1].text == "425\xa0000"
    assert "Utkast" not in Document(BytesIO(frozen)).sections[0].header.paragraphs[0].text
    download = ReportDownload.objects.get(report=report, user=auditor)
    assert download.adoption == adoption and download.file_format == "docx"
    # Today's data, asked for as such, is a draft with the new figure.
    draft = _content(client.get(reverse("reports:draft_docx", args=[slug, report.pk])))
    kansli = {r.cells[0].text: r for r in _table_rows(draft, "Budget 2014-2015")}["Kansli"]
    assert kansli.cells[1].text == "450\xa0000"
    assert _header_says_draft(draft)


def test_the_page_offers_word_beside_the_pdf_and_names_the_original(client, make_user):
    report = plan("finnveden", 2014)
    client.force_login(make_user("board-w", report.association, Role.BOARD))
    page = client.get(reverse("reports:detail", args=["finnveden", report.pk])).content.decode()
    assert reverse("reports:docx", args=["finnveden", report.pk]) in page
    assert "Originalet är den fastställda PDF-filen." in page
    assert "Beslutsdatum: 2013-11-29" in page


def test_an_adoption_without_a_word_copy_gives_today_s_data_as_a_draft(client, make_user):
    report = plan("finnveden", 2014)
    latest_adoption(report).__class__.objects.filter(report=report).update(docx="")
    client.force_login(make_user("staff-w", report.association, Role.STAFF))
    response = client.get(reverse("reports:docx", args=["finnveden", report.pk]))
    assert response.status_code == 200 and _header_says_draft(_content(response))
    assert "utkast.docx" in response["Content-Disposition"]
    page = client.get(reverse("reports:detail", args=["finnveden", report.pk])).content.decode()
    assert "rapporten fastställdes innan Word-kopior sparades" in page


@pytest.mark.parametrize("name", ["docx", "draft_docx"])
@pytest.mark.parametrize("role", [Role.AUDITOR, Role.BOARD, Role.STAFF])
def test_another_association_s_users_get_nothing(client, make_user, name, role):
    report = plan("finnveden", 2014)
    other = Association.objects.get(slug="vaxjo")
    client.force_login(make_user(f"other-{role}", other, role))
    # Through their own association's address the report is not found; through Finnveden's
    # they have no role.
    assert client.get(reverse(f"reports:{name}", args=["vaxjo", report.pk])).status_code == 404
    assert client.get(reverse(f"reports:{name}", args=["finnveden", report.pk])).status_code == 403
    assert not ReportDownload.objects.filter(file_format="docx").exists()


def test_adoption_keeps_a_word_copy_of_the_same_build():
    from reports.services import report_adopt

    report = plan("finnveden", 2014)
    BudgetAmount.objects.filter(pk=_kansli_2014().pk).update(amount=Decimal(450000))
    adoption = report_adopt(report=report, adopted_on=date(2014, 3, 1), user=None)
    copy = adoption.docx.read()
    kansli = {r.cells[0].text: r for r in _table_rows(copy, "Budget 2014-2015")}["Kansli"]
    assert kansli.cells[1].text == "450\xa0000"
    assert_in_order(docx_text(copy), ["Beslutsdatum: 2014-03-01", "Innehåll"])
    # Named by the PDF's checksum (storage adds a suffix when an earlier test kept the same).
    assert adoption.sha256 in adoption.docx.name and adoption.docx.name.endswith(".docx")


def test_the_diary_number_given_at_adoption_is_on_the_frozen_cover(staff_client):
    report = plan("finnveden", 2014)
    url = reverse("reports:adopt", args=["finnveden", report.pk])
    form = staff_client.get(url).content.decode()
    assert 'name="diary_number"' in form
    posted = {"adopted_on": "2014-01-15", "diary_number": "SOF 2014/3", "version": report.version}
    confirm = staff_client.post(url, posted).content.decode()
    assert "Diarienummer: SOF 2014/3." in confirm
    staff_client.post(url, {**posted, "confirmed": "True"})
    adoption = latest_adoption(report)
    cover = ["Diarienummer: SOF 2014/3", "Beslutsdatum: 2014-01-15", "Innehåll"]
    assert_in_order(docx_text(adoption.docx.read()), cover, "frozen docx")
    assert_in_order(pdf_text(adoption.pdf.read()), cover, "frozen pdf")
    report.refresh_from_db()
    latest = report.history.first()
    assert (latest.diary_number, latest.adopted_on) == ("SOF 2014/3", date(2014, 1, 15))


def test_staff_change_the_diary_number_with_a_version_check_and_history(staff_client):
    report = plan("finnveden", 2014)
    url = reverse("reports:edit", args=["finnveden", report.pk])
    data = {
        "title": report.title,
        "unit": "kr",
        "state_presentation": "one_line",
        "budget_revenue_total": "row",
        "budget_cost_total": "on",
        "budget_result": "on",
        "budget": report.budget_id,
        "diary_number": "SOF 2013/41",
    }
    page = staff_client.post(url, {**data, "version": report.version - 1}).content.decode()
    assert "Rapporten har ändrats av någon annan" in page
    assert Report.objects.get(pk=report.pk).diary_number == ""
    staff_client.post(url, {**data, "version": report.version})
    assert report.history.first().diary_number == "SOF 2013/41"
    word = _content(staff_client.get(reverse("reports:draft_docx", args=["finnveden", report.pk])))
    assert_in_order(docx_text(word), ["Diarienummer: SOF 2013/41", "Innehåll"])


def test_the_logo_is_on_the_cover_within_the_printed_box(tmp_path):
    from PIL import Image as PillowImage

    logo = tmp_path / "logo.png"
    PillowImage.new("RGB", (800, 200), "navy").save(logo)
    data = ReportData(
        report_id=0, kind="verksamhetsplan", association_name="A", title="T", logo_path=logo
    )
    shapes = Document(BytesIO(report_docx(data))).inline_shapes
    assert len(shapes) == 1
    # 4:1 fills the 60 mm width before the 30 mm height (EMU: 36 000 per mm).
    assert (round(shapes[0].width / 36000), round(shapes[0].height / 36000)) == (60, 15)
