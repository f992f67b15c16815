"""Pages of the association's groups and meeting calendar: everyone reads, staff edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam.errors import StaleEditError
from finsam.forms import YearField, add_errors
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from members import selectors
from members.groups_forms import GroupForm, GroupMemberForm, MeetingForm
from members.groups_services import (
    group_member_add,
    group_member_remove,
    group_save,
    meeting_delete,
    meeting_save,
)
from members.models import Group, GroupMembership, Meeting


@tenant_view()
def groups(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    found = selectors.groups_of(tenant.association)
    return render(request, "members/groups/groups.html", {"groups": found})


@tenant_view(Perm.EDIT)
def group_edit(request: HttpRequest, tenant: Tenant, pk: int | None = None) -> HttpResponse:
    group = get_scoped_or_404(Group, tenant, pk=pk) if pk else None
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            group_save(
                association=tenant.association,
                group=group,
                expected_version=form.cleaned_data["version"],
                data=form.data_for_service(),
            )
        except StaleEditError as stale:
            messages.error(request, str(stale))
        except ValidationError as error:
            add_errors(form, error)  # each message at its field
            return render(request, "members/groups/group_edit.html", {"form": form})
        else:
            messages.success(request, _("Gruppen är sparad."))
        return redirect("members:groups", tenant.association.slug)
    return render(request, "members/groups/group_edit.html", {"form": form, "group": group})


@tenant_view(Perm.EDIT)
def group_member_new(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    group = get_scoped_or_404(Group, tenant, pk=pk)
    form = GroupMemberForm(
        request.POST or None,
        association=tenant.association,
        group=group,
        initial={"version": group.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            group_member_add(
                group=group,
                expected_version=form.cleaned_data["version"],
                **{name: form.cleaned_data[name] for name in ("person", "member", "role")},
            )
        except StaleEditError as stale:
            messages.error(request, str(stale))
        except ValidationError as error:
            add_errors(form, error)  # each message at its field
            return render(request, "members/groups/member_new.html", {"form": form, "group": group})
        else:
            messages.success(request, _("Gruppmedlemmen är tillagd."))
        return redirect("members:groups", tenant.association.slug)
    return render(request, "members/groups/member_new.html", {"form": form, "group": group})


@tenant_view(Perm.EDIT)
def group_member_remove_confirm(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    seat = get_scoped_or_404(GroupMembership.objects.select_related("group"), tenant, pk=pk)
    slug = tenant.association.slug
    if request.method == "POST":
        try:
            group_member_remove(seat=seat, expected_version=_posted_version(request))
        except StaleEditError as stale:
            messages.error(request, str(stale))
        else:
            messages.success(request, _("Gruppmedlemmen är borttagen."))
        return redirect("members:groups", slug)
    who = seat.person or seat.member
    context = {
        "message": _("Ta bort %(who)s ur %(group)s?") % {"who": who, "group": seat.group},
        "action": reverse("members:group_member_remove", args=[slug, pk]),
        "fields": {"version": seat.group.version},
        "cancel": reverse("members:groups", args=[slug]),
    }
    return render(request, "confirm.html", context)


@tenant_view()
def meetings(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    today = timezone.localdate()
    field = YearField(required=False)
    try:
        year = field.clean(request.GET.get("ar")) or today.year
    except ValidationError:
        year = today.year
    context = {
        "year": year,
        "months": selectors.meeting_calendar(tenant.association, year, today),
    }
    return render(request, "members/groups/meetings.html", context)


@tenant_view(Perm.EDIT)
def meeting_edit(request: HttpRequest, tenant: Tenant, pk: int | None = None) -> HttpResponse:
    meeting = get_scoped_or_404(Meeting, tenant, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, association=tenant.association)
    if request.method == "POST" and form.is_valid():
        try:
            saved = meeting_save(
                association=tenant.association,
                meeting=meeting,
                expected_version=form.cleaned_data["version"],
                data=form.data_for_service(),
            )
        except StaleEditError as stale:
            messages.error(request, str(stale))
            return redirect("members:meetings", tenant.association.slug)
        except ValidationError as error:
            add_errors(form, error)  # each message at its field
        else:
            messages.success(request, _("Mötet är sparat."))
            url = reverse("members:meetings", args=[tenant.association.slug])
            return redirect(f"{url}?ar={saved.date.year}")
    return render(request, "members/groups/meeting_edit.html", {"form": form, "meeting": meeting})


@tenant_view(Perm.EDIT)
def meeting_remove(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    meeting = get_scoped_or_404(Meeting, tenant, pk=pk)
    slug = tenant.association.slug
    if request.method == "POST":
        try:
            meeting_delete(meeting=meeting, expected_version=_posted_version(request))
        except (StaleEditError, ValidationError) as refused:
            messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
        else:
            messages.success(request, _("Mötet är borttaget."))
        return redirect("members:meetings", slug)
    context = {
        "message": _("Ta bort %(meeting)s?") % {"meeting": meeting},
        "action": reverse("members:meeting_remove", args=[slug, pk]),
        "fields": {"version": meeting.version},
        "cancel": reverse("members:meetings", args=[slug]),
    }
    return render(request, "confirm.html", context)


def _posted_version(request: HttpRequest) -> int:
    """The version a confirmation page showed; a missing or broken one counts as stale."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1
