"""Editing a draft's structure (settings, sections, lines, footnotes, columns) and its status,
with plain forms that post and redirect back."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from budgets import services
from budgets.forms import (
    ColumnForm,
    DocumentSettingsForm,
    FootnoteForm,
    LineForm,
    NewLineForm,
    SectionForm,
)
from budgets.models import BudgetDocument, BudgetLine, ShareEntry
from budgets.selectors import budget_sheet
from budgets.services.ordering import order_fingerprint, section_delete
from budgets.views.common import posted_to_document, unconfirmed_delete
from finsam.forms import service_check
from finsam.lib.numbers import whole_number
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from initiatives.models import Initiative
from members.selectors import members_during_year


def _attempt(request: HttpRequest, done: str, service: Callable[..., Any], **kwargs: Any) -> Any:
    """Run a service as the user and return what it returned; its refusal (ValidationError,
    a stale edit) becomes a message, never a 500, and None is returned."""
    try:
        result = service(user=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except services.StaleEditError as stale:
        messages.error(request, str(stale))
    else:
        messages.success(request, done)
        return result
    return None


def _form_errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


# Posted by the grid page's small "new line" form: return there, not to the structure page.
FROM_GRID = "rutnat"


def _back(
    document: BudgetDocument, page: str = "budgets:structure", anchor: str = ""
) -> HttpResponse:
    """Back to the page; on the structure page to the item acted on (`#line-12`), so the
    browser shows the place the user was at, not the top of a long page."""
    url = reverse(page, args=[document.association.slug, document.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@tenant_view(Perm.EDIT)
def structure(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(BudgetDocument, tenant, pk=pk)
    association = tenant.association
    context = {
        "document": document,
        "sheet": budget_sheet(document),
        "column_order": order_fingerprint(document.columns.all()),
        "section_order": order_fingerprint(document.sections.all()),
        "new_line": NewLineForm(),
        "column_form": ColumnForm(),
        "footnote_form": FootnoteForm(),
        "settings_form": DocumentSettingsForm(initial=_settings_initial(document)),
        "section_form": SectionForm(),
        "members": members_during_year(association, document.year),
        "initiatives": Initiative.objects.filter(association=association),
        "share_entries": ShareEntry.choices,
    }
    return render(request, "budgets/structure.html", context)


def _settings_initial(document: BudgetDocument) -> dict:
    initial = {name: getattr(document, name) for name in services.documents.SETTING_FIELDS}
    initial["counted_share"] = f"{document.counted_share.normalize():f}".replace(".", ",")
    initial["version"] = document.version
    return initial


@tenant_view(Perm.EDIT)
@posted_to_document
def settings(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    form = DocumentSettingsForm(request.POST)
    if form.is_valid():
        settings = dict(form.cleaned_data)
        _attempt(
            request,
            _("Inställningarna är sparade."),
            services.document_update,
            document=document,
            expected=settings.pop("version"),
            settings=settings,
        )
    else:
        _form_errors(request, form)
    return _back(document, anchor="installningar")


@tenant_view(Perm.EDIT)
@posted_to_document
def sections(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    form = SectionForm(request.POST)
    found = document.sections.filter(pk=_posted_id(request, "section")).first()
    form.is_valid()  # cleaned: the checks below read it
    if found is None:
        # A new section's heading, kind and the model's rules with the form's own problems.
        service_check(form, lambda: services.check_new_section(document, form.cleaned_data))
    data = form.cleaned_data if form.is_valid() else None
    if request.POST.get("action") == "ta-bort" and found is not None:
        if unconfirmed := unconfirmed_delete(request, document, "avsnitt", found.pk):
            return unconfirmed
        _attempt(
            request,
            _("Avsnittet ”%(found)s” är borttaget.") % {"found": found},
            section_delete,
            section=found,
            expected_lines=request.POST.get("rader", ""),  # none sent: stale
        )
    elif data is None:
        _form_errors(request, form)
    elif found is not None:
        _attempt(
            request,
            _("Avsnittet är sparat."),
            services.section_update,
            section=found,
            name=data["name"],
            subtotal_label=data["subtotal_label"],
            show_subtotal=data["show_subtotal"],
            expected=data["version"],
        )
    else:
        _attempt(
            request,
            _("Avsnittet är tillagt."),
            services.section_add,
            document=document,
            name=data["name"],
            kind=data["kind"],
        )
    deleted = request.POST.get("action") == "ta-bort"
    return _back(document, anchor=f"section-{found.pk}" if found and not deleted else "avsnitt")


@tenant_view(Perm.EDIT)
@posted_to_document
def line_add(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    form = NewLineForm(request.POST)
    anchor = f"section-{_posted_id(request, 'section')}"
    form.is_valid()  # cleaned: the section is read from it
    section = document.sections.filter(pk=form.cleaned_data.get("section") or 0).first()
    if section is not None:
        # The model's rules on the new line (a carried-forward line among the costs, a
        # second one) in the same answer as the form's own problems.
        service_check(form, lambda: services.check_new_line(section, form.cleaned_data))
    if not form.is_valid():
        _form_errors(request, form)
        return _line_added(request, document, None, anchor)
    if section is None:
        messages.error(request, _("Avsnittet finns inte i budgeten."))
        return _line_added(request, document, None, anchor)
    label = form.cleaned_data["label"]
    line = _attempt(
        request,
        _("Raden ”%(label)s” är tillagd.") % {"label": label},
        services.line_add,
        section=section,
        label=label,
        kind=form.cleaned_data["kind"],
    )
    return _line_added(request, document, line, anchor)


def _line_added(
    request: HttpRequest, document: BudgetDocument, line: BudgetLine | None, anchor: str
) -> HttpResponse:
    if request.POST.get("till") != FROM_GRID:
        return _back(document, anchor=f"line-{line.pk}" if line else anchor)
    # Added from the grid: back to it, at the new line (whose first figure gets focus).
    grid = reverse("budgets:document", args=[document.association.slug, document.pk])
    return redirect(f"{grid}#rad-{line.pk}" if line else grid)


@tenant_view(Perm.EDIT)
@posted_to_document
def line_action(
    request: HttpRequest, tenant: Tenant, document: BudgetDocument, line: int
) -> HttpResponse:
    lines = BudgetLine.objects.select_related("document", "section")
    found = get_scoped_or_404(lines, tenant, pk=line, document=document)
    action = request.POST.get("action", "")
    if action in ("upp", "ned"):
        _attempt(
            request,
            _("Raden är flyttad."),
            services.line_move,
            line=found,
            up=action == "upp",
            expected=request.POST.get("was") or None,
        )
    elif action == "ta-bort":
        if unconfirmed := unconfirmed_delete(request, document, "rad", found.pk):
            return unconfirmed
        version = whole_number(request.POST.get("version", ""))
        _attempt(
            request,
            _("Raden ”%(found_label)s” är borttagen.") % {"found_label": found.label},
            services.line_delete,
            line=found,
            expected_version=-1 if version is None else version,  # none sent: stale
        )
    else:
        form = LineForm(request.POST)
        if not form.is_valid():
            # The footnotes' problems in the same answer as the form's own.
            service_check(
                form, lambda numbers: services.check_footnotes(document, numbers), "footnotes"
            )
            _form_errors(request, form)
            return _back(document, anchor=f"line-{found.pk}")
        data = form.cleaned_data
        _attempt(
            request,
            _("Raden är sparad."),
            services.line_update,
            line=found,
            label=data["label"],
            footnote_numbers=data["footnotes"],
            member_ids=data["members"],
            initiative_id=data["initiative"],
            exempt_from_share=data["exempt_from_share"],
            share_entry=data["share_entry"],
            expected_version=data["version"],
        )
    if action == "ta-bort":
        return _back(document, anchor=f"section-{found.section_id}")
    return _back(document, anchor=f"line-{found.pk}")


@tenant_view(Perm.EDIT)
@posted_to_document
def footnotes(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    found = document.footnotes.filter(pk=_posted_id(request, "footnote")).first()
    form = FootnoteForm(request.POST)
    if request.POST.get("action") == "ta-bort" and found is not None:
        if unconfirmed := unconfirmed_delete(request, document, "fotnot", found.pk):
            return unconfirmed
        _attempt(request, _("Fotnoten är borttagen."), services.footnote_delete, footnote=found)
    elif not form.is_valid():
        _form_errors(request, form)
    elif found is not None:
        _attempt(
            request,
            _("Fotnoten är sparad."),
            services.footnote_update,
            footnote=found,
            text=form.cleaned_data["text"],
            expected=form.cleaned_data["version"],
        )
    else:
        _attempt(
            request,
            _("Fotnoten är tillagd."),
            services.footnote_add,
            document=document,
            text=form.cleaned_data["text"],
        )
    return _back(document, anchor="fotnoter")


@tenant_view(Perm.EDIT)
@posted_to_document
def columns(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    found = document.columns.filter(pk=_posted_id(request, "column")).first()
    if request.POST.get("action") == "ta-bort" and found is not None:
        if unconfirmed := unconfirmed_delete(request, document, "kolumn", found.pk):
            return unconfirmed
        _attempt(request, _("Kolumnen är borttagen."), services.column_delete, column=found)
        return _back(document, anchor="kolumner")
    form = ColumnForm(request.POST)
    form.is_valid()  # cleaned: the check below reads it
    # The model's rule (one column of a kind and year) with the form's own problems.
    service_check(form, lambda: services.check_new_column(document, form.cleaned_data))
    if form.is_valid():
        _attempt(
            request,
            _("Kolumnen är tillagd."),
            services.column_add,
            document=document,
            **form.cleaned_data,
        )
    else:
        _form_errors(request, form)
    return _back(document, anchor="kolumner")


@tenant_view(Perm.EDIT)
@posted_to_document
def new_revision(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    try:
        copy = services.document_new_revision(document=document, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(document, "budgets:document")
    messages.success(
        request, _("Revision %(revision)s är skapad som utkast.") % {"revision": copy.revision}
    )
    return _back(copy, "budgets:document")


def _posted_id(request: HttpRequest, name: str) -> int:
    """The id a form posted, or 0 (which finds nothing) when it is not a number."""
    value = request.POST.get(name, "")
    return whole_number(value) or 0
