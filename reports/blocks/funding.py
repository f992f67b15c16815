"""The members' contributions for the plan year: "Parter / Bidrag i tkr år 2013".

The figures come from the funding data (`members.funding`), with the state's half as one line
or as Försäkringskassan and Arbetsförmedlingen (the report's option). The rows are grouped
and named the way the budget's contribution lines group and name the members: where one
budget line holds exactly the members of a row (the state, the region, all municipalities
together) the row takes that line's label and footnotes; a budget line holding all the
municipalities makes them one row ("Kommuner"). Without such a line, each member is a row
under its own name. In one-line mode Arbetsförmedlingen counts as part of the state's line.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from budgets.models import BudgetLine, Footnote, LineKind
from budgets.presentation import DisplayOptions
from members.funding import ContributionLine, FundingBreakdown
from members.models import MemberKind, StatePresentation
from reports.blocks.registry import block
from reports.context import BuildContext
from reports.data import Block, Row, Table

STATE_KINDS = (MemberKind.FORSAKRINGSKASSAN, MemberKind.ARBETSFORMEDLINGEN)


@block("funding", _("Medlemmarnas bidrag för året"))
def funding_block(context: BuildContext) -> Block:
    breakdown = context.funding
    if breakdown is None:
        return Block("funding", "reports/blocks/_missing.html", context={"what": _("finansiering")})
    lines = _contribution_lines(context.sheet.lines if context.sheet else [])
    one_line = context.report.state_presentation == StatePresentation.ONE_LINE
    table = funding_table(breakdown, lines, options=context.options, one_line=one_line)
    return Block("funding", "reports/blocks/_tables.html", tables=[table])


def funding_table(
    breakdown: FundingBreakdown,
    budget_lines: list[BudgetLine],
    *,
    options: DisplayOptions,
    one_line: bool,
) -> Table:
    """The contributions table: a row per party (grouped as the budget lines group them)."""
    year, text = breakdown.funding_year.year, options.text
    groups = _groups(breakdown, budget_lines, one_line)
    notes: dict[int, Footnote] = {}
    rows = []
    for label, amount, footnotes in groups:
        notes.update({note.number: note for note in footnotes})
        marks = " ".join(f"{note.number})" for note in footnotes)
        rows.append(Row(label, (text(amount),), marks=marks))
    rows.append(Row(_("Totalt"), (text(breakdown.total),), kind="total"))
    return Table(
        caption=_("Medlemmarnas bidrag %(year)s") % {"year": year},
        columns=(_("Bidrag i %(unit)s år %(year)s") % {"unit": options.unit, "year": year},),
        rows=tuple(rows),
        label_heading=_("Parter"),
        notes=tuple(f"{n}. {notes[n].text}" for n in sorted(notes)),
    )


def _contribution_lines(lines: list[BudgetLine]) -> list[BudgetLine]:
    return [line for line in lines if line.kind == LineKind.CONTRIBUTION]


def _key(members, one_line: bool, state_pk: int | None) -> frozenset[int]:
    """A set of members as a row compares it; in one-line mode the state is Försäkringskassan."""
    if one_line and state_pk is not None:
        return frozenset(state_pk if m.kind in STATE_KINDS else m.pk for m in members)
    return frozenset(m.pk for m in members)


def _groups(breakdown: FundingBreakdown, budget_lines, one_line: bool):
    """(label, amount, footnotes) per printed row, in the order state, region, municipalities."""
    state = breakdown.state_lines[0].member if breakdown.state_lines else None
    state_pk = state.pk if state else None
    named = {_key(line.members.all(), one_line, state_pk): line for line in budget_lines}
    rows = [_single(line, named, one_line, state_pk) for line in breakdown.state_lines]
    rows += [_single(line, named, one_line, state_pk) for line in breakdown.region_lines]
    municipal = breakdown.municipal_lines
    together = named.get(frozenset(line.member.pk for line in municipal if line.member))
    if together is not None and len(municipal) > 1:
        total = sum((line.amount or Decimal(0) for line in municipal), Decimal(0))
        rows.append((together.label, total, list(together.footnotes.all())))
    else:
        rows += [_single(line, named, one_line, state_pk) for line in municipal]
    return rows


def _single(line: ContributionLine, named, one_line: bool, state_pk):
    found = named.get(_key([line.member], one_line, state_pk)) if line.member else None
    if found is None:
        return (line.label, line.amount, [])
    return (found.label, line.amount, list(found.footnotes.all()))
