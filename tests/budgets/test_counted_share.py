"""Counted share, entered either way: as the granted maximum or as the counted amount, in
budget and plan columns only; forecast and outcome columns hold the money itself."""

from decimal import Decimal

import pytest

from budgets.calculation import (
    BudgetInput,
    CellInput,
    ColumnInput,
    LineInput,
    SectionInput,
    calculate,
)
from budgets.models import BudgetAmount, BudgetColumn, BudgetDocument, ColumnKind, ShareEntry
from budgets.presentation import DisplayOptions, grid_rows
from budgets.selectors import budget_sheet

D = Decimal
COLUMNS = [
    ColumnInput(1, "budget", 2025, "Budget 2025"),
    ColumnInput(2, "forecast", 2025, "Prognos 2025"),
    ColumnInput(3, "plan", 2026, "Plan 2026"),
    ColumnInput(4, "outcome", 2025, "Utfall 2025"),
]


def _result(*lines: LineInput):
    sections = [SectionInput(2, "operations")]
    return calculate(BudgetInput(COLUMNS, sections, list(lines), counted_share=D(90)))


def _typed(*figures: int) -> dict[int, CellInput]:
    return {k: CellInput(stored=D(f)) for k, f in enumerate(figures, start=1)}


def test_maximum_is_counted_in_budget_and_plan_never_in_forecast_or_outcome():
    result = _result(LineInput(1, 2, "initiative", _typed(1_000_000, 900_000, 1_000_000, 880_000)))
    values = [result.cell(1, c).value for c in (1, 2, 3, 4)]
    assert values == [D(900_000), D(900_000), D(900_000), D(880_000)]
    maxima = [result.cell(1, c).maximum for c in (1, 2, 3, 4)]
    assert maxima == [D(1_000_000), None, D(1_000_000), None]
    assert result.columns[2].costs == D(900_000)  # the forecast as typed, not 810 000


def test_counted_entry_is_the_value_itself():
    line = LineInput(
        1, 2, "initiative", _typed(900_000, 850_000, 950_000, 0), share_entry="counted"
    )
    result = _result(line)
    assert [result.cell(1, c).value for c in (1, 2, 3, 4)] == [
        D(900_000),
        D(850_000),
        D(950_000),
        D(0),
    ]
    assert result.cell(1, 1).maximum is None


def test_counted_entry_with_nothing_typed_counts_the_granted_maximum():
    cells = {1: CellInput(computed=D(1_000_000)), 2: CellInput(computed=D(1_000_000))}
    result = _result(LineInput(1, 2, "initiative", cells, share_entry="counted"))
    assert (result.cell(1, 1).value, result.cell(1, 1).maximum) == (D(900_000), D(1_000_000))
    assert (result.cell(1, 2).value, result.cell(1, 2).maximum) == (D(1_000_000), None)


def test_exempt_line_stays_whole_in_every_column():
    line = LineInput(1, 2, "initiative", _typed(500_000, 500_000, 500_000, 500_000))
    result = _result(LineInput(**{**line.__dict__, "exempt_from_share": True}))
    assert [result.cell(1, c).value for c in (1, 2, 3, 4)] == [D(500_000)] * 4


@pytest.mark.django_db
def test_line_form_sets_counted_entry_and_the_grid_prints_it(staff_client):
    document = BudgetDocument.objects.get(association__slug="finnveden", year=2014)
    BudgetDocument.objects.filter(pk=document.pk).update(counted_share=90)
    line = document.lines.get(label="Navigatörcentrum")
    forecast = BudgetColumn.objects.create(
        document=document, order=9, kind=ColumnKind.FORECAST, year=2014, label="Prognos 2014"
    )
    BudgetAmount.objects.create(line=line, column=forecast, amount=D(900_000))

    def cells():
        sheet = budget_sheet(BudgetDocument.objects.get(pk=document.pk))
        row = next(r for r in grid_rows(sheet, DisplayOptions.of(sheet.document)) if r.line == line)
        return row.cells

    def texts() -> list[str]:
        return [c.text.replace("\u00a0", " ") for c in cells()]

    assert texts() == ["536 400", "549 000", "900 000"]  # 90 % of 596 000 and 610 000
    assert "max 596\u00a0000, räknas 90 %: 536\u00a0400" in cells()[0].detail
    url = f"/{document.association.slug}/budget/{document.pk}/rader/{line.pk}/"
    data = {"label": line.label, "footnotes": "", "share_entry": "counted", "action": "spara"}
    data["version"] = line.version
    data["initiative"] = line.initiative_id
    staff_client.post(url, data)
    line.refresh_from_db()
    assert line.share_entry == ShareEntry.COUNTED
    assert texts() == ["596 000", "610 000", "900 000"]
    assert "inskrivet som räknat belopp (90 % av max)" in cells()[0].detail
    assert "räknat" not in cells()[2].detail  # the forecast is money, no share
