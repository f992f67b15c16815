"""The budget calculation as worked examples, without a database."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from budgets.calculation import (
    BudgetInput,
    CellInput,
    ColumnInput,
    LineInput,
    SectionInput,
    calculate,
    opening_source,
)

REV, OPS, ADM = (
    SectionInput(1, "revenue"),
    SectionInput(2, "operations"),
    SectionInput(3, "administration"),
)


def _budget(columns, lines, share=D(100), explanation=""):
    return BudgetInput(
        columns, [REV, OPS, ADM], lines, counted_share=share, balance_explanation=explanation
    )


def test_five_columns_chain_forecast_feeds_next_budget():
    columns = [
        ColumnInput(1, "budget", 2024, "Budget 2024"),
        ColumnInput(2, "forecast", 2024, "Prognos 2024"),
        ColumnInput(3, "budget", 2025, "Budget 2025"),
        ColumnInput(4, "plan", 2026, "Plan 2026"),
        ColumnInput(5, "plan", 2027, "Plan 2027"),
    ]
    assert opening_source(columns[2], columns) == ("closing", columns[1])
    assert opening_source(columns[1], columns) == ("opening", columns[0])
    assert opening_source(columns[0], columns) is None
    lines = [
        LineInput(10, 1, "carried_forward", {1: CellInput(stored=D(500_000))}),
        LineInput(11, 1, "amount", {k: CellInput(stored=D(1_000_000)) for k in range(1, 6)}),
        LineInput(
            12,
            2,
            "amount",
            {
                k: CellInput(stored=D(v))
                for k, v in {
                    1: 900_000,
                    2: 800_000,
                    3: 1_100_000,
                    4: 1_000_000,
                    5: 1_000_000,
                }.items()
            },
        ),
    ]
    result = calculate(_budget(columns, lines))
    closing = {k: result.columns[k].closing for k in range(1, 6)}
    assert closing == {1: 600_000, 2: 700_000, 3: 600_000, 4: 600_000, 5: 600_000}
    assert result.columns[2].opening == 500_000  # the forecast starts where the budget starts
    assert result.columns[3].opening == 700_000  # the forecast's closing, not the budget's


def test_overridden_opening_keeps_the_difference():
    columns = [
        ColumnInput(1, "budget", 2014, "Budget 2014"),
        ColumnInput(2, "budget", 2015, "Budget 2015"),
    ]
    lines = [
        LineInput(
            10,
            1,
            "carried_forward",
            {1: CellInput(stored=D(1_720_000)), 2: CellInput(stored=D(350_000))},
        ),
        LineInput(12, 2, "amount", {1: CellInput(stored=D(1_420_000))}),
    ]
    result = calculate(_budget(columns, lines))
    assert result.columns[2].opening == 350_000
    assert result.columns[2].opening_computed == 300_000
    assert result.columns[2].opening_difference == 50_000
    assert result.cell(10, 2).difference == 50_000
    assert [c.message for c in result.checks if c.level == "info"] == [
        "Budget 2015: ingående balans är ändrad till 350\u00a0000 kr; enligt föregående kolumn "
        "300\u00a0000 kr (skillnad 50\u00a0000 kr)."
    ]


def test_counted_share_90_percent_with_an_exempt_line():
    columns = [ColumnInput(1, "budget", 2025, "Budget 2025")]
    lines = [
        LineInput(11, 1, "amount", {1: CellInput(stored=D(3_000_000))}),
        LineInput(12, 2, "initiative", {1: CellInput(stored=D(1_000_005))}),  # typed maximum
        LineInput(13, 2, "initiative", {1: CellInput(computed=D(500_000))}),  # granted, not typed
        LineInput(14, 2, "initiative", {1: CellInput(stored=D(200_000))}, exempt_from_share=True),
    ]
    result = calculate(_budget(columns, lines, share=D(90)))
    assert result.cell(12, 1).maximum == D(1_000_005)
    assert result.cell(12, 1).value == D(900_005)  # 900 004,5 rounded half away from zero
    assert (result.cell(13, 1).maximum, result.cell(13, 1).value) == (500_000, 450_000)
    assert (result.cell(14, 1).maximum, result.cell(14, 1).value) == (None, 200_000)
    assert result.columns[1].costs == D(1_550_005)


def test_negative_balance_is_an_error_and_unexplained_deficit_a_warning():
    columns = [ColumnInput(1, "budget", 2025, "Budget 2025")]
    lines = [
        LineInput(10, 1, "carried_forward", {1: CellInput(stored=D(100_000))}),
        LineInput(11, 1, "amount", {1: CellInput(stored=D(1_000_000))}),
        LineInput(12, 3, "amount", {1: CellInput(stored=D(1_200_000))}),
    ]
    result = calculate(_budget(columns, lines))
    assert result.columns[1].closing == -100_000
    assert [c.message for c in result.errors] == [
        "Budget 2025: balanserat resultat blir negativt (-100\u00a0000 kr). "
        "Förbundet får inte låna."
    ]
    assert result.warnings[0].message.endswith("En förklaring krävs.")
    assert result.columns[1].administration_share == 100


def test_contributions_off_the_statutory_shares_are_a_warning():
    columns = [ColumnInput(1, "budget", 2025, "Budget 2025")]
    parties = {"state": D(1_000_000), "region": D(500_000), "municipal": D(0)}
    lines = [
        LineInput(11, 1, "contribution", {1: CellInput(computed=D(1_500_000), parties=parties)}),
        LineInput(
            12,
            1,
            "contribution",
            {
                1: CellInput(
                    stored=D(400_000), computed=D(500_000), parties={"municipal": D(500_000)}
                )
            },
            party="municipal",
        ),
    ]
    result = calculate(_budget(columns, lines))
    assert result.cell(12, 1).value == 400_000 and result.cell(12, 1).difference == -100_000
    assert "följer inte de lagstadgade andelarna" in result.warnings[0].message


def test_missing_funding_counts_zero_and_says_so():
    columns = [ColumnInput(1, "budget", 2030, "Budget 2030")]
    lines = [LineInput(11, 1, "contribution", {1: CellInput()}, label="Kommunerna")]
    result = calculate(_budget(columns, lines))
    assert result.cell(11, 1).value is None  # blank: nothing known, printed empty
    assert result.cell(11, 1).figure == 0
    assert result.columns[1].revenue == 0
    assert "finansiering saknas för 2030" in result.warnings[0].message


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=2, max_size=8))
def test_each_opening_is_the_closing_before_it(figures):
    columns = [
        ColumnInput(k, "budget" if k == 1 else "plan", 2020 + k, f"{k}") for k in range(1, 4)
    ]
    lines = [LineInput(10, 1, "carried_forward", {1: CellInput(stored=D(figures[0]))})]
    lines += [
        LineInput(20 + i, 1 + i % 3, "amount", {k: CellInput(stored=D(f * k)) for k in range(1, 4)})
        for i, f in enumerate(figures[1:])
    ]
    result = calculate(_budget(columns, lines))
    for key in (2, 3):
        assert result.columns[key].opening == result.columns[key - 1].closing
    for key in (1, 2, 3):
        column = result.columns[key]
        assert column.closing == column.revenue - column.costs


def test_an_odd_krona_of_state_money_follows_the_statutory_shares_as_the_funding_splits_it():
    # The funding gives the odd krona to the region (748 001 + 748 000, members.funding); the
    # budget's check once wanted 748 000,50 each and warned on the contributions it was given.
    columns = [ColumnInput(1, "budget", 2025, "Budget 2025")]
    parties = {"state": D(1_496_001), "region": D(748_001), "municipal": D(748_000)}
    lines = [
        LineInput(11, 1, "contribution", {1: CellInput(computed=D(2_992_002), parties=parties)})
    ]
    result = calculate(_budget(columns, lines))
    assert not [c for c in result.warnings if "lagstadgade" in c.message]
    swapped = {"state": D(1_496_001), "region": D(748_000), "municipal": D(748_001)}
    lines = [
        LineInput(11, 1, "contribution", {1: CellInput(computed=D(2_992_002), parties=swapped)})
    ]
    result = calculate(_budget(columns, lines))
    assert "följer inte de lagstadgade andelarna" in result.warnings[0].message
