"""The one budget calculation: plain data in, one result object out (no database).

Design overview
- The input lists a document's columns (kind and year), sections (revenue or a kind of
  cost) and lines; each line has one `CellInput` per column: what staff typed (`stored`)
  and what the application computes for it (`computed`: a contribution from the year's
  funding, an initiative's granted amount).
- A line's value in a column:
  amount line        stored, else blank;
  contribution       stored (an override), else the funding's amount, else blank (a check
                     says so);
  initiative         in budget and plan columns, the granted maximum (stored, else granted)
                     counted at the document's counted share (e.g. 90 %) in whole kronor,
                     unless the line is exempt or its figures are typed as the counted amount
                     (`share_entry` "counted": a typed figure is the value itself); forecast
                     and outcome columns hold expected or actual money, so no share applies;
  carried forward    the column's opening: stored (an override), else the chain.
- Blank is not zero: a cell with nothing typed and nothing to compute has `value` None (it
  is printed empty) and counts as 0 in every sum (`CellResult.figure`).
- The chain: a column's opening is the closing of the column before it. For a year Y that
  is the year Y-1 column, preferring outcome, then forecast, then budget, then plan (the
  forecast of the year before feeds next year's budget where there is one). A forecast or
  outcome column with no Y-1 column starts where the budget of its own year starts. A
  column with nothing before it needs an entered opening.
- Totals: revenue = revenue sections (including the carried-forward line); costs = cost
  sections; closing = revenue - costs. The administration share is administration / costs.
- Checks: an opening typed over the chain is shown with its difference (info); a negative
  balance is an error (an association may not borrow); costs above the
  year's own revenue is a warning that needs an explanation; contributions off the
  statutory shares (region and municipalities each half of the state's part) are a warning;
  a budget or plan column whose closing balance is above the equity ceiling for its
  contributions (Nationella rådets steps, `ceiling_steps`) is a warning, and with no steps
  entered one note says that no ceiling is entered.
The same result feeds the grid page, the xlsx export and the reports.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from finsam.lib.allocation import statutory_halves
from finsam.lib.equity_ceiling import CeilingStep, ceiling_for
from finsam.lib.numbers import format_amount
from finsam.lib.rounding import KRONA, round_to_step
from finsam.lib.shares import share_percent

ZERO = Decimal(0)
HUNDRED = Decimal(100)
# The one home of which section kinds are costs (budgets.models.SectionKind names them all).
REVENUE_SECTION_KIND = "revenue"
ADMINISTRATION_SECTION_KIND = "administration"  # the costs the administration share counts
COST_SECTION_KINDS = frozenset({"operations", ADMINISTRATION_SECTION_KIND, "other_cost"})
# Preference among the columns of the year before when looking for a column's opening.
OPENING_PREFERENCE = ("outcome", "forecast", "budget", "plan")
STATE, REGION, MUNICIPAL = "state", "region", "municipal"
# Columns that count only a share of initiatives' maxima: plans. Forecast and outcome columns
# hold the expected or actual amount itself.
SHARE_COLUMN_KINDS = frozenset({"budget", "plan"})
MAXIMUM, COUNTED = "maximum", "counted"  # how an initiative line's figures are typed


@dataclass(frozen=True)
class ColumnInput:
    key: int
    kind: str  # budget, forecast, plan, outcome
    year: int
    label: str = ""


@dataclass(frozen=True)
class SectionInput:
    key: int
    kind: str  # revenue, operations, administration, other_cost


@dataclass(frozen=True)
class CellInput:
    stored: Decimal | None = None
    computed: Decimal | None = None
    # A contribution's computed amount by statutory party (state, region, municipal).
    parties: Mapping[str, Decimal] | None = None


@dataclass(frozen=True)
class LineInput:
    key: int
    section: int
    kind: str  # amount, contribution, initiative, carried_forward
    cells: Mapping[int, CellInput] = field(default_factory=dict)
    exempt_from_share: bool = False
    share_entry: str = MAXIMUM  # typed figures are the granted maximum, or the counted amount
    party: str | None = None  # the one statutory party of all the line's members, if one
    label: str = ""


@dataclass(frozen=True)
class BudgetInput:
    columns: Sequence[ColumnInput]
    sections: Sequence[SectionInput]
    lines: Sequence[LineInput]
    counted_share: Decimal = HUNDRED
    balance_explanation: str = ""
    # The national equity ceiling steps; empty: none entered (the checks say so).
    ceiling_steps: Sequence[CeilingStep] = ()


@dataclass(frozen=True)
class CellResult:
    """A line's figure in a column: what counts, what was typed, what was computed."""

    value: Decimal | None  # None: blank, nothing planned (printed empty, summed as 0)
    stored: Decimal | None
    computed: Decimal | None
    maximum: Decimal | None = None  # an initiative's granted maximum when a share is counted

    @property
    def figure(self) -> Decimal:
        """What the cell adds to sums: a blank counts as 0."""
        return ZERO if self.value is None else self.value

    @property
    def difference(self) -> Decimal | None:
        """An override's difference to the computed figure (None when nothing to compare)."""
        if self.stored is None or self.computed is None:
            return None
        return self.stored - self.computed


@dataclass(frozen=True)
class ColumnResult:
    column: ColumnInput
    opening: Decimal
    opening_computed: Decimal | None
    section_totals: Mapping[int, Decimal]
    revenue: Decimal  # including the carried-forward opening
    costs: Decimal
    administration: Decimal

    @property
    def closing(self) -> Decimal:
        return self.revenue - self.costs

    @property
    def year_revenue(self) -> Decimal:
        """The year's own revenue, without what is carried forward from earlier years."""
        return self.revenue - self.opening

    @property
    def opening_difference(self) -> Decimal | None:
        return None if self.opening_computed is None else self.opening - self.opening_computed

    @property
    def administration_share(self) -> Decimal | None:
        """Administration as a percentage of total costs (exact; printed with one decimal)."""
        return share_percent(self.administration, self.costs)


@dataclass(frozen=True)
class Check:
    level: str  # "error", "warning" or "info" (a fact worth seeing, such as an overridden opening)
    message: str
    column: int | None = None

    @property
    def level_label(self) -> str:
        """The word a check is printed after: "Fel", "Varning", "Upplysning"."""
        return CHECK_LEVEL_LABELS.get(self.level, CHECK_LEVEL_LABELS["info"])


CHECK_LEVEL_LABELS = {"error": "Fel", "warning": "Varning", "info": "Upplysning"}


@dataclass(frozen=True)
class BudgetResult:
    cells: Mapping[tuple[int, int], CellResult]
    columns: Mapping[int, ColumnResult]
    checks: Sequence[Check]

    def cell(self, line: int, column: int) -> CellResult:
        return self.cells[(line, column)]

    @property
    def errors(self) -> list[Check]:
        return [c for c in self.checks if c.level == "error"]

    @property
    def warnings(self) -> list[Check]:
        return [c for c in self.checks if c.level == "warning"]


def calculate(budget: BudgetInput) -> BudgetResult:
    """Compute every cell, subtotal, total, chain and check of a budget."""
    cells = {
        (line.key, column.key): _cell(line, line.cells.get(column.key, CellInput()), column, budget)
        for line in budget.lines
        if line.kind != "carried_forward"
        for column in budget.columns
    }
    columns: dict[int, ColumnResult] = {}
    for column in budget.columns:
        _column(column, budget, cells, columns)
    return BudgetResult(cells=cells, columns=columns, checks=_checks(budget, cells, columns))


def _cell(line: LineInput, cell: CellInput, column: ColumnInput, budget: BudgetInput) -> CellResult:
    if line.kind == "contribution":
        value = cell.stored if cell.stored is not None else cell.computed
        return CellResult(value, cell.stored, cell.computed)
    if line.kind == "initiative":
        return _initiative_cell(line, cell, column, budget)
    return CellResult(cell.stored, cell.stored, None)


def counts_share(line: LineInput, column: ColumnInput, budget: BudgetInput) -> bool:
    """Whether the line's figure in the column is a share of a granted maximum."""
    return (
        column.kind in SHARE_COLUMN_KINDS
        and not line.exempt_from_share
        and budget.counted_share != HUNDRED
    )


def _initiative_cell(
    line: LineInput, cell: CellInput, column: ColumnInput, budget: BudgetInput
) -> CellResult:
    typed = cell.stored is not None
    whole = cell.stored if typed else cell.computed
    if whole is None or not counts_share(line, column, budget):
        return CellResult(whole, cell.stored, cell.computed)
    if typed and line.share_entry == COUNTED:
        return CellResult(cell.stored, cell.stored, cell.computed)
    return CellResult(
        counted_amount(whole, budget.counted_share), cell.stored, cell.computed, maximum=whole
    )


def counted_amount(whole: Decimal, counted_share: Decimal) -> Decimal:
    """The counted part of a granted maximum, in whole kronor."""
    return round_to_step(whole * counted_share / HUNDRED, KRONA)


def opening_source(
    column: ColumnInput, columns: Sequence[ColumnInput]
) -> tuple[str, ColumnInput] | None:
    """Where a column's opening comes from: ("closing" | "opening", that column), or None."""
    before = {c.kind: c for c in columns if c.year == column.year - 1}
    for kind in OPENING_PREFERENCE:
        if kind in before:
            return "closing", before[kind]
    if column.kind in ("forecast", "outcome"):
        same_year = [c for c in columns if c.year == column.year and c.kind == "budget"]
        if same_year:
            return "opening", same_year[0]
    return None


def _column(
    column: ColumnInput,
    budget: BudgetInput,
    cells: dict[tuple[int, int], CellResult],
    done: dict[int, ColumnResult],
) -> ColumnResult:
    if column.key in done:
        return done[column.key]
    source = opening_source(column, budget.columns)
    computed = None
    if source is not None:
        found = _column(source[1], budget, cells, done)
        computed = found.closing if source[0] == "closing" else found.opening
    carried = [line for line in budget.lines if line.kind == "carried_forward"]
    opening = ZERO
    for line in carried:
        stored = line.cells.get(column.key, CellInput()).stored
        shown = stored if stored is not None else computed
        opening = ZERO if shown is None else shown
        cells[(line.key, column.key)] = CellResult(shown, stored, computed)
    done[column.key] = _totals(column, budget, cells, opening, computed)
    return done[column.key]


def _totals(
    column: ColumnInput,
    budget: BudgetInput,
    cells: Mapping[tuple[int, int], CellResult],
    opening: Decimal,
    opening_computed: Decimal | None,
) -> ColumnResult:
    totals = {section.key: ZERO for section in budget.sections}
    for line in budget.lines:
        totals[line.section] += cells[(line.key, column.key)].figure
    kinds = {section.key: section.kind for section in budget.sections}
    return ColumnResult(
        column=column,
        opening=opening,
        opening_computed=opening_computed,
        section_totals=totals,
        revenue=sum((t for k, t in totals.items() if kinds[k] == REVENUE_SECTION_KIND), ZERO),
        costs=sum((t for k, t in totals.items() if kinds[k] in COST_SECTION_KINDS), ZERO),
        administration=sum(
            (t for k, t in totals.items() if kinds[k] == ADMINISTRATION_SECTION_KIND), ZERO
        ),
    )


def _checks(
    budget: BudgetInput,
    cells: Mapping[tuple[int, int], CellResult],
    columns: Mapping[int, ColumnResult],
) -> list[Check]:
    checks: list[Check] = []
    for column in budget.columns:
        result = columns[column.key]
        checks += _balance_checks(budget, result)
        checks += _contribution_checks(budget, column)
    return checks + _ceiling_checks(budget, cells, columns)


def _ceiling_checks(
    budget: BudgetInput,
    cells: Mapping[tuple[int, int], CellResult],
    columns: Mapping[int, ColumnResult],
) -> list[Check]:
    planned = [c for c in budget.columns if c.kind in SHARE_COLUMN_KINDS]
    contribution_lines = [line.key for line in budget.lines if line.kind == "contribution"]
    if not planned or not contribution_lines:
        return []
    if not budget.ceiling_steps:
        return [Check("info", _("Tak för eget kapital: inget tak är inlagt."))]
    checks = []
    for column in planned:
        contributions = sum((cells[(line, column.key)].figure for line in contribution_lines), ZERO)
        ceiling = ceiling_for(budget.ceiling_steps, contributions)
        closing = columns[column.key].closing
        if ceiling is not None and closing > ceiling:
            text = _(
                "%(label)s: utgående eget kapital (%(closing)s) är över taket för eget kapital "
                "(%(ceiling)s för årets bidrag %(contributions)s) med %(excess)s."
            ) % {
                "label": column.label,
                "closing": _kr(closing),
                "ceiling": _kr(ceiling),
                "contributions": _kr(contributions),
                "excess": _kr(closing - ceiling),
            }
            checks.append(Check("warning", text, column.key))
    return checks


def _kr(amount: Decimal) -> str:
    return format_amount(amount) + " kr"


def _balance_checks(budget: BudgetInput, result: ColumnResult) -> list[Check]:
    label, key = result.column.label, result.column.key
    checks = []
    if result.opening < 0 or result.closing < 0:
        lowest = min(result.opening, result.closing)
        checks.append(
            Check(
                "error",
                _(
                    "%(label)s: balanserat resultat blir negativt (%(lowest)s). Förbundet "
                    "får inte låna."
                )
                % {"label": label, "lowest": _kr(lowest)},
                key,
            )
        )
    if result.opening_difference and result.opening_computed is not None:
        checks.append(
            Check(
                "info",
                _(
                    "%(label)s: ingående balans är ändrad till %(opening)s; enligt "
                    "föregående kolumn %(opening_computed)s (skillnad "
                    "%(opening_difference)s)."
                )
                % {
                    "label": label,
                    "opening": _kr(result.opening),
                    "opening_computed": _kr(result.opening_computed),
                    "opening_difference": _kr(result.opening_difference),
                },
                key,
            )
        )
    has_carried = any(line.kind == "carried_forward" for line in budget.lines)
    if has_carried and columns_opening_missing(budget, result):
        checks.append(
            Check(
                "warning", _("%(label)s: ingående balans saknas; ange den.") % {"label": label}, key
            )
        )
    if result.costs > result.year_revenue:
        explanation = budget.balance_explanation.strip()
        text = _(
            "%(label)s: kostnaderna (%(costs)s) är större än årets intäkter (%(year_revenue)s). "
        ) % {"label": label, "costs": _kr(result.costs), "year_revenue": _kr(result.year_revenue)}
        text += (
            _("Förklaring: %(explanation)s") % {"explanation": explanation}
            if explanation
            else _("En förklaring krävs.")
        )
        checks.append(Check("warning", text, key))
    return checks


def columns_opening_missing(budget: BudgetInput, result: ColumnResult) -> bool:
    """No opening typed and nothing before it in the chain."""
    carried = [line for line in budget.lines if line.kind == "carried_forward"]
    key = result.column.key
    typed = any(line.cells.get(key, CellInput()).stored is not None for line in carried)
    return not typed and result.opening_computed is None


def _contribution_checks(budget: BudgetInput, column: ColumnInput) -> list[Check]:
    lines = [line for line in budget.lines if line.kind == "contribution"]
    if not lines:
        return []
    parties = {STATE: ZERO, REGION: ZERO, MUNICIPAL: ZERO}
    for line in lines:
        cell = line.cells.get(column.key, CellInput())
        if cell.stored is None and cell.computed is None:
            return [
                Check(
                    "warning",
                    _(
                        "%(column_label)s: finansiering saknas för %(column_year)s; bidraget "
                        "på raden ”%(line_label)s” räknas som 0 kr."
                    )
                    % {
                        "column_label": column.label,
                        "column_year": column.year,
                        "line_label": line.label,
                    },
                    column.key,
                )
            ]
        split = _parties(line, cell)
        if split is None:
            return [
                Check(
                    "warning",
                    _(
                        "%(column_label)s: raden ”%(line_label)s” har ett ändrat belopp för "
                        "flera parter; de lagstadgade andelarna kan inte kontrolleras."
                    )
                    % {"column_label": column.label, "line_label": line.label},
                    column.key,
                )
            ]
        for party, amount in split.items():
            parties[party] += amount
    if (parties[REGION], parties[MUNICIPAL]) != statutory_halves(parties[STATE]):
        return [
            Check(
                "warning",
                _(
                    "%(column_label)s: bidragen följer inte de lagstadgade andelarna "
                    "(staten %(kr)s, regionen %(kr2)s, kommunerna %(kr3)s)."
                )
                % {
                    "column_label": column.label,
                    "kr": _kr(parties[STATE]),
                    "kr2": _kr(parties[REGION]),
                    "kr3": _kr(parties[MUNICIPAL]),
                },
                column.key,
            )
        ]
    return []


def _parties(line: LineInput, cell: CellInput) -> Mapping[str, Decimal] | None:
    if cell.stored is None:
        return cell.parties or {}
    return {line.party: cell.stored} if line.party else None
