"""The presentation model of a financial table, with figures from the seed documents: blank
against 0, the sign of costs and results, kr and tkr through the house rounding rule, totals
printed from the exact amounts (never added up from rounded lines)."""

from decimal import Decimal as D
from types import SimpleNamespace

from budgets.accounts.presentation import StatementRow, note_table, printed
from budgets.accounts.statements import Figures, Note, NoteRow
from budgets.followup import Entered, follow_up
from budgets.forms import FollowUpForm
from budgets.models import Unit
from budgets.presentation import (
    FROM_BOOKS,
    DisplayOptions,
    GridRow,
    RowKind,
    follow_up_rows,
)

NBSP = "\u00a0"
KR = DisplayOptions(unit=Unit.KRONOR)
TKR = DisplayOptions(unit=Unit.THOUSANDS)


def n(text: str) -> str:
    return text.replace(" ", NBSP)


def test_nothing_there_prints_blank_and_a_zero_prints_0():
    assert KR.text(None) == "" and TKR.text(None) == ""
    assert KR.text(D(0)) == "0" and TKR.text(D(0)) == "0"
    # A figure under half a thousand is 0 tkr, not blank: it is there.
    assert TKR.text(D(499)) == "0"


def test_tkr_rounds_each_figure_half_away_from_zero():
    # Växjö's note 1: four contributions of 533 333 kr print 533 tkr; their total of
    # 2 133 332 kr prints 2 133 tkr (not 4 × 533 = 2 132).
    assert TKR.text(D(533333)) == "533"
    assert TKR.text(D(2133332)) == n("2 133")
    assert TKR.text(D(1500)) == "2" and TKR.text(D(-1500)) == "-2"
    assert TKR.text(D(2500)) == "3"  # not to even
    assert KR.text(D("533333.50")) == n("533 334") and KR.text(D("-0.5")) == "-1"


def test_costs_print_with_the_sign_the_reader_chose_and_the_result_signed():
    negative = DisplayOptions(unit=Unit.KRONOR, costs_negative=True)
    assert negative.text(D(1605000), cost=True) == n("-1 605 000")
    assert negative.text(D(1605000)) == n("1 605 000")  # revenue keeps its sign
    assert KR.text(D(1605000), cost=True) == n("1 605 000")
    assert KR.text(D(947000), signed=True) == n("+947 000")
    assert KR.text(D(-1420000), signed=True) == n("-1 420 000")
    assert KR.text(D(0), signed=True) == "0"


def test_the_spreadsheet_format_follows_the_same_rule():
    assert KR.number_format() == "#,##0" and TKR.number_format() == "#,##0,"
    negative = DisplayOptions(unit=Unit.THOUSANDS, costs_negative=True)
    assert negative.number_format() == "#,##0,"
    assert negative.number_format(cost=True) == "-#,##0,;#,##0,;0"
    assert KR.heading == "Belopp i kr" and TKR.heading == "Belopp i tkr"


def test_a_note_prints_its_rows_and_a_total_from_the_exact_amounts():
    rows = [NoteRow(f"Bidrag {who}", D(533333)) for who in ("FK", "AF", "LT", "Växjö")]
    note = Note(1, "3010", "Verksamhetens intäkter", rows, D(2133332))
    table = note_table(note, TKR)
    assert [row.texts for row in table.rows] == [("533",)] * 4
    assert table.total.kind == RowKind.TOTAL and table.total.texts == (n("2 133"),)


def test_statement_rows_keep_their_kind_and_print_note_and_figures():
    rows = printed(
        [
            StatementRow("heading", "Omsättningstillgångar"),
            StatementRow("line", "Kassa och bank", Figures(D(3799600), D(0)), 4),
            StatementRow("total", "Summa tillgångar", Figures(D(3799600), D(-1500))),
        ],
        TKR,
    )
    assert [row.kind for row in rows] == [RowKind.HEADING, RowKind.LINE, RowKind.TOTAL]
    assert rows[0].cells == ()  # a heading has no figures, not blank figures
    assert rows[1].texts == ("4", n("3 800"), "0")
    assert rows[2].texts == ("", n("3 800"), "-2")


def test_grid_rows_map_onto_the_table_kinds():
    kinds = {kind: GridRow(kind, "").table_kind for kind in ("revenue_total", "cost_total")}
    assert set(kinds.values()) == {RowKind.TOTAL}
    assert GridRow("result", "").table_kind == RowKind.RESULT
    assert GridRow("share", "").table_kind == RowKind.LINE


class _Section(SimpleNamespace):
    def __str__(self) -> str:
        return self.name


def test_follow_up_rows_with_the_worked_example():
    # Finnveden's 2014 figures: revenue 2 992 000; costs 425 000 and 1 605 000, the second
    # without a forecast (forecast at its budget).
    budget = {1: (1, D(2992000)), 2: (2, D(425000)), 3: (2, D(1605000))}
    entered = {
        1: Entered(D(1496000), D(2992000)),
        2: Entered(D(300000), D(440000)),
        3: Entered(None, None),
    }
    result = follow_up(budget, {1: False, 2: True}, entered)
    revenue = _Section(pk=1, name="Intäkter", is_cost=False, subtotal_label="")
    costs = _Section(pk=2, name="Verksamhet", is_cost=True, subtotal_label="Summa verksamhet")
    line = SimpleNamespace
    sheet = SimpleNamespace(
        sections=[
            SimpleNamespace(section=revenue, lines=[line(pk=1, label="Försäkringskassan")]),
            SimpleNamespace(
                section=costs,
                lines=[line(pk=2, label="Kansli"), line(pk=3, label="Nya projekt")],
            ),
        ]
    )
    form = FollowUpForm(line_ids=[1, 2, 3], entered=entered)
    options = DisplayOptions(unit=Unit.KRONOR, costs_negative=True)
    rows = follow_up_rows(sheet, result, form, options)
    assert [(row.kind, row.label) for row in rows] == [
        (RowKind.HEADING, "Intäkter"),
        (RowKind.LINE, "Försäkringskassan"),
        (RowKind.SUBTOTAL, "Summa intäkter"),
        (RowKind.HEADING, "Verksamhet"),
        (RowKind.LINE, "Kansli"),
        (RowKind.LINE, "Nya projekt"),
        (RowKind.SUBTOTAL, "Summa verksamhet"),
        (RowKind.TOTAL, "Summa intäkter (utan ingående balans)"),
        (RowKind.TOTAL, "Summa kostnader"),
        (RowKind.TOTAL, "Årets resultat"),
    ]
    texts = {row.label: row.texts for row in rows}
    # Nothing entered is an outcome of 0 (printed "0"), and a difference of 0 prints "0".
    assert texts["Nya projekt"] == (n("-1 605 000"), "0", n("-1 605 000"), "0")
    assert texts["Kansli"] == (n("-425 000"), n("-300 000"), n("-440 000"), n("-15 000"))
    assert texts["Summa kostnader"] == (
        n("-2 030 000"),
        n("-300 000"),
        n("-2 045 000"),
        n("-15 000"),
    )
    # The result is revenue less costs, never flipped by the cost sign.
    assert texts["Årets resultat"] == (n("962 000"), n("1 196 000"), n("947 000"), n("-15 000"))
    kansli = rows[4]
    assert kansli.cells[1].field.name == "outcome_to_date_2"
    assert kansli.cells[2].field.name == "forecast_2" and kansli.cells[0].field is None
    assert kansli.cells[2].field.field.widget.attrs["placeholder"] == n("440 000")
    assert not any(cell.tag == FROM_BOOKS for row in rows for cell in row.cells)


def test_a_check_is_printed_after_the_word_for_its_level():
    from budgets.calculation import Check

    assert [Check(level, "").level_label for level in ("error", "warning", "info")] == [
        "Fel",
        "Varning",
        "Upplysning",
    ]
