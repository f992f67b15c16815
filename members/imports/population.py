"""Population figures from a spreadsheet: one row per municipality and date.

Layout (docs/imports.md): a header row with "Kommun", "Datum" and "Invånare". The key uses the
figure on 1 November of the year before the budget year; other dates are kept as they come.
A figure that already exists for the municipality and date is replaced.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from finsam.imports.rows import (
    CellError,
    Plan,
    PlannedChange,
    Problem,
    cell,
    date_of,
    read_entries,
    whole_number_of,
)
from finsam.lib.numbers import format_amount
from finsam.lib.tabular import Row
from finsam.models import Association
from members.models import Member, MemberKind, PopulationFigure
from members.selectors import members_of

COLUMNS = {
    "member": ("kommun", "medlem"),
    "date": ("datum", "per datum"),
    "population": ("invånare", "invånarantal", "folkmängd"),
}


@dataclass(frozen=True)
class Entry:
    row: int
    member: Member
    date: date
    population: int


@dataclass
class PopulationPlan(Plan):
    entries: list[Entry] = field(default_factory=list)


def read_population(association: Association, rows: list[Row]) -> PopulationPlan:
    """Check every row and plan the changes; nothing is written."""
    municipalities = {
        m.name.lower(): m for m in members_of(association).filter(kind=MemberKind.MUNICIPALITY)
    }
    entries, problems = read_entries(
        rows,
        COLUMNS,
        empty=_("Filen har inga rader med invånarantal under rubrikraden."),
        read_row=lambda row, columns, found: _entry(row, columns, municipalities, found),
        key=lambda entry: (entry.member.pk, entry.date),
        describe=lambda entry: f"{entry.member.name} {entry.date}",
    )
    plan = PopulationPlan(problems=problems, entries=entries)
    if not problems:
        plan.changes = _changes(association, entries)
    return plan


def _entry(row: Row, columns, municipalities, problems: list[Problem]) -> Entry | None:
    member_cell, date_cell, count_cell = (
        cell(row, columns[k]) for k in ("member", "date", "population")
    )
    member = municipalities.get(member_cell.text.strip().lower())
    if member is None:
        problems.append(
            Problem(
                member_cell.place,
                _("”%(member)s” är ingen av förbundets kommuner.") % {"member": member_cell.text},
            )
        )
        return None
    try:
        day = date_of(date_cell)
    except CellError as error:
        problems.append(Problem(date_cell.place, str(error)))
        return None
    try:
        count = whole_number_of(count_cell, _("invånare"))
    except CellError as error:
        problems.append(Problem(count_cell.place, str(error)))
        return None
    return Entry(row=member_cell.row, member=member, date=day, population=count)


def _changes(association: Association, entries: list[Entry]) -> list[PlannedChange]:
    current = {
        (f.member_id, f.date): f.population
        for f in PopulationFigure.objects.filter(association=association)
    }
    return [
        PlannedChange(
            e.row,
            f"{e.member.name} {e.date.isoformat()}",
            _("Invånarantal"),
            _count(current.get((e.member.pk, e.date))),
            _count(e.population),
        )
        for e in entries
    ]


def _count(value: int | None) -> str:
    return "–" if value is None else format_amount(value)


def apply_population(association: Association, entries: list[Entry]) -> str:
    for e in entries:
        PopulationFigure.objects.update_or_create(
            association=association,
            member=e.member,
            date=e.date,
            defaults={"population": e.population},
        )
    return _("%(count)s invånarantal inlästa.") % {"count": len(entries)}
