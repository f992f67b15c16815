"""Following up the running year: the table with hand-entered figures and its SVG charts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.accounts.selectors import year_balances_only
from budgets.followup_charts import follow_up_charts
from budgets.forms import FollowUpForm
from budgets.presentation import FOLLOW_UP_COLUMNS, DisplayOptions, follow_up_rows
from budgets.selectors import (
    budget_sheet,
    documents_of,
    follow_up_of,
    followed_lines,
    running_column,
)
from budgets.services import StaleEditError, follow_up_save
from finsam.kept_posts import keeps_post_across_login, kept_post
from finsam.lib.numbers import whole_number
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view


@keeps_post_across_login
@tenant_view()
def follow_up_page(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(documents_of(tenant), tenant, pk=pk)
    sheet = budget_sheet(document)
    chosen = request.GET.get("kolumn", "")
    asked = whole_number(chosen)
    column = running_column(sheet, timezone.localdate().year, asked)
    if column is None:
        raise Http404(_("Budgeten har inga kolumner att följa upp."))
    result, entered = follow_up_of(sheet, column)
    line_ids = [line.pk for line in followed_lines(sheet)]
    restored = kept_post(request) if request.method == "GET" else None
    if restored is not None:
        messages.warning(request, _restored_message())
    data = request.POST if request.method == "POST" else restored
    form = FollowUpForm(data or None, line_ids=line_ids, entered=entered)
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
        "columns": FOLLOW_UP_COLUMNS,
        "rows": follow_up_rows(sheet, result, form, DisplayOptions.follow_up(document)),
        "charts": follow_up_charts(sheet, result),
        "form": form,
        "year_balances_only": column is not None
        and year_balances_only(tenant.association, column.year),
    }
    return render(request, "budgets/followup.html", context)


def _restored_message() -> str:
    return _(
        "Du hade loggats ut när du sparade, så inget sparades. Det du skrev visas nedan; "
        "kontrollera och spara igen."
    )


def _saved(request: HttpRequest, column, form: FollowUpForm) -> bool:
    figures, expected = form.figures()
    try:
        follow_up_save(column=column, figures=figures, expected=expected, user=request.user)
    except StaleEditError as stale:
        messages.error(request, str(stale))  # the page shown next holds the stored values
        return True
    except ValidationError as error:
        messages.error(
            request, _("Inget sparades. %(errors)s") % {"errors": " ".join(error.messages)}
        )
        return False
    messages.success(request, _("Uppföljningen är sparad."))
    return True
