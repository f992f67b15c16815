"""Pages for an association's members and memberships, population figures, and (for
superusers) an organisation's new name."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from finsam.errors import StaleEditError
from finsam.forms import add_errors
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from members import orgs_selectors as selectors
from members import orgs_services as services
from members.models import Member, Membership, PopulationFigure
from members.orgs_forms import (
    MemberRenameForm,
    MembershipEndForm,
    MembershipStartForm,
    OrganisationNewForm,
    OrganisationSearchForm,
    PopulationFigureForm,
)


@tenant_view()
def memberships(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    rows = selectors.memberships_of(tenant.association)
    return render(request, "members/orgs/memberships.html", {"memberships": rows})


@tenant_view(Perm.EDIT)
def membership_new(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    search = OrganisationSearchForm(request.GET or None)
    pick = MembershipStartForm(request.POST if "member" in request.POST else None)
    # Any other post is the new-organisation form, so a post missing fields is told so.
    posted_new = request.method == "POST" and "member" not in request.POST
    new = OrganisationNewForm(request.POST if posted_new else None)
    for form in (pick, new):
        if form.is_bound and form.is_valid():
            try:
                _start(tenant, form)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Medlemskapet är sparat."))
                return redirect("members:memberships", tenant.association.slug)
    text = search.cleaned_data["sok"] if search.is_valid() else ""
    context = {
        "search": search,
        "found": selectors.organisations_matching(text),
        "searched": bool(text),
        "pick": pick,
        "new": new,
    }
    return render(request, "members/orgs/membership_new.html", context)


def _start(tenant: Tenant, form: MembershipStartForm | OrganisationNewForm) -> None:
    data = form.cleaned_data
    if isinstance(form, OrganisationNewForm):
        services.organisation_join(association=tenant.association, **data)
        return
    member = Member.objects.filter(pk=data["member"]).first()
    if member is None:
        raise ValidationError(_("Organisationen finns inte längre; sök igen."))
    services.membership_start(
        association=tenant.association, member=member, valid_from=data["valid_from"]
    )


@tenant_view(Perm.EDIT)
def membership_end(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    membership = get_scoped_or_404(Membership.objects.select_related("member"), tenant, pk=pk)
    initial = {"version": membership.version}
    form = MembershipEndForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                membership=membership,
                valid_to=form.cleaned_data["valid_to"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEditError as stale:
            messages.error(request, str(stale))
            return redirect("members:membership_end", tenant.association.slug, pk)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Medlemskapet är avslutat."))
            return redirect("members:memberships", tenant.association.slug)
    context = {"form": form, "membership": membership}
    return render(request, "members/orgs/membership_end.html", context)


@tenant_view()
def population_figures(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    figures = selectors.population_figures_of(tenant.association)
    return render(request, "members/orgs/population_figures.html", {"figures": figures})


@tenant_view(Perm.EDIT)
def population_figure_new(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    figure = PopulationFigure(association=tenant.association)
    return _population_form(request, tenant, figure)


@tenant_view(Perm.EDIT)
def population_figure_edit(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    figure = get_scoped_or_404(PopulationFigure, tenant, pk=pk)
    return _population_form(request, tenant, figure)


def _population_form(request: HttpRequest, tenant: Tenant, figure: PopulationFigure):
    initial = {"member": figure.member_id, "date": figure.date, "population": figure.population}
    if figure.pk is not None:
        initial["version"] = figure.version
    municipalities = services.population_choices(tenant.association)
    form = PopulationFigureForm(
        request.POST or None, initial=initial, municipalities=municipalities
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        figure.member_id, figure.date = data["member"], data["date"]
        figure.population = data["population"]
        try:
            services.population_figure_save(figure=figure, expected_version=data["version"])
        except StaleEditError as stale:
            messages.error(request, str(stale))
            return redirect(request.path)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Invånarantalet är sparat."))
            return redirect("members:population_figures", tenant.association.slug)
    context = {"form": form, "figure": figure}
    return render(request, "members/orgs/population_figure_edit.html", context)


@tenant_view(Perm.EDIT)
def population_figure_delete(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    figure = get_scoped_or_404(PopulationFigure.objects.select_related("member"), tenant, pk=pk)
    listing = reverse("members:population_figures", args=[tenant.association.slug])
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
            services.population_figure_delete(figure=figure, expected_version=version)
        except ValueError:
            messages.error(request, _("Sidan skickade ingen version; ladda om sidan."))
        except StaleEditError as stale:
            messages.error(request, str(stale))
        else:
            messages.success(request, _("Invånarantalet är borttaget."))
        return redirect(listing)
    message = _("Ta bort invånarantalet för %(member)s %(date)s (%(population)s invånare)?") % {
        "member": figure.member.name,
        "date": figure.date,
        "population": figure.population,
    }
    context = {
        "message": message,
        "action": request.path,
        "fields": {"version": figure.version},
        "cancel": listing,
    }
    return render(request, "confirm.html", context)


def member_rename(request: HttpRequest, pk: int) -> HttpResponse:
    """A shared organisation's new name, from a date: superusers only (it shows in every
    association that has the organisation)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    member = get_object_or_404(Member, pk=pk)
    form = MemberRenameForm(request.POST or None, initial={"version": member.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_rename(member=member, user=request.user, **_renamed(form))
        except StaleEditError as stale:
            messages.error(request, str(stale))
            return redirect("member_rename", pk)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Organisationens nya namn är sparat."))
            return redirect("member_rename", pk)
    context = {"form": form, "member": member, "names": member.former_names.order_by("valid_from")}
    return render(request, "members/orgs/member_rename.html", context)


def _renamed(form: MemberRenameForm) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "valid_from": data["valid_from"],
        "expected_version": data["version"],
    }
