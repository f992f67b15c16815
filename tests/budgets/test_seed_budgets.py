"""The three seed budgets, entered as data, reproduce every printed total exactly."""

from decimal import Decimal

import pytest

from budgets.models import BudgetDocument
from budgets.presentation import DisplayOptions, grid_rows
from budgets.selectors import budget_sheet

pytestmark = pytest.mark.django_db

FINNVEDEN, VASTRA, ALE = "finnveden", "vastra-malardalen", "ale-kungalv-stenungsund-tjorn"


def _sheet(slug: str):
    return budget_sheet(BudgetDocument.objects.get(association__slug=slug))


def _by_label(sheet):
    return {c.label: sheet.result.columns[c.pk] for c in sheet.columns}


def _line(sheet, label: str, column: str) -> Decimal:
    line = next(line for line in sheet.lines if line.label == label)
    col = next(c for c in sheet.columns if c.label == column)
    return sheet.result.cell(line.pk, col.pk).value


def test_finnveden_totals_as_printed():
    columns = _by_label(_sheet(FINNVEDEN))
    b14, b15 = columns["Budget 2014"], columns["Budget 2015"]
    assert (b14.revenue, b15.revenue) == (Decimal(4_712_000), Decimal(3_692_000))
    assert (b14.costs, b15.costs) == (Decimal(4_412_000), Decimal(3_692_000))
    assert (b14.closing, b15.closing) == (Decimal(300_000), Decimal(0))


def test_finnveden_contributions_come_from_the_funding_years():
    sheet = _sheet(FINNVEDEN)
    expected = {
        "Gislaveds kommun": (302_600, 344_000),
        "Gnosjö kommun": (98_800, 112_400),
        "Värnamo kommun": (346_600, 391_600),
        "Landstinget i Jönköpings län": (748_000, 848_000),
        "Försäkringskassan": (1_496_000, 1_696_000),
    }
    for label, (y14, y15) in expected.items():
        assert _line(sheet, label, "Budget 2014") == y14
        assert _line(sheet, label, "Budget 2015") == y15


def test_finnveden_chain_preliminary_surplus_and_the_year_after():
    sheet = _sheet(FINNVEDEN)
    columns = _by_label(sheet)
    # 2014: typed (a September forecast), nothing before it in the document to compare with.
    assert columns["Budget 2014"].opening == 1_720_000
    assert columns["Budget 2014"].opening_computed is None
    # 2015: the closing of 2014.
    assert _line(sheet, "Ackumulerat överskott prel", "Budget 2015") == 300_000
    assert columns["Budget 2015"].opening_computed == 300_000


def test_finnveden_four_footnotes_on_their_lines():
    sheet = _sheet(FINNVEDEN)
    assert [f.number for f in sheet.footnotes] == [1, 2, 3, 4]
    assert sheet.footnotes[1].text.startswith("Viss del av överskott sparas till 2015")
    marks = {line.label: [f.number for f in line.footnotes.all()] for line in sheet.lines}
    assert marks["Gislaveds kommun"] == marks["Värnamo kommun"] == [1]
    assert marks["Ackumulerat överskott prel"] == [2]
    assert marks["Nya projekt"] == [3]
    assert marks["Processtöd till huvudmännen"] == [4]


def test_finnveden_administration_share_and_checks():
    sheet = _sheet(FINNVEDEN)
    columns = _by_label(sheet)
    rows = grid_rows(sheet, DisplayOptions())
    share = next(r for r in rows if r.kind == "share")
    assert [c.text for c in share.cells] == ["12,6\u00a0%", "15,2\u00a0%"]  # 554 000 / 4 412 000
    assert columns["Budget 2014"].administration == 554_000
    # Spending the surplus on purpose: a warning per year, explained; no error.
    assert not sheet.result.errors
    warnings = [w.message for w in sheet.result.warnings]
    assert len(warnings) == 2 and all("Förklaring: Under 2014-2015" in w for w in warnings)


def test_vastra_malardalen_totals_as_printed_with_costs_negative():
    sheet = _sheet(VASTRA)
    column = sheet.result.columns[sheet.columns[0].pk]
    assert column.opening == 1_000_000
    assert column.revenue == 3_500_000
    costs, projects = (
        sheet.result.columns[sheet.columns[0].pk].section_totals[s.section.pk]
        for s in sheet.sections[2:]
    )
    assert (costs, projects) == (1_399_400, 2_100_600)
    rows = grid_rows(sheet, DisplayOptions.of(sheet.document))
    texts = {r.label: r.cells[0].text for r in rows if r.cells}
    assert texts["Summa tillgångar 2016"] == "3\u00a0500\u00a0000"
    assert texts["Summa kostnader 2016"] == "-1\u00a0399\u00a0400"
    assert texts["Summa projektkostnader 2016"] == "-2\u00a0100\u00a0600"
    assert texts["Lön samordnare"] == "-700\u00a0000"
    assert texts["Projekt att söka"] == "-1\u00a0530\u00a0600"
    assert texts["Landstinget, Arbetsförmedling, Försäkringskassa Köping, Arboga Kungsör"] == (
        "2\u00a0500\u00a0000"
    )


def test_ale_totals_in_tkr_as_printed():
    sheet = _sheet(ALE)
    columns = _by_label(sheet)
    y13, y14 = columns["År 2013 (tkr)"], columns["År 2014 (tkr)"]
    assert (y13.costs, y14.costs) == (6_145_000, 6_410_000)
    assert (y13.closing, y14.closing) == (295_000, 225_000)
    assert (y13.revenue, y14.revenue) == (6_440_000, 6_635_000)  # total budget
    rows = grid_rows(sheet, DisplayOptions.of(sheet.document))
    texts = {r.label: [c.text for c in r.cells] for r in rows}
    assert texts["Finansiell ram"] == ["6\u00a0340", "6\u00a0340"]
    assert texts["Överskott 2011 fördelat på 1 år"] == ["100", "295"]
    assert texts["Total summa"] == ["6\u00a0145", "6\u00a0410"]
    assert texts["Över-/underskott +/-"] == ["+295", "+225"]
    assert texts["Total budget"] == ["6\u00a0440", "6\u00a0635"]
    assert texts["Försäkringskassa/Arbetsförmedlingen"] == ["3\u00a0170", "3\u00a0170"]
    assert texts["Hälso- och sjukvårdsnämnd"] == ["1\u00a0585", "1\u00a0585"]
    assert texts["Kommuner"] == ["1\u00a0585", "1\u00a0585"]


def test_ale_chain_2013_result_is_2014_opening():
    sheet = _sheet(ALE)
    columns = _by_label(sheet)
    assert columns["År 2014 (tkr)"].opening == columns["År 2013 (tkr)"].closing == 295_000
    assert _line(sheet, "Överskott 2011 fördelat på 1 år", "År 2014 (tkr)") == 295_000


def test_contributions_follow_the_statutory_shares_in_all_three():
    for slug in (FINNVEDEN, VASTRA, ALE):
        assert not [c for c in _sheet(slug).result.checks if "lagstadgade" in c.message]
