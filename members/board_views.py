"""Pages of the board, the auditors and the office: everyone reads; admins and staff edit.

Ending a seat, a term or a post asks first: its page names what ends and takes the last day.
"""

from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam.errors import StaleEditError
from finsam.forms import add_errors
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from members import board_selectors, board_services, selectors
from members.board_forms import (
    AuditorEditForm,
    AuditorForm,
    EndForm,
    OfficeEditForm,
    OfficeForm,
    SeatEditForm,
    SeatForm,
)
from members.models import Auditor, BoardSeat, OfficePost
from members.views import day_from_query


def _saved(request: HttpRequest, form, save: Callable[[], object], done: str) -> bool:
    """Validate and save through the service; False shows the form again with what is wrong."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except StaleEditError as stale:
        # The form would show this person's values again; after the redirect the page
        # holds what is stored now, the other person's change.
        messages.error(request, str(stale))
        form.stale = True
        return False
    except ValidationError as error:
        add_errors(form, error)
        return False
    messages.success(request, done)
    return True


def _form_page(request: HttpRequest, form, *, title: str, back: str) -> HttpResponse:
    if getattr(form, "stale", False):
        return redirect(request.get_full_path())
    context = {"form": form, "title": title, "back": back}
    return render(request, "members/board/edit.html", context)


def _url(tenant: Tenant, name: str, *args: object) -> str:
    return reverse(f"members:{name}", args=[tenant.association.slug, *args])


# The board


@tenant_view()
def board(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    day = day_from_query(request)
    context = {
        "day": day,
        "board": selectors.board_on(tenant.association, day),
        "seats": board_selectors.board_seats_of(tenant.association),
    }
    return render(request, "members/board/board.html", context)


@tenant_view(Perm.EDIT)
def board_seat_new(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    # A successor's seat opens with the ended seat's member, kind and position, the day after.
    asked = request.GET
    initial = {
        "appointed_by": asked.get("utsedd_av"),
        "kind": asked.get("slag"),
        "position": asked.get("uppdrag"),
        "start": asked.get("fran"),
    }
    form = SeatForm(request.POST or None, association=tenant.association, initial=initial)

    def save() -> None:
        board_services.board_seat_appoint(association=tenant.association, data=form.values())

    if _saved(request, form, save, _("Styrelseplatsen är sparad.")):
        return redirect(_url(tenant, "board"))
    return _form_page(request, form, title=_("Ny styrelseplats"), back=_url(tenant, "board"))


@tenant_view(Perm.EDIT)
def board_seat_edit(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    seat = get_scoped_or_404(BoardSeat, tenant, pk=pk)
    form = SeatEditForm(
        request.POST or None,
        association=tenant.association,
        row=seat,
        initial=SeatForm.initial_for(seat),
    )

    def save() -> None:
        board_services.board_seat_update(
            seat=seat, expected_version=form.cleaned_data["version"], data=form.values()
        )

    if _saved(request, form, save, _("Styrelseplatsen är sparad.")):
        return redirect(_url(tenant, "board"))
    title = _("Ändra styrelseplats: %(seat)s") % {"seat": seat}
    return _form_page(request, form, title=title, back=_url(tenant, "board"))


def _successor_url(tenant: Tenant, seat: BoardSeat) -> str:
    assert seat.end is not None  # a seat just ended
    query = {
        "utsedd_av": seat.appointed_by_id,
        "slag": seat.kind,
        "uppdrag": seat.position,
        "fran": (seat.end + timedelta(days=1)).isoformat(),
    }
    return f"{_url(tenant, 'board_seat_new')}?{urlencode(query)}"


@tenant_view(Perm.EDIT)
def board_seat_end(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    seat = get_scoped_or_404(BoardSeat.objects.select_related("person"), tenant, pk=pk)
    ended: list[BoardSeat] = []

    def end(form: EndForm) -> None:
        expected, last = form.cleaned_data["version"], form.cleaned_data["end"]
        ended.append(board_services.board_seat_end(seat=seat, expected_version=expected, end=last))

    back = _url(tenant, "board")

    def after() -> str:
        return _successor_url(tenant, ended[0]) if "eftertradare" in request.POST else back

    question = _("Avsluta styrelseplatsen för %(seat)s, från %(start)s?") % {
        "seat": seat,
        "start": seat.start.isoformat(),
    }
    return _end_page(request, seat, end, question=question, back=back, after=after)


def _end_page(
    request: HttpRequest,
    row: BoardSeat | Auditor | OfficePost,
    end: Callable[[EndForm], None],
    *,
    question: str,
    back: str,
    after: Callable[[], str],
) -> HttpResponse:
    """Ask before ending `row`; the form takes its last day."""
    form = EndForm(request.POST or None, initial=EndForm.initial_for(row, timezone.localdate()))
    if _saved(request, form, lambda: end(form), _("Sparat: sista dagen är satt.")):
        return redirect(after())
    if getattr(form, "stale", False):
        return redirect(request.get_full_path())
    context = {"form": form, "question": question, "back": back, "row": row}
    return render(request, "members/board/end.html", context)


# Auditors


@tenant_view()
def auditors(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    rows = board_selectors.auditors_of(tenant.association)
    return render(request, "members/board/auditors.html", {"auditors": rows})


@tenant_view(Perm.EDIT)
def auditor_new(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = AuditorForm(request.POST or None, association=tenant.association)

    def save() -> None:
        board_services.auditor_add(association=tenant.association, data=form.values())

    if _saved(request, form, save, _("Revisorn är sparad.")):
        return redirect(_url(tenant, "auditors"))
    return _form_page(request, form, title=_("Ny revisor"), back=_url(tenant, "auditors"))


@tenant_view(Perm.EDIT)
def auditor_edit(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    auditor = get_scoped_or_404(Auditor, tenant, pk=pk)
    initial = AuditorForm.initial_for(auditor)
    form = AuditorEditForm(
        request.POST or None, association=tenant.association, row=auditor, initial=initial
    )

    def save() -> None:
        board_services.auditor_update(
            auditor=auditor, expected_version=form.cleaned_data["version"], data=form.values()
        )

    if _saved(request, form, save, _("Revisorn är sparad.")):
        return redirect(_url(tenant, "auditors"))
    title = _("Ändra revisor: %(auditor)s") % {"auditor": auditor}
    return _form_page(request, form, title=title, back=_url(tenant, "auditors"))


@tenant_view(Perm.EDIT)
def auditor_end(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    auditor = get_scoped_or_404(Auditor, tenant, pk=pk)

    def end(form: EndForm) -> None:
        expected, last = form.cleaned_data["version"], form.cleaned_data["end"]
        board_services.auditor_end(auditor=auditor, expected_version=expected, end=last)

    back = _url(tenant, "auditors")
    question = _("Avsluta revisorsuppdraget för %(auditor)s?") % {"auditor": auditor}
    return _end_page(request, auditor, end, question=question, back=back, after=lambda: back)


# The office


@tenant_view()
def office(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    rows = board_selectors.office_posts_of(tenant.association)
    return render(request, "members/board/office.html", {"posts": rows})


@tenant_view(Perm.EDIT)
def office_post_new(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = OfficeForm(request.POST or None, association=tenant.association)

    def save() -> None:
        board_services.office_post_add(association=tenant.association, data=form.values())

    if _saved(request, form, save, _("Tjänsten är sparad.")):
        return redirect(_url(tenant, "office"))
    return _form_page(request, form, title=_("Ny tjänst i kansliet"), back=_url(tenant, "office"))


@tenant_view(Perm.EDIT)
def office_post_edit(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    post = get_scoped_or_404(OfficePost, tenant, pk=pk)
    initial = OfficeForm.initial_for(post)
    form = OfficeEditForm(
        request.POST or None, association=tenant.association, row=post, initial=initial
    )

    def save() -> None:
        board_services.office_post_update(
            post=post, expected_version=form.cleaned_data["version"], data=form.values()
        )

    if _saved(request, form, save, _("Tjänsten är sparad.")):
        return redirect(_url(tenant, "office"))
    title = _("Ändra tjänst: %(post)s") % {"post": post}
    return _form_page(request, form, title=title, back=_url(tenant, "office"))


@tenant_view(Perm.EDIT)
def office_post_end(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    post = get_scoped_or_404(OfficePost, tenant, pk=pk)

    def end(form: EndForm) -> None:
        expected, last = form.cleaned_data["version"], form.cleaned_data["end"]
        board_services.office_post_end(post=post, expected_version=expected, end=last)

    back = _url(tenant, "office")
    question = _("Avsluta tjänsten %(post)s?") % {"post": post}
    return _end_page(request, post, end, question=question, back=back, after=lambda: back)
