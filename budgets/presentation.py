"""How a financial table is shown: the display options, and the rows of every table that
prints figures (the budget grid, the follow-up, the income statement and balance sheet, the
report blocks built on them).

One rule prints a figure (`DisplayOptions.text`): whole kronor or thousands (tkr, each printed
figure rounded on its own from the exact amount, through `finsam.lib.rounding`), costs printed
positive or negative, a result with its sign; nothing there (None) prints blank, a zero
prints "0". A table is a list of rows of a `RowKind` (heading, line, subtotal, total,
result), each holding its cells as printed. The pages, the grid and the report (page and
PDF) ask here for their rows and charts, the xlsx export for the same rule as a number
format; views and templates only show them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets.calculation import COUNTED, CellResult, ColumnResult, counts_share
from budgets.charts import BarGroup, LineSeries, Series, bars_svg
from budgets.followup import FollowUp, FollowUpLine
from budgets.models import BudgetColumn, BudgetDocument, BudgetLine, BudgetSection, LineKind, Unit
from budgets.selectors import BudgetSheet
from finsam.lib.numbers import format_amount, format_percent, whole_number

THOUSAND = Decimal(1000)


@dataclass(frozen=True)
class DisplayOptions:
    """What the reader chose: unit, the sign of costs, and which columns (None: all)."""

    unit: str = Unit.KRONOR
    costs_negative: bool = False
    columns: tuple[int, ...] | None = None
    result_with_sign: bool = False

    @classmethod
    def of(cls, document: BudgetDocument) -> "DisplayOptions":
        return cls(
            unit=document.unit,
            costs_negative=document.costs_negative,
            result_with_sign=document.result_with_sign,
        )

    @classmethod
    def follow_up(cls, document: BudgetDocument) -> "DisplayOptions":
        # Outcomes are typed to the krona (öre where they occur), so the follow-up shows kronor.
        return replace(cls.of(document), unit=Unit.KRONOR)

    @classmethod
    def from_query(cls, document: BudgetDocument, query: Mapping[str, str]) -> "DisplayOptions":
        """The document's defaults, changed by the query: enhet=tkr|kr,
        kostnader=negativa|positiva, kolumner=1,2 (or kolumner repeated)."""
        options = cls.of(document)
        if query.get("enhet") in (Unit.KRONOR, Unit.THOUSANDS):
            options = replace(options, unit=query["enhet"])
        if query.get("kostnader") in ("negativa", "positiva"):
            options = replace(options, costs_negative=query["kostnader"] == "negativa")
        if hasattr(query, "getlist"):
            chosen = query.getlist("kolumner")
        else:
            chosen = [query.get("kolumner", "")]
        parts = (whole_number(part) for text in chosen for part in str(text or "").split(","))
        keys = [key for key in parts if key is not None]
        if keys:
            options = replace(options, columns=tuple(keys))
        return options

    @property
    def factor(self) -> Decimal:
        """Kronor per typed unit: 1000 when figures are shown (and typed) in tkr."""
        return THOUSAND if self.unit == Unit.THOUSANDS else Decimal(1)

    def text(self, amount: Decimal | None, *, cost: bool = False, signed: bool = False) -> str:
        if amount is None:
            return ""
        shown = -amount if cost and self.costs_negative else amount
        text = format_amount(shown, thousands=self.unit == Unit.THOUSANDS)
        return f"+{text}" if signed and shown > 0 else text

    @property
    def heading(self) -> str:
        """What a table prints over its labels: "Belopp i tkr"."""
        return _("Belopp i tkr") if self.unit == Unit.THOUSANDS else _("Belopp i kr")

    def number_format(self, *, cost: bool = False) -> str:
        """The same rule as `text` for a spreadsheet cell, which keeps the exact kronor: tkr
        through Excel's "#,##0," and costs stored positive shown negative by swapping the
        signs in the format (no change to the value, so formulas stay simple)."""
        plain = "#,##0," if self.unit == Unit.THOUSANDS else "#,##0"
        if cost and self.costs_negative:
            return f"-{plain};{plain};0"
        return plain

    def query(self) -> str:
        costs = "negativa" if self.costs_negative else "positiva"
        parts = [f"enhet={self.unit}", f"kostnader={costs}"]
        if self.columns:
            parts.append("kolumner=" + ",".join(str(k) for k in self.columns))
        return "&".join(parts)


class RowKind(StrEnum):
    """What a row of a printed table is: its style and where a page may break."""

    HEADING = "heading"  # a section's name, no figures
    LINE = "line"
    SUBTOTAL = "subtotal"
    TOTAL = "total"
    RESULT = "result"


@dataclass(frozen=True)
class Cell:
    """One figure as printed ("" is blank: nothing there, never a zero), or the form field
    where it is typed, with a tag saying where a figure shown comes from ("bokf.")."""

    text: str = ""
    field: Any = None  # a bound form field, on pages where the figure is typed
    tag: str = ""


@dataclass(frozen=True)
class TableRow:
    """A row of a financial table: its kind, its label, its cells, its note number."""

    kind: RowKind
    label: str
    cells: tuple[Cell, ...] = ()
    note: str = ""

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(cell.text for cell in self.cells)


def figure_cells(options: "DisplayOptions", *amounts: Decimal | None, cost: bool = False):
    """Cells of amounts printed by the options' rule."""
    return tuple(Cell(options.text(amount, cost=cost)) for amount in amounts)


@dataclass(frozen=True)
class GridCell:
    key: str  # stable id for live updates: c<column>-l<line>, c<column>-rev, ...
    text: str
    column: BudgetColumn
    editable: bool = False
    typed: str = ""  # what an input shows: the stored figure in the display unit and sign
    stored: str = ""  # the stored kronor (for stale-edit checks), "" when nothing is stored
    note: str = ""
    detail: str = ""  # shown under the figure: an initiative's maximum and counted figure


@dataclass(frozen=True)
class GridRow:
    kind: str  # heading, line, subtotal, revenue_total, cost_total, result, share
    label: str
    cells: list[GridCell] = field(default_factory=list)
    line: BudgetLine | None = None
    section: BudgetSection | None = None
    marks: str = ""  # footnote markers as printed: "1)"
    is_cost: bool = False

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(cell.text for cell in self.cells)

    @property
    def has_detail(self) -> bool:
        """An initiative's line shows its granted, maximum and counted figures under each."""
        return self.line is not None and self.line.kind == LineKind.INITIATIVE

    @property
    def table_kind(self) -> RowKind:
        """The kind of printed row: the totals are totals, the share a line."""
        return GRID_KINDS[self.kind]


GRID_KINDS = {
    "heading": RowKind.HEADING,
    "line": RowKind.LINE,
    "subtotal": RowKind.SUBTOTAL,
    "revenue_total": RowKind.TOTAL,
    "cost_total": RowKind.TOTAL,
    "result": RowKind.RESULT,
    "share": RowKind.LINE,
}


def live_cells(rows: list[GridRow]) -> dict[str, dict[str, str]]:
    """Every figure of the grid keyed by cell id: what the page updates after a save."""
    return {
        cell.key: {
            "text": cell.text,
            "typed": cell.typed,
            "stored": cell.stored,
            "note": cell.note,
            "detail": cell.detail,
        }
        for row in rows
        for cell in row.cells
    }


def visible_columns(sheet: BudgetSheet, options: DisplayOptions) -> list[BudgetColumn]:
    if not options.columns:
        return sheet.columns
    shown = [c for c in sheet.columns if c.pk in options.columns]
    return shown or sheet.columns


def grid_rows(sheet: BudgetSheet, options: DisplayOptions, editable: bool = False) -> list[GridRow]:
    """Every row of the budget as shown: headings, lines, subtotals, totals, result, share."""
    columns = visible_columns(sheet, options)
    results = sheet.result.columns
    last_revenue = max(
        (i for i, s in enumerate(sheet.sections) if not s.section.is_cost), default=-1
    )
    rows: list[GridRow] = []
    for index, part in enumerate(sheet.sections):
        rows += _section_rows(sheet, part, columns, options, editable)
        if index == last_revenue:
            label = sheet.document.revenue_total_label
            revenue = _total_row(
                "revenue_total", label, sheet, columns, options, lambda r: r.revenue, "rev"
            )
            rows.append(revenue)
    document = sheet.document
    rows.append(
        _total_row(
            "cost_total",
            document.cost_total_label,
            sheet,
            columns,
            options,
            lambda r: r.costs,
            "cost",
            cost=True,
        )
    )
    rows.append(
        _total_row(
            "result",
            document.result_label,
            sheet,
            columns,
            options,
            lambda r: r.closing,
            "res",
            signed=options.result_with_sign,
        )
    )
    rows.append(
        GridRow(
            "share",
            _("Administrationens andel av kostnaderna"),
            [GridCell(f"c{c.pk}-share", _share(results[c.pk]), c) for c in columns],
        )
    )
    return rows


def _share(result: ColumnResult) -> str:
    share = result.administration_share
    return "" if share is None else format_percent(share, 1)


def _total_row(
    kind, label, sheet, columns, options, value, key, cost=False, signed=False
) -> GridRow:
    results = sheet.result.columns
    return GridRow(
        kind,
        label,
        [
            GridCell(
                f"c{c.pk}-{key}", options.text(value(results[c.pk]), cost=cost, signed=signed), c
            )
            for c in columns
        ],
        is_cost=cost,
    )


def _section_rows(sheet, part, columns, options, editable) -> list[GridRow]:
    section = part.section
    rows = [GridRow("heading", section.name, section=section, is_cost=section.is_cost)]
    for line in part.lines:
        marks = " ".join(f"{f.number})" for f in line.footnotes.all())
        cells = [_line_cell(sheet, line, c, options, editable, section.is_cost) for c in columns]
        rows.append(
            GridRow(
                "line",
                line.label,
                cells,
                line=line,
                section=section,
                marks=marks,
                is_cost=section.is_cost,
            )
        )
    if section.show_subtotal:
        label = subtotal_label(section)
        cells = [
            GridCell(
                f"c{c.pk}-s{section.pk}",
                options.text(
                    sheet.result.columns[c.pk].section_totals[section.pk], cost=section.is_cost
                ),
                c,
            )
            for c in columns
        ]
        rows.append(GridRow("subtotal", label, cells, section=section, is_cost=section.is_cost))
    return rows


def subtotal_label(section: BudgetSection) -> str:
    """A section's subtotal as the grid and the workbook print it: its own label, else
    "Summa" and the section's name."""
    return section.subtotal_label or f"Summa {section.name.lower()}".strip()


def _line_cell(sheet, line, column, options, editable, cost) -> GridCell:
    result = sheet.result.cell(line.pk, column.pk)
    typed = "" if result.stored is None else options.text(result.stored, cost=cost)
    return GridCell(
        key=f"c{column.pk}-l{line.pk}",
        text=options.text(result.value, cost=cost),
        column=column,
        editable=editable,
        typed=typed,
        stored="" if result.stored is None else str(int(result.stored)),
        note=_note(line, result, sheet.result.columns[column.pk], options, cost),
        detail=_detail(sheet, line, column, result, options, cost),
    )


def _detail(sheet, line, column, cell: CellResult, options: DisplayOptions, cost: bool) -> str:
    """Both figures of an initiative stay visible: granted, the maximum and the counted share."""
    if line.kind != LineKind.INITIATIVE:
        return ""
    parts = []
    granted = sheet.granted.get((line.pk, column.pk))
    if granted is not None:
        parts.append(_("beviljat %(amount)s") % {"amount": options.text(granted, cost=cost)})
    share = f"{sheet.document.counted_share.normalize():f}".replace(".", ",")
    if cell.maximum is not None:
        parts.append(
            _("max %(cell_maximum)s, räknas %(share)s %%: %(cell_value)s")
            % {
                "cell_maximum": options.text(cell.maximum, cost=cost),
                "share": share,
                "cell_value": options.text(cell.value, cost=cost),
            }
        )
    elif cell.stored is not None and _typed_as_counted(sheet, line, column):
        parts.append(_("inskrivet som räknat belopp (%(share)s %% av max)") % {"share": share})
    return "; ".join(parts)


def _typed_as_counted(sheet, line, column) -> bool:
    inputs = {c.key: c for c in sheet.input.columns}
    line_input = next(i for i in sheet.input.lines if i.key == line.pk)
    return line_input.share_entry == COUNTED and counts_share(
        line_input, inputs[column.pk], sheet.input
    )


def _note(line: BudgetLine, cell: CellResult, column: ColumnResult, options, cost) -> str:
    if line.kind == LineKind.CONTRIBUTION:
        if cell.computed is None:
            return _("Ingen finansiering för året: ange beloppet.")
        if cell.stored is not None:
            return _(
                "Ändrat. Enligt finansieringen: %(cell_computed)s; skillnad %(cell_difference)s."
            ) % {
                "cell_computed": options.text(cell.computed),
                "cell_difference": options.text(cell.difference),
            }
        return _("Från årets finansiering.")
    if line.kind == LineKind.CARRIED_FORWARD:
        if cell.computed is None:
            return _("Ingående balans: inget före i kedjan, ange beloppet.")
        if cell.stored is not None:
            return _(
                "Ändrat (preliminärt). Enligt föregående kolumn: %(cell_computed)s; "
                "skillnad %(cell_difference)s."
            ) % {
                "cell_computed": options.text(cell.computed),
                "cell_difference": options.text(cell.difference),
            }
        return _("Utgående resultat i föregående kolumn.")
    if line.kind == LineKind.INITIATIVE:
        parts = []
        if cell.computed is not None:
            parts.append(f"Beviljat: {options.text(cell.computed, cost=cost)}.")
        if cell.maximum is not None:
            parts.append(
                _("Maxbelopp %(cell_maximum)s, räknat %(cell_value)s.")
                % {
                    "cell_maximum": options.text(cell.maximum, cost=cost),
                    "cell_value": options.text(cell.value, cost=cost),
                }
            )
        return " ".join(parts)
    return ""


FOLLOW_UP_COLUMNS = (
    gettext_lazy("Budget"),
    gettext_lazy("Utfall hittills"),
    gettext_lazy("Prognos helår"),
    gettext_lazy("Differens"),
)
FROM_BOOKS = gettext_lazy("bokf.")  # beside an outcome read from the books


def follow_up_rows(
    sheet: BudgetSheet, result: FollowUp, form: Any, options: DisplayOptions
) -> list[TableRow]:
    """The follow-up of one column: per section its lines and subtotal, then the totals.
    Lines without an outcome to follow (the opening balance) are left out; where `form` has
    fields the outcome and forecast are typed, with today's figure as the placeholder."""
    lines = {line.key: line for line in result.lines}
    rows: list[TableRow] = []
    for part in sheet.sections:
        cost = part.section.is_cost
        if not any(line.pk in lines for line in part.lines):
            continue  # only the opening balance: nothing to follow up
        rows.append(TableRow(RowKind.HEADING, str(part.section)))
        rows += [
            _follow_up_line(line.label, lines[line.pk], form, line.pk, options, cost)
            for line in part.lines
            if line.pk in lines
        ]
        label = subtotal_label(part.section)
        totals = result.sections[part.section.pk]
        rows.append(TableRow(RowKind.SUBTOTAL, label, _follow_up_cells(totals, options, cost)))
    revenue_label = _("Summa intäkter (utan ingående balans)")
    rows.append(TableRow(RowKind.TOTAL, revenue_label, _follow_up_cells(result.revenue, options)))
    rows.append(
        TableRow(RowKind.TOTAL, _("Summa kostnader"), _follow_up_cells(result.costs, options, True))
    )
    rows.append(
        TableRow(RowKind.TOTAL, _("Årets resultat"), _follow_up_cells(result.result, options))
    )
    return rows


def _follow_up_cells(figures, options: DisplayOptions, cost: bool = False) -> tuple[Cell, ...]:
    return figure_cells(
        options,
        figures.budget,
        figures.outcome_to_date,
        figures.forecast,
        figures.difference,
        cost=cost,
    )


def _follow_up_line(
    label: str, figures: FollowUpLine, form: Any, pk: int, options: DisplayOptions, cost: bool
) -> TableRow:
    budget, outcome, forecast, difference = _follow_up_cells(figures, options, cost)
    tag = str(FROM_BOOKS) if figures.outcome_from_books else ""
    outcome_field, forecast_field = form[f"outcome_to_date_{pk}"], form[f"forecast_{pk}"]
    # The table shows no label beside a field: its name is its line and its column, as in the
    # budget grid.
    outcome_field.label = f"{label}, {FOLLOW_UP_COLUMNS[1]}"
    forecast_field.label = f"{label}, {FOLLOW_UP_COLUMNS[2]}"
    forecast_field.field.widget.attrs["placeholder"] = options.text(figures.forecast)
    if figures.outcome_from_books:  # shown until someone types their own figure
        outcome_field.field.widget.attrs["placeholder"] = options.text(figures.outcome_to_date)
    return TableRow(
        RowKind.LINE,
        label,
        (
            budget,
            replace(outcome, field=outcome_field, tag=tag),
            replace(forecast, field=forecast_field),
            difference,
        ),
    )


REVENUE_SERIES = Series(gettext_lazy("Årets intäkter"), "#7a9cc6")
COST_SERIES = Series(gettext_lazy("Kostnader"), "#d08c2c")
BALANCE_SERIES = Series(gettext_lazy("Balanserat resultat vid årets slut"), "#2f5d8a")


@dataclass(frozen=True)
class BudgetOverYears:
    """The budget across its shown columns: each year's own revenue and its costs as bars,
    the balance carried at the year's end as a line over them, and the same figures as rows
    (for those who cannot see the chart)."""

    svg: str
    columns: tuple[str, ...]
    rows: list[TableRow]


def budget_over_years(sheet: BudgetSheet, options: DisplayOptions, title: str) -> BudgetOverYears:
    columns = visible_columns(sheet, options)
    results = [sheet.result.columns[column.pk] for column in columns]
    groups = [
        BarGroup(column.label, (result.year_revenue, result.costs))
        for column, result in zip(columns, results, strict=True)
    ]
    line = LineSeries(BALANCE_SERIES, tuple(result.closing for result in results))
    svg = bars_svg(title, groups, (REVENUE_SERIES, COST_SERIES), line, css_class="budget-chart")
    rows = [
        TableRow(RowKind.LINE, str(series.name), figure_cells(options, *amounts))
        for series, amounts in (
            (REVENUE_SERIES, [r.year_revenue for r in results]),
            (COST_SERIES, [r.costs for r in results]),
            (BALANCE_SERIES, [r.closing for r in results]),
        )
    ]
    return BudgetOverYears(svg, tuple(c.label for c in columns), rows)
