"""Editing a draft's structure (lines, footnotes, columns) and its status, with plain forms."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from budgets import services
from budgets.forms import (
    AdoptForm,
    ColumnForm,
    DocumentSettingsForm,
    FootnoteForm,
    LineForm,
    NewLineForm,
    SectionForm,
)
from budgets.models import BudgetDocument, BudgetLine
from budgets.selectors import budget_sheet
from finsam.permissions import Perm
from budgets.views.common import posted_to_document
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from initiatives.models import Initiative
from members.models import Meeting
from members.selectors import members_during_year


def _attempt(request: HttpRequest, action: Callable[[], object], done: str) -> None:
    """Run a service; its refusal (ValidationError) becomes a message, never a 500."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


def _form_errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


def _back(document: BudgetDocument, page: str = "budgets:structure") -> HttpResponse:
    return redirect(page, document.association.slug, document.pk)


@tenant_view(Perm.EDIT)
def structure(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(BudgetDocument, tenant, pk=pk)
    context = {
        "document": document,
        "sheet": budget_sheet(document),
        "new_line": NewLineForm(),
        "column_form": ColumnForm(),
        "footnote_form": FootnoteForm(),
        "adopt_form": AdoptForm(),
        "settings_form": DocumentSettingsForm(initial=_settings_initial(document)),
        "section_form": SectionForm(),
        "meetings": Meeting.objects.filter(association=tenant.association).order_by("-date")[:20],
        "members": members_during_year(tenant.association, document.year),
        "initiatives": Initiative.objects.filter(association=tenant.association),
    }
    return render(request, "budgets/structure.html", context)


def _settings_initial(document: BudgetDocument) -> dict:
    initial = {name: getattr(document, name) for name in services.documents.SETTING_FIELDS}
    initial["counted_share"] = f"{document.counted_share.normalize():f}".replace(".", ",")
    return initial


@tenant_view(Perm.EDIT)
@posted_to_document
def line_add(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    form = NewLineForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(document)
    section = document.sections.filter(pk=form.cleaned_data["section"]).first()
    if section is None:
        messages.error(request, "Avsnittet finns inte i budgeten.")
        return _back(document)
    label, kind = form.cleaned_data["label"], form.cleaned_data["kind"]
    _attempt(request, lambda: services.line_add(section=section, label=label, kind=kind,
                                                user=request.user), f"Raden ”{label}” är tillagd.")
    return _back(document)


@tenant_view(Perm.EDIT)
@posted_to_document
def line_action(request: HttpRequest, tenant: Tenant, document: BudgetDocument, line: int) -> HttpResponse:
    found = get_scoped_or_404(BudgetLine.objects.select_related("document", "section"), tenant,
                              pk=line, document=document)
    action, user = request.POST.get("action", ""), request.user
    if action in ("upp", "ned"):
        _attempt(request, lambda: services.line_move(line=found, up=action == "upp", user=user), "Raden är flyttad.")
    elif action == "ta-bort":
        _attempt(request, lambda: services.line_delete(line=found, user=user), f"Raden ”{found.label}” är borttagen.")
    else:
        form = LineForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return _back(found.document)
        data = form.cleaned_data
        _attempt(request, lambda: services.line_update(
            line=found, label=data["label"], footnote_numbers=data["footnotes"], user=user,
            member_ids=data["members"], initiative_id=data["initiative"],
            exempt_from_share=data["exempt_from_share"]), "Raden är sparad.")
    return _back(found.document)


@tenant_view(Perm.EDIT)
@posted_to_document
def footnotes(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    found = document.footnotes.filter(pk=request.POST.get("footnote") or 0).first()
    form = FootnoteForm(request.POST)
    if request.POST.get("action") == "ta-bort" and found is not None:
        _attempt(request, lambda: services.footnote_delete(footnote=found, user=request.user), "Fotnoten är borttagen.")
    elif not form.is_valid():
        _form_errors(request, form)
    elif found is not None:
        _attempt(request, lambda: services.footnote_update(
            footnote=found, text=form.cleaned_data["text"], user=request.user), "Fotnoten är sparad.")
    else:
        _attempt(request, lambda: services.footnote_add(
            document=document, text=form.cleaned_data["text"], user=request.user), "Fotnoten är tillagd.")
    return _back(document)


@tenant_view(Perm.EDIT)
@posted_to_document
def columns(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    found = document.columns.filter(pk=request.POST.get("column") or 0).first()
    if request.POST.get("action") == "ta-bort" and found is not None:
        _attempt(request, lambda: services.column_delete(column=found, user=request.user), "Kolumnen är borttagen.")
        return _back(document)
    form = ColumnForm(request.POST)
    if form.is_valid():
        _attempt(request, lambda: services.column_add(document=document, user=request.user,
                                                      **form.cleaned_data), "Kolumnen är tillagd.")
    else:
        _form_errors(request, form)
    return _back(document)


@tenant_view(Perm.EDIT)
@posted_to_document
def adopt(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    form = AdoptForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(document)
    data = form.cleaned_data
    meeting = Meeting.objects.filter(association=tenant.association, pk=data["meeting"] or 0).first()
    _attempt(request, lambda: services.document_adopt(
        document=document, adopted_on=data["adopted_on"], meeting=meeting,
        diary_number=data["diary_number"], user=request.user), "Budgeten är fastställd.")
    return _back(document, "budgets:document")


@tenant_view(Perm.EDIT)
@posted_to_document
def new_revision(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    try:
        copy = services.document_new_revision(document=document, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(document, "budgets:document")
    messages.success(request, f"Revision {copy.revision} är skapad som utkast.")
    return _back(copy, "budgets:document")




@tenant_view(Perm.EDIT)
@posted_to_document
def settings(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    form = DocumentSettingsForm(request.POST)
    if form.is_valid():
        _attempt(request, lambda: services.document_update(
            document=document, settings=form.cleaned_data, user=request.user), "Inställningarna är sparade.")
    else:
        _form_errors(request, form)
    return _back(document)


@tenant_view(Perm.EDIT)
@posted_to_document
def sections(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> HttpResponse:
    form = SectionForm(request.POST)
    found = document.sections.filter(pk=request.POST.get("section") or 0).first()
    if not form.is_valid():
        _form_errors(request, form)
    elif found is not None:
        data = form.cleaned_data
        _attempt(request, lambda: services.section_update(
            section=found, name=data["name"], subtotal_label=data["subtotal_label"],
            show_subtotal=data["show_subtotal"], user=request.user), "Avsnittet är sparat.")
    elif form.cleaned_data["kind"] and form.cleaned_data["name"]:
        data = form.cleaned_data
        _attempt(request, lambda: services.section_add(
            document=document, name=data["name"], kind=data["kind"], user=request.user), "Avsnittet är tillagt.")
    else:
        messages.error(request, "Ange rubrik och slag för det nya avsnittet.")
    return _back(document)
