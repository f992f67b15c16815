"""The budget across its years as a chart: each year's own revenue and its costs as bars, the
carried-forward balance at the year's end as a line over them. The same SVG goes into the
page and the PDF; the figures it draws are also given as a table (read on screen by those
who cannot see the chart; the printed budget table already holds them)."""

from django.utils.translation import gettext as _

from budgets.presentation import budget_over_years
from reports.blocks.registry import block
from reports.context import BuildContext
from reports.data import Block, Chart, Row, Table


@block("budget_chart", _("Diagram: budgeten över åren"))
def budget_chart_block(context: BuildContext) -> Block:
    sheet = context.sheet
    if sheet is None:
        return Block("budget_chart", "reports/blocks/_missing.html", context={"what": _("budget")})
    title = _("%(title)s: årets intäkter, kostnader och balanserat resultat") % {
        "title": sheet.document.title
    }
    chart = budget_over_years(sheet, context.options, title)
    rows = tuple(Row.of(row) for row in chart.rows)
    table = Table(title, chart.columns, rows, label_heading=_("Belopp"))
    return Block(
        "budget_chart",
        "reports/blocks/_chart.html",
        tables=[table],
        charts=[Chart(title, chart.svg)],
    )
