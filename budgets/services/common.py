"""What every budget write shares: one transaction, its history naming who, locking the document.

Who changed which figure is kept by the audit trail (`finsam.audit`): every tracked model's
save writes a historical row; `budget_write` makes the rows of one service call name the
user the service was given (the request's user is found anyway; a command or test has none).
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from budgets.models import BudgetDocument
from finsam.audit.recording import recording


@contextmanager
def budget_write(user: Any, reason: str = "") -> Iterator[None]:
    """One atomic write; history records `user` and, where given, why (`reason`)."""
    with transaction.atomic(), recording(user=user, reason=reason):
        yield


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


def fingerprint(*values: Any) -> str:
    """A short digest of the values an editor started from, sent back with the form: when
    the stored values no longer give the same digest, someone else changed them meanwhile."""
    return hashlib.sha256("\x1f".join(map(str, values)).encode()).hexdigest()[:16]
