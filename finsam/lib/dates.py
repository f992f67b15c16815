"""Dates as Swedish documents print them: "15 oktober 2014", "juli 2014", "januari – augusti 2014".

Reports are published in Swedish whatever the reader's interface language, so the month names
are fixed here rather than taken from the active translation. A seat or a period that starts
on the first or ends on the last day of a month is written by its month ("t.o.m. juli 2014");
any other day is written out ("t.o.m. 15 juli 2014").
"""

from calendar import monthrange
from datetime import date

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def month_name(day: date) -> str:
    return MONTHS[day.month - 1]


def long_date(day: date) -> str:
    """ "15 oktober 2014"."""
    return f"{day.day} {month_name(day)} {day.year}"


def day_month(day: date) -> str:
    """ "31 augusti"."""
    return f"{day.day} {month_name(day)}"


def month_year(day: date) -> str:
    """ "juli 2014"."""
    return f"{month_name(day)} {day.year}"


def is_month_end(day: date) -> bool:
    return day.day == monthrange(day.year, day.month)[1]


def period_label(start: date, end: date) -> str:
    """ "januari – augusti 2014" for whole months of one year; else the days written out."""
    if start.day == 1 and is_month_end(end) and start.year == end.year:
        if start.month == end.month:
            return month_year(end)
        return f"{month_name(start)} – {month_year(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def until_text(end: date) -> str:
    """ "t.o.m. juli 2014" when a month's last day, else "t.o.m. 15 juli 2014"."""
    return f"t.o.m. {month_year(end) if is_month_end(end) else long_date(end)}"


def from_text(start: date) -> str:
    """ "fr.o.m. augusti 2014" when a month's first day, else "fr.o.m. 16 juli 2014"."""
    return f"fr.o.m. {month_year(start) if start.day == 1 else long_date(start)}"


def within_text(start: date, end: date, period_start: date, period_end: date) -> str:
    """How a seat held for [start, end] is qualified in a table of [period_start, period_end]:
    "" when it covers the whole period, else where it begins and/or ends within it."""
    parts = []
    if start > period_start:
        parts.append(from_text(start))
    if end < period_end:
        parts.append(until_text(end))
    return " ".join(parts)
