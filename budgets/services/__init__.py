"""Writes of the budgets app: atomic, keyword-only, each locking its document and logging who."""

from budgets.services.cells import CellEdit, budget_amount_set, budget_amounts_paste
from budgets.services.documents import (
    check_new_section,
    document_create,
    document_update,
    section_add,
    section_update,
)
from budgets.services.followup import follow_up_save
from budgets.services.importing import document_import
from budgets.services.status import document_adopt, document_new_revision
from budgets.services.structure import (
    check_footnotes,
    check_new_column,
    check_new_line,
    column_add,
    column_delete,
    footnote_add,
    footnote_delete,
    footnote_update,
    line_add,
    line_delete,
    line_move,
    line_update,
)
from finsam.errors import StaleEditError

__all__ = [
    "CellEdit",
    "StaleEditError",
    "budget_amount_set",
    "budget_amounts_paste",
    "check_footnotes",
    "check_new_column",
    "check_new_line",
    "check_new_section",
    "column_add",
    "column_delete",
    "document_adopt",
    "document_create",
    "document_import",
    "document_new_revision",
    "document_update",
    "follow_up_save",
    "footnote_add",
    "footnote_delete",
    "footnote_update",
    "line_add",
    "line_delete",
    "line_move",
    "line_update",
    "section_add",
    "section_update",
]
