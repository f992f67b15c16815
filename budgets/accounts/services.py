"""Writes of the accounts: the mapping of accounts to statement lines and notes."""

from django.db import transaction

from budgets.accounts.models import Account
from members.models import Association


def account_mapping_update(*, association: Association, mapping: dict[str, tuple[str, str]]) -> int:
    """Set each account's line and note row; returns how many accounts changed."""
    changed = 0
    with transaction.atomic():
        for account in Account.objects.select_for_update().filter(
            association=association, number__in=mapping
        ):
            line, note_label = mapping[account.number]
            if (account.line, account.note_label) != (line, note_label):
                account.line, account.note_label = line, note_label
                account.full_clean()
                account.save(update_fields=["line", "note_label"])
                changed += 1
    return changed
