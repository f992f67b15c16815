"""What every import reader shares: finding columns by header, reading typed cells, problems."""

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.utils.translation import gettext as _

from finsam.lib.numbers import AmountError, format_amount, parse_amount
from finsam.lib.tabular import Cell, Row


@dataclass(frozen=True)
class Problem:
    """Something wrong in the file, and where."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


@dataclass(frozen=True)
class PlannedChange:
    """One row as it will be stored: what it is, what it was and what it becomes."""

    row: int
    subject: str
    what: str
    before: str
    after: str


@dataclass
class Plan:
    changes: list[PlannedChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.changes)


class CellError(ValueError):
    pass


def find_columns(
    header: Row, wanted: dict[str, tuple[str, ...]]
) -> tuple[dict[str, int], list[Problem]]:
    """Map each wanted column to its index by any of its accepted header names."""
    names = {cell.text.strip().lower(): index for index, cell in enumerate(header)}
    found, problems = {}, []
    for key, accepted in wanted.items():
        index = next((names[name] for name in accepted if name in names), None)
        if index is None:
            problems.append(
                Problem(
                    _("rad %(row)s") % {"row": header[0].row},
                    _("kolumnen ”%(column)s” saknas i rubrikraden.")
                    % {"column": accepted[0].capitalize()},
                )
            )
        else:
            found[key] = index
    return found, problems


def cell(row: Row, index: int) -> Cell:
    if index < len(row):
        return row[index]
    last = row[-1]
    return Cell("", last.sheet, last.row, chr(ord("A") + index))


def amount_of(value: Cell) -> Decimal:
    try:
        return parse_amount(value.text)
    except AmountError as error:
        raise CellError(str(error)) from error


def whole_number_of(value: Cell, what: str) -> int:
    amount = amount_of(value)
    if amount != amount.to_integral() or amount < 0:
        raise CellError(
            _("”%(value)s” är inte ett heltal (%(what)s).") % {"value": value.text, "what": what}
        )
    return int(amount)


def date_of(value: Cell) -> date:
    try:
        return date.fromisoformat(value.text[:10])
    except ValueError as error:
        raise CellError(
            _("”%(value)s” är inget datum; skriv ÅÅÅÅ-MM-DD.") % {"value": value.text}
        ) from error


def kr(amount: Decimal | None) -> str:
    return "–" if amount is None else _("%(amount)s kr") % {"amount": format_amount(amount)}


E = TypeVar("E")


def read_entries(
    rows: list[Row],
    wanted: dict[str, tuple[str, ...]],
    *,
    empty: str,
    read_row: Callable[[Row, dict[str, int], list[Problem]], E | None],
    key: Callable[[E], Hashable],
    describe: Callable[[E], str],
) -> tuple[list[E], list[Problem]]:
    """The walk every table import shares: the header, then one entry per row, none twice.

    `read_row` turns a row into an entry, or adds its problems and returns None; `key` says
    which entries are the same thing, and `describe` names one in a message.
    """
    if len(rows) < 2:
        return [], [Problem("", empty)]
    columns, problems = find_columns(rows[0], wanted)
    if problems:
        return [], problems
    entries: list[E] = []
    seen: dict[Hashable, int] = {}
    for row in rows[1:]:
        entry = read_row(row, columns, problems)
        if entry is None:
            continue
        row_number = entry.row  # type: ignore[attr-defined]
        if key(entry) in seen:
            message = _("%(what)s står redan på rad %(row)s.") % {
                "what": describe(entry),
                "row": seen[key(entry)],
            }
            problems.append(Problem(_("rad %(row)s") % {"row": row_number}, message))
            continue
        seen[key(entry)] = row_number
        entries.append(entry)
    return entries, problems
