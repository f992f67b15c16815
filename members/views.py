"""Pages of an association: start page, overview, funding per year."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finsam.forms import add_errors, year_range_message
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from finsam.waiting import waiting_in
from members import selectors
from members.checklist import open_checklist
from members.discharge import discharge_overview
from members.forms import FundingYearForm, NewFundingYearForm
from members.funding import funding_breakdown
from members.models import FundingYear, StatePresentation
from members.services import (
    StaleEditError,
    funding_year_create,
    funding_year_update,
)


def day_from_query(request: HttpRequest) -> date:
    text = request.GET.get("datum", "")
    if not text:
        return timezone.localdate()
    try:
        return date.fromisoformat(text)
    except ValueError:
        messages.error(
            request,
            _("”%(text)s” är inget datum; skriv ÅÅÅÅ-MM-DD. Dagens datum visas.") % {"text": text},
        )
        return timezone.localdate()


@tenant_view()
def overview(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    day = day_from_query(request)
    association = tenant.association
    funding_year = selectors.funding_year_for_overview(association, day)
    context = {
        "day": day,
        "breakdown": funding_breakdown(funding_year) if funding_year else None,
        "board": selectors.board_on(association, day),
        "auditors": selectors.auditors_on(association, day),
        "office": selectors.office_on(association, day),
        "groups": selectors.groups_of(association),
        "meetings": selectors.meetings_from(association, day),
        "checklist": open_checklist(association, timezone.localdate().year),
        "waiting": waiting_in(association, tenant.role, timezone.localdate()),
        "discharge": discharge_overview(association),
    }
    return render(request, "members/overview.html", context)


@tenant_view()
def funding_years(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    years = selectors.funding_years_of(tenant.association)
    return render(
        request, "members/funding_years.html", {"years": years, "form": NewFundingYearForm()}
    )


@tenant_view(Perm.EDIT)
@require_POST
def funding_year_new(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = NewFundingYearForm(request.POST)
    if form.is_valid():
        try:
            created = funding_year_create(
                association=tenant.association, year=form.cleaned_data["year"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("members:funding_year_edit", tenant.association.slug, created.year)
    else:
        messages.error(request, year_range_message())
    return redirect("members:funding_years", tenant.association.slug)


@tenant_view()
def funding_year(request: HttpRequest, tenant: Tenant, year: int) -> HttpResponse:
    found = get_scoped_or_404(FundingYear, tenant, year=year)
    shown = request.GET.get("staten")
    presentation = shown if shown in StatePresentation.values else found.state_presentation
    context = {
        "breakdown": funding_breakdown(found, state_presentation=presentation),
        "presentation": presentation,
        "presentations": StatePresentation.choices,
    }
    return render(request, "members/funding_year.html", context)


@tenant_view(Perm.EDIT)
def funding_year_edit(request: HttpRequest, tenant: Tenant, year: int) -> HttpResponse:
    found = get_scoped_or_404(FundingYear, tenant, year=year)
    breakdown = funding_breakdown(found)
    form = FundingYearForm(request.POST or None, breakdown=breakdown)
    if request.method == "POST" and form.is_valid():
        try:
            funding_year_update(
                funding_year=found,
                expected_version=form.cleaned_data["version"],
                decision=form.decision(),
            )
        except StaleEditError as stale:
            messages.error(request, str(stale))
            return redirect("members:funding_year_edit", tenant.association.slug, year)
        except ValidationError as error:
            add_errors(form, error)  # each message at its field
        else:
            messages.success(request, _("Finansieringen %(year)s är sparad.") % {"year": year})
            return redirect("members:funding_year", tenant.association.slug, year)
    return render(request, "members/funding_year_edit.html", {"form": form, "breakdown": breakdown})
