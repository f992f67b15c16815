"""Pages of the books: the statements for a period, and the chart of accounts."""

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from budgets.accounts import selectors
from budgets.accounts.forms import AccountMappingForm, StatementsForm
from budgets.accounts.presentation import balance_sheet, income_statement, note_table
from budgets.accounts.services import AccountMapping, account_mapping_update
from budgets.models import Unit
from budgets.presentation import DisplayOptions
from finsam.permissions import Perm
from finsam.tenancy import Tenant, tenant_view


@tenant_view()
def statements(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    latest = selectors.latest_period_end(tenant.association)
    form = StatementsForm(request.GET or {"period_end": latest, "unit": "tkr"})
    context = {"form": form, "has_books": latest is not None}
    if latest is not None and form.is_valid():
        period_end = form.cleaned_data["period_end"]
        statements = selectors.statements_for(tenant.association, period_end)
        options = DisplayOptions(
            unit=Unit.KRONOR if form.cleaned_data["unit"] == "kr" else Unit.THOUSANDS
        )
        context |= {
            "statements": statements,
            "income_rows": income_statement(statements, options),
            "balance_rows": balance_sheet(statements, options),
            "notes": [note_table(note, options) for note in statements.notes],
            "period_end": period_end,
            "previous_year_end": date(period_end.year - 1, 12, 31),
            "unit": options.unit,
            "year_balances_only": not selectors.has_months(tenant.association, period_end.year),
        }
    return render(request, "budgets/accounts/statements.html", context)


@tenant_view()
def chart(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    budget_lines = selectors.budget_line_choices(tenant.association)
    rows = [
        (
            account,
            AccountMappingForm(
                prefix=account.number,
                budget_lines=budget_lines,
                initial={
                    "line": account.line,
                    "note_label": account.note_label,
                    "budget_line": account.budget_line_id,
                },
            ),
        )
        for account in selectors.accounts_of(tenant.association)
    ]
    return render(request, "budgets/accounts/chart.html", {"rows": rows})


@tenant_view(Perm.EDIT)
@require_POST
def chart_update(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    mapping, errors = {}, []
    budget_lines = selectors.budget_line_choices(tenant.association)
    for account in selectors.accounts_of(tenant.association):
        form = AccountMappingForm(request.POST, prefix=account.number, budget_lines=budget_lines)
        if form.is_valid():
            data = form.cleaned_data
            mapping[account.number] = AccountMapping(
                data["line"], data["note_label"], data["budget_line"]
            )
        elif f"{account.number}-line" in request.POST:
            errors.append(
                _("Konto %(number)s: välj en rad ur listan.") % {"number": account.number}
            )
    if errors:
        messages.error(request, _("Inget sparades. %(errors)s") % {"errors": " ".join(errors)})
    else:
        changed = account_mapping_update(association=tenant.association, mapping=mapping)
        messages.success(
            request, _("Kontoplanen är sparad (%(changed)s konton ändrade).") % {"changed": changed}
        )
    return redirect("accounts:chart", tenant.association.slug)
