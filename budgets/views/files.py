"""Budgets as xlsx files: download any document, upload a workbook as a draft."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from budgets.presentation import DisplayOptions
from budgets.selectors import budget_sheet, documents_of
from budgets.services import document_import
from budgets.xlsx.export import export_budget
from budgets.xlsx.importer import BudgetFileError, read_budget
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from finsam.uploads import check_workbook, limit_mb, refusal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(label="Budgetfil (xlsx)")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = f"Högst {limit_mb()} MB."


@tenant_view(Perm.DOWNLOAD_REPORTS)
def export(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(documents_of(tenant), tenant, pk=pk)
    options = DisplayOptions.from_query(document, request.GET)
    response = HttpResponse(export_budget(budget_sheet(document), options), content_type=XLSX)
    name = slugify(f"{document.title}-rev{document.revision}") or "budget"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@tenant_view(Perm.IMPORT)
def upload(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            refused = refusal(upload_file, upload_file.name, upload_file.size, check=check_workbook)
            if refused:
                raise BudgetFileError([refused])
            document = document_import(
                association=tenant.association,
                plan=read_budget(upload_file.read()),
                user=request.user,
            )
        except BudgetFileError as error:
            problems = error.problems
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, f"Inläst som utkast: {document}.")
            return redirect("budgets:document", tenant.association.slug, document.pk)
    return render(request, "budgets/upload.html", {"form": form, "problems": problems})
