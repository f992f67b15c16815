"""Copying a budget's rows into another document: one home for a new revision and for next
year's budget, which differ only in their columns and figures."""

from typing import Any

from budgets.models import BudgetDocument, BudgetLine
from finsam.saving import saved


def clone(instance: Any, **changes: Any) -> Any:
    """Save a copy of `instance` as a new row, with `changes` applied."""
    instance.pk = None
    instance._state.adding = True
    # A prefetched relation would make .set() on the copy compare with the original's rows.
    instance._prefetched_objects_cache = {}
    for name, value in changes.items():
        setattr(instance, name, value)
    return saved(instance)


def copy_lines(source: BudgetDocument, target: BudgetDocument) -> dict[int, BudgetLine]:
    """Copy the sections, footnotes and lines (with their members, initiative links,
    exemptions and footnotes) of `source` into `target`: each source line's pk → its copy."""
    sections = {s.pk: clone(s, document=target) for s in source.sections.all()}
    notes = {f.pk: clone(f, document=target) for f in source.footnotes.all()}
    lines: dict[int, BudgetLine] = {}
    for line in source.lines.prefetch_related("members", "footnotes"):
        old = line.pk
        members, footnotes = list(line.members.all()), [notes[f.pk] for f in line.footnotes.all()]
        lines[old] = clone(line, document=target, section=sections[line.section_id])
        lines[old].members.set(members)
        lines[old].footnotes.set(footnotes)
    return lines
