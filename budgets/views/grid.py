"""The budget list, the grid page and the endpoint that saves one figure and returns totals."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from budgets.differences import adopted_differences
from budgets.forms import CellForm, CommentForm, NewDocumentForm, PasteForm
from budgets.models import BudgetColumn, BudgetDocument, BudgetLine
from budgets.presentation import DisplayOptions, grid_rows, live_cells, visible_columns
from budgets.selectors import BudgetSheet, budget_sheet, comment_threads, documents_of
from budgets.services import (
    StaleEditError,
    budget_amount_set,
    budget_amounts_paste,
    document_create,
)
from budgets.views.common import posted_to_document
from finsam.forms import year_range_message
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from finsam.versions import stale_message


@tenant_view()
def document_list(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    context = {"documents": documents_of(tenant), "form": NewDocumentForm()}
    return render(request, "budgets/list.html", context)


@tenant_view(Perm.EDIT)
@require_POST
def document_new(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = NewDocumentForm(request.POST)
    if not form.is_valid():
        messages.error(request, year_range_message(_("rubrik och ett budgetår")))
        return redirect("budgets:list", tenant.association.slug)
    created = document_create(
        association=tenant.association, user=request.user, **form.cleaned_data
    )
    messages.success(
        request, _("Budgeten ”%(budget)s” är skapad som utkast.") % {"budget": created}
    )
    return redirect("budgets:structure", tenant.association.slug, created.pk)


def grid_context(sheet: BudgetSheet, options: DisplayOptions, tenant: Tenant) -> dict:
    editable = tenant.can_edit and sheet.document.is_draft
    return {
        "sheet": sheet,
        "document": sheet.document,
        "options": options,
        "columns": visible_columns(sheet, options),
        "rows": grid_rows(sheet, options, editable=editable),
        "editable": editable,
    }


@tenant_view()
def document_grid(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(documents_of(tenant), tenant, pk=pk)
    options = DisplayOptions.from_query(document, request.GET)
    sheet = budget_sheet(document)
    context = grid_context(sheet, options, tenant)
    context["differences"] = adopted_differences(sheet)
    context["comment_threads"] = comment_threads(document)
    context["comment_form"] = CommentForm(document=document)
    return render(request, "budgets/document.html", context)


@tenant_view(Perm.EDIT)
@posted_to_document
def cell_save(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> JsonResponse:
    form = CellForm(request.POST, document=document)
    if not form.is_valid():
        errors = " ".join(str(error) for error in form.non_field_errors())
        return JsonResponse({"ok": False, "error": errors}, status=400)
    data = form.cleaned_data
    try:
        budget_amount_set(
            line=data["line"],
            column=data["column"],
            amount=data["amount"],
            expected=data["expected"],
            user=request.user,
        )
    except StaleEditError as stale:
        options = DisplayOptions.from_query(document, data)
        answer = _stale_answer(stale.current, data["line"], data["column"], options)
        # The totals the page shows were computed before the other person's save.
        return JsonResponse(_payload(document, options, tenant) | answer, status=409)
    except ValidationError as error:
        return JsonResponse({"ok": False, "error": " ".join(error.messages)}, status=400)
    return JsonResponse(_payload(document, DisplayOptions.from_query(document, data), tenant))


@tenant_view(Perm.EDIT)
@posted_to_document
def cells_paste(request: HttpRequest, tenant: Tenant, document: BudgetDocument) -> JsonResponse:
    """A block pasted from a spreadsheet: saved in one go, with a message per refused cell."""
    form = PasteForm(request.POST, document=document)
    if not form.is_valid():
        errors = " ".join(str(error) for error in form.non_field_errors())
        return JsonResponse({"ok": False, "error": errors}, status=400)
    pasted, options = form.cleaned_data["pasted"], form.cleaned_data["options"]
    refused = {cell.key: cell.error for cell in pasted if cell.edit is None}
    edits = {cell.edit: cell.key for cell in pasted if cell.edit is not None}
    try:
        stale = budget_amounts_paste(document=document, edits=list(edits), user=request.user)
    except ValidationError as error:
        return JsonResponse({"ok": False, "error": " ".join(error.messages)}, status=400)
    for edit, refusal in stale.items():
        answer = _stale_answer(refusal.current, edit.line, edit.column, options)
        refused[edits[edit]] = answer["error"]
    payload = _payload(document, options, tenant)
    return JsonResponse(payload | {"refused": refused, "saved": len(edits) - len(stale)})


def _payload(document: BudgetDocument, options: DisplayOptions, tenant: Tenant) -> dict:
    """Every figure of the grid as now computed, keyed by cell id, and the checks as HTML."""
    context = grid_context(budget_sheet(document), options, tenant)
    checks = render_to_string("budgets/_checks.html", context)
    return {"ok": True, "cells": live_cells(context["rows"]), "checks_html": checks}


def _stale_answer(
    current: Decimal | None, line: BudgetLine, column: BudgetColumn, options: DisplayOptions
) -> dict:
    """What the page shows at a cell someone else changed: the figure stored now, by name."""
    shown = "" if current is None else options.text(current, cost=line.section.is_cost)
    message = stale_message(_("Beloppet"), now=shown or _("inget inskrivet"))
    stored = "" if current is None else str(int(current))
    return {
        "ok": False,
        "stale": True,
        "error": f"{line.label}, {column.label}: {message}",
        "typed": shown,
        "stored": stored,
    }
