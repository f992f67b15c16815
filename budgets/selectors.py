"""Reads of budgets: scoped querysets, and one budget with every figure computed.

`budget_sheet(document)` runs a fixed number of queries whatever the number of lines: the
structure (columns, sections, lines with members and footnotes, amounts) and the funding of
the column years. `budget_sheets(documents)` reads several budgets in those same queries (the
start page checks the newest drafts). Its result object feeds the grid, the xlsx export and
reports.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TypeVar

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from budgets.accounts.selectors import books_outcome
from budgets.calculation import (
    MUNICIPAL,
    REGION,
    STATE,
    BudgetInput,
    BudgetResult,
    CellInput,
    ColumnInput,
    LineInput,
    SectionInput,
    calculate,
)
from budgets.equity_ceiling import ceiling_steps
from budgets.models import (
    BudgetAdoption,
    BudgetAmount,
    BudgetColumn,
    BudgetComment,
    BudgetDocument,
    BudgetLine,
    BudgetSection,
    Footnote,
    LineKind,
)
from budgets.snapshot import thaw
from finsam.lib.equity_ceiling import CeilingStep
from finsam.tenancy import Tenant, scoped
from initiatives.selectors import granted_amount
from members.funding import FundingBreakdown, funding_breakdowns
from members.models import FundingYear, Member, MemberKind

Row = TypeVar("Row", BudgetColumn, BudgetSection, BudgetLine, Footnote)

PARTY_OF_KIND = {
    MemberKind.FORSAKRINGSKASSAN: STATE,
    MemberKind.ARBETSFORMEDLINGEN: STATE,
    MemberKind.REGION: REGION,
    MemberKind.MUNICIPALITY: MUNICIPAL,
}


def documents_of(tenant: Tenant) -> QuerySet[BudgetDocument]:
    return scoped(BudgetDocument, tenant).select_related("origin", "adopted_at")


@dataclass(frozen=True)
class SectionSheet:
    section: BudgetSection
    lines: list[BudgetLine]


@dataclass(frozen=True)
class BudgetSheet:
    """A budget document with its structure and every figure computed."""

    document: BudgetDocument
    columns: list[BudgetColumn]
    sections: list[SectionSheet]
    footnotes: list[Footnote]
    input: BudgetInput
    result: BudgetResult
    granted: dict[tuple[int, int], Decimal | None]  # initiative lines' granted amount
    # The adoption whose frozen figures the sheet shows (None: computed from today's data).
    adoption: BudgetAdoption | None = None

    @property
    def lines(self) -> list[BudgetLine]:
        return [line for sheet in self.sections for line in sheet.lines]


def budget_sheet(document: BudgetDocument, *, today: bool = False) -> BudgetSheet:
    """The budget with every figure: an adopted revision's as adopted (`today`: as today's
    data gives them, for comparing), a draft's from today's data."""
    return budget_sheets([document], today=today)[0]


def budget_sheets(documents: Iterable[BudgetDocument], *, today: bool = False) -> list[BudgetSheet]:
    """The sheets of several budgets, in the order given, as `budget_sheet` gives each: in
    the queries of one sheet whatever the number of documents (the funding: per association),
    so a page that checks many drafts costs what one does. `budget_sheet` is this for one."""
    documents = list(documents)
    if not documents:
        return []
    ids = [document.pk for document in documents]
    columns = _by_document(BudgetColumn.objects.filter(document__in=ids), documents)
    sections = _by_document(BudgetSection.objects.filter(document__in=ids), documents)
    lines = _by_document(
        BudgetLine.objects.filter(document__in=ids)
        .select_related("initiative")
        .prefetch_related(
            Prefetch("members", queryset=Member.objects.order_by("name")),
            "footnotes",
            "initiative__decisions",  # what granted_amount reads, in one query for all lines
        ),
        documents,
    )
    footnotes = _by_document(Footnote.objects.filter(document__in=ids), documents)
    stored = _stored_amounts(ids)
    funding = _funding_by_year(documents, columns)
    steps = ceiling_steps()
    # A draft has no adoption: no query for it (the grid's query count is pinned).
    adopted = [d.pk for d in documents if not today and not d.is_draft]
    adoptions = _latest_adoptions(adopted) if adopted else {}
    sheets = []
    for document in documents:
        sheet = _computed_sheet(
            document,
            columns[document.pk],
            sections[document.pk],
            lines[document.pk],
            footnotes[document.pk],
            stored,
            funding[document.association_id],
            steps,
        )
        adoption = adoptions.get(document.pk)
        if adoption is not None:
            sheet = replace(thaw(sheet, adoption.snapshot), adoption=adoption)
        sheets.append(sheet)
    return sheets


def _by_document(rows: QuerySet[Row], documents: list[BudgetDocument]) -> dict[int, list[Row]]:
    """The rows per document, each document's in the model's own order, each knowing its
    document (as `document.lines.all()` would: reading `line.document` makes no query)."""
    by_pk = {document.pk: document for document in documents}
    found: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        row.document = by_pk[row.document_id]
        found[row.document_id].append(row)
    return found


def _latest_adoptions(ids: list[int]) -> dict[int, BudgetAdoption]:
    """Each document's latest adoption (the one whose figures it shows), in one query."""
    latest = BudgetAdoption.objects.filter(document=OuterRef("document")).order_by(
        "-created_at", "-pk"
    )
    found = BudgetAdoption.objects.filter(document__in=ids, pk=Subquery(latest.values("pk")[:1]))
    return {adoption.document_id: adoption for adoption in found}


def _computed_sheet(
    document: BudgetDocument,
    columns: list[BudgetColumn],
    sections: list[BudgetSection],
    lines: list[BudgetLine],
    footnotes: list[Footnote],
    stored: dict[tuple[int, int], Decimal],
    funding: dict[int, FundingBreakdown],
    steps: Sequence[CeilingStep],
) -> BudgetSheet:
    granted = _granted(lines, columns)
    budget_input = BudgetInput(
        columns=[ColumnInput(c.pk, c.kind, c.year, c.label) for c in columns],
        sections=[SectionInput(s.pk, s.kind) for s in sections],
        lines=[_line_input(line, columns, stored, funding, granted) for line in lines],
        counted_share=document.counted_share,
        balance_explanation=document.balance_explanation,
        ceiling_steps=steps,
    )
    by_section: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        by_section[line.section_id].append(line)
    return BudgetSheet(
        document=document,
        columns=columns,
        sections=[SectionSheet(s, by_section[s.pk]) for s in sections],
        footnotes=footnotes,
        input=budget_input,
        result=calculate(budget_input),
        granted=granted,
    )


def _stored_amounts(ids: list[int]) -> dict[tuple[int, int], Decimal]:
    rows = BudgetAmount.objects.filter(line__document__in=ids).values_list(
        "line_id", "column_id", "amount"
    )
    return {(line, column): amount for line, column, amount in rows}


def _funding_by_year(
    documents: list[BudgetDocument], columns: dict[int, list[BudgetColumn]]
) -> dict[int, dict[int, FundingBreakdown]]:
    """Per association, the funding of every year a column of its documents has."""
    years: dict[int, set[int]] = defaultdict(set)
    for document in documents:
        years[document.association_id] |= {c.year for c in columns[document.pk]}
    found: dict[int, dict[int, FundingBreakdown]] = {}
    for association, wanted in years.items():
        funding = FundingYear.objects.filter(association_id=association, year__in=wanted)
        # A fixed number of queries however many columns the budgets have.
        found[association] = funding_breakdowns(
            funding.select_related("association").prefetch_related(
                "agreed_contributions", "fixed_shares"
            )
        )
    return found


def _granted(
    lines: list[BudgetLine], columns: list[BudgetColumn]
) -> dict[tuple[int, int], Decimal | None]:
    # The decisions are prefetched with the lines, so this makes no query per line.
    return {
        (line.pk, column.pk): granted_amount(line.initiative, column.year)
        for line in lines
        if line.initiative is not None
        for column in columns
    }


def _line_input(
    line: BudgetLine,
    columns: list[BudgetColumn],
    stored: dict[tuple[int, int], Decimal],
    funding: dict[int, FundingBreakdown],
    granted: dict[tuple[int, int], Decimal | None],
) -> LineInput:
    members = list(line.members.all())
    parties = {PARTY_OF_KIND[MemberKind(m.kind)] for m in members}
    cells = {}
    for column in columns:
        key = (line.pk, column.pk)
        computed, split = None, None
        if line.kind == LineKind.CONTRIBUTION and column.year in funding:
            computed, split = _contribution(members, funding[column.year])
        elif line.kind == LineKind.INITIATIVE:
            computed = granted.get(key)
        cells[column.pk] = CellInput(stored=stored.get(key), computed=computed, parties=split)
    return LineInput(
        key=line.pk,
        section=line.section_id,
        kind=line.kind,
        cells=cells,
        exempt_from_share=line.exempt_from_share,
        share_entry=line.share_entry,
        party=parties.pop() if len(parties) == 1 else None,
        label=line.label,
    )


def _contribution(
    members: list[Member], breakdown: FundingBreakdown
) -> tuple[Decimal | None, dict[str, Decimal] | None]:
    """The linked members' contributions that year, in total and by statutory party."""
    linked = {m.pk for m in members}
    split = {STATE: Decimal(0), REGION: Decimal(0), MUNICIPAL: Decimal(0)}
    for funding_line in breakdown.lines:
        if funding_line.member is None or funding_line.member.pk not in linked:
            continue
        if funding_line.amount is None:
            return None, None
        split[PARTY_OF_KIND[MemberKind(funding_line.member.kind)]] += funding_line.amount
    return sum(split.values(), Decimal(0)), split


def running_column(sheet: BudgetSheet, year: int, chosen: int | None = None) -> BudgetColumn | None:
    """The column to follow up: the one asked for, else this year's budget, else the budget
    of the document's own year, else the first column."""
    by_pk = {c.pk: c for c in sheet.columns}
    if chosen in by_pk:
        return by_pk[chosen]
    for wanted in (year, sheet.document.year):
        found = [c for c in sheet.columns if c.year == wanted and c.kind == "budget"]
        if found:
            return found[0]
    return sheet.columns[0] if sheet.columns else None


def followed_lines(sheet: BudgetSheet) -> list[BudgetLine]:
    """The lines a follow-up covers: every line but the opening (it is no money of the year)."""
    return [line for line in sheet.lines if line.kind != LineKind.CARRIED_FORWARD]


def follow_up_of(sheet: BudgetSheet, column: BudgetColumn, through_month: int = 12):
    """The follow-up of one column: every line but the opening, with what was entered; the
    outcome from the books runs through their last month, or `through_month` if earlier."""
    from budgets.followup import Entered, follow_up
    from budgets.models import FollowUpFigure

    entered = {
        f.line_id: Entered(f.outcome_to_date, f.forecast)
        for f in FollowUpFigure.objects.filter(column=column)
    }
    budget = {
        line.pk: (line.section_id, sheet.result.cell(line.pk, column.pk).figure)
        for line in followed_lines(sheet)
    }
    is_cost = {part.section.pk: part.section.is_cost for part in sheet.sections}
    line_is_cost = {line.pk: is_cost[line.section_id] for line in sheet.lines}
    books = books_outcome(
        sheet.document.association, sheet.document.pk, column.year, line_is_cost, through_month
    )
    return follow_up(budget, is_cost, entered, books), entered


def comment_threads(document: BudgetDocument) -> list[BudgetComment]:
    """The document's threads (first comments, answers prefetched), open ones first."""
    threads = document.comments.filter(parent__isnull=True).select_related(
        "line", "author", "resolved_by"
    )
    return sorted(threads.prefetch_related("replies__author"), key=lambda c: c.is_resolved)
