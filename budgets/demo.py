"""Entering an association's budget documents from demo data (fixtures/<slug>/budgets.toml).

Per document: its columns, footnotes (numbered in the order given) and sections with lines.
A line's `amounts` is either a list in column order or a table keyed by column label (for
lines that type a figure in some columns only, such as an opening balance); contribution
lines name their members and take their amounts from the funding years. A line's `forecast`
(keyed by column label) is the full-year forecast typed in the follow-up. A document's
`comments` are board members' questions (on a line by its label, or on the whole) with answers.
"""

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from budgets.models import (
    BudgetAmount,
    BudgetColumn,
    BudgetComment,
    BudgetDocument,
    BudgetLine,
    BudgetSection,
    FollowUpFigure,
    Footnote,
)
from finsam.models import Association
from finsam.saving import saved
from initiatives.models import Initiative
from members.models import Member
from members.selectors import members_of

# The settings staff edit, and what only a demo sets directly (the adoption's facts).
DOCUMENT_FIELDS = ("year", *BudgetDocument.SETTING_FIELDS, "status", "adopted_on", "diary_number")


def load(association: Association, data: dict[str, Any]) -> None:
    members = {member.name: member for member in members_of(association)}
    for row in data.get("documents", []):
        _load_document(association, members, row)


def _load_document(association: Association, members: dict[str, Member], row: dict) -> None:
    fields = {name: row[name] for name in DOCUMENT_FIELDS if name in row}
    document = saved(BudgetDocument(association=association, **fields))
    columns = [
        saved(BudgetColumn(document=document, order=order, **column))
        for order, column in enumerate(row["columns"])
    ]
    footnotes = {
        number: saved(Footnote(document=document, number=number, text=text))
        for number, text in enumerate(row.get("footnotes", []), start=1)
    }
    order = 0
    for section_order, section_row in enumerate(row.get("sections", [])):
        section = saved(
            BudgetSection(
                document=document,
                order=section_order,
                name=section_row.get("name", ""),
                kind=section_row["kind"],
                show_subtotal=section_row.get("show_subtotal", True),
                subtotal_label=section_row.get("subtotal_label", ""),
            )
        )
        for line_row in section_row.get("lines", []):
            _load_line(document, section, order, line_row, columns, members, footnotes)
            order += 1
    for comment_row in row.get("comments", []):
        _load_comment(document, comment_row)


def _load_comment(document: BudgetDocument, row: dict) -> None:
    # The demo users are completed (names, roles) by finsam.demo after every association.
    users = get_user_model().objects
    line = document.lines.get(label=row["line"]) if "line" in row else None
    author = users.get_or_create(username=row["author"])[0]
    thread = saved(BudgetComment(document=document, line=line, author=author, text=row["text"]))
    for answer in row.get("answers", []):
        by = users.get_or_create(username=answer["author"])[0]
        saved(
            BudgetComment(
                document=document, line=line, parent=thread, author=by, text=answer["text"]
            )
        )


def _load_line(document, section, order, row, columns, members, footnotes) -> None:
    line = saved(
        BudgetLine(
            document=document,
            section=section,
            order=order,
            label=row["label"],
            kind="initiative" if "initiative" in row else row.get("kind", "amount"),
            initiative=_initiative(document, row.get("initiative")),
            exempt_from_share=row.get("exempt_from_share", False),
        )
    )
    line.members.set([members[name] for name in row.get("members", [])])
    line.footnotes.set([footnotes[number] for number in row.get("footnotes", [])])
    amounts = row.get("amounts", [])
    if isinstance(amounts, dict):
        by_label = {column.label: column for column in columns}
        pairs = [(by_label[label], amount) for label, amount in amounts.items()]
    else:
        pairs = list(zip(columns, amounts, strict=False))
    for column, amount in pairs:
        saved(BudgetAmount(line=line, column=column, amount=Decimal(str(amount))))
    by_label = {column.label: column for column in columns}
    for label, forecast in row.get("forecast", {}).items():
        saved(FollowUpFigure(line=line, column=by_label[label], forecast=Decimal(str(forecast))))


def _initiative(document, name: str | None) -> Initiative | None:
    """The association's initiative named in the demo data (a wrong name fails loudly)."""
    if name is None:
        return None
    return Initiative.objects.get(association_id=document.association_id, name=name)
