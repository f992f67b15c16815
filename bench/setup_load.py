"""What the load test (bench/load.py) reads and writes through Django itself: its users,
the editors' figures and the readers' pages before the run, what was stored after it."""

import os
import sys
from collections import defaultdict
from pathlib import Path

from load_people import Cell, Editor, Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")
    import django

    django.setup()


def prepare(
    url: str, users: int, password: str, pages: list[Page]
) -> tuple[list[Cell], dict[str, list[Page]]]:
    """Create the editors and readers; one figure per editor, the pages per association."""
    _django(url)
    from django.db import connections

    from finsam.models import Association

    associations = list(Association.objects.order_by("slug"))
    _users(associations, users, password)
    cells = _cells(users)
    found = {a.slug: _pages(a, pages) for a in associations}
    connections.close_all()
    return cells, found


def _users(associations, users: int, password: str) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from finsam.models import UserRole
    from finsam.permissions import Role

    hashed = make_password(password)  # once: hashing is slow on purpose
    for prefix, role in (("load-kansli", Role.STAFF), ("load-styrelse", Role.BOARD)):
        for number in range(users):
            user = get_user_model().objects.create(
                username=f"{prefix}-{number:02}", password=hashed
            )
            UserRole.objects.bulk_create(
                UserRole(user=user, association=a, role=role) for a in associations
            )


def _cells(users: int) -> list[Cell]:
    """Figures of amount lines in the draft budgets, taken in turn from each document, so
    editors of one budget also queue for its lock, as colleagues would."""
    from budgets.models import BudgetAmount

    by_document: dict[int, list[Cell]] = defaultdict(list)
    amounts = BudgetAmount.objects.filter(
        line__kind="amount", line__document__status="draft"
    ).select_related("line__document__association", "column")
    for amount in amounts.order_by("line__document", "line__order", "column__order"):
        line, column = amount.line, amount.column
        what = f"{line.label} / {column.label}"
        if any(c.what == what for c in by_document[line.document_id]):
            continue  # one figure per line and column label, so reports name it unambiguously
        by_document[line.document_id].append(
            Cell(line.document.association.slug, line.document_id, line.pk, column.pk, what,
                 int(amount.amount))
        )  # fmt: skip
    queues = list(by_document.values())
    cells = [queue[i] for i in range(max(map(len, queues))) for queue in queues if i < len(queue)]
    if len(cells) < users:
        raise SystemExit(f"The demo budgets have {len(cells)} figures; {users} editors need one.")
    return cells[:users]


def _pages(association, pages: list[Page]) -> list[Page]:
    """The pages filled in for the association; a path that names no page stops the run."""
    from django.urls import resolve

    latest = {
        "budget": association.budget_documents.order_by("-year", "-revision").first(),
        "year": association.funding_years.order_by("-year").first(),
        "initiative": association.initiatives.order_by("pk").first(),
        "report": association.reports.order_by("-year", "pk").first(),
    }
    names = {"slug": association.slug, "year": getattr(latest.pop("year"), "year", None)}
    names |= {name: getattr(found, "pk", None) for name, found in latest.items()}
    filled = []
    for page in pages:
        needed = [name for name in names if "{" + name + "}" in page.path]
        if any(names[name] is None for name in needed):
            continue  # the association has no budget, funding year, initiative or report
        path = page.path.format(**names)
        resolve(path)
        filled.append(Page(page.kind, path))
    return filled


def stored(url: str, editors: list[Editor]) -> dict[str, tuple[int, list[int]]]:
    """Per editor: the figure in its cell now, and every value its saves left in the cell's
    history (the audit trail), in order."""
    _django(url)
    from django.contrib.auth import get_user_model

    from budgets.models import BudgetAmount

    users = dict(get_user_model().objects.values_list("username", "pk"))
    found = {}
    for editor in editors:
        cell = editor.cell
        assert cell is not None
        figure = BudgetAmount.objects.get(line_id=cell.line, column_id=cell.column).amount
        saved = BudgetAmount.history.filter(
            line_id=cell.line, column_id=cell.column, history_user_id=users[editor.username]
        ).exclude(history_type="-")
        values = [int(v) for v in saved.order_by("history_id").values_list("amount", flat=True)]
        found[editor.username] = (int(figure), values)
    return found
