"""Budget documents: columns, sections, lines, amounts, footnotes, and follow-up.

Who changed what is kept by the audit trail (`finsam.audit`), not here.

A package so that further concepts (bookkeeping accounts) get their own module.
"""

from budgets.accounts.models import Account, BalanceKind, MonthMovement, YearBalance
from budgets.models.adoption import BudgetAdoption
from budgets.models.comments import BudgetComment
from budgets.models.document import BudgetColumn, BudgetDocument, ColumnKind, DocumentStatus, Unit
from budgets.models.equity import EquityCeilingStep
from budgets.models.followup import FollowUpFigure
from budgets.models.lines import (
    COST_KINDS,
    BudgetAmount,
    BudgetLine,
    BudgetSection,
    Footnote,
    LineKind,
    SectionKind,
    ShareEntry,
)

__all__ = [
    "COST_KINDS",
    "EquityCeilingStep",
    "Account",
    "BalanceKind",
    "MonthMovement",
    "YearBalance",
    "BudgetAdoption",
    "BudgetAmount",
    "BudgetColumn",
    "BudgetComment",
    "BudgetDocument",
    "BudgetLine",
    "BudgetSection",
    "ColumnKind",
    "DocumentStatus",
    "FollowUpFigure",
    "Footnote",
    "LineKind",
    "SectionKind",
    "ShareEntry",
    "Unit",
]
