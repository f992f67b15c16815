"""Budgets as xlsx files: download any document, upload a workbook as a draft (through the
import pipeline: read, previewed and applied by jobs)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from budgets.apps import BUDGET_FILE
from budgets.presentation import DisplayOptions
from budgets.selectors import budget_sheet, documents_of
from budgets.xlsx.export import export_budget
from finsam.imports.batches import import_discard
from finsam.imports.pages import apply_answer, preview_answer, reading_answer
from finsam.imports.rows import Plan
from finsam.models import ImportBatch
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from finsam.uploads import limit_mb

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Budgetfil (xlsx)"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Högst %(limit_mb)s MB.") % {"limit_mb": limit_mb()}


@tenant_view(Perm.DOWNLOAD_REPORTS)
def export(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(documents_of(tenant), tenant, pk=pk)
    options = DisplayOptions.from_query(document, request.GET)
    response = HttpResponse(export_budget(budget_sheet(document), options), content_type=XLSX)
    name = slugify(f"{document.title}-rev{document.revision}") or "budget"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@tenant_view(Perm.EDIT)
def upload(request: HttpRequest, tenant: Tenant) -> HttpResponseBase:
    """Upload a workbook; it is read and previewed by a job like every imported file
    (`finsam.imports.pages`), and nothing changes until the preview is confirmed. Office
    staff may import: the file becomes a draft, which they can edit anyway."""
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        answer = reading_answer(
            request, tenant, kind=BUDGET_FILE, upload=upload_file, perm=Perm.EDIT
        )
        if not isinstance(answer, Plan):
            return answer
        problems = [str(problem) for problem in answer.problems]  # refused at once
    return render(request, "budgets/upload.html", {"form": form, "problems": problems})


@tenant_view(Perm.EDIT)
def import_preview(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    """Every change the file makes, as the job that read it found them."""
    batch = _budget_file(tenant, pk)
    plan = preview_answer(request, tenant, batch, frozenset(), Perm.EDIT)
    if isinstance(plan, HttpResponseBase):
        return plan
    slug = tenant.association.slug
    context: dict[str, object] = {
        "batch": batch,
        "plan": plan,
        "choices": [],
        "decide_url": reverse("budgets:import_decide", args=[slug, batch.pk]),
        "back_url": reverse("budgets:list", args=[slug]),
        "back_label": _("Alla budgetar"),
    }
    return render(request, "finsam/import_preview.html", context)


@tenant_view(Perm.EDIT)
@require_POST
def import_decide(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    batch = _budget_file(tenant, pk)
    if "discard" not in request.POST:
        return apply_answer(request, tenant, batch, Perm.EDIT)
    try:
        import_discard(batch=batch)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.info(request, _("Inläsningen är avbruten; inget ändrades."))
    return redirect("budgets:upload", tenant.association.slug)


def _budget_file(tenant: Tenant, pk: int) -> ImportBatch:
    """A budget file of the association (another kind of file is the import pages' business)."""
    return get_scoped_or_404(ImportBatch.objects.filter(kind=BUDGET_FILE), tenant, pk=pk)
