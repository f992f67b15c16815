"""How long a text in a budget file may be: what the field it is stored in holds.

Checked while the file is read, so a too long label is named with its sheet, row and column
(the database's own message names no place).
"""

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from budgets.models import BudgetColumn, BudgetDocument, BudgetLine, BudgetSection


def _length(model, field: str) -> int | None:
    found = model._meta.get_field(field)
    return None if found.choices else found.max_length  # a choice is checked as one


def limit_of(what: str) -> int | None:
    """`what`: a setting's field name, or "column", "section", "subtotal", "line"."""
    fields = {
        "column": (BudgetColumn, "label"),
        "section": (BudgetSection, "name"),
        "subtotal": (BudgetSection, "subtotal_label"),
        "line": (BudgetLine, "label"),
    }
    model, field = fields.get(what, (BudgetDocument, what))
    return _length(model, field)


def checked_text(
    text: str, what: str, sheet: str, row: int, column: int, problems: list[str]
) -> str:
    """`text`, with a problem added if it is longer than its field holds."""
    limit = limit_of(what)
    if limit is not None and len(text) > limit:
        problems.append(
            _(
                "Blad ”%(sheet)s”, rad %(row)s, kolumn %(column)s: texten har %(length)s "
                "tecken; högst %(limit)s får plats."
            )
            % {
                "sheet": sheet,
                "row": row,
                "column": get_column_letter(column),
                "length": len(text),
                "limit": limit,
            }
        )
    return text
