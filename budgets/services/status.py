"""Adopting a budget, and copying an adopted budget into a new draft revision."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from budgets.calculation import Check
from budgets.models import (
    BudgetAdoption,
    BudgetAmount,
    BudgetDocument,
    DocumentStatus,
)
from budgets.selectors import budget_sheet
from budgets.services.common import budget_write, locked_draft
from budgets.services.copying import clone, copy_lines
from budgets.snapshot import checksum, freeze
from finsam.audit.recording import bulk_create_audited
from finsam.errors import StaleEditError
from finsam.models import Association
from finsam.problems import Problems
from finsam.saving import saved
from members.models import Meeting


def document_adopt(
    *,
    document: BudgetDocument,
    adopted_on: date,
    meeting: Meeting | None,
    diary_number: str,
    user: Any,
    motivation: str = "",
    expected: str | None = None,
) -> BudgetDocument:
    """The board has adopted the budget: freeze every figure; the document becomes read-only.

    Refused while a check shows an error (named in the message); a warning needs the
    board's written `motivation`, kept with the adoption. `expected` is the checksum of the
    figures the user confirmed (`adoption_preview`): if they have changed since, nothing is
    adopted."""
    decision = f"{adopted_on:%Y-%m-%d} {diary_number}".strip()
    reason = _("Fastställd av styrelsen %(decision)s") % {"decision": decision}
    if motivation.strip():
        reason = _("%(reason)s. Motivering till varningarna: %(motivation)s") % {
            "reason": reason,
            "motivation": motivation.strip(),
        }
    with budget_write(user, reason=reason):
        locked = locked_draft(document)
        problems = Problems()
        if meeting is not None and meeting.association_id != locked.association_id:
            problems.add("meeting", _("Mötet hör till ett annat förbund."))
        preview = adoption_preview(locked)
        if expected is not None and preview.checksum != expected:
            raise StaleEditError(
                _(
                    "Budgetens siffror har ändrats sedan du bekräftade dem. Läs dem igen och "
                    "fastställ på nytt."
                ),
                None,
            )
        motivation = motivation.strip()
        with problems.gathered():
            check_adoptable(preview, motivation)
        problems.raise_any()
        locked.status = DocumentStatus.ADOPTED
        locked.adopted_on = adopted_on
        locked.adopted_at = meeting
        locked.diary_number = diary_number
        saved(locked)
        saved(
            BudgetAdoption(
                document=locked,
                adopted_on=adopted_on,
                snapshot=preview.snapshot,
                sha256=preview.checksum,
                motivation=motivation,
                adopted_by=user if getattr(user, "is_authenticated", False) else None,
            )
        )
        return locked


@dataclass(frozen=True)
class AdoptionPreview:
    """What adopting would freeze: the figures, their checksum, the checks to answer for."""

    snapshot: dict[str, Any]
    checksum: str
    errors: list[Check]
    warnings: list[Check]


def adoption_preview(document: BudgetDocument) -> AdoptionPreview:
    sheet = budget_sheet(document, today=True)
    snapshot = freeze(sheet)
    return AdoptionPreview(snapshot, checksum(snapshot), sheet.result.errors, sheet.result.warnings)


def check_adoptable(preview: AdoptionPreview, motivation: str) -> None:
    """Refuse while a check shows an error; a warning needs the board's motivation (told
    at the motivation). Both at once. Public: the page runs it beside the form's checks."""
    problems = Problems()
    if preview.errors:
        problems.add(
            None,
            _("Budgeten kan inte fastställas så länge en kontroll visar fel: ")
            + " ".join(check.message for check in preview.errors),
        )
    if preview.warnings and not motivation:
        problems.add(
            "motivation",
            _(
                "Kontrollerna visar varningar; skriv styrelsens motivering för att fastställa "
                "budgeten ändå: "
            )
            + " ".join(check.message for check in preview.warnings),
        )
    problems.raise_any()


def document_new_revision(*, document: BudgetDocument, user: Any) -> BudgetDocument:
    """Copy the document, with every column, section, line, footnote and figure, into a draft."""
    with budget_write(user, reason=_("Ny revision av %(document)s") % {"document": document}):
        # The revision number is counted across the association's documents of the year, as
        # in document_create and document_import: the association's row is that count's lock.
        Association.objects.select_for_update().get(pk=document.association_id)
        source = BudgetDocument.objects.select_for_update().get(pk=document.pk)
        if source.is_draft:
            raise ValidationError(_("Bara en fastställd budget kan få en ny revision."))
        latest = BudgetDocument.objects.filter(
            association=source.association, year=source.year
        ).aggregate(Max("revision"))["revision__max"]
        return _copy_document(source, latest + 1)


def _copy_document(source: BudgetDocument, revision: int) -> BudgetDocument:
    copy = BudgetDocument.objects.get(pk=source.pk)
    copy.pk = None
    copy.revision, copy.origin = revision, source
    copy.status, copy.diary_number = DocumentStatus.DRAFT, ""
    copy.adopted_on, copy.adopted_at = None, None
    saved(copy)
    columns = {c.pk: clone(c, document=copy) for c in source.columns.all()}
    lines = copy_lines(source, copy)
    bulk_create_audited(
        BudgetAmount,
        (
            BudgetAmount(line=lines[a.line_id], column=columns[a.column_id], amount=a.amount)
            for a in BudgetAmount.objects.filter(line__document=source)
        ),
        association_id=copy.association_id,
    )
    return copy
