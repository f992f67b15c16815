"""Saving one figure of the grid, refusing a stale edit."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from budgets.models import BudgetAmount, BudgetColumn, BudgetLine
from budgets.models.lines import WHOLE_KRONOR
from budgets.services.common import budget_write, locked_draft
from finsam.errors import StaleEditError
from finsam.lib.numbers import is_whole_kronor
from finsam.versions import stale_message


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
    if line.document_id != column.document_id:
        raise ValidationError(_("Raden och kolumnen hör till olika budgetar."))
    if amount is not None and not is_whole_kronor(amount):
        raise ValidationError(WHOLE_KRONOR)
    try:
        return _store(line, column, amount, expected, user)
    except IntegrityError as error:
        # A line or column removed while this save waited for the document's lock: the new
        # figure's reference fails when the transaction commits (references are checked then).
        raise ValidationError(
            _("Raden eller kolumnen finns inte längre i budgeten; ladda om sidan.")
        ) from error


def _store(
    line: BudgetLine,
    column: BudgetColumn,
    amount: Decimal | None,
    expected: Decimal | None,
    user: Any,
) -> BudgetAmount | None:
    with budget_write(user):
        locked_draft(line.document)
        row = BudgetAmount.objects.filter(line=line, column=column).first()
        current = None if row is None else row.amount
        if current != expected:
            raise StaleEditError(stale_message(_("Beloppet")), current)
        if amount == current:
            return row
        if row is not None:
            row.line = line  # loaded already: the audit trail finds the association through it
        if amount is None:
            assert row is not None  # clearing an empty cell changed nothing: returned above
            row.delete()
            return None
        if row is None:
            row = BudgetAmount(line=line, column=column)
        row.amount = amount
        row.updated_by = user if getattr(user, "is_authenticated", False) else None
        # Line and column were checked above and the cell was looked up under the document's
        # lock; the database's constraints (one amount per cell, whole kronor) still hold, so
        # only the fields are validated here: the grid's save stays a few queries short.
        row.full_clean(exclude=["line", "column", "updated_by"], validate_constraints=False)
        row.save()
        return row
