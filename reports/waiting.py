"""The reports app's items on the start page: drafts, reports coming due, board comments, and
what the board adopted.

A report is due by the deadlines its association sets (`Association.interim_report_due_days`,
`plan_due_days_before_year`; the rule: finsam.lib.deadlines): an interim report once its period
has ended, the plan for next year from `NOTICE_DAYS` before its deadline, and this year's plan
while it is still a draft.
"""

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from finsam.lib.deadlines import interim_report_due, plan_due, plan_notice_from
from finsam.models import Association
from finsam.models.comments import unanswered_threads
from finsam.permissions import Perm, Role
from finsam.waiting import (
    ADOPTED,
    COMMENTS,
    DRAFTS,
    DUE,
    NEXT_MEETING,
    Item,
    Provider,
    day_text,
    register_waiting,
    roles_with,
    unanswered_items,
)
from reports.models import Report, ReportComment, ReportKind

ADOPTED_SHOWN = 5


def _url(report: Report | int, slug: str, anchor: str = "") -> str:
    pk = report if isinstance(report, int) else report.pk
    return reverse("reports:detail", args=[slug, pk]) + anchor


def _what(report: Report) -> str:
    """ "verksamhetsplan 2016", "delårsrapport till och med 31 augusti 2014"."""
    if report.period_end is not None:
        return _("delårsrapport till och med %(day)s") % {"day": day_text(report.period_end)}
    return f"{report.get_kind_display().lower()} {report.year}"


def _drafts(association: Association) -> list[Report]:
    drafts = Report.objects.filter(association=association, adopted_on=None)
    return list(drafts.order_by("year", "kind", "period_end", "pk"))


def report_drafts(association: Association, today: date) -> list[Item]:
    """Reports the board has not adopted yet."""
    return [
        Item(text=r.title, url=_url(r, association.slug), note=_("utkast, %s") % _what(r))
        for r in _drafts(association)
    ]


def report_drafts_to_comment(association: Association, today: date) -> list[Item]:
    return [
        Item(
            text=r.title,
            url=_url(r, association.slug, "#kommentarer"),
            note=_("%s att läsa och kommentera") % _what(r),
        )
        for r in _drafts(association)
    ]


def reports_due(association: Association, today: date) -> list[Item]:
    """Interim reports past their period and plans near their deadline, not yet adopted."""
    this_year, next_year = today.year, today.year + 1
    reports = list(
        Report.objects.filter(association=association).filter(
            Q(kind=ReportKind.DELARSRAPPORT, adopted_on=None, period_end__lte=today)
            | Q(kind=ReportKind.VERKSAMHETSPLAN, year__in=(this_year, next_year))
        )
    )
    items = [_interim_due(r, association, today) for r in reports if r.is_interim]
    plans = {r.year: r for r in reports if not r.is_interim}
    days_before = association.plan_due_days_before_year
    if this_year in plans and plans[this_year].adopted_on is None:
        items.append(_plan_due(plans[this_year], this_year, association, today))
    if today >= plan_notice_from(next_year, days_before):
        plan = plans.get(next_year)
        if plan is None or plan.adopted_on is None:
            items.append(_plan_due(plan, next_year, association, today))
    return sorted(items, key=lambda item: item.due or today)


def _interim_due(report: Report, association: Association, today: date) -> Item:
    assert report.period_end is not None  # an interim report has a period (a constraint)
    due = interim_report_due(report.period_end, association.interim_report_due_days)
    return _due_item(report.title, _url(report, association.slug), due, today)


def _plan_due(report: Report | None, year: int, association: Association, today: date) -> Item:
    due = plan_due(year, association.plan_due_days_before_year)
    if report is None:
        text = _("Verksamhetsplan %(year)s är inte påbörjad") % {"year": year}
        return _due_item(text, reverse("reports:list", args=[association.slug]), due, today)
    return _due_item(report.title, _url(report, association.slug), due, today)


def _due_item(text: str, url: str, due: date, today: date) -> Item:
    note = _("fastställs senast %(day)s") % {"day": day_text(due)}
    return Item(text=text, url=url, note=note, due=due, overdue=due < today)


def report_comments(association: Association, today: date) -> list[Item]:
    """Board comments on a report that nobody has answered yet, counted per report."""
    threads = unanswered_threads(ReportComment.objects.filter(report__association=association))
    return unanswered_items(
        threads, "report", lambda pk: _url(pk, association.slug, "#kommentarer")
    )


def adopted_reports(association: Association, today: date) -> list[Item]:
    """The newest reports the board adopted: what the auditors read."""
    adopted = Report.objects.filter(association=association, adopted_on__isnull=False)
    return [
        Item(
            text=r.title,
            url=_url(r, association.slug),
            note=_("%(what)s, fastställd %(day)s")
            % {"what": _what(r), "day": day_text(r.adopted_on)},
        )
        for r in adopted.order_by("-adopted_on", "-pk")[:ADOPTED_SHOWN]
        if r.adopted_on is not None
    ]


def register() -> None:
    edit = roles_with(Perm.EDIT)
    board = frozenset({Role.BOARD})
    for key, provider in {
        "reports.board_drafts": Provider(NEXT_MEETING, board, report_drafts_to_comment, 12),
        "reports.drafts": Provider(DRAFTS, edit, report_drafts, 21),
        "reports.due": Provider(DUE, edit, reports_due, 30),
        "reports.comments": Provider(COMMENTS, edit, report_comments, 61),
        "reports.adopted": Provider(ADOPTED, frozenset({Role.AUDITOR}), adopted_reports, 71),
    }.items():
        register_waiting(key, provider)
