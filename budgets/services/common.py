"""What every budget write shares: locking the document, refusing adopted ones, the change log."""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError

from budgets.models import BudgetChange, BudgetDocument


def locked_draft(document: BudgetDocument) -> BudgetDocument:
    """Lock the document row for the rest of the transaction; refuse an adopted document.

    Every write to a budget goes through here, so writes to one document are serialised
    and the chain and totals are computed from a consistent state.
    """
    locked = BudgetDocument.objects.select_for_update().get(pk=document.pk)
    if not locked.is_draft:
        raise ValidationError(
            "Budgeten är fastställd och kan inte ändras. Skapa en ny revision för att ändra den."
        )
    return locked


def log_change(
    document: BudgetDocument, user: Any, what: str, old: Any = "", new: Any = ""
) -> None:
    BudgetChange.objects.create(
        document=document,
        what=what[:300],
        old_value="" if old is None else str(old),
        new_value="" if new is None else str(new),
        changed_by=user if getattr(user, "is_authenticated", False) else None,
    )


def fingerprint(*values: Any) -> str:
    """A short digest of the values an editor started from, sent back with the form: when
    the stored values no longer give the same digest, someone else changed them meanwhile."""
    return hashlib.sha256("\x1f".join(map(str, values)).encode()).hexdigest()[:16]
