"""The economy section of an interim report, and the balance requirement on the forecast.

The section says in words what the documents say (the surplus carried forward plus the
year's contributions make the year's budget; what is spent to date; the forecast against
the budget; the shares of target-group work and administration), with the same figures in
a table so an adoption freezes them, and a chart of budget, outcome and forecast per part of
the budget. The balance requirement (balanskravet, kommunallagen) is judged on the forecast:
a deficit the surplus of earlier years covers is spent on purpose; beyond that it is not met.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets.charts import bars_svg
from budgets.followup_charts import follow_up_groups
from finsam.lib.dates import day_month, long_date
from finsam.lib.numbers import format_percent
from reports.blocks.registry import block
from reports.context import BuildContext
from reports.data import Block, Chart, Row, Table
from reports.economy import Economy

INTERIM = frozenset({"delarsrapport"})


def _missing(key: str) -> Block:
    return Block(key, "reports/blocks/_missing.html", context={"what": _("budget att följa upp")})


@block("economy", _("Ekonomi: årets budget, förbrukat, prognos och andelar"), INTERIM)
def economy_block(context: BuildContext) -> Block:
    economy = context.economy
    if economy is None:
        return _missing("economy")
    return Block(
        "economy",
        "reports/blocks/_economy.html",
        tables=[summary_table(context, economy)],
        charts=[budget_chart(context)],
        context={"paragraphs": paragraphs(context, economy)},
    )


def _money(context: BuildContext, amount: Decimal) -> str:
    """ "4 181 tkr"."""
    return f"{context.options.text(amount)}\u00a0{context.options.unit}"


def paragraphs(context: BuildContext, e: Economy) -> list[str]:
    said = [_budget_sentence(context, e), _spent_sentence(context, e)]
    said.append(_forecast_sentence(context, e))
    if e.administration_share is not None and e.target_group_share is not None:
        said.append(
            _(
                "Kostnaden för målgruppsverksamheter uppgår till %(target)s av förbrukade "
                "budgetmedel och förbundets administration och styrelsearvoden till %(admin)s."
            )
            % {
                "target": format_percent(e.target_group_share),
                "admin": format_percent(e.administration_share),
            }
        )
    return said


def _budget_sentence(context: BuildContext, e: Economy) -> str:
    return _(
        "Det samlade överskottet från tidigare år på %(carried)s, fördes via "
        "balansräkningen över till budgetåret %(year)s. Detta överskott gav tillsammans "
        "med parternas insatser för %(year)s på %(contributions)s, en budget på %(budget)s."
    ) % {
        "carried": _money(context, e.carried_forward),
        "year": context.year,
        "contributions": _money(context, e.contributions),
        "budget": _money(context, e.budget),
    }


def _spent_sentence(context: BuildContext, e: Economy) -> str:
    said = _("Fram till den %(date)s har av årets budget på %(budget)s, %(spent)s förbrukats.") % {
        "date": long_date(context.period_end),
        "budget": _money(context, e.budget),
        "spent": _money(context, e.spent),
    }
    if not e.decided_for_later:
        return said
    included = _("I denna summa ingår beslutade, ej utbetalda projektmedel på %(amount)s.")
    return f"{said} {included % {'amount': _money(context, e.decided_for_later)}}"


FORECAST = {
    1: gettext_lazy(
        "Prognos för utfall utifrån resultat den %(date)s, blir ett överskott mot budget "
        "på %(amount)s."
    ),
    -1: gettext_lazy(
        "Prognos för utfall utifrån resultat den %(date)s, blir ett underskott mot budget "
        "på %(amount)s."
    ),
    0: gettext_lazy(
        "Prognos för utfall utifrån resultat den %(date)s, blir ett utfall i nivå med budget."
    ),
}


def _forecast_sentence(context: BuildContext, e: Economy) -> str:
    difference = e.forecast_difference
    sign = (difference > 0) - (difference < 0)
    return FORECAST[sign] % {
        "date": day_month(context.period_end),
        "amount": _money(context, abs(difference)),
    }


def summary_table(context: BuildContext, e: Economy) -> Table:
    text = context.options.text
    year, end = context.year, context.period_end.isoformat()
    difference = _("överskott") if e.forecast_difference >= 0 else _("underskott")
    rows = [
        Row(_("Överskott från tidigare år"), (text(e.carried_forward),)),
        Row(_("Parternas insatser %(year)s") % {"year": year}, (text(e.contributions),)),
        Row(_("Budget %(year)s") % {"year": year}, (text(e.budget),), kind="total"),
        Row(_("Förbrukat t.o.m. %(date)s") % {"date": end}, (text(e.spent),)),
        Row(_("därav beslutade, ej utbetalda projektmedel"), (text(e.decided_for_later),)),
        Row(
            _("Prognos helår: %(what)s mot budget") % {"what": difference},
            (text(abs(e.forecast_difference)),),
        ),
    ]
    for label, share in (
        (_("Målgruppsverksamhet, andel av förbrukat"), e.target_group_share),
        (_("Administration och styrelsearvoden, andel av förbrukat"), e.administration_share),
    ):
        if share is not None:
            rows.append(Row(label, (format_percent(share),)))
    return Table(
        caption=_("Ekonomin %(period)s i sammandrag") % {"period": context.period_label},
        columns=(context.options.unit,),
        rows=tuple(rows),
        style="keep",
    )


def budget_chart(context: BuildContext) -> Chart:
    follow_up = context.budget_follow_up
    assert follow_up is not None  # drawn only beside the economy, made from the follow-up
    groups = follow_up_groups(follow_up.sheet, follow_up.result)
    title = _("Budget, utfall t.o.m. %(date)s och prognos för helåret %(year)s") % {
        "date": context.period_end.isoformat(),
        "year": context.year,
    }
    return Chart(title, bars_svg(title, groups))


@block("balance_requirement", _("Balanskravet, bedömt på helårsprognosen"), INTERIM)
def balance_requirement_block(context: BuildContext) -> Block:
    economy = context.economy
    if economy is None:
        return _missing("balance_requirement")
    text = context.options.text
    year = context.year
    table = Table(
        caption=_("Balanskravsutredning, prognos %(year)s") % {"year": year},
        columns=(context.options.unit,),
        rows=(
            Row(_("Årets resultat enligt prognos"), (text(economy.forecast_result),)),
            Row(_("Överskott från tidigare år"), (text(economy.carried_forward),)),
            Row(
                _("Överskott kvar vid årets slut enligt prognos"),
                (text(economy.forecast_closing),),
                kind="result",
            ),
        ),
        style="keep",
    )
    return Block(
        "balance_requirement",
        "reports/blocks/_economy.html",
        tables=[table],
        context={"paragraphs": [balance_judgement(context, economy)]},
    )


def balance_judgement(context: BuildContext, e: Economy) -> str:
    values = {
        "result": _money(context, abs(e.forecast_result)),
        "carried": _money(context, e.carried_forward),
        "left": _money(context, abs(e.forecast_closing)),
    }
    if e.forecast_result >= 0:
        return (
            _("Prognosen för helåret ger ett överskott på %(result)s; balanskravet uppfylls.")
            % values
        )
    if e.forecast_closing >= 0:
        follow_up = context.budget_follow_up
        assert follow_up is not None  # the economy judged is made from the follow-up
        reason = follow_up.sheet.document.balance_explanation.strip()
        said = (
            _(
                "Prognosen för helåret ger ett underskott på %(result)s. Det täcks av överskottet "
                "från tidigare år (%(carried)s), som förbrukas med avsikt; vid årets slut "
                "beräknas %(left)s finnas kvar."
            )
            % values
        )
        return f"{said} {reason}".strip()
    return (
        _(
            "Prognosen för helåret ger ett underskott på %(result)s, mer än överskottet från "
            "tidigare år (%(carried)s): balanskravet uppfylls inte, %(left)s saknas."
        )
        % values
    )
