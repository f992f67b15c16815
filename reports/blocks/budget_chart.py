"""The budget across its years as a chart: each year's own revenue and its costs as bars, the
carried-forward balance at the year's end as a line over them. The same SVG goes into the
page and the PDF; the figures it draws are also given as a table (read on screen by those
who cannot see the chart; the printed budget table already holds them)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets.charts import BarGroup, LineSeries, Series, bars_svg
from budgets.presentation import visible_columns
from reports.blocks.registry import block
from reports.context import BuildContext
from reports.data import Block, Chart, Row, Table

REVENUE = Series(gettext_lazy("Årets intäkter"), "#7a9cc6")
COSTS = Series(gettext_lazy("Kostnader"), "#d08c2c")
BALANCE = Series(gettext_lazy("Balanserat resultat vid årets slut"), "#2f5d8a")


@block("budget_chart", _("Diagram: budgeten över åren"))
def budget_chart_block(context: BuildContext) -> Block:
    sheet = context.sheet
    if sheet is None:
        return Block("budget_chart", "reports/blocks/_missing.html", context={"what": _("budget")})
    columns = visible_columns(sheet, context.options)
    results = [sheet.result.columns[column.pk] for column in columns]
    title = _("%(title)s: årets intäkter, kostnader och balanserat resultat") % {
        "title": sheet.document.title
    }
    groups = [
        BarGroup(column.label, (result.year_revenue, result.costs))
        for column, result in zip(columns, results, strict=True)
    ]
    line = LineSeries(BALANCE, tuple(result.closing for result in results))
    svg = bars_svg(title, groups, (REVENUE, COSTS), line, css_class="budget-chart")
    text = context.options.text
    rows = (
        Row(str(REVENUE.name), tuple(text(r.year_revenue) for r in results)),
        Row(str(COSTS.name), tuple(text(r.costs) for r in results)),
        Row(str(BALANCE.name), tuple(text(r.closing) for r in results)),
    )
    table = Table(title, tuple(c.label for c in columns), rows, label_heading=_("Belopp"))
    return Block(
        "budget_chart", "reports/blocks/_chart.html", tables=[table], charts=[Chart(title, svg)]
    )
