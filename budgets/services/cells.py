"""Saving figures of the grid, one typed or a pasted block, refusing a stale edit per cell."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from budgets.models import BudgetAmount, BudgetColumn, BudgetDocument, BudgetLine
from budgets.models.lines import WHOLE_KRONOR
from budgets.services.common import budget_write, locked_draft
from finsam.errors import StaleEditError
from finsam.lib.numbers import is_whole_kronor
from finsam.versions import stale_message


@dataclass(frozen=True)
class CellEdit:
    """One figure to store: `expected` is the stored figure the editor started from."""

    line: BudgetLine
    column: BudgetColumn
    amount: Decimal | None
    expected: Decimal | None


def budget_amount_set(
    *,
    line: BudgetLine,
    column: BudgetColumn,
    amount: Decimal | None,
    expected: Decimal | None,
    user: Any,
) -> BudgetAmount | None:
    """Store (or clear, with None) the typed figure of a line and column.

    `expected` is the stored figure the editor started from (None: nothing stored). If the
    figure has changed since, the save is refused with StaleEditError carrying the current
    figure, so two people never silently overwrite each other.
    """
    edit = CellEdit(line, column, amount, expected)
    _check(edit)
    try:
        with budget_write(user):
            locked_draft(line.document)
            row = BudgetAmount.objects.filter(line=line, column=column).first()
            return _apply(edit, row, user)
    except IntegrityError as error:
        # A line or column removed while this save waited for the document's lock: the new
        # figure's reference fails when the transaction commits (references are checked then).
        raise ValidationError(_gone()) from error


def budget_amounts_paste(
    *, document: BudgetDocument, edits: list[CellEdit], user: Any
) -> dict[CellEdit, StaleEditError]:
    """Store a block of figures (pasted from a spreadsheet) in one transaction.

    Each figure is checked against the figure its own cell started from, as a single save
    is: a cell someone else changed meanwhile is left as it is and returned with its current
    figure (StaleEditError), while the other figures of the block are saved. Every figure
    lands in history as if typed one by one.
    """
    for edit in edits:
        if edit.line.document_id != document.pk:
            raise ValidationError(_("Raden och kolumnen hör till olika budgetar."))
        _check(edit)
    refused: dict[CellEdit, StaleEditError] = {}
    try:
        with budget_write(user):
            locked_draft(document)
            stored = BudgetAmount.objects.filter(
                line__in=[edit.line for edit in edits], column__in=[edit.column for edit in edits]
            )
            rows = {(row.line_id, row.column_id): row for row in stored}
            for edit in edits:
                try:
                    _apply(edit, rows.get((edit.line.pk, edit.column.pk)), user)
                except StaleEditError as stale:
                    refused[edit] = stale
    except IntegrityError as error:
        raise ValidationError(_gone()) from error
    return refused


def _check(edit: CellEdit) -> None:
    if edit.line.document_id != edit.column.document_id:
        raise ValidationError(_("Raden och kolumnen hör till olika budgetar."))
    if edit.amount is not None and not is_whole_kronor(edit.amount):
        raise ValidationError(WHOLE_KRONOR)


def _apply(edit: CellEdit, row: BudgetAmount | None, user: Any) -> BudgetAmount | None:
    """Write one figure, under the document's lock, over `row` (its stored amount or None)."""
    current = None if row is None else row.amount
    if current != edit.expected:
        raise StaleEditError(stale_message(_("Beloppet")), current)
    if edit.amount == current:
        return row
    if row is not None:
        row.line = edit.line  # loaded already: the audit trail finds the association through it
    if edit.amount is None:
        assert row is not None  # clearing an empty cell changed nothing: returned above
        row.delete()
        return None
    if row is None:
        row = BudgetAmount(line=edit.line, column=edit.column)
    row.amount = edit.amount
    row.updated_by = user if getattr(user, "is_authenticated", False) else None
    # Line and column were checked above and the cell was looked up under the document's
    # lock; the database's constraints (one amount per cell, whole kronor) still hold, so
    # only the fields are validated here: the grid's save stays a few queries short.
    row.full_clean(exclude=["line", "column", "updated_by"], validate_constraints=False)
    row.save()
    return row


def _gone() -> str:
    return _("Raden eller kolumnen finns inte längre i budgeten; ladda om sidan.")
