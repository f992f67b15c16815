"""Moving a draft's columns and sections up or down, and deleting a section.

A move swaps the item with its neighbour. The page sends the order it showed (a fingerprint
of the ids in order): when someone else has reordered meanwhile, the move is refused rather
than applied to an order the user did not see.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from budgets.models import BudgetColumn, BudgetSection
from budgets.services.common import budget_write, fingerprint, locked_draft
from finsam.errors import StaleEditError
from finsam.versions import stale_message


def order_fingerprint(items: Iterable[models.Model]) -> str:
    """The order of `items` as a page shows it, to send back with a move."""
    return fingerprint(*(item.pk for item in items))


def column_move(*, column: BudgetColumn, up: bool, user: Any, expected: str | None = None) -> None:
    with budget_write(user):
        document = locked_draft(column.document)
        _swap(
            list(document.columns.order_by("order", "pk")),
            column.pk,
            up,
            expected,
            _("Ordningen på kolumnerna"),
        )


def section_move(
    *, section: BudgetSection, up: bool, user: Any, expected: str | None = None
) -> None:
    with budget_write(user):
        document = locked_draft(section.document)
        _swap(
            list(document.sections.order_by("order", "pk")),
            section.pk,
            up,
            expected,
            _("Ordningen på avsnitten"),
        )


def section_lines_fingerprint(section: BudgetSection) -> str:
    """The lines the confirmation page counted ("med dess 5 rader"), to send back with it."""
    return order_fingerprint(list(section.lines.order_by("pk")))


def section_delete(*, section: BudgetSection, user: Any, expected_lines: str | None = None) -> None:
    """Remove a section with its lines (the page has asked the user to confirm). A line added
    or moved into the section since the page counted them is not deleted unseen."""
    with budget_write(user):
        locked_draft(section.document)
        if expected_lines is not None and section_lines_fingerprint(section) != expected_lines:
            raise StaleEditError(
                _(
                    "Avsnittet ”%(section)s” har fått andra rader sedan du bekräftade; "
                    "inget togs bort. Läs frågan igen."
                )
                % {"section": section}
            )
        section.delete()


def _swap(items: list, pk: int, up: bool, expected: str | None, what: str) -> None:
    if expected is not None and order_fingerprint(items) != expected:
        raise StaleEditError(stale_message(what))
    index = next(i for i, item in enumerate(items) if item.pk == pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    # Number them all again: orders may have been equal (an import, an old document).
    for order, item in enumerate(items):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order"])
