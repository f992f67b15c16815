"""The budgets app's items on the start page: drafts, failing checks, comments, adoptions.

Each reader makes a fixed number of queries: the checks are computed for the newest few drafts
only (`CHECKED_DRAFTS`), their sheets read together in the queries of one
(`budgets.selectors.budget_sheets`), so the page costs the same with one draft or many.
"""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from budgets.models import BudgetComment, BudgetDocument, DocumentStatus
from budgets.selectors import budget_sheets
from finsam.models import Association
from finsam.models.comments import unanswered_threads
from finsam.permissions import Perm, Role
from finsam.waiting import (
    ADOPTED,
    CHECKS,
    COMMENTS,
    DRAFTS,
    NEXT_MEETING,
    Item,
    Provider,
    day_text,
    register_waiting,
    roles_with,
    unanswered_items,
)

CHECKED_DRAFTS = 3
ADOPTED_SHOWN = 5


def _url(document: BudgetDocument | int, slug: str, anchor: str = "") -> str:
    pk = document if isinstance(document, int) else document.pk
    return reverse("budgets:document", args=[slug, pk]) + anchor


def _drafts(association: Association) -> list[BudgetDocument]:
    documents = BudgetDocument.objects.filter(association=association, status=DocumentStatus.DRAFT)
    return list(documents.order_by("year", "revision", "pk"))


def budget_drafts(association: Association, today: date) -> list[Item]:
    """Budget drafts the board has not adopted yet."""
    return [
        Item(
            text=draft.title,
            url=_url(draft, association.slug),
            note=_("budgetutkast för %(year)s, revision %(revision)s")
            % {"year": draft.year, "revision": draft.revision},
        )
        for draft in _drafts(association)
    ]


def budget_drafts_to_comment(association: Association, today: date) -> list[Item]:
    """The same drafts as the board reads them: to read and comment before adopting."""
    return [
        Item(
            text=draft.title,
            url=_url(draft, association.slug, "#kommentarer"),
            note=_("budgetutkast att läsa och kommentera"),
        )
        for draft in _drafts(association)
    ]


def budget_check_errors(association: Association, today: date) -> list[Item]:
    """The errors of the newest drafts' checks (a negative carried-forward amount, ...)."""
    newest = BudgetDocument.objects.filter(association=association, status=DocumentStatus.DRAFT)
    drafts = newest.order_by("-year", "-revision", "-pk")[:CHECKED_DRAFTS]
    # The sheets of all the checked drafts in the queries of one: the page costs the same
    # whether the association keeps one draft or many.
    return [
        Item(text=sheet.document.title, url=_url(sheet.document, association.slug), note=e.message)
        for sheet in budget_sheets(drafts)
        for e in sheet.result.errors
    ]


def budget_comments(association: Association, today: date) -> list[Item]:
    """Board comments on a budget that nobody has answered yet, counted per budget."""
    threads = unanswered_threads(BudgetComment.objects.filter(document__association=association))
    return unanswered_items(
        threads, "document", lambda pk: _url(pk, association.slug, "#kommentarer")
    )


def adopted_budgets(association: Association, today: date) -> list[Item]:
    """The newest budgets the board adopted: what the auditors read."""
    adopted = BudgetDocument.objects.filter(
        association=association, status=DocumentStatus.ADOPTED
    ).order_by("-adopted_on", "-pk")[:ADOPTED_SHOWN]
    return [
        Item(
            text=document.title,
            url=_url(document, association.slug),
            note=_("budget fastställd %(day)s") % {"day": day_text(document.adopted_on)},
        )
        for document in adopted
        if document.adopted_on is not None
    ]


def register() -> None:
    edit = roles_with(Perm.EDIT)
    board = frozenset({Role.BOARD})
    for key, provider in {
        "budgets.board_drafts": Provider(NEXT_MEETING, board, budget_drafts_to_comment, 11),
        "budgets.drafts": Provider(DRAFTS, edit, budget_drafts, 20),
        "budgets.checks": Provider(CHECKS, edit, budget_check_errors, 41),
        "budgets.comments": Provider(COMMENTS, edit, budget_comments, 60),
        "budgets.adopted": Provider(ADOPTED, frozenset({Role.AUDITOR}), adopted_budgets, 70),
    }.items():
        register_waiting(key, provider)
