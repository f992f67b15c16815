"""Changing a draft's structure: lines, footnotes and columns. Each service locks the document."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from budgets.models import (
    BudgetColumn,
    BudgetDocument,
    BudgetLine,
    BudgetSection,
    Footnote,
    LineKind,
)
from budgets.services.common import budget_write, locked_draft
from budgets.services.ordering import order_fingerprint
from finsam.errors import StaleEditError
from finsam.problems import Problems, check_model
from finsam.saving import saved
from finsam.versions import stale_message, version_checked
from initiatives.models import Initiative
from members.models import Member
from members.selectors import members_of


def check_new_line(section: BudgetSection, values: Mapping[str, Any]) -> None:
    """The model's own rules on a new line's values given (a form's valid fields): a
    carried-forward line among the costs, or a second one. Public: the structure page runs
    it beside the form's own checks; `line_add` checks them again when it saves."""
    line = BudgetLine(document=section.document, section=section)
    check_model(line, values, ("label", "kind"))


def check_new_column(document: BudgetDocument, values: Mapping[str, Any]) -> None:
    """The model's own rules on a new column's values given (a form's valid fields): one
    column of a kind and year. Public: the structure page runs it beside the form's own."""
    check_model(BudgetColumn(document=document), values, ("kind", "year", "label"))


def line_add(
    *, section: BudgetSection, label: str, kind: str = LineKind.AMOUNT, user: Any
) -> BudgetLine:
    """A new line at the end of its section (orders of later lines move down by one)."""
    with budget_write(user):
        document = locked_draft(section.document)
        last = section.lines.aggregate(Max("order"))["order__max"]
        if last is None:
            before = document.lines.filter(section__order__lt=section.order)
            last = before.aggregate(Max("order"))["order__max"]
        order = 0 if last is None else last + 1
        for later in document.lines.filter(order__gte=order).order_by("-order"):
            later.order += 1
            later.save(update_fields=["order"])
        line = saved(
            BudgetLine(document=document, section=section, order=order, label=label, kind=kind)
        )
        return line


def line_update(
    *,
    line: BudgetLine,
    label: str,
    footnote_numbers: list[int],
    user: Any,
    member_ids: list[int] | None = None,
    initiative_id: int | None = None,
    exempt_from_share: bool | None = None,
    share_entry: str | None = None,
    expected_version: int | None = None,
) -> BudgetLine:
    """Change a line's text and footnotes and, where given, what it is linked to.

    Members are only linked to contribution lines and must be members of the association;
    an initiative only to an initiative line and must be the association's. With
    `expected_version` (the line's version the form read) a line changed meanwhile by
    someone else (its text, footnotes, members or initiative) is refused.
    """
    with budget_write(user):
        document = locked_draft(line.document)
        notes = {f.number: f for f in document.footnotes.all()}
        # Every problem with the line's links at once: footnotes, initiative, members.
        problems = Problems()
        with problems.gathered():
            check_footnotes(document, footnote_numbers)
        # Read again under the document's lock: the caller's copy may hold an old position
        # (a move saved meanwhile), which saving it whole would write back over the move.
        line = BudgetLine.objects.select_related("section", "document").get(pk=line.pk)
        version_checked(line, expected_version, what=_("Raden ”%(label)s”") % {"label": line.label})
        line.label = label
        if exempt_from_share is not None:
            line.exempt_from_share = exempt_from_share
        if share_entry is not None:
            line.share_entry = share_entry
        if line.names_initiative:
            with problems.gathered():
                line.initiative = _initiative(document, initiative_id)
        members: list[Member] | None = None
        if member_ids is not None and line.names_members:
            with problems.gathered():
                members = _members(document, member_ids)
        with problems.gathered():
            line.full_clean()
        problems.raise_any()
        saved(line)
        line.footnotes.set([notes[n] for n in footnote_numbers])
        if members is not None:
            line.members.set(members)
        return line


def check_footnotes(document: BudgetDocument, footnote_numbers: list[int]) -> None:
    """Every footnote number the budget lacks, at once, at the footnotes. Public: the
    structure page runs it beside the line form's own checks."""
    known = set(document.footnotes.values_list("number", flat=True))
    missing = sorted(set(footnote_numbers) - known)
    if missing:
        raise ValidationError(
            {
                "footnotes": [
                    _("Fotnot %(number)s finns inte i budgeten.") % {"number": number}
                    for number in missing
                ]
            }
        )


def _members(document: BudgetDocument, member_ids: list[int]) -> list[Member]:
    members = members_of(document.association).filter(pk__in=member_ids)
    found = list(members)
    if len(found) != len(set(member_ids)):
        raise ValidationError(_("En vald organisation är inte medlem i förbundet."))
    return found


def _initiative(document: BudgetDocument, initiative_id: int | None) -> Initiative | None:
    if initiative_id is None:
        return None
    found = Initiative.objects.filter(pk=initiative_id, association=document.association).first()
    if found is None:
        raise ValidationError(_("Insatsen finns inte i förbundet."))
    return found


def line_move(*, line: BudgetLine, up: bool, user: Any, expected: str | None = None) -> None:
    """Swap the line with its neighbour in the same section; `expected` is the section's
    order of lines the page showed (refused when someone has reordered them since)."""
    with budget_write(user):
        locked_draft(line.document)
        siblings = list(line.section.lines.order_by("order", "pk"))
        if expected is not None and order_fingerprint(siblings) != expected:
            raise StaleEditError(stale_message(_("Ordningen på raderna")))
        index = next(i for i, s in enumerate(siblings) if s.pk == line.pk)
        other_index = index - 1 if up else index + 1
        if not 0 <= other_index < len(siblings):
            return
        other = siblings[other_index]
        this = siblings[index]
        this.order, other.order = other.order, this.order
        if this.order == other.order:
            this.order += -1 if up else 1
        this.save(update_fields=["order"])
        other.save(update_fields=["order"])


def line_delete(*, line: BudgetLine, user: Any, expected_version: int | None = None) -> None:
    """Remove a line; with `expected_version` one changed since the form read it is kept."""
    with budget_write(user):
        locked_draft(line.document)
        # The row as stored now, so its history keeps the text it had (renamed meanwhile).
        stored = BudgetLine.objects.get(pk=line.pk)
        version_checked(
            stored, expected_version, what=_("Raden ”%(label)s”") % {"label": stored.label}
        )
        stored.delete()


def footnote_add(*, document: BudgetDocument, text: str, user: Any) -> Footnote:
    with budget_write(user):
        locked = locked_draft(document)
        last = locked.footnotes.aggregate(Max("number"))["number__max"] or 0
        note = saved(Footnote(document=locked, number=last + 1, text=text))
        return note


def footnote_update(
    *, footnote: Footnote, text: str, user: Any, expected: int | None = None
) -> Footnote:
    """Change a footnote's text; with `expected` (the version the form showed) a footnote
    changed meanwhile by someone else is refused."""
    with budget_write(user):
        locked_draft(footnote.document)
        # Read again under the lock: its number may have moved since (a footnote removed).
        stored = Footnote.objects.get(pk=footnote.pk)
        version_checked(stored, expected, what=_("Fotnot %(number)s") % {"number": stored.number})
        stored.text = text
        saved(stored)
        return stored


def footnote_delete(*, footnote: Footnote, user: Any) -> None:
    """Remove a footnote and number the later ones down, so numbers stay 1, 2, 3..."""
    with budget_write(user):
        document = locked_draft(footnote.document)
        number = footnote.number
        footnote.delete()
        for later in document.footnotes.filter(number__gt=number).order_by("number"):
            later.number -= 1
            later.save(update_fields=["number"])


def column_add(
    *, document: BudgetDocument, kind: str, year: int, label: str, user: Any
) -> BudgetColumn:
    with budget_write(user):
        locked = locked_draft(document)
        last = locked.columns.aggregate(Max("order"))["order__max"]
        column = saved(
            BudgetColumn(
                document=locked,
                order=0 if last is None else last + 1,
                kind=kind,
                year=year,
                label=label,
            )
        )
        return column


def column_delete(*, column: BudgetColumn, user: Any) -> None:
    with budget_write(user):
        document = locked_draft(column.document)
        if document.columns.count() == 1:
            raise ValidationError(_("En budget måste ha minst en kolumn."))
        column.delete()
