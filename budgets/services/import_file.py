"""A budget workbook as one kind of file of the import pipeline (`finsam.imports`): read and
previewed by a job, applied by another in one transaction, like every other file.

Reading it is the preview (`import_preview`: the real import, rolled back): every changed
setting, column, line and cell, before and after. Its `basis` is the year's budget as it was
read, so a budget changed after the preview refuses the file (docs/budget-xlsx.md)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from budgets.models import BudgetDocument
from budgets.services.import_preview import ImportPreview, import_preview
from budgets.services.importing import document_import
from budgets.xlsx.importer import BudgetFileError, BudgetPlan, read_budget
from finsam.imports.batches import Upload
from finsam.imports.rows import Plan, PlannedChange, Problem
from finsam.models import ImportBatch


def budget_file_read(upload: Upload) -> Plan:
    """What the file would change in the year's budget; nothing is written."""
    try:
        budget = _read(upload)
        if upload.confirming:
            # The lock every write to the year's budget takes: what is compared with the
            # preview stays so until the file is written.
            _latest(upload, budget).select_for_update().first()
        preview = import_preview(association=upload.association, plan=budget, user=None)
    except BudgetFileError as error:
        return Plan(problems=[Problem("", problem) for problem in error.problems])
    except ValidationError as error:
        return Plan(problems=[Problem("", message) for message in error.messages])
    plan = _plan(preview, int(budget.settings["year"]))
    if not plan.changes:  # the year's draft as it is: said in the budget's own words
        plan.problems.append(Problem("", _("Filen ändrar ingenting i budgeten.")))
    return plan


def budget_file_apply(upload: Upload, plan: Plan, batch: ImportBatch) -> str:
    """Write the file as the year's draft (inside the confirming transaction)."""
    document = document_import(association=upload.association, plan=_read(upload), user=None)
    return _("Inläst som utkast: %(document)s.") % {"document": document}


def _read(upload: Upload) -> BudgetPlan:
    with upload.open() as stream:  # read through the upload, so a job's page sees how far
        return read_budget(stream.read())


def _latest(upload: Upload, budget: BudgetPlan) -> Any:
    found = BudgetDocument.objects.filter(
        association=upload.association, year=int(budget.settings["year"])
    )
    return found.order_by("-revision")


def _plan(preview: ImportPreview, year: int) -> Plan:
    changes = [
        PlannedChange(None, change.where, "", change.before, change.after)
        for change in preview.changes
    ]
    replaced = preview.replaces
    if preview.new_revision:
        # A new document even where no figure differs: the preview says so as a change.
        before = str(replaced) if replaced is not None else "–"
        revision = 1 if replaced is None else replaced.revision + 1
        changes.insert(
            0,
            PlannedChange(
                None,
                _("Budget %(year)s") % {"year": year},
                _("revision"),
                before,
                _("revision %(revision)s (utkast)") % {"revision": revision},
            ),
        )
    facts = [_what_it_replaces(replaced, preview.new_revision)]
    facts += [_("Följer inte med filen: %(note)s") % {"note": note} for note in preview.notes]
    return Plan(changes=changes, facts=facts, basis=preview.digest)


def _what_it_replaces(replaced: BudgetDocument | None, new_revision: bool) -> str:
    if replaced is None:
        return _("Filen blir årets första budget.")
    if new_revision:
        return _("Filen blir en ny revision efter %(budget)s.") % {"budget": replaced}
    return _("Filen ersätter utkastet %(draft)s.") % {"draft": replaced}
