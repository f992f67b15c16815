"""How report blocks word dates, times, periods and lists: in Swedish, whatever the reader's
interface language, since a report is published in Swedish ("12 april 2011", "Fredag 22
februari", "kl. 13.00–16.00", "A, B och C", "fem styrelsemöten")."""

from collections.abc import Sequence
from datetime import date, time

from django.utils import formats, translation

from finsam.lib.dates import long_date

__all__ = ["long_date"]  # re-exported: blocks word dates through this module


def weekday_date(day: date) -> str:
    """ "Fredag 22 februari", as a calendar line begins."""
    with translation.override("sv"):
        text = formats.date_format(day, "l j F")
    return text[:1].upper() + text[1:]


def time_span(start: time | None, end: time | None) -> str:
    """ "kl. 13.00–16.00", "kl. 13.00", or "" when no time is set."""
    if start is None:
        return ""
    text = f"kl. {start:%H.%M}"
    return f"{text}–{end:%H.%M}" if end else text


def period_text(start: date | None, end: date | None) -> str:
    """ "2012–2014" for whole years, else the dates: "2016-01-01 – 2016-04-30"."""
    if start is None and end is None:
        return ""
    if start and end and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{start.isoformat() if start else ''} – {end.isoformat() if end else ''}".strip()


def joined(names: Sequence[str]) -> str:
    """ "A, B och C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} och {names[-1]}"


def years_text(years: Sequence[int]) -> str:
    """ "2014", "2014-2015" (consecutive years), "2014, 2016"."""
    if not years:
        return ""
    if list(years) == list(range(years[0], years[0] + len(years))) and len(years) > 1:
        return f"{years[0]}-{years[-1]}"
    return ", ".join(str(year) for year in years)


NUMBERS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva")


def in_words(count: int, one: str, many: str) -> str:
    """ "ett styrelsemöte", "fem styrelsemöten", "13 styrelsemöten": `one` carries the
    article that fits the noun's gender."""
    if count == 1:
        return one
    return f"{NUMBERS[count] if count < len(NUMBERS) else count} {many}"
