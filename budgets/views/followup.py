"""Following up the running year: the table with hand-entered figures and two SVG charts."""

from dataclasses import dataclass, replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.accounts.selectors import year_balances_only
from budgets.charts import BarGroup, balance_svg, bars_svg
from budgets.forms import FollowUpForm
from budgets.models import Unit
from budgets.presentation import DisplayOptions
from budgets.selectors import BudgetSheet, budget_sheet, documents_of, follow_up_of, running_column
from budgets.services import StaleEditError, follow_up_save
from finsam.lib.numbers import whole_number
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view


@dataclass(frozen=True)
class FollowUpRow:
    kind: str  # heading, line, subtotal, total
    label: str
    budget: str = ""
    outcome: str = ""
    forecast: str = ""
    difference: str = ""
    outcome_field: object = None
    forecast_field: object = None
    from_books: bool = False


@tenant_view()
def follow_up_page(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(documents_of(tenant), tenant, pk=pk)
    sheet = budget_sheet(document)
    chosen = request.GET.get("kolumn", "")
    asked = whole_number(chosen)
    column = running_column(sheet, timezone.localdate().year, asked)
    result, entered = follow_up_of(sheet, column)
    line_ids = [line.pk for line in sheet.lines if line.kind != "carried_forward"]
    form = FollowUpForm(request.POST or None, line_ids=line_ids, entered=entered)
    if request.method == "POST":
        if not tenant.can_edit:
            raise PermissionDenied
        if form.is_valid() and _saved(request, column, form):
            return redirect(f"{request.path}?kolumn={column.pk}")
    context = {
        "document": document,
        "sheet": sheet,
        "column": column,
        "follow_up": result,
        "rows": _rows(sheet, result, form, _in_kronor(document)),
        "bars": _bars(sheet, result),
        "balance": _balance(sheet),
        "form": form,
        "year_balances_only": column is not None
        and year_balances_only(tenant.association, column.year),
    }
    return render(request, "budgets/followup.html", context)


def _in_kronor(document) -> DisplayOptions:
    # Outcomes are typed to the krona (öre where they occur), so the page shows kronor.
    return replace(DisplayOptions.of(document), unit=Unit.KRONOR)


def _saved(request: HttpRequest, column, form: FollowUpForm) -> bool:
    figures, expected = form.figures()
    try:
        follow_up_save(column=column, figures=figures, expected=expected, user=request.user)
    except StaleEditError as stale:
        messages.error(
            request,
            _("%(refusal)s Sidan visar nu de aktuella värdena; gör om din ändring.")
            % {"refusal": stale},
        )
        return True
    except ValidationError as error:
        messages.error(request, "Inget sparades. " + " ".join(error.messages))
        return False
    messages.success(request, _("Uppföljningen är sparad."))
    return True


def _rows(
    sheet: BudgetSheet, result, form: FollowUpForm, options: DisplayOptions
) -> list[FollowUpRow]:
    lines = {line.key: line for line in result.lines}
    rows: list[FollowUpRow] = []
    for part in sheet.sections:
        cost = part.section.is_cost
        if not any(line.pk in lines for line in part.lines):
            continue  # only the opening balance: nothing to follow up
        rows.append(FollowUpRow("heading", str(part.section)))
        for line in part.lines:
            if line.pk not in lines:
                continue
            figures = lines[line.pk]
            outcome, forecast = form[f"outcome_to_date_{line.pk}"], form[f"forecast_{line.pk}"]
            forecast.field.widget.attrs["placeholder"] = options.text(figures.forecast)
            if figures.outcome_from_books:  # shown until someone types their own figure
                outcome.field.widget.attrs["placeholder"] = options.text(figures.outcome_to_date)
            row = _row("line", line.label, figures, options, cost, outcome, forecast)
            rows.append(replace(row, from_books=figures.outcome_from_books))
        rows.append(
            _row(
                "subtotal",
                part.section.subtotal_label or _("Summa %(section)s") % {"section": part.section},
                result.sections[part.section.pk],
                options,
                cost,
            )
        )
    revenue_label = _("Summa intäkter (utan ingående balans)")
    rows.append(_row("total", revenue_label, result.revenue, options, False))
    rows.append(_row("total", _("Summa kostnader"), result.costs, options, True))
    rows.append(_row("total", _("Årets resultat"), result.result, options, False))
    return rows


def _row(
    kind, label, figures, options, cost, outcome_field=None, forecast_field=None
) -> FollowUpRow:
    return FollowUpRow(
        kind,
        label,
        options.text(figures.budget, cost=cost),
        options.text(figures.outcome_to_date, cost=cost),
        options.text(figures.forecast, cost=cost),
        options.text(figures.difference, cost=cost),
        outcome_field,
        forecast_field,
    )


def _bars(sheet: BudgetSheet, result) -> str:
    followed = {line.section for line in result.lines}
    groups = [
        BarGroup(str(part.section), (t.budget, t.outcome_to_date, t.forecast))
        for part in sheet.sections
        for t in [result.sections[part.section.pk]]
        if part.section.pk in followed
    ]
    return bars_svg(_("Budget, utfall hittills och prognos per avsnitt"), groups)


def _balance(sheet: BudgetSheet) -> str:
    points = [(c.label, sheet.result.columns[c.pk].closing) for c in sheet.columns]
    return balance_svg(_("Balanserat resultat vid årets slut, per kolumn"), points)
