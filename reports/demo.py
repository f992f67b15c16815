"""Entering an association's reports from demo data (fixtures/<slug>/reports.toml).

Per report: its kind, year (and period end), cover texts, layout options, the budget
document it prints (by title) and which of its columns (by label), then its sections in
order with their texts and blocks (a block about one initiative names it), and board
members' `comments` (on a section by its heading, or on the whole) with answers. A report with an
adoption date is adopted as the board did, so its frozen PDF exists from the start.
"""

from typing import Any

from django.contrib.auth import get_user_model

from budgets.models import BudgetDocument
from finsam.models import Association
from finsam.saving import saved
from initiatives.models import Initiative
from reports.models import Report, ReportComment, ReportSection
from reports.services import report_adopt

# What staff edit, and what a report is for (set once, when it is made); the budget, its
# columns and a section's initiative are named in the demo data and looked up below.
NAMED = ("budget", "columns", "initiative")
REPORT_FIELDS = (
    "kind",
    "year",
    "period_end",
    *(name for name in Report.EDITABLE_FIELDS if name not in NAMED),
)
SECTION_FIELDS = tuple(name for name in ReportSection.EDITABLE_FIELDS if name not in NAMED)


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
    for comment in entry.get("comments", []):
        _load_comment(report, comment)
    if "adopted_on" in entry:
        report_adopt(report=report, adopted_on=entry["adopted_on"], user=None)
    return report


def _load_comment(report: Report, row: dict[str, Any]) -> None:
    # The demo users are completed (names, roles) by finsam.demo after every association.
    users = get_user_model().objects
    section = report.sections.get(heading=row["section"]) if "section" in row else None
    author = users.get_or_create(username=row["author"])[0]
    thread = saved(ReportComment(report=report, section=section, author=author, text=row["text"]))
    for answer in row.get("answers", []):
        by = users.get_or_create(username=answer["author"])[0]
        saved(
            ReportComment(
                report=report, section=section, parent=thread, author=by, text=answer["text"]
            )
        )
