"""xlsx: export with formulas, import all-or-nothing, and the round trip keeps every figure."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from budgets.models import BudgetAmount, BudgetDocument, BudgetLine
from budgets.selectors import budget_sheet
from budgets.services import document_import
from budgets.xlsx.export import export_budget
from budgets.xlsx.importer import BudgetFileError, read_budget
from finsam.models import ImportBatch

pytestmark = pytest.mark.django_db


def _figures(document):
    sheet = budget_sheet(document)
    cells = {
        (line.label, c.label): sheet.result.cell(line.pk, c.pk).value
        for line in sheet.lines
        for c in sheet.columns
    }
    totals = [(r.revenue, r.costs, r.closing) for r in sheet.result.columns.values()]
    return cells, totals, [f.text for f in sheet.footnotes]


@pytest.mark.parametrize(
    "slug", ["finnveden", "vastra-malardalen", "ale-kungalv-stenungsund-tjorn"]
)
def test_round_trip_keeps_every_figure(slug):
    original = BudgetDocument.objects.get(association__slug=slug)
    before = _figures(original)
    content = export_budget(budget_sheet(original))
    plan = read_budget(content)
    imported = document_import(association=original.association, plan=plan, user=None)
    assert _figures(imported) == before
    # Contributions stay linked to the funding (no override) and the chain stays a chain.
    sheet = budget_sheet(imported)
    contribution = next(line for line in sheet.lines if line.kind == "contribution")
    assert all(sheet.result.cell(contribution.pk, c.pk).stored is None for c in sheet.columns)


def test_export_has_formulas_and_footnotes_below():
    document = BudgetDocument.objects.get(association__slug="finnveden")
    ws = load_workbook(BytesIO(export_budget(budget_sheet(document))))["Budget"]
    by_kind = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    assert ws.cell(by_kind["summa intäkter"], 5).value.startswith("=SUM(")
    revenue, costs = by_kind["summa intäkter"], by_kind["summa kostnader"]
    assert ws.cell(by_kind["resultat"], 6).value == f"=F{revenue}-F{costs}"
    carried = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "balanserat")
    assert ws.cell(carried, 5).value == 1_720_000
    assert ws.cell(carried, 6).value == f"=E{by_kind['resultat']}"  # 2015 opens with 2014's result
    assert ws.cell(by_kind["fotnoter"] + 2, 2).value.startswith("Viss del av överskott")
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    gislaved = labels.index("Gislaveds kommun") + 1
    assert ws.cell(gislaved, 5).value == 302_600
    assert ws.cell(gislaved, 5).number_format == "#,##0"


def test_a_file_with_errors_names_sheet_row_column_and_changes_nothing():
    document = BudgetDocument.objects.get(association__slug="finnveden")
    book = load_workbook(BytesIO(export_budget(budget_sheet(document))))
    ws = book["Budget"]
    kansli = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Kansli")
    ws.cell(kansli, 5).value = "fyra"
    ws.cell(kansli + 1, 2).value = "konstig"
    out = BytesIO()
    book.save(out)
    with pytest.raises(BudgetFileError) as failed:
        read_budget(out.getvalue())
    assert failed.value.problems == [
        f"Blad ”Budget”, rad {kansli}, kolumn E: ”fyra” är inte ett belopp i hela kronor.",
        f"Blad ”Budget”, rad {kansli + 1}, kolumn B: okänd radtyp ”konstig”.",
    ]
    assert BudgetDocument.objects.filter(association__slug="finnveden").count() == 1


def test_import_command(tmp_path):
    document = BudgetDocument.objects.get(association__slug="vastra-malardalen")
    path = tmp_path / "budget.xlsx"
    path.write_bytes(export_budget(budget_sheet(document)))
    call_command("import_budget", str(path), "--association", "vastra-malardalen")
    replaced = BudgetDocument.objects.get(association__slug="vastra-malardalen")
    assert budget_sheet(replaced).result.columns[replaced.columns.get().pk].revenue == 3_500_000
    with pytest.raises(CommandError, match="Filen kunde inte läsas som xlsx"):
        (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
        bad = str(tmp_path / "bad.xlsx")
        call_command("import_budget", bad, "--association", "vastra-malardalen")


def test_download_and_upload_in_the_browser(client, make_user, association):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from finsam.permissions import Role

    client.force_login(make_user("adm", association, Role.ADMIN))
    document = association.budget_documents.get()
    response = client.get(f"/finnveden/budget/{document.pk}/xlsx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    upload = SimpleUploadedFile("b.xlsx", response.content)
    answer = client.post("/finnveden/budget/las-in/", {"file": upload})
    # The draft as it is: nothing to read in, said beside the form, nothing kept.
    assert answer.status_code == 200 and answer.context["problems"] == [
        "Filen ändrar ingenting i budgeten."
    ]
    assert not ImportBatch.objects.filter(association=association, kind="budget").exists()
    book = load_workbook(BytesIO(response.content))
    book["Inställningar"]["B1"] = "Budget 2014 (inläst)"
    edited = BytesIO()
    book.save(edited)
    upload = SimpleUploadedFile("b.xlsx", edited.getvalue())
    preview = client.get(client.post("/finnveden/budget/las-in/", {"file": upload}).url)
    assert [(c.before, c.after) for c in preview.context["plan"].changes] == [
        (document.title, "Budget 2014 (inläst)")
    ]
    batch = preview.context["batch"]
    data = {"confirm": "1", "basis": preview.context["plan"].basis}
    assert client.post(f"/finnveden/budget/las-in/{batch.pk}/beslut/", data).status_code == 302
    document.refresh_from_db()
    assert document.title == "Budget 2014 (inläst)"
    bad = client.post("/finnveden/budget/las-in/", {"file": SimpleUploadedFile("b.xlsx", b"x")})
    assert "b.xlsx är ingen Excel-arbetsbok (.xlsx)" in bad.content.decode()


def test_export_in_tkr_with_costs_negative_keeps_kronor_values():
    from budgets.presentation import DisplayOptions

    document = BudgetDocument.objects.get(association__slug="vastra-malardalen")
    content = export_budget(budget_sheet(document), DisplayOptions(unit="tkr", costs_negative=True))
    ws = load_workbook(BytesIO(content))["Budget"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Lön samordnare")
    assert ws.cell(row, 5).value == 700_000
    assert ws.cell(row, 5).number_format == "-#,##0,;#,##0,;0"
    assert ws.cell(2, 1).value == "Belopp i tkr"


def test_importing_over_a_draft_keeps_the_document_and_its_history():
    from budgets.services import budget_amount_set

    draft = BudgetDocument.objects.get(association__slug="finnveden")
    kansli = draft.lines.get(label="Kansli")
    column = draft.columns.get(year=2014)
    budget_amount_set(
        line=kansli, column=column, amount=Decimal(426000), expected=Decimal(425000), user=None
    )
    plan = read_budget(export_budget(budget_sheet(draft)))
    imported = document_import(association=draft.association, plan=plan, user=None)
    assert imported.pk == draft.pk
    assert BudgetAmount.history.filter(line_id=kansli.pk, column_id=column.pk)[1].amount == 426000
    entered = BudgetLine.history.filter(document_id=imported.pk, history_type="+").first()
    assert entered.label == "Revision"  # the file's last line, entered last
    assert entered.history_change_reason == "Inläst från xlsx"
    assert _figures(imported)[0][("Kansli", "Budget 2014")] == 426000


def test_a_draft_with_follow_up_is_not_replaced_by_a_file():
    from django.core.exceptions import ValidationError

    from budgets.models import FollowUpFigure

    draft = BudgetDocument.objects.get(association__slug="finnveden")
    FollowUpFigure.objects.create(
        line=draft.lines.get(label="Kansli"), column=draft.columns.get(year=2014), forecast=1
    )
    plan = read_budget(export_budget(budget_sheet(draft)))
    with pytest.raises(ValidationError, match="ersätts inte av filen"):
        document_import(association=draft.association, plan=plan, user=None)
    assert draft.lines.filter(label="Kansli").exists()


@pytest.mark.parametrize("year", ["NaN", "Infinity", "1999", "2014,5"])
def test_a_column_year_that_is_no_year_is_named(year):
    document = BudgetDocument.objects.get(association__slug="finnveden")
    book = load_workbook(BytesIO(export_budget(budget_sheet(document))))
    book["Budget"].cell(7, 5).value = year
    out = BytesIO()
    book.save(out)
    with pytest.raises(BudgetFileError) as failed:
        read_budget(out.getvalue())
    assert "rad 7, kolumn E: Ange ett årtal mellan 2004 och 2100." in " ".join(
        failed.value.problems
    )
