"""Writing budget comments: a board member comments, office staff answer and resolve.

A comment or answer is added to a draft only (an adopted budget is frozen; its comments stay
visible); resolving is allowed afterwards too, since it closes the conversation without touching
the budget.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.models import BudgetComment, BudgetDocument, BudgetLine
from budgets.services.common import budget_write, locked_draft
from finsam.problems import Problems
from finsam.saving import saved
from finsam.versions import version_checked


def comment_add(
    *,
    document: BudgetDocument,
    text: str,
    user: Any,
    line: BudgetLine | None = None,
    parent: BudgetComment | None = None,
) -> BudgetComment:
    """A comment on the whole budget, on `line`, or an answer to the thread `parent`."""
    problems = Problems()  # an empty text and an adopted budget, both told at once
    if not text.strip():
        problems.add("text", _("Skriv en kommentar."))
    with budget_write(user):
        locked: BudgetDocument | None = None
        with problems.gathered():
            locked = locked_draft(document)
        problems.raise_any()
        assert locked is not None
        if parent is not None:
            line = parent.line
        return saved(
            BudgetComment(document=locked, line=line, parent=parent, author=user, text=text.strip())
        )


def comment_resolve(*, comment: BudgetComment, user: Any, expected: int | None) -> BudgetComment:
    """Mark a thread resolved; a thread marked (or answered-and-marked) meanwhile is refused."""
    with budget_write(user):
        stored = BudgetComment.objects.select_for_update().get(pk=comment.pk)
        if stored.parent_id is not None:
            raise ValidationError(_("Bara trådens första kommentar markeras som klar."))
        version_checked(stored, expected, what=_("Kommentaren"))
        stored.resolved_at = timezone.now()
        stored.resolved_by = user
        return saved(stored)
