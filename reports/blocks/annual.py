"""The annual report's own blocks: the income statement with the budget beside the outcome,
the year's outcome against the budget per line, god ekonomisk hushållning (each financial goal
met or not), the cash-flow statement, the balance requirement and the equity against its
ceiling.

Each block presents a computation made elsewhere, in kronor, printed by the report's
options: the statements and the cash flow come from the books (budgets.accounts), the
balanskravsutredning from `budgets.balanskrav`, the ceiling from `budgets.equity_ceiling`.
The balance sheet, the notes, the board and the signatures are the interim report's blocks.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from budgets.accounts import presentation
from budgets.accounts.cashflow import CashFlow
from budgets.balanskrav import Adjustment, BalanceRequirement
from budgets.calculation import ColumnResult
from budgets.equity_ceiling import equity_ceiling
from budgets.presentation import figure_cells
from finsam.lib.numbers import format_percent
from initiatives.selectors import association_goals
from reports.blocks.goal_outcomes import outcome_in, outcome_text
from reports.blocks.registry import ANNUAL, block
from reports.context import BuildContext
from reports.data import Block, Row, Table

TABLES = "reports/blocks/_tables.html"
PARAGRAPHS = "reports/blocks/_economy.html"  # paragraphs, then tables


def _unit(context: BuildContext) -> str:
    return context.options.unit


def _money(context: BuildContext, amount: Decimal) -> str:
    """ "-1 134 tkr"."""
    return f"{context.options.text(amount)}\u00a0{_unit(context)}"


def _budget_figures(budget: ColumnResult | None) -> list[Decimal | None]:
    """The budget beside each row of `presentation.income_statement_rows`, in its order: the
    budget has the year's revenue and costs, no financial items."""
    if budget is None:
        return [None] * 7
    revenue, costs = budget.year_revenue, -budget.costs
    return [revenue, costs, revenue + costs, None, None, None, revenue + costs]


@block("annual_income_statement", _("Resultaträkning (utfall, budget och föregående år)"), ANNUAL)
def annual_income_statement_block(context: BuildContext) -> Block:
    year, budget = context.year, context.year_budget
    statement_rows = presentation.income_statement_rows(context.statements)
    rows = []
    for row, budgeted in zip(statement_rows, _budget_figures(budget), strict=True):
        assert row.figures is not None  # the income statement has no heading rows
        amounts = (row.figures.current, budgeted, row.figures.previous)
        cells = figure_cells(context.options, *(amounts if budget else amounts[::2]))
        label = _("Årets resultat") if row.kind == "total" else row.label
        rows.append(Row(label, (str(row.note or ""), *(cell.text for cell in cells)), row.kind))
    budget_column = (_("Budget %(year)s") % {"year": year},) if budget else ()
    table = Table(
        caption=_("Resultaträkning, %(unit)s") % {"unit": _unit(context)},
        columns=(
            _("Not"),
            _("Utfall %(year)s") % {"year": year},
            *budget_column,
            _("Utfall %(year)s") % {"year": year - 1},
        ),
        rows=tuple(rows),
        notes=()
        if budget
        else (_("Rapporten har ingen budget för %(year)s att jämföra med.") % {"year": year},),
        style="keep",
    )
    return Block("annual_income_statement", TABLES, tables=[table])


def _missing(key: str, what: str) -> Block:
    return Block(key, "reports/blocks/_missing.html", context={"what": what})


@block("budget_outcome", _("Årets utfall mot budget per rad"), ANNUAL)
def budget_outcome_block(context: BuildContext) -> Block:
    """Each line of the year's budget against its outcome (the budget's follow-up through
    December: from the books, or as typed), with the deviation: positive when it favours
    the result (revenue above budget, costs below)."""
    follow_up = context.budget_follow_up
    if follow_up is None:
        return _missing("budget_outcome", _("budget för året"))
    sheet, result = follow_up.sheet, follow_up.result
    lines = {line.key: line for line in result.lines}
    rows: list[Row] = []
    for part in sheet.sections:
        followed = [line for line in part.lines if line.pk in lines]
        if not followed:
            continue  # only the opening balance: nothing to follow up
        cost = part.section.is_cost
        rows.append(Row(str(part.section), kind="heading"))
        rows += [_outcome_row(context, line.label, lines[line.pk], cost) for line in followed]
    rows += [
        _outcome_row(context, _("Summa intäkter"), result.revenue, False, "total"),
        _outcome_row(context, _("Summa kostnader"), result.costs, True, "total"),
        _outcome_row(context, _("Årets resultat"), result.result, False, "result"),
    ]
    table = Table(
        caption=_("Utfall mot budget %(year)s, %(unit)s")
        % {"year": context.year, "unit": _unit(context)},
        columns=(_("Budget"), _("Utfall"), _("Avvikelse")),
        rows=tuple(rows),
        style="keep",
    )
    return Block("budget_outcome", TABLES, tables=[table])


def _outcome_row(context: BuildContext, label: str, figures, cost: bool, kind: str = "line") -> Row:
    budget, outcome = figures.budget, figures.outcome_to_date
    deviation = budget - outcome if cost else outcome - budget
    cells = (*figure_cells(context.options, budget, outcome, cost=cost),)
    texts = (*(cell.text for cell in cells), context.options.text(deviation))
    return Row(label, texts, kind)


@block("financial_goals_outcome", _("God ekonomisk hushållning: de finansiella målen"), ANNUAL)
def financial_goals_outcome_block(context: BuildContext) -> Block:
    """Each financial goal of the association with the year's judgement where one is
    recorded (Insatser → mål och utfall); a goal without one says so, never "met"."""
    goals = association_goals(context.association).financial
    if not goals:
        return _missing("financial_goals_outcome", _("finansiella mål"))
    rows = []
    for goal in goals:
        outcome = outcome_in(goal, context.period_start, context.period_end)
        judged = (outcome_text(outcome), str(outcome.status.label)) if outcome else ("–", "")
        comment = outcome.outcome.comment if outcome else ""
        rows.append(
            Row(
                goal.goal.text,
                (goal.target or "–", judged[0], judged[1] or _("Ingen bedömning registrerad")),
                comment=comment,
            )
        )
    table = Table(
        caption=_("Finansiella mål %(year)s") % {"year": context.year},
        label_heading=_("Mål"),
        columns=(_("Målvärde"), _("Utfall"), _("Bedömning")),
        comment_heading=_("Kommentar"),
        rows=tuple(rows),
        style="text",
    )
    return Block("financial_goals_outcome", TABLES, tables=[table])


def cash_flow_rows(context: BuildContext, now: CashFlow, before: CashFlow) -> tuple[Row, ...]:
    def row(label: str, now_value: Decimal, before_value: Decimal, kind: str = "line") -> Row:
        cells = figure_cells(context.options, now_value, before_value)
        return Row(label, tuple(cell.text for cell in cells), kind)

    def both(name: str) -> tuple[Decimal, Decimal]:
        return getattr(now, name), getattr(before, name)

    return (
        Row(_("Den löpande verksamheten"), kind="heading"),
        row(_("Årets resultat"), *both("result")),
        row(_("Justering för ej likviditetspåverkande poster"), *both("non_cash_items")),
        row(
            _("Medel från verksamheten före förändring av rörelsekapital"),
            *both("operating_before_working_capital"),
            "subtotal",
        ),
        row(_("Minskning (+)/ökning (-) av kortfristiga fordringar"), *both("receivables_change")),
        row(_("Ökning (+)/minskning (-) av kortfristiga skulder"), *both("liabilities_change")),
        row(_("Kassaflöde från den löpande verksamheten"), *both("operating"), "subtotal"),
        row(_("Kassaflöde från investeringsverksamheten"), *both("investing")),
        row(_("Kassaflöde från finansieringsverksamheten"), *both("financing")),
        row(_("Årets kassaflöde"), *both("change"), "total"),
        row(_("Likvida medel vid årets början"), *both("cash_opening")),
        row(_("Likvida medel vid årets slut"), *both("cash_closing"), "total"),
    )


def cash_flow_check(context: BuildContext, flow: CashFlow, year: int) -> str:
    values = {
        "year": year,
        "flow": _money(context, flow.change),
        "change": _money(context, flow.balance_sheet_change),
    }
    if flow.agrees:
        return (
            _(
                "Årets kassaflöde %(year)s, %(flow)s, är lika med förändringen av kassa och bank "
                "i balansräkningen."
            )
            % values
        )
    return (
        _(
            "Kontroll: årets kassaflöde %(year)s, %(flow)s, stämmer inte med förändringen av "
            "kassa och bank i balansräkningen, %(change)s."
        )
        % values
    )


@block("cash_flow", _("Kassaflödesanalys (indirekt metod)"), ANNUAL)
def cash_flow_block(context: BuildContext) -> Block:
    now, before = context.cash_flows
    year = context.year
    table = Table(
        caption=_("Kassaflödesanalys, %(unit)s") % {"unit": _unit(context)},
        columns=(str(year), str(year - 1)),
        rows=cash_flow_rows(context, now, before),
        notes=(cash_flow_check(context, now, year),),
        style="keep",
    )
    return Block("cash_flow", TABLES, tables=[table])


def balance_requirement_of(context: BuildContext) -> BalanceRequirement:
    """The year's balanskravsutredning: the result from the books; the realised gains, the
    adjustments the law allows and the deficits carried from earlier years as staff entered
    them on the report (a förbund's statement lines do not show them)."""
    report = context.report
    adjusted = report.balance_adjustments
    return BalanceRequirement(
        result=context.statements.result.current,
        realised_gains=report.realised_gains,
        adjustments=(Adjustment(_("Justeringar enligt balanskravet"), adjusted),)
        if adjusted
        else (),
        deficit_carried=report.earlier_deficit,
    )


@block("balanskravsutredning", _("Balanskravsutredning (årets utfall)"), ANNUAL)
def balanskrav_block(context: BuildContext) -> Block:
    requirement = balance_requirement_of(context)
    text = context.options.text
    rows = [
        Row(_("Årets resultat"), (text(requirement.result),)),
        Row(_("Avgår: realisationsvinster"), (text(-requirement.realised_gains),)),
        *(Row(a.label, (text(a.amount),)) for a in requirement.adjustments),
        Row(_("Balanskravsresultat"), (text(requirement.adjusted_result),), kind="result"),
        *(
            [
                Row(
                    _("Ej återställda underskott från tidigare år"),
                    (text(requirement.deficit_carried),),
                ),
                Row(_("Återställt under året"), (text(requirement.restored),)),
            ]
            if requirement.deficit_carried
            else []
        ),
        Row(
            _("Underskott att återställa vid årets slut"),
            (text(requirement.deficit_to_restore),),
        ),
    ]
    table = Table(
        caption=_("Balanskravsutredning %(year)s, %(unit)s")
        % {"year": context.year, "unit": _unit(context)},
        columns=(_unit(context),),
        rows=tuple(rows),
        style="keep",
    )
    return Block(
        "balanskravsutredning",
        PARAGRAPHS,
        tables=[table],
        context={"paragraphs": balanskrav_paragraphs(context, requirement)},
    )


def balanskrav_paragraphs(context: BuildContext, r: BalanceRequirement) -> list[str]:
    """The judgement, and the board's synnerliga skäl where a deficit remains unrestored."""
    said = [balanskrav_judgement(context, r)]
    reasons = context.report.exceptional_reasons.strip()
    if r.deficit_to_restore and reasons:
        said.append(
            _("Styrelsen åberopar synnerliga skäl för att inte återställa underskottet: %(why)s")
            % {"why": reasons}
        )
    return said


def balanskrav_judgement(context: BuildContext, r: BalanceRequirement) -> str:
    values = {"result": _money(context, r.adjusted_result), "deficit": _money(context, r.deficit)}
    if r.met:
        return _("Balanskravsresultatet är %(result)s; balanskravet är uppfyllt.") % values
    return (
        _(
            "Balanskravsresultatet är %(result)s. Underskottet på %(deficit)s ska återställas "
            "inom de tre närmaste åren, om inte styrelsen åberopar synnerliga skäl."
        )
        % values
    )


def _share(percent: Decimal) -> str:
    return format_percent(percent, 0 if percent == percent.to_integral() else 2)


@block("equity_ceiling", _("Eget kapital mot takbeloppet (Nationella rådet)"), ANNUAL)
def equity_ceiling_block(context: BuildContext) -> Block:
    equity = context.statements.equity.current
    ceiling = equity_ceiling(context.association, context.year)
    text = context.options.text
    rows = [Row(_("Eget kapital vid årets slut"), (text(equity),))]
    said = []
    if ceiling is None:
        said.append(
            _(
                "Ingen tabell för takbeloppet enligt Nationella rådets rekommendation "
                "(2013-10-02) är inlagd, så eget kapital jämförs inte med ett tak."
            )
        )
    else:
        rows += [
            Row(_("Årets bidrag från medlemmarna (underlag)"), (text(ceiling.contributions),)),
            Row(_("Takbelopp enligt Nationella rådets rekommendation"), (text(ceiling.ceiling),)),
            Row(
                _("Över (+)/under (-) takbeloppet"),
                (text(equity - ceiling.ceiling),),
                kind="result",
            ),
        ]
        if ceiling.share_percent is not None:
            said.append(
                _("Taket är %(share)s av årets bidrag.") % {"share": _share(ceiling.share_percent)}
            )
    table = Table(
        caption=_("Eget kapital %(year)s, %(unit)s")
        % {"year": context.year, "unit": _unit(context)},
        columns=(_unit(context),),
        rows=tuple(rows),
        style="keep",
    )
    return Block("equity_ceiling", PARAGRAPHS, tables=[table], context={"paragraphs": said})
