"""Next year's budget built from an earlier one ("Ny budget utifrån …").

The new draft copies the earlier document's settings, sections, lines (with their members,
initiative links, exemptions and footnotes) and footnotes. Its columns are the earlier ones
moved on by the years between the two documents (Budget 2014, Plan 2015, Plan 2016 become
Budget 2015, Plan 2016, Plan 2017), labels and title following. A moved column takes its
figures from the earlier column of the same year, same kind first, then as the chain prefers
(outcome, forecast, budget, plan): the plan of 2015 becomes the budget of 2015, a forecast
starts at the budget (as the follow-up assumes); a year the earlier document had no column for
stays blank. The opening balance of the new budget year comes from `successor_opening`;
columns before it that start the chain keep the opening the earlier document gave them.
"""

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from budgets.calculation import (
    OPENING_PREFERENCE,
    SHARE_COLUMN_KINDS,
    CellResult,
    ColumnInput,
    opening_source,
)
from budgets.models import (
    BudgetAmount,
    BudgetColumn,
    BudgetDocument,
    ColumnKind,
    DocumentStatus,
    LineKind,
)
from budgets.opening import Opening, successor_opening
from budgets.selectors import budget_sheet
from budgets.services.common import budget_write
from budgets.services.copying import clone, copy_lines
from finsam.audit.recording import bulk_create_audited
from finsam.models import Association

YEAR = re.compile(r"\b(\d{4})\b")


def document_create_from(
    *, source: BudgetDocument, year: int, title: str = "", user: Any
) -> tuple[BudgetDocument, Opening | None]:
    """A new draft for `year` built from `source`, and the opening balance it was given."""
    if year <= source.year:
        raise ValidationError(
            {
                "year": _(
                    "Den nya budgeten måste gälla ett senare år än %(year)s, som den bygger på."
                )
                % {"year": source.year}
            }
        )
    reason = _("Ny budget %(year)s utifrån %(source)s") % {"year": year, "source": source}
    with budget_write(user, reason=reason):
        Association.objects.select_for_update().get(pk=source.association_id)
        source = BudgetDocument.objects.select_for_update().get(pk=source.pk)
        opening = successor_opening(source, year)
        document = _new_document(source, year, title)
        _copy_content(source, document, year - source.year, opening)
        return document, opening


def moved_text(text: str, shift: int, years: set[int]) -> str:
    """`text` with each of `years` written in it moved on by `shift` ("Budget 2014-2015")."""

    def move(found: re.Match) -> str:
        value = int(found.group(1))
        return str(value + shift) if value in years else found.group(1)

    return YEAR.sub(move, text)


def _new_document(source: BudgetDocument, year: int, title: str) -> BudgetDocument:
    shift = year - source.year
    years = {source.year} | set(source.columns.values_list("year", flat=True))
    latest = BudgetDocument.objects.filter(association=source.association, year=year).aggregate(
        Max("revision")
    )["revision__max"]
    document = BudgetDocument.objects.get(pk=source.pk)
    changes = {
        "year": year,
        "title": title or moved_text(source.title, shift, years),
        "revision": (latest or 0) + 1,
        "origin": source,
        "status": DocumentStatus.DRAFT,
        "diary_number": "",
        "adopted_on": None,
        "adopted_at": None,
    }
    return clone(document, **changes)


def _copy_content(
    source: BudgetDocument, document: BudgetDocument, shift: int, opening: Opening | None
) -> None:
    earlier = list(source.columns.all())
    years = {source.year} | {c.year for c in earlier}
    columns = {
        c.pk: clone(
            BudgetColumn.objects.get(pk=c.pk),
            document=document,
            year=c.year + shift,
            label=moved_text(c.label, shift, years),
        )
        for c in earlier
    }
    lines = copy_lines(source, document)
    amounts = _moved_amounts(source, earlier, columns, lines)
    amounts += _openings(source, document, earlier, columns, lines, opening)
    bulk_create_audited(BudgetAmount, amounts, association_id=document.association_id)


def _feeder(column: BudgetColumn, earlier: list[BudgetColumn]) -> BudgetColumn | None:
    """The earlier column whose figures a moved column starts from (see the module)."""
    same_year = {c.kind: c for c in earlier if c.year == column.year}
    for kind in (column.kind, *OPENING_PREFERENCE):
        if kind in same_year:
            return same_year[kind]
    return None


def _moved_amounts(source, earlier, columns, lines) -> list[BudgetAmount]:
    feeders = {
        feeder.pk: new for new in columns.values() if (feeder := _feeder(new, earlier)) is not None
    }
    stored = BudgetAmount.objects.filter(line__document=source, column_id__in=set(feeders))
    cells = budget_sheet(source).result.cells
    return [
        BudgetAmount(line=lines[a.line_id], column=new, amount=amount)
        for a in stored.exclude(line__kind=LineKind.CARRIED_FORWARD)
        for new in [feeders[a.column_id]]
        for amount in [_moved_amount(a, cells.get((a.line_id, a.column_id)), new)]
    ]


def _moved_amount(stored: BudgetAmount, cell: CellResult | None, new: BudgetColumn) -> Decimal:
    """A granted maximum moved into a forecast or outcome column, which counts no share,
    becomes the amount the earlier column counted: the forecast starts at the budget."""
    if cell is not None and cell.maximum is not None and new.kind not in SHARE_COLUMN_KINDS:
        return cell.figure
    return stored.amount


def _openings(source, document, earlier, columns, lines, opening) -> list[BudgetAmount]:
    """The carried-forward figures typed in the new document: the new year's opening, and
    the opening of each earlier-year column that starts the chain, as the source had it."""
    carried = [new for old, new in lines.items() if new.kind == LineKind.CARRIED_FORWARD]
    if not carried:
        return []
    result = budget_sheet(source).result
    first_of_year = _first_of_year(columns.values(), document.year)
    typed: list[BudgetAmount] = []
    for new in columns.values():
        if new == first_of_year:
            amount = opening.amount if opening is not None else None
        elif new.year < document.year and (feeder := _feeder(new, earlier)) is not None:
            amount = result.columns[feeder.pk].opening if _starts_chain(new, columns) else None
        else:
            amount = None
        if amount is not None:
            typed.append(BudgetAmount(line=carried[0], column=new, amount=amount))
    return typed


def _first_of_year(columns, year: int) -> BudgetColumn | None:
    """The column the new budget year's opening belongs to: its budget column, else the
    first column of that year."""
    of_year = [c for c in columns if c.year == year]
    budget = [c for c in of_year if c.kind == ColumnKind.BUDGET]
    return (budget or of_year or [None])[0]


def _starts_chain(column: BudgetColumn, columns: dict[int, BudgetColumn]) -> bool:
    inputs = [ColumnInput(c.pk, c.kind, c.year) for c in columns.values()]
    return opening_source(ColumnInput(column.pk, column.kind, column.year), inputs) is None
