"""Issue 14's three parts together (adoption, blank cells and counted share, next year's
budget and xlsx), worked on Finnveden 2014 counting 90 %: "Navigatörcentrum" typed as the
counted amount, "Jobbcenter Unga" exempt, "Processtöd till huvudmännen" blank in 2014."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from budgets.differences import adopted_differences
from budgets.models import BudgetAmount, BudgetDocument, BudgetLine, ShareEntry
from budgets.presentation import DisplayOptions, grid_rows
from budgets.selectors import budget_sheet
from budgets.services import column_add, document_adopt, document_import
from budgets.services.import_preview import import_preview
from budgets.services.successor import document_create_from
from budgets.xlsx.export import export_budget
from budgets.xlsx.importer import read_budget
from initiatives.models import Initiative
from initiatives.services import DecisionData, decision_record

pytestmark = pytest.mark.django_db
D = Decimal
BLANK = "Processtöd till huvudmännen"
COUNTED = "Navigatörcentrum"
EXEMPT = "Jobbcenter Unga"


@pytest.fixture
def budget(association) -> BudgetDocument:
    document = association.budget_documents.get()
    BudgetDocument.objects.filter(pk=document.pk).update(counted_share=90)
    BudgetAmount.objects.filter(
        line__document=document, line__label=BLANK, column__year=2014
    ).delete()
    document.lines.filter(label=COUNTED).update(share_entry=ShareEntry.COUNTED)
    document.lines.filter(label=EXEMPT).update(exempt_from_share=True)
    BudgetAmount.objects.filter(
        line__document=document, line__label=COUNTED, column__year=2014
    ).update(amount=540_000)
    # 2015 read from the grant decisions (610 000 granted, counted at 90 %).
    BudgetAmount.objects.filter(
        line__document=document, line__label=COUNTED, column__year=2015
    ).delete()
    return BudgetDocument.objects.get(pk=document.pk)


def _texts(sheet, label: str) -> list[str]:
    row = next(r for r in grid_rows(sheet, DisplayOptions.of(sheet.document)) if r.label == label)
    return [c.text.replace("\xa0", " ") for c in row.cells]


def _xlsx_row(content: bytes, label: str) -> tuple:
    ws = load_workbook(BytesIO(content))["Budget"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)
    return ws.cell(row, 5).value, ws.cell(row, 6).value


def _reduce_navigator_2015(amount: int) -> None:
    decision_record(
        initiative=Initiative.objects.get(association__slug="finnveden", name="Navigatorcentrum"),
        data=DecisionData(
            kind="reduction",
            decided_on=date(2014, 2, 1),
            amount=Decimal(amount),
            period_start=date(2015, 1, 1),
            period_end=date(2015, 12, 31),
            text="Minskning",
        ),
    )


def test_an_adopted_budget_keeps_blanks_and_counted_figures_after_a_grant_change(budget):
    before = budget_sheet(budget)
    assert _texts(before, BLANK) == ["", "210 000"]
    assert _texts(before, COUNTED) == ["540 000", "549 000"]  # typed; 90 % of 610 000
    exempt = _texts(before, EXEMPT)
    exported = export_budget(before)
    document_adopt(
        document=budget,
        adopted_on=date(2013, 12, 12),
        meeting=None,
        diary_number="2013/45",
        user=None,
        motivation="Överskottet används medvetet.",
    )
    budget.refresh_from_db()
    _reduce_navigator_2015(100_000)

    adopted = budget_sheet(budget)
    assert _texts(adopted, BLANK) == ["", "210 000"]
    assert _texts(adopted, COUNTED) == ["540 000", "549 000"]
    assert _texts(adopted, EXEMPT) == exempt
    assert _texts(budget_sheet(budget, today=True), COUNTED) == ["540 000", "459 000"]
    # The xlsx of the adopted revision is the file exported before the grant changed.
    content = export_budget(adopted)
    assert _xlsx_row(content, BLANK) == (None, 210_000)
    assert _xlsx_row(content, COUNTED) == _xlsx_row(exported, COUNTED)
    found = {(d.row, d.column): (d.adopted, d.today) for d in adopted_differences(adopted)}
    assert found[(COUNTED, "Budget 2015")] == ("549\xa0000", "459\xa0000")
    assert (BLANK, "Budget 2014") not in found and (COUNTED, "Budget 2014") not in found


def test_next_years_budget_keeps_blanks_counted_entry_and_exemptions(budget):
    BudgetAmount.objects.filter(
        line__document=budget, line__label="Kansli", column__year=2015
    ).delete()
    new, _ = document_create_from(source=budget, year=2015, user=None)
    assert new.counted_share == 90
    assert new.lines.get(label=COUNTED).share_entry == ShareEntry.COUNTED
    assert new.lines.get(label=EXEMPT).exempt_from_share
    assert not BudgetLine.objects.get(document=new, label="Kansli").amounts.exists()
    sheet = budget_sheet(new)
    assert _texts(sheet, "Kansli") == ["", ""]
    assert _texts(sheet, COUNTED)[0] == "549 000"  # granted 610 000, counted at 90 %


def test_a_forecast_moved_from_a_budget_starts_at_the_budgets_counted_figure(budget):
    """The earlier budget of 2015 counts 90 % of the 610 000 typed as the maximum: the new
    forecast of 2015, which counts no share, starts at the 549 000 the budget counted."""
    budget.lines.filter(label=COUNTED).update(share_entry=ShareEntry.MAXIMUM)
    line = budget.lines.get(label=COUNTED)
    line.amounts.create(column=budget.columns.get(year=2015), amount=610_000)
    column_add(document=budget, kind="forecast", year=2014, label="Prognos 2014", user=None)
    assert _texts(budget_sheet(budget), COUNTED)[1] == "549 000"
    new, _ = document_create_from(source=budget, year=2015, user=None)
    forecast = new.columns.get(kind="forecast", year=2015)
    sheet = budget_sheet(new)
    moved = new.lines.get(label=COUNTED)
    assert sheet.result.cell(moved.pk, forecast.pk).value == D(549_000)


def test_the_adopted_revisions_file_read_back_keeps_its_figures_in_a_new_revision(budget):
    """The unchanged file of an adopted revision, read back after the grant fell, enters the
    figures the file shows in a new draft; the adopted revision stays as it was. The counted
    formula of "Navigatörcentrum" (max 610 000) typed as the counted amount is 549 000."""
    document_adopt(
        document=budget,
        adopted_on=date(2013, 12, 12),
        meeting=None,
        diary_number="2013/45",
        user=None,
        motivation="Överskottet används medvetet.",
    )
    budget.refresh_from_db()
    _reduce_navigator_2015(100_000)
    content = export_budget(budget_sheet(budget))
    preview = import_preview(association=budget.association, plan=read_budget(content), user=None)
    assert preview.new_revision and preview.replaces == budget
    new = document_import(association=budget.association, plan=read_budget(content), user=None)
    assert (new.revision, new.is_draft) == (2, True)
    sheet = budget_sheet(new)
    assert _texts(sheet, COUNTED) == ["540 000", "549 000"]
    assert _texts(sheet, BLANK) == ["", "210 000"]
    assert [c.closing for c in sheet.result.columns.values()] == [
        c.closing for c in budget_sheet(budget).result.columns.values()
    ]
    budget.refresh_from_db()
    assert not budget.is_draft and _texts(budget_sheet(budget), COUNTED) == ["540 000", "549 000"]


def test_an_adopted_revisions_columns_and_sections_do_not_move(budget):
    from django.core.exceptions import ValidationError

    from budgets.services.ordering import column_move, section_move

    document_adopt(
        document=budget,
        adopted_on=date(2013, 12, 12),
        meeting=None,
        diary_number="2013/45",
        user=None,
        motivation="Överskottet används medvetet.",
    )
    columns = [c.label for c in budget.columns.all()]
    sections = [s.name for s in budget.sections.all()]
    with pytest.raises(ValidationError, match="Budgeten är fastställd"):
        column_move(column=budget.columns.last(), up=True, user=None)
    with pytest.raises(ValidationError, match="Budgeten är fastställd"):
        section_move(section=budget.sections.last(), up=True, user=None)
    assert [c.label for c in budget.columns.all()] == columns
    assert [s.name for s in budget.sections.all()] == sections


def test_the_plan_prints_the_adopted_blank_and_counted_figures_after_a_grant_change(budget):
    from reports.blocks.budget import budget_block
    from reports.builders import build_report
    from reports.context import BuildContext
    from reports.rendering import report_pdf
    from tests.reports.helpers import normalised, pdf_text
    from tests.reports.plan_texts import plan

    document_adopt(
        document=budget,
        adopted_on=date(2013, 12, 12),
        meeting=None,
        diary_number="2013/45",
        user=None,
        motivation="Överskottet används medvetet.",
    )
    _reduce_navigator_2015(100_000)
    report = plan("finnveden", 2014)
    rows = {r.label: list(r.cells) for r in budget_block(BuildContext(report)).tables[0].rows}
    assert rows[BLANK] == ["", "210\xa0000"]
    assert rows[COUNTED] == ["540\xa0000", "549\xa0000"]
    text = pdf_text(report_pdf(build_report(report)))
    assert normalised(f"{COUNTED} 540 000 549 000") in text
    assert normalised(f"{BLANK} 210 000") in text
