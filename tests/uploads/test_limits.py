"""Uploads are limited in size and judged by content: a refused file is named with the limit
or the reason, is not kept, and changes nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from budgets.models import BudgetDocument
from finsam.models import ImportBatch
from finsam.permissions import Role
from tests.spreadsheets import workbook_bytes

pytestmark = pytest.mark.django_db
VAXJO_SIE = django_settings.BASE_DIR / "fixtures" / "vaxjo" / "bokforing-2014-08.se"


@pytest.fixture
def admin_client(client, make_user, association):
    client.force_login(make_user("import-admin", association, Role.ADMIN))
    return client


def kept_files() -> list[Path]:
    folder = Path(django_settings.MEDIA_ROOT) / "imports"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def post_import(client, name: str, content: bytes, kind: str = "contributions"):
    before = (ImportBatch.objects.count(), kept_files())
    response = client.post(
        "/finnveden/importer/", {"kind": kind, "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert (ImportBatch.objects.count(), kept_files()) == before  # nothing kept or written
    return response.content.decode()


def an_xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["År", "Medlem", "Belopp"])
    return workbook_bytes(workbook)


def test_a_spreadsheet_over_the_limit_is_named_with_its_size_and_the_limit(admin_client, settings):
    settings.FINSAM_MAX_UPLOAD_MB = 1
    content = b"\xc5r;Medlem;Belopp\n" + b"2015;Gnosj\xf6 kommun;1\n" * 60_000  # 1.2 MB
    page = post_import(admin_client, "bidrag.csv", content)
    assert "bidrag.csv är 1,2 MB; filer får vara högst 1 MB." in page


def test_sie_files_have_their_own_larger_limit(admin_client, settings):
    settings.FINSAM_MAX_UPLOAD_MB, settings.FINSAM_MAX_SIE_UPLOAD_MB = 0, 1
    sie = VAXJO_SIE.read_bytes()
    padded = sie + b"#PROGRAM " + b"x" * (2**20) + b"\r\n"
    page = post_import(admin_client, "bok.se", padded, kind="sie")
    assert "bok.se är 1,0 MB; SIE-filer får vara högst 1 MB." in page


def test_the_form_says_the_limits(admin_client):
    page = admin_client.get("/finnveden/importer/").content.decode()
    assert "Högst 10 MB; SIE-filer högst 200 MB." in page


@pytest.mark.parametrize(
    ("name", "content", "kind", "message"),
    [
        (
            "bidrag.csv",
            an_xlsx(),
            "contributions",
            "bidrag.csv är en Excel- eller zip-fil, inte en CSV-fil",
        ),
        (
            "bidrag.xlsx",
            "År;Medlem;Belopp\n".encode(),
            "contributions",
            "bidrag.xlsx är ingen Excel-arbetsbok (.xlsx)",
        ),
        (
            "bidrag.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "contributions",
            "bidrag.xlsx är en äldre Excel-fil (.xls)",
        ),
        ("inv.txt", b"Kommun\0Datum", "population", "inv.txt är ingen textfil (CSV)"),
        (
            "inv.csv",
            b"Kommun;Datum;Inv\x81nare\n",
            "population",
            "inv.csv går inte att läsa som text",
        ),
        ("bok.se", an_xlsx(), "sie", "bok.se är en Excel- eller zip-fil, inte en SIE-fil"),
        ("bok.se", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "sie", "bok.se är ingen SIE-fil"),
        ("rb.pdf", b"%PDF-1.4", "trial_balance", "rb.pdf: filtypen stöds inte"),
    ],
    ids=[
        "xlsx-as-csv",
        "csv-as-xlsx",
        "xls",
        "binary-txt",
        "undecodable-csv",
        "xlsx-as-sie",
        "pdf-as-sie",
        "pdf",
    ],
)
def test_the_type_is_judged_by_content(admin_client, name, content, kind, message):
    assert message in post_import(admin_client, name, content, kind)


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_opened(admin_client, settings):
    settings.FINSAM_MAX_UNPACKED_MB = 1
    buffer = io.BytesIO(an_xlsx())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/filler.bin", b"\0" * (3 * 2**20))  # compresses to ~3 kB
    page = post_import(admin_client, "bidrag.xlsx", buffer.getvalue())
    assert "bidrag.xlsx packas upp till 3,0 MB; en arbetsbok får vara högst 1 MB uppackad." in page


def test_a_long_file_name_is_shortened_in_the_message(admin_client):
    page = post_import(admin_client, "x" * 300 + ".pdf", b"%PDF")
    assert "x" * 77 + "…: filtypen stöds inte" in page


def post_budget(client, name: str, content: bytes) -> str:
    before = BudgetDocument.objects.count()
    response = client.post("/finnveden/budget/las-in/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert BudgetDocument.objects.count() == before
    return response.content.decode()


def test_a_budget_file_over_the_limit(admin_client, settings):
    settings.FINSAM_MAX_UPLOAD_MB = 1
    page = post_budget(admin_client, "budget.xlsx", b"PK\x03\x04" + b"\0" * (2**20 + 1))
    assert "budget.xlsx är 1,0 MB; filer får vara högst 1 MB." in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("budget.csv", b"Text;Radtyp\n", "budget.csv: ladda upp en Excel-arbetsbok (.xlsx)."),
        ("budget.xlsx", b"Text;Radtyp\n", "budget.xlsx är ingen Excel-arbetsbok (.xlsx)"),
        ("budget.xlsx", an_xlsx(), "Bladet ”Budget” saknas."),
    ],
)
def test_a_budget_file_of_the_wrong_type(admin_client, name, content, message):
    assert message in post_budget(admin_client, name, content)
