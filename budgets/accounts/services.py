"""Writes of the accounts: the mapping of accounts to statement lines and notes."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budgets.accounts.models import Account
from budgets.models import BudgetLine
from finsam.models import Association


@dataclass(frozen=True)
class AccountMapping:
    """Where one account goes: its statement line, its note row and its budget line."""

    line: str
    note_label: str
    budget_line_id: int | None


def account_mapping_update(*, association: Association, mapping: dict[str, AccountMapping]) -> int:
    """Set each account's place; returns how many accounts changed."""
    own_lines = set(
        BudgetLine.objects.filter(document__association=association).values_list("pk", flat=True)
    )
    if any(m.budget_line_id not in own_lines | {None} for m in mapping.values()):
        raise ValidationError(_("En budgetrad hör inte till förbundets budgetar."))
    changed = 0
    with transaction.atomic():
        for account in Account.objects.select_for_update().filter(
            association=association, number__in=mapping
        ):
            wanted = mapping[account.number]
            now = AccountMapping(account.line, account.note_label, account.budget_line_id)
            if now != wanted:
                account.line, account.note_label = wanted.line, wanted.note_label
                account.budget_line_id = wanted.budget_line_id
                account.full_clean()
                account.save(update_fields=["line", "note_label", "budget_line"])
                changed += 1
    return changed
