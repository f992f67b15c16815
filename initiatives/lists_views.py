"""Pages of the association's own lists: everyone of the association reads, staff edit."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from finsam.errors import StaleEditError
from finsam.forms import add_errors
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, scoped, tenant_view
from initiatives import lists_services as services
from initiatives.lists_forms import ExitReasonForm, PriorityGroupForm
from initiatives.models import ExitReason, PriorityTargetGroup

Save = Callable[..., Any]


@tenant_view()
def exit_reasons(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    found = scoped(ExitReason, tenant).annotate(uses=Count("exitcount"))
    return render(request, "initiatives/lists/exit_reasons.html", {"reasons": found})


@tenant_view(Perm.EDIT)
def exit_reason_edit(request: HttpRequest, tenant: Tenant, pk: int | None = None) -> HttpResponse:
    reason = get_scoped_or_404(ExitReason, tenant, pk=pk) if pk else None
    initial = {} if reason else {"number": _next_number(tenant)}
    form = ExitReasonForm(request.POST or None, instance=reason, initial=initial)
    back = reverse("initiatives:exit_reasons", args=[tenant.association.slug])
    saved = _saved(request, tenant, form, reason, services.exit_reason_save, "reason")
    if saved:
        messages.success(request, _("Avslutsanledningen är sparad."))
        return redirect(back)
    context = {"form": form, "entry": reason, "back": back, "what": _("avslutsanledning")}
    return render(request, "initiatives/lists/edit.html", context)


@tenant_view(Perm.EDIT)
def exit_reason_remove(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    reason = get_scoped_or_404(ExitReason, tenant, pk=pk)
    back = reverse("initiatives:exit_reasons", args=[tenant.association.slug])
    if request.method == "POST":
        _removed(request, lambda v: services.exit_reason_delete(reason=reason, expected_version=v))
        return redirect(back)
    action = reverse("initiatives:exit_reason_remove", args=[tenant.association.slug, pk])
    return _confirm(request, _("Ta bort %(entry)s?") % {"entry": reason}, action, reason, back)


@tenant_view()
def priority_groups(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    found = scoped(PriorityTargetGroup, tenant)
    return render(request, "initiatives/lists/priority_groups.html", {"groups": found})


@tenant_view(Perm.EDIT)
def priority_group_edit(
    request: HttpRequest, tenant: Tenant, pk: int | None = None
) -> HttpResponse:
    group = get_scoped_or_404(PriorityTargetGroup, tenant, pk=pk) if pk else None
    form = PriorityGroupForm(request.POST or None, instance=group)
    back = reverse("initiatives:priority_groups", args=[tenant.association.slug])
    if _saved(request, tenant, form, group, services.priority_group_save, "group"):
        messages.success(request, _("Målgruppen är sparad."))
        return redirect(back)
    context = {"form": form, "entry": group, "back": back, "what": _("prioriterad målgrupp")}
    return render(request, "initiatives/lists/edit.html", context)


@tenant_view(Perm.EDIT)
def priority_group_remove(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    group = get_scoped_or_404(PriorityTargetGroup, tenant, pk=pk)
    back = reverse("initiatives:priority_groups", args=[tenant.association.slug])
    if request.method == "POST":
        _removed(request, lambda v: services.priority_group_delete(group=group, expected_version=v))
        return redirect(back)
    action = reverse("initiatives:priority_group_remove", args=[tenant.association.slug, pk])
    return _confirm(
        request, _("Ta bort målgruppen ”%(entry)s”?") % {"entry": group}, action, group, back
    )


def _next_number(tenant: Tenant) -> int:
    return (scoped(ExitReason, tenant).aggregate(top=Max("number"))["top"] or 0) + 1


def _saved(request, tenant: Tenant, form, entry, save: Save, keyword: str) -> bool:
    """Run the service on a valid post; errors (stale or invalid) land on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(
            association=tenant.association,
            expected_version=form.cleaned_data["version"],
            data=form.data_for_service(),
            **{keyword: entry},
        )
    except StaleEditError as stale:
        form.add_error(None, str(stale))
        return False
    except ValidationError as error:
        add_errors(form, error)  # each message at its field, all at once
        return False
    return True


def _removed(request: HttpRequest, delete: Callable[[int], None]) -> None:
    try:
        delete(_posted_version(request))
    except (StaleEditError, ValidationError) as refused:
        messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
    else:
        messages.success(request, _("Borttaget."))


def _confirm(request, message: str, action: str, entry, back: str) -> HttpResponse:
    context = {"message": message, "action": action, "fields": {"version": entry.version}}
    return render(request, "confirm.html", context | {"cancel": back})


def _posted_version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1
