"""The auditors' report on an annual report: staff attach it as a PDF (checked by its content
like every upload), board members and auditors download it, and today's PDF of the report
ends with its pages; anything else is refused with a message and changes nothing."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from finsam.permissions import Role
from reports.models import Report
from tests.reports.helpers import pdf_pages
from tests.reports.pdfs import blank_pdf, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual() -> Report:
    return Report.objects.get(association__slug="vaxjo", kind="arsredovisning", year=2013)


def _url(name: str, report: Report) -> str:
    return reverse(f"reports:{name}", args=[report.association.slug, report.pk])


def _client_for(client, make_user, report: Report, role: Role, name: str):
    client.force_login(make_user(name, report.association, role))
    return client


def _post(client, report: Report, upload, received_on: str = "2014-04-02", version=None):
    data = {
        "pdf": upload,
        "received_on": received_on,
        "version": report.version if version is None else version,
    }
    return client.post(_url("auditors_report_upload", report), data)


def test_staff_attach_it_and_the_board_and_auditors_read_it(client, make_user, annual):
    staff = _client_for(client, make_user, annual, Role.STAFF, "kansli-x")
    response = _post(staff, annual, blank_pdf(pages=2))
    assert response.status_code == 302
    annual.refresh_from_db()
    assert annual.auditors_report_received == date(2014, 4, 2)
    assert annual.history.first().auditors_report  # the change is in the history
    page = staff.get(_url("detail", annual)).content.decode()
    assert "Mottagen 2014-04-02." in page
    assert _url("auditors_report", annual) in page
    for role in (Role.BOARD, Role.AUDITOR):
        reader = _client_for(client, make_user, annual, role, f"reader-{role}")
        response = reader.get(_url("auditors_report", annual))
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        assert len(PdfReader(BytesIO(content)).pages) == 2


def test_todays_pdf_ends_with_the_auditors_report(client, make_user, annual):
    staff = _client_for(client, make_user, annual, Role.STAFF, "kansli-y")
    before = pdf_pages(staff.get(_url("draft_pdf", annual)).content)
    _post(staff, annual, blank_pdf(pages=3))
    after = pdf_pages(staff.get(_url("draft_pdf", annual)).content)
    assert after == before + 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("revision.docx", b"PK\x03\x04 not a pdf", "revision.docx: ladda upp en PDF-fil (.pdf)."),
        (
            "revision.pdf",
            b"PK\x03\x04 a zip",
            "revision.pdf är ingen PDF-fil. Spara dokumentet som PDF.",
        ),
        ("revision.pdf", b"%PDF-1.7 cut short", "revision.pdf går inte att läsa som PDF."),
        ("revision.pdf", b"", "Den valda filen är tom."),
    ],
)
def test_what_is_not_a_pdf_is_refused(client, make_user, annual, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    staff = _client_for(client, make_user, annual, Role.STAFF, "kansli-z")
    version = annual.version
    response = _post(staff, annual, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    annual.refresh_from_db()
    assert not annual.auditors_report and annual.version == version


def test_a_stale_upload_and_a_date_in_the_year_are_refused(client, make_user, annual):
    staff = _client_for(client, make_user, annual, Role.STAFF, "kansli-w")
    stale = _post(staff, annual, blank_pdf(), version=annual.version - 1)
    assert stale.status_code == 400
    early = _post(staff, annual, blank_pdf(), received_on="2013-12-31")
    assert "före räkenskapsårets slut" in early.content.decode()
    annual.refresh_from_db()
    assert not annual.auditors_report


def test_the_board_cannot_upload(client, make_user, annual):
    board = _client_for(client, make_user, annual, Role.BOARD, "styrelse-x")
    assert _post(board, annual, blank_pdf()).status_code == 403
    assert not Report.objects.get(pk=annual.pk).auditors_report


def test_a_plan_has_no_auditors_report(client, make_user):
    plan = Report.objects.filter(association__slug="vaxjo").exclude(kind="arsredovisning").first()
    staff = _client_for(client, make_user, plan, Role.STAFF, "kansli-v")
    response = _post(staff, plan, blank_pdf())
    assert "Bara en årsredovisning har en revisionsberättelse." in response.content.decode()
    assert pdf_bytes()[:5] == b"%PDF-"
