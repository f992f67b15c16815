"""Entering an association's reports from demo data (fixtures/<slug>/reports.toml).

Per report: its kind, year (and period end), cover texts, layout options, the budget
document it prints (by title) and which of its columns (by label), then its sections in
order with their texts and blocks (a block about one initiative names it). A report with an
adoption date is adopted as the board did, so its frozen PDF exists from the start.
"""

from typing import Any

from budgets.models import BudgetDocument
from finsam.models import Association
from finsam.saving import saved
from initiatives.models import Initiative
from reports.models import Report, ReportSection
from reports.services import report_adopt

REPORT_FIELDS = (
    "kind",
    "year",
    "period_end",
    "title",
    "subtitle",
    "diary_number",
    "cover_text",
    "unit",
    "costs_negative",
    "state_presentation",
    "budget_cost_heading",
    "budget_revenue_total",
    "budget_cost_total",
    "budget_result",
    "budget_admin_share",
    "budget_footnote_column",
    "budget_contributions_summed",
    "adoption_line",
    "signing_place",
    "signing_date",
)
SECTION_FIELDS = ("heading", "level", "numbered", "text", "block", "text_after")


def load(association: Association, data: dict[str, Any]) -> None:
    for entry in data.get("reports", []):
        _load_report(association, entry)


def _load_report(association: Association, entry: dict[str, Any]) -> Report:
    fields = {name: entry[name] for name in REPORT_FIELDS if name in entry}
    budget = None
    if "budget" in entry:
        budget = BudgetDocument.objects.get(association=association, title=entry["budget"])
    report = saved(Report(association=association, budget=budget, **fields))
    if budget and entry.get("columns"):
        report.columns.set(budget.columns.filter(label__in=entry["columns"]))
    for position, section in enumerate(entry.get("sections", []), start=1):
        values = {name: section[name] for name in SECTION_FIELDS if name in section}
        if "initiative" in section:  # a block about one initiative names it
            values["initiative"] = Initiative.objects.get(
                association=association, name=section["initiative"]
            )
        saved(ReportSection(report=report, position=position, **values))
    if "adopted_on" in entry:
        report_adopt(report=report, adopted_on=entry["adopted_on"], user=None)
    return report
