"""When a report is due, from the deadlines an association sets (the one home of the rule).

The interim report (delårsrapport) is due a number of days after its period ends; the
operating plan (verksamhetsplan) a number of days before its year begins (31 days: by
1 December of the year before). A deadline is "near" from a fixed number of days before it,
when the start page begins to list it.
"""

from datetime import date, timedelta

# From this many days before a plan's deadline the start page lists the plan as coming due.
NOTICE_DAYS = 90


def interim_report_due(period_end: date, days_after: int) -> date:
    """The last day to adopt the interim report of a period ending on `period_end`."""
    return period_end + timedelta(days=days_after)


def plan_due(year: int, days_before: int) -> date:
    """The last day to adopt the operating plan for `year`."""
    return date(year, 1, 1) - timedelta(days=days_before)


def plan_notice_from(year: int, days_before: int) -> date:
    """The first day the plan for `year` is listed as coming due."""
    return plan_due(year, days_before) - timedelta(days=NOTICE_DAYS)
