"""Entering a demo association's books: its chart, then its SIE file through the import.

An account may name the line of the budget document `budget` it follows up (`budget_line`,
by label), so the follow-up takes that line's outcome to date from the books.
"""

from django.conf import settings

from budgets.accounts.import_kinds import BookImportKind
from budgets.accounts.models import Account
from budgets.models import BudgetLine
from finsam.imports.batches import import_confirm, import_upload
from finsam.models import Association


def load(association: Association, data: dict) -> None:
    budget_lines = {}
    if "budget" in data:
        budget_lines = {
            line.label: line
            for line in BudgetLine.objects.filter(
                document__association=association, document__title=data["budget"]
            )
        }
    for row in data["accounts"]:
        account = Account(
            association=association,
            number=row["number"],
            name=row["name"],
            line=row["line"],
            note_label=row.get("note", ""),
            budget_line=budget_lines[row["budget_line"]] if "budget_line" in row else None,
        )
        account.full_clean()
        account.save()
    path = settings.BASE_DIR / "fixtures" / association.slug / data["sie_file"]
    batch, plan = import_upload(
        association=association,
        kind=BookImportKind.SIE,
        filename=path.name,
        content=path.open("rb"),
        user=None,
    )
    if batch is None:
        raise ValueError(f"{path}: " + "; ".join(str(p) for p in plan.problems))
    import_confirm(batch=batch)
