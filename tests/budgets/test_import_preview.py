"""An import shows every changed cell first and applies on confirmation only; office staff
may import; the commands export the page's file and list an import's changes (--dry-run)."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import BudgetAmount, BudgetDocument
from budgets.selectors import budget_sheet
from budgets.xlsx.export import export_budget
from finsam.models import Association, ImportBatch, ImportStatus
from finsam.permissions import Role
from tests.access_samples import _import_batch
from tests.access_samples_budgets import _budget_file

pytestmark = pytest.mark.django_db
SLUG = "finnveden"


@pytest.fixture
def document() -> BudgetDocument:
    return BudgetDocument.objects.get(association__slug=SLUG, year=2014)


def _edited_file(document: BudgetDocument) -> bytes:
    """The exported file with Kansli 2014 raised to 430 000 and Revision 2015 made blank."""
    book = load_workbook(BytesIO(export_budget(budget_sheet(document))))
    ws = book["Budget"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    ws.cell(rows["Kansli"], 5).value = 430000
    ws.cell(rows["Revision"], 6).value = None
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _amount(document, label: str, year: int) -> Decimal | None:
    found = BudgetAmount.objects.filter(line__document__association__slug=SLUG)
    row = found.filter(line__label=label, column__year=year, line__document__year=2014).first()
    return None if row is None else row.amount


def _upload(client, content: bytes):
    url = reverse("budgets:upload", args=[SLUG])
    return client.post(url, {"file": SimpleUploadedFile("budget.xlsx", content)})


def _previewed(client, content: bytes):
    """The preview the upload leads to: the file is read by a job (tests run tasks at once),
    whose answer is its preview page."""
    response = _upload(client, content)
    assert response.status_code == 302, response.content.decode()[-2000:]
    return client.get(response.url)


def _decide(client, preview, *, follow=False, **data):
    batch = preview.context["batch"]
    url = reverse("budgets:import_decide", args=[batch.association.slug, batch.pk])
    return client.post(url, {"basis": preview.context["plan"].basis, **data}, follow=follow)


def test_staff_sees_every_change_then_confirms(staff_client, document):
    preview = _previewed(staff_client, _edited_file(document))
    assert preview.status_code == 200
    changes = [(c.subject, c.before, c.after) for c in preview.context["plan"].changes]
    opening = "Avsnitt ”Intäkter” / Ackumulerat överskott prel / Budget 2015"
    assert changes == [
        # what follows from the change too: 2014 closes 5 000 lower, so 2015 opens lower
        (opening, "300\u00a0000 (beräknat)", "295\u00a0000 (beräknat)"),
        ("Avsnitt ”Administration” / Kansli / Budget 2014", "425\u00a0000", "430\u00a0000"),
        ("Avsnitt ”Administration” / Revision / Budget 2015", "21\u00a0000", "tomt"),
    ]
    page = preview.content.decode()
    assert "425\u00a0000" in page and f"Filen ersätter utkastet {document}." in page
    assert _amount(document, "Kansli", 2014) == 425_000  # nothing changed before confirming
    confirmed = _decide(staff_client, preview, confirm="1")
    assert confirmed.status_code == 302
    assert _amount(document, "Kansli", 2014) == 430_000
    assert _amount(document, "Revision", 2015) is None
    batch = ImportBatch.objects.get(pk=preview.context["batch"].pk)
    assert (batch.status, batch.kind) == (ImportStatus.APPLIED, "budget")
    again = _decide(staff_client, preview, confirm="1", follow=True)
    assert "Filen är redan inläst eller avbruten." in again.content.decode()  # applied once


def test_discard_changes_nothing(staff_client, document):
    preview = _previewed(staff_client, _edited_file(document))
    answer = _decide(staff_client, preview, discard="1", follow=True)
    assert "Inläsningen är avbruten; inget ändrades." in answer.content.decode()
    assert _amount(document, "Kansli", 2014) == 425_000
    assert ImportBatch.objects.get(pk=preview.context["batch"].pk).status == ImportStatus.DISCARDED


def test_a_budget_changed_since_the_preview_refuses_the_file(staff_client, document):
    preview = _previewed(staff_client, _edited_file(document))
    BudgetAmount.objects.filter(line__document=document, line__label="Styrelse").update(amount=1)
    answer = _decide(staff_client, preview, confirm="1", follow=True)
    assert "har ändrats sedan förhandsgranskningen" in answer.content.decode()
    assert _amount(document, "Kansli", 2014) == 425_000
    # The preview is read again: it shows what the file does now, and may then be confirmed.
    again = staff_client.get(answer.redirect_chain[-1][0])
    assert again.context["plan"].basis != preview.context["plan"].basis
    assert _decide(staff_client, again, confirm="1").status_code == 302
    assert _amount(document, "Kansli", 2014) == 430_000


def test_board_member_may_not_import(client, make_user, document):
    client.force_login(make_user("ledamot", document.association, Role.BOARD))
    assert _upload(client, _edited_file(document)).status_code == 403


def test_a_file_of_another_association_or_kind_is_not_found(staff_client, document):
    theirs = ImportBatch.objects.get(pk=_budget_file(Association.objects.get(slug="vaxjo"))["pk"])
    population = ImportBatch.objects.get(pk=_import_batch(document.association)["pk"])
    for batch in (theirs, population):
        preview = reverse("budgets:import_preview", args=[SLUG, batch.pk])
        decide = reverse("budgets:import_decide", args=[SLUG, batch.pk])
        assert staff_client.get(preview).status_code == 404
        assert staff_client.post(decide, {"confirm": "1"}).status_code == 404
    assert _amount(document, "Kansli", 2014) == 425_000


def test_export_command_writes_the_pages_file(client, make_user, document, tmp_path):
    client.force_login(make_user("adm", document.association, Role.ADMIN))
    page = client.get(reverse("budgets:export", args=[SLUG, document.pk])).content
    path = tmp_path / "budget.xlsx"
    call_command("export_budget", SLUG, str(document.pk), "--output", str(path))

    def cells(content: bytes):
        book = load_workbook(BytesIO(content))
        return [[[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets]

    assert cells(path.read_bytes()) == cells(page)


def test_import_command_dry_run_lists_changes_and_changes_nothing(document, tmp_path, capsys):
    path = tmp_path / "budget.xlsx"
    path.write_bytes(_edited_file(document))
    call_command("import_budget", str(path), "--association", SLUG, "--dry-run")
    out = capsys.readouterr().out
    assert "Avsnitt ”Administration” / Kansli / Budget 2014: 425\u00a0000 → 430\u00a0000" in out
    assert "3 ändringar; inget är inläst (--dry-run)." in out
    assert _amount(document, "Kansli", 2014) == 425_000
