"""What every import reader shares: finding columns by header, reading typed cells, problems."""

from collections.abc import Callable, Hashable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol, TypeVar

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

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
    """One row as it will be stored: what it is, what it was and what it becomes. `row` is
    the file's 1-based row, or None for a change no single row makes (a year's totals)."""

    row: int | None
    subject: str
    what: str
    before: str
    after: str


@dataclass(frozen=True)
class Offer:
    """A choice that lifts a refusal, e.g. replacing exactly the vouchers already held."""

    choice: str
    label: str
    reason: str


@dataclass
class Plan:
    """What a file would change. `confirm` lists what must be explicitly accepted (data
    removed beyond what the file brings), and so do `warnings` (what the file itself lacks,
    e.g. an empty #ORGNR); `offers` are refusals the user may lift by a choice; `options`
    are choices offered beside reading the file in (e.g. keeping the file's organisation
    number); `facts` are what the file's checks found, stated in the preview;
    `suggested_kind` names the kind a file uploaded under the wrong one really is; `basis`
    sums up what the plan was read against (a budget file: the year's budget as it was), so
    confirming it after that changed is refused (`import_confirm`)."""

    changes: list[PlannedChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    confirm: list[str] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    options: list[Offer] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    suggested_kind: str = ""
    basis: str = ""

    @property
    def needs_confirming(self) -> bool:
        return bool(self.confirm or self.warnings)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.changes)

    @property
    def rows_named(self) -> bool:
        """Some change comes from one row of the file (the preview then shows its number)."""
        return any(change.row is not None for change in self.changes)


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
                    _("blad %(sheet)s, rad %(row)s")
                    % {"sheet": header[0].sheet, "row": header[0].row}
                    if header[0].sheet
                    else _("rad %(row)s") % {"row": header[0].row},
                    _("kolumnen ”%(column)s” saknas i rubrikraden.")
                    % {"column": accepted[0].capitalize()},
                )
            )
        else:
            found[key] = index
    return found, problems


HEADER_SEARCH = 10


def header_at(rows: list[Row], wanted: dict[str, tuple[str, ...]]) -> int | None:
    """Where the header row is: the first of the first rows that names every wanted column, so
    a title or a note above the table is passed over; None when no row does."""
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        names = {cell.text.strip().lower() for cell in row}
        if all(any(name in names for name in accepted) for accepted in wanted.values()):
            return index
    return None


def table_of(
    rows: list[Row], wanted: dict[str, tuple[str, ...]], *, empty: str
) -> tuple[dict[str, int], list[Row], list[Problem]]:
    """The wanted columns' places and the rows below the header; or the problems: the first
    row's missing columns when no header is found, `empty` when no row follows it."""
    start = header_at(rows, wanted)
    if start is None:
        return {}, [], find_columns(rows[0], wanted)[1] if rows else [Problem("", empty)]
    columns, _missing = find_columns(rows[start], wanted)
    body = rows[start + 1 :]
    return columns, body, [] if body else [Problem("", empty)]


def cell(row: Row, index: int) -> Cell:
    if index < len(row):
        return row[index]
    last = row[-1]
    return Cell("", last.sheet, last.row, get_column_letter(index + 1))


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


class _OnRow(Protocol):
    @property
    def row(self) -> int: ...


E = TypeVar("E", bound=_OnRow)  # an entry read from one row of the file


def read_entries(
    rows: list[Row],
    wanted: dict[str, tuple[str, ...]],
    *,
    empty: str,
    read_row: Callable[[Row, dict[str, int], list[Problem]], E | None],
    key: Callable[[E], Hashable],
    describe: Callable[[E], str],
) -> tuple[list[E], list[Problem]]:
    """The walk every table import shares: the header (titles above it passed over), then one
    entry per row, none twice.

    `read_row` turns a row into an entry, or adds its problems and returns None; `key` says
    which entries are the same thing, and `describe` names one in a message.
    """
    columns, body, problems = table_of(rows, wanted, empty=empty)
    if problems:
        return [], problems
    entries: list[E] = []
    seen: dict[Hashable, int] = {}
    for row in body:
        entry = read_row(row, columns, problems)
        if entry is None:
            continue
        row_number = entry.row
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


def plan_stored(plan: Plan) -> dict:
    """The plan as JSON, kept with the job that read it, so its preview is not read again."""
    return {
        "changes": [_plain(change) for change in plan.changes],
        "problems": [_plain(problem) for problem in plan.problems],
        "confirm": [str(line) for line in plan.confirm],
        "offers": [_plain(offer) for offer in plan.offers],
        "warnings": [str(line) for line in plan.warnings],
        "options": [_plain(offer) for offer in plan.options],
        "facts": [str(line) for line in plan.facts],
        "suggested_kind": plan.suggested_kind,
        "basis": plan.basis,
    }


def _plain(item: Problem | PlannedChange | Offer) -> dict:
    """Texts as plain strings (a message may be a lazy translation); numbers, and None for a
    change made by the whole file rather than one row, as they are."""
    return {k: v if v is None or isinstance(v, int) else str(v) for k, v in asdict(item).items()}


def plan_restored(stored: dict) -> Plan:
    return Plan(
        changes=[PlannedChange(**change) for change in stored["changes"]],
        problems=[Problem(**problem) for problem in stored["problems"]],
        confirm=list(stored["confirm"]),
        offers=[Offer(**offer) for offer in stored["offers"]],
        warnings=list(stored["warnings"]),
        options=[Offer(**offer) for offer in stored["options"]],
        facts=list(stored["facts"]),
        suggested_kind=stored["suggested_kind"],
        basis=stored.get("basis", ""),  # a plan kept before plans had one
    )
