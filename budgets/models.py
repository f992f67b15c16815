"""Models of the budgets app: budget documents (to come) and bookkeeping accounts."""

from budgets.accounts.models import Account, BalanceKind, MonthMovement, YearBalance

__all__ = ["Account", "BalanceKind", "MonthMovement", "YearBalance"]
