"""Budgets as xlsx files: download any document, upload a workbook as a draft."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from budgets.presentation import DisplayOptions
from budgets.selectors import budget_sheet, documents_of
from budgets.services.import_preview import (
    budget_file_apply,
    import_preview,
    pending_file,
    pending_file_remove,
    pending_file_save,
)
from budgets.xlsx.export import export_budget
from budgets.xlsx.importer import BudgetFileError, read_budget
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from finsam.uploads import check_workbook, limit_mb, refusal

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
def upload(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    """Upload a workbook and see every change it makes; nothing changes until confirmed.
    Office staff may import: the file becomes a draft, which they can edit anyway."""
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            refused = refusal(upload_file, upload_file.name, upload_file.size, check=check_workbook)
            if refused:
                raise BudgetFileError([refused])
            content = upload_file.read()
            preview = import_preview(
                association=tenant.association, plan=read_budget(content), user=request.user
            )
        except (BudgetFileError, ValidationError) as error:
            problems = _problems(error)
        else:
            key = pending_file_save(association=tenant.association, content=content)
            context = {"preview": preview, "key": key, "filename": upload_file.name}
            return render(request, "budgets/upload_preview.html", context)
    return render(request, "budgets/upload.html", {"form": form, "problems": problems})


@tenant_view(Perm.EDIT)
@require_POST
def upload_confirm(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    association, key = tenant.association, request.POST.get("key", "")
    content = pending_file(association=association, key=key)
    if content is None or "discard" in request.POST:
        pending_file_remove(association=association, key=key)
        gone = _("Filen finns inte längre; ladda upp den igen.")
        messages.info(request, _("Inläsningen är avbruten; inget ändrades.") if content else gone)
        return redirect("budgets:upload", association.slug)
    try:
        document = budget_file_apply(
            association=association,
            content=content,
            digest=request.POST.get("digest", ""),
            user=request.user,
        )
    except (BudgetFileError, ValidationError) as error:
        form = UploadForm()
        return render(request, "budgets/upload.html", {"form": form, "problems": _problems(error)})
    pending_file_remove(association=association, key=key)
    messages.success(request, _("Inläst som utkast: %(document)s.") % {"document": document})
    return redirect("budgets:document", association.slug, document.pk)


def _problems(error: BudgetFileError | ValidationError) -> list[str]:
    return error.problems if isinstance(error, BudgetFileError) else error.messages
