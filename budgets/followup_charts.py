"""The follow-up page's charts: budget, outcome to date and forecast per section and per
line, and the balance carried at the end of each column. The interim report draws the same
per-section bars (`follow_up_groups`)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from budgets.charts import BarGroup, Section, balance_svg, bars_svg, line_bars_svg
from budgets.followup import FollowUp
from budgets.selectors import BudgetSheet
from finsam.lib.numbers import format_amount


def follow_up_groups(sheet: BudgetSheet, result: FollowUp) -> list[BarGroup]:
    """Budget, outcome to date and forecast of each followed section, as chart bars (the page
    and the interim report draw the same)."""
    followed = {line.section for line in result.lines}
    return [
        BarGroup(str(part.section), (t.budget, t.outcome_to_date, t.forecast))
        for part in sheet.sections
        for t in [result.sections[part.section.pk]]
        if part.section.pk in followed
    ]


def follow_up_sections(sheet: BudgetSheet, result: FollowUp) -> list[Section]:
    """Budget, outcome to date and forecast of every followed line, under its section's name
    (the page's chart per line and the table of its figures)."""
    lines = {line.key: line for line in result.lines}
    return [
        Section(
            str(part.section),
            tuple(
                BarGroup(line.label, (f.budget, f.outcome_to_date, f.forecast))
                for line in part.lines
                if (f := lines.get(line.pk)) is not None
            ),
        )
        for part in sheet.sections
        if any(line.pk in lines for line in part.lines)
    ]


@dataclass(frozen=True)
class FigureRow:
    """A row of the table beside the chart per line: a section's name alone, or a line with
    its budget, outcome to date and forecast in tkr as the chart counts them."""

    label: str
    cells: tuple[str, ...] = ()


def figure_rows(sections: list[Section]) -> list[FigureRow]:
    rows: list[FigureRow] = []
    for section in sections:
        rows.append(FigureRow(section.heading))
        rows += [
            FigureRow(group.label, tuple(format_amount(v, thousands=True) for v in group.values))
            for group in section.lines
        ]
    return rows


FOLLOW_UP_CHART_WIDTH = Decimal(560)  # two side by side on a laptop screen, at their own size


@dataclass(frozen=True)
class FollowUpCharts:
    """The follow-up page's charts: per section, the balance per column, per line (with the
    figures that chart draws, for those who cannot see it)."""

    sections: str
    balance: str
    lines: str
    line_figures: list[FigureRow]


def follow_up_charts(sheet: BudgetSheet, result: FollowUp) -> FollowUpCharts:
    groups = follow_up_groups(sheet, result)
    width = FOLLOW_UP_CHART_WIDTH
    bars = bars_svg(_("Budget, utfall hittills och prognos per avsnitt"), groups, width=width)
    points = [(c.label, sheet.result.columns[c.pk].closing) for c in sheet.columns]
    balance = balance_svg(_("Balanserat resultat vid årets slut, per kolumn"), points, width)
    sections = follow_up_sections(sheet, result)
    lines = line_bars_svg(_("Budget, utfall hittills och prognos per rad"), sections)
    return FollowUpCharts(bars, balance, lines, figure_rows(sections))
