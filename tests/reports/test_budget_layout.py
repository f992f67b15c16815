"""The budget block's layout options, each on a seed budget: which rows print and how."""

import pytest

from budgets.models import Unit
from members.models import StatePresentation
from reports.blocks.budget import budget_block
from reports.blocks.funding import funding_block
from reports.context import BuildContext
from reports.models import RevenueTotal
from tests.reports.helpers import normalised
from tests.reports.plan_texts import plan

pytestmark = pytest.mark.django_db


def rows_of(report, table: int = 0) -> list[str]:
    """Each row of the block's table as one line of text: label, figures, comment."""
    found = budget_block(BuildContext(report)).tables[table]
    return [normalised(" ".join([r.label, r.marks, *r.cells, r.comment])) for r in found.rows]


@pytest.fixture
def finnveden():
    return plan("finnveden", 2014)


def test_finnveden_as_printed_cost_heading_footnote_column_no_subtotals(finnveden):
    rows = rows_of(finnveden)
    assert rows[:2] == ["Intäkter", "Gislaveds kommun 302 600 344 000 1)"]
    assert rows[7:9] == ["Totalt tillgängliga medel 4 712 000 3 692 000", "Kostnader"]
    assert rows[-2:] == [
        "Totalt kostnader 4 412 000 3 692 000",
        "Preliminärt överskott kvar 300 000 0",
    ]
    table = budget_block(BuildContext(finnveden)).tables[0]
    assert table.comment_heading == "Fotnot" and len(table.notes) == 4


def test_costs_negative_option(finnveden):
    finnveden.costs_negative = True
    rows = rows_of(finnveden)
    assert "Jobbcenter Unga -594 000 0" in rows
    assert "Totalt kostnader -4 412 000 -3 692 000" in rows
    assert "Försäkringskassan 1 496 000 1 696 000" in rows  # revenue keeps its sign


def test_thousands_each_figure_rounded_on_its_own(finnveden):
    finnveden.unit = Unit.THOUSANDS
    rows = rows_of(finnveden)
    assert "Gislaveds kommun 303 344 1)" in rows and "Gnosjö kommun 99 112 1)" in rows
    assert "Totalt tillgängliga medel 4 712 3 692" in rows
    assert budget_block(BuildContext(finnveden)).tables[0].label_heading == "Belopp i tkr"


def test_footnote_markers_after_the_label_by_default(finnveden):
    finnveden.budget_footnote_column = False
    table = budget_block(BuildContext(finnveden)).tables[0]
    gislaved = next(r for r in table.rows if r.label == "Gislaveds kommun")
    assert (gislaved.marks, gislaved.comment, table.comment_heading) == ("1)", "", "")


def test_revenue_total_after_the_table_or_not_at_all(finnveden):
    finnveden.budget_revenue_total = RevenueTotal.AFTER
    assert not [r for r in rows_of(finnveden) if r.startswith("Totalt tillgängliga")]
    assert rows_of(finnveden, 1) == [
        "Totalt tillgängliga medel för 2014 4 712 000",
        "Totalt tillgängliga medel för 2015 3 692 000",
    ]
    finnveden.budget_revenue_total = RevenueTotal.NONE
    assert len(budget_block(BuildContext(finnveden)).tables) == 1


def test_cost_total_result_and_administration_share_switch(finnveden):
    finnveden.budget_cost_total = finnveden.budget_result = False
    finnveden.budget_admin_share = True
    rows = rows_of(finnveden)
    assert rows[-1] == "Administrationens andel av kostnaderna 12,6 % 15,2 %"
    assert not [r for r in rows if r.startswith(("Totalt kostnader", "Preliminärt"))]


def test_contributions_summed_only_where_a_section_holds_only_contributions(finnveden):
    # Finnveden's revenue section also holds the carried-forward line: printed in full.
    finnveden.budget_contributions_summed = True
    assert "Gislaveds kommun 302 600 344 000 1)" in rows_of(finnveden)
    ale = plan("ale-kungalv-stenungsund-tjorn", 2013)
    rows = rows_of(ale)
    assert rows[:2] == ["Finansiell ram 6 340 6 340", "Överskott 2011 fördelat på 1 år 100 295"]
    # Its lines are not printed, so their footnote is not either (the contributions table
    # prints it).
    assert budget_block(BuildContext(ale)).tables[0].notes == ()
    ale.budget_contributions_summed = False
    rows = rows_of(ale)
    assert rows[:3] == [
        "Finansiell ram",
        "Försäkringskassa/Arbetsförmedlingen 3 170 3 170",
        "Hälso- och sjukvårdsnämnd 1 585 1 585",
    ]
    assert "Kommuner 1) 1 585 1 585" in rows


def test_vastra_malardalen_costs_negative_without_cost_total_and_result():
    rows = rows_of(plan("vastra-malardalen", 2016))
    assert rows[0] == "Prel Ingående balans 16-01-01 1 000 000"  # a nameless section: no heading
    assert rows[-1] == "Summa projektkostnader 2016 -2 100 600"
    assert "Summa kostnader 2016 -1 399 400" in rows


def funding_rows(report) -> list[str]:
    table = funding_block(BuildContext(report)).tables[0]
    return [normalised(" ".join([r.label, r.marks, *r.cells])) for r in table.rows]


def test_funding_state_as_one_line_or_two():
    ale = plan("ale-kungalv-stenungsund-tjorn", 2013)
    assert funding_rows(ale) == [
        "Försäkringskassa/Arbetsförmedlingen 3 170",
        "Hälso- och sjukvårdsnämnd 1 585",
        "Kommuner 1) 1 585",
        "Totalt 6 340",
    ]
    ale.state_presentation = StatePresentation.TWO_LINES
    assert funding_rows(ale)[:3] == [
        "Försäkringskassan 1 585",
        "Arbetsförmedlingen 1 585",
        "Hälso- och sjukvårdsnämnd 1 585",
    ]
    assert funding_rows(ale)[-1] == "Totalt 6 340"


def test_funding_each_member_a_row_without_a_grouping_budget_line(finnveden):
    assert funding_rows(finnveden) == [
        "Försäkringskassan 1 496 000",
        "Landstinget i Jönköpings län 748 000",
        "Gislaveds kommun 1) 302 600",
        "Gnosjö kommun 1) 98 800",
        "Värnamo kommun 1) 346 600",
        "Totalt 2 992 000",
    ]
    finnveden.budget = None  # no budget lines to name the rows: the funding's own labels
    assert funding_rows(finnveden)[0] == "Staten genom Försäkringskassan 1 496 000"
