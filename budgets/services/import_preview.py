"""What importing a budget file would change, before anything is changed.

The preview runs the real import (`document_import`) inside a transaction and rolls it back,
so it shows exactly what a confirmation would write: every setting, column, footnote, line
and cell of the year's latest document before and after, as the lines the user reads
("Verksamhet / Navigatörcentrum / Budget 2015: 610 000 (inskrivet) → 549 000 (beräknat)").
The same description of a document (`document_facts`) shows that a file exported and read
back unchanged gives the same budget.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from budgets.calculation import CellResult
from budgets.models import BudgetDocument, BudgetLine, LineKind
from budgets.selectors import budget_sheet
from budgets.services.importing import document_import
from budgets.xlsx import SETTINGS
from budgets.xlsx.importer import BudgetPlan
from finsam.lib.numbers import format_amount
from finsam.models import Association

NOTHING = "–"


@dataclass(frozen=True)
class Change:
    where: str
    before: str
    after: str


@dataclass(frozen=True)
class ImportPreview:
    replaces: BudgetDocument | None  # the year's latest document, replaced or followed
    changes: list[Change]
    notes: list[str]  # what the file holds that the budget cannot carry
    digest: str  # of the year's latest document as previewed: a later change refuses the file

    @property
    def new_revision(self) -> bool:
        return self.replaces is None or not self.replaces.is_draft


def import_preview(*, association: Association, plan: BudgetPlan, user: Any) -> ImportPreview:
    """The changes the plan would make; nothing is written (the import is rolled back).
    Raises what the import raises (ValidationError) for a plan that cannot be entered."""
    latest = _latest(association, int(plan.settings["year"]))
    before = document_facts(latest) if latest is not None else {}
    with transaction.atomic():
        document = document_import(association=association, plan=plan, user=user)
        after = document_facts(document)
        transaction.set_rollback(True)
    changes = [
        Change(key, before.get(key, NOTHING), after.get(key, NOTHING))
        for key in [*before, *(k for k in after if k not in before)]
        if before.get(key) != after.get(key)
    ]
    return ImportPreview(latest, changes, list(plan.notes), _digest(latest, before))


def _latest(association: Association, year: int) -> BudgetDocument | None:
    found = BudgetDocument.objects.filter(association=association, year=year)
    return found.order_by("-revision").first()


def _digest(latest: BudgetDocument | None, facts: dict[str, str]) -> str:
    """Which document the file would change, and everything in it: a draft adopted, or a new
    revision made, after the preview also refuses the file (the preview said "replaces")."""
    which = None if latest is None else (latest.pk, latest.status)
    return hashlib.sha256(repr((which, list(facts.items()))).encode()).hexdigest()


def document_facts(document: BudgetDocument) -> dict[str, str]:
    """Everything a budget file carries, one readable line each, keyed by where it is."""
    sheet = budget_sheet(document)
    facts = {
        _("Inställning ”%(label)s”") % {"label": label}: _setting(getattr(document, name))
        for name, label in SETTINGS
    }
    for number, column in enumerate(sheet.columns, start=1):
        facts[_("Kolumn %(number)s") % {"number": number}] = (
            f"{column.label} ({column.get_kind_display()} {column.year})"
        )
    for note in sheet.footnotes:
        facts[_("Fotnot %(number)s") % {"number": note.number}] = note.text
    seen: Counter[str] = Counter()
    for part in sheet.sections:
        section = part.section
        where = _unique(_("Avsnitt ”%(section)s”") % {"section": section}, seen)
        subtotal = section.subtotal_label if section.show_subtotal else _("ingen")
        facts[where] = _("%(kind)s, delsumma: %(subtotal)s") % {
            "kind": section.get_kind_display(),
            "subtotal": subtotal or _("ja"),
        }
        for line in part.lines:
            at = _unique(f"{where} / {line.label}", seen)
            facts[at] = _line(line)
            for column in sheet.columns:
                cell = sheet.result.cell(line.pk, column.pk)
                facts[f"{at} / {column.label}"] = _cell(line, cell)
    return facts


def _unique(key: str, seen: Counter[str]) -> str:
    seen[key] += 1
    return key if seen[key] == 1 else f"{key} ({seen[key]})"


def _setting(value: Any) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    return str(value.normalize()) if hasattr(value, "normalize") else str(value)


def _line(line: BudgetLine) -> str:
    parts = [line.get_kind_display()]
    members = ", ".join(sorted(m.name for m in line.members.all()))
    if members:
        parts.append(_("medlemmar %(members)s") % {"members": members})
    notes = ", ".join(str(f.number) for f in line.footnotes.all())
    if notes:
        parts.append(_("fotnoter %(notes)s") % {"notes": notes})
    if line.initiative is not None:
        parts.append(_("insats %(initiative)s") % {"initiative": line.initiative.name})
    if line.exempt_from_share:
        parts.append(_("undantagen från räknad andel"))
    if line.kind == LineKind.INITIATIVE:
        parts.append(
            _("belopp anges som %(entry)s") % {"entry": line.get_share_entry_display().lower()}
        )
    return "; ".join(parts)


def _cell(line: BudgetLine, cell: CellResult) -> str:
    if cell.value is None:
        return "tomt"
    text = format_amount(cell.value)
    if cell.maximum is not None:
        text = _("%(text)s (räknat av max %(cell_maximum)s)") % {
            "text": text,
            "cell_maximum": format_amount(cell.maximum),
        }
    if line.kind == LineKind.AMOUNT:
        return text
    state = _("inskrivet") if cell.stored is not None else _("beräknat")
    return f"{text} ({state})"
