"""How a computed budget is shown: display options and the rows of the grid.

The page, the xlsx export and the reports all print from `grid_rows(sheet, options)`, so a
figure is formatted one way everywhere. Options: whole kronor or thousands (tkr, each
printed figure rounded on its own from the exact amount), costs printed positive or
negative, which columns. Templates only show what these rows hold.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from budgets.calculation import COUNTED, CellResult, ColumnResult, counts_share
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

    def query(self) -> str:
        costs = "negativa" if self.costs_negative else "positiva"
        parts = [f"enhet={self.unit}", f"kostnader={costs}"]
        if self.columns:
            parts.append("kolumner=" + ",".join(str(k) for k in self.columns))
        return "&".join(parts)


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
        total = _("Summa %(section)s") % {"section": section.name.lower()}
        label = section.subtotal_label or total.strip()
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
        parts.append(f"beviljat {options.text(granted, cost=cost)}")
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
