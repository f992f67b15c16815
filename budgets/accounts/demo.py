"""Entering a demo association's books: its chart, then its SIE file through the import."""

from django.conf import settings

from budgets.accounts.models import Account
from members.imports.batches import import_confirm, import_upload
from members.models import Association, ImportKind


def load(association: Association, data: dict) -> None:
    for row in data["accounts"]:
        account = Account(
            association=association,
            number=row["number"],
            name=row["name"],
            line=row["line"],
            note_label=row.get("note", ""),
        )
        account.full_clean()
        account.save()
    path = settings.BASE_DIR / "fixtures" / association.slug / data["sie_file"]
    batch, plan = import_upload(
        association=association,
        kind=ImportKind.SIE,
        filename=path.name,
        content=path.open("rb"),
        user=None,
    )
    if batch is None:
        raise ValueError(f"{path}: " + "; ".join(str(p) for p in plan.problems))
    import_confirm(batch=batch)
