"""Reads of initiatives, for views and for other apps (budgets, reports)."""

from decimal import Decimal

from initiatives.models import Initiative


def granted_amount(initiative: Initiative, year: int) -> Decimal | None:
    """What the board has granted the initiative for `year` (None: nothing decided).

    Placeholder until decisions exist: the initiatives issue derives it from the decisions.
    """
    return None
