"""Writing an imported budget plan: one transaction, creating or replacing a draft."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from budgets.calculation import COUNTED, counted_amount
from budgets.models import (
    Account,
    BudgetAmount,
    BudgetColumn,
    BudgetDocument,
    BudgetLine,
    BudgetSection,
    FollowUpFigure,
    Footnote,
    LineKind,
)
from budgets.services.common import budget_write
from budgets.xlsx.importer import BudgetPlan, LinePlan
from finsam.models import Association
from finsam.problems import Problems
from finsam.saving import saved
from initiatives.models import Initiative
from members.selectors import members_of


def document_import(*, association: Association, plan: BudgetPlan, user: Any) -> BudgetDocument:
    """Enter the plan as a draft: it replaces the year's latest draft, or becomes a new revision
    after an adopted one. Any error (an unknown member, a bad setting) changes nothing."""
    with budget_write(user, reason=_("Inläst från xlsx")):
        Association.objects.select_for_update().get(pk=association.pk)
        year = int(plan.settings["year"])
        # The draft's own lock too, taken by every other write to it: a cell saved or the
        # budget adopted meanwhile waits, and an adopted budget is never replaced.
        latest = (
            BudgetDocument.objects.select_for_update()
            .filter(association=association, year=year)
            .order_by("-revision")
            .first()
        )
        if latest is not None and latest.is_draft:
            document = _emptied_draft(latest, plan)
        else:
            revision = 1 if latest is None else latest.revision + 1
            document = _document(association, plan, revision, latest)
        _enter(document, plan, association)
        return document


def _emptied_draft(draft: BudgetDocument, plan: BudgetPlan) -> BudgetDocument:
    """The draft, kept (with its history), its contents removed for the file's.

    A draft whose figures are followed up, or whose lines accounts are mapped to, is not
    replaced: those belong to its lines and would be lost without a word.
    """
    if (
        FollowUpFigure.objects.filter(line__document=draft).exists()
        or Account.objects.filter(budget_line__document=draft).exists()
    ):
        raise ValidationError(
            _(
                "Utkastet för året har uppföljning eller konton kopplade till sina rader och "
                "ersätts inte av filen. Skapa en ny revision, eller ändra utkastet i webbläsaren."
            )
        )
    for children in (draft.lines, draft.sections, draft.columns, draft.footnotes):
        children.all().delete()
    for name, value in {**plan.settings, "year": int(plan.settings["year"])}.items():
        setattr(draft, name, value)
    return saved(draft)


def _document(association, plan: BudgetPlan, revision: int, origin) -> BudgetDocument:
    settings = {**plan.settings, "year": int(plan.settings["year"])}
    return saved(
        BudgetDocument(association=association, revision=revision, origin=origin, **settings)
    )


def _enter(document: BudgetDocument, plan: BudgetPlan, association: Association) -> None:
    from budgets.selectors import budget_sheet

    columns = [
        saved(BudgetColumn(document=document, order=i, kind=k, year=y, label=label))
        for i, (k, y, label) in enumerate(plan.columns)
    ]
    notes = {n: saved(Footnote(document=document, number=n, text=t)) for n, t in plan.footnotes}
    members = {member.name: member for member in members_of(association)}
    initiatives = {i.name: i for i in Initiative.objects.filter(association=association)}
    computed: list[tuple[BudgetLine, LinePlan]] = []
    order = 0
    for s_order, part in enumerate(plan.sections):
        section = saved(
            BudgetSection(
                document=document,
                order=s_order,
                name=part.name,
                kind=part.kind,
                subtotal_label=part.subtotal_label,
                show_subtotal=part.show_subtotal,
            )
        )
        for planned in part.lines:
            line = _line(document, section, order, planned, members, notes, initiatives)
            order += 1
            if planned.kind in (LineKind.CONTRIBUTION, LineKind.INITIATIVE):
                computed.append((line, planned))
                continue
            _amounts(line, columns, planned.values)
    sheet = budget_sheet(document)
    for line, planned in computed:
        _amounts(line, columns, _typed_figures(sheet, line, columns, planned))


def _typed_figures(sheet, line: BudgetLine, columns: list[BudgetColumn], planned: LinePlan):
    """A contribution's or initiative's figures that are typed: those the file marks typed,
    and any that differ from what the application computes (funding, a grant), which the
    file shows as it is written: the maximum in a counted formula, else the figure."""
    figures: list[Decimal | None] = []
    for index, (column, value) in enumerate(zip(columns, planned.values, strict=True)):
        cell = sheet.result.cell(line.pk, column.pk)
        shown = cell.computed if cell.maximum is not None else cell.value
        typed = planned.typed is not None and planned.typed[index]
        if not typed and value == shown:
            figures.append(None)
        elif value is not None and line.share_entry == COUNTED and _maximum(planned, index):
            # A line typed as the counted amount stores what the maximum counts, as shown.
            figures.append(counted_amount(value, sheet.document.counted_share))
        else:
            figures.append(value)
    return figures


def _maximum(planned: LinePlan, index: int) -> bool:
    return index < len(planned.maxima) and planned.maxima[index]


def _line(document, section, order, planned, members, notes, initiatives) -> BudgetLine:
    # Every problem of the line at once: each unknown member and footnote, the initiative.
    problems = Problems()
    for name in planned.members:
        if name not in members:
            problems.add(
                None,
                _("Raden ”%(line)s”: %(member)s är inte medlem i förbundet.")
                % {"line": planned.label, "member": name},
            )
    for number in planned.footnotes:
        if number not in notes:
            problems.add(
                None,
                _("Raden ”%(line)s”: fotnot %(number)s finns inte i filen.")
                % {"line": planned.label, "number": number},
            )
    if planned.initiative and planned.initiative not in initiatives:
        problems.add(
            None,
            _("Raden ”%(line)s”: insatsen ”%(initiative)s” finns inte i förbundet.")
            % {"line": planned.label, "initiative": planned.initiative},
        )
    problems.raise_any()
    line = saved(
        BudgetLine(
            document=document,
            section=section,
            order=order,
            label=planned.label,
            kind=planned.kind,
            initiative=initiatives.get(planned.initiative) if planned.initiative else None,
            exempt_from_share=planned.exempt_from_share,
            share_entry=planned.share_entry,
        )
    )
    line.members.set([members[name] for name in planned.members])
    line.footnotes.set([notes[n] for n in planned.footnotes])
    return line


def _amounts(line: BudgetLine, columns: list[BudgetColumn], values: list) -> None:
    for column, value in zip(columns, values, strict=True):
        if value is not None:
            saved(BudgetAmount(line=line, column=column, amount=value))
