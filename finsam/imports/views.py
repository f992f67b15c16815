"""Pages where admins bring in files, of every kind the apps register (`finsam.imports.kinds`)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from finsam.backup.tasks import association_export as export_task
from finsam.imports.batches import IMPORTERS, MISSING_FILE, batch_file_exists, import_discard
from finsam.imports.kinds import kind_choices
from finsam.imports.pages import apply_answer, preview_answer, reading_answer
from finsam.imports.rows import Plan
from finsam.jobs.responses import job_response
from finsam.jobs.runner import job_start
from finsam.models import ImportBatch
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, scoped, tenant_view
from finsam.uploads import limit_mb

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Vad innehåller filen?"), choices=kind_choices)
    file = forms.FileField(label=gettext_lazy("Fil (.xlsx, .csv eller SIE .se/.si/.sie)"))
    period_end = forms.DateField(
        label=gettext_lazy("Råbalansens datum"),
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text=gettext_lazy("Bara för råbalanser: den dag saldona avser, t.ex. 2014-08-31."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Högst %(limit)s MB; SIE-filer högst %(sie)s MB.") % {
            "limit": limit_mb(),
            "sie": limit_mb(sie=True),
        }


@tenant_view(Perm.IMPORT)
def imports(request: HttpRequest, tenant: Tenant) -> HttpResponseBase:
    form = UploadForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answer = reading_answer(
            request,
            tenant,
            kind=data["kind"],
            upload=data["file"],
            perm=Perm.IMPORT,
            period_end=data["period_end"],
        )
        if not isinstance(answer, Plan):
            return answer
        plan = answer  # refused at once: the problems beside the form
        if plan.suggested_kind:  # an SIE file uploaded as something else: offered as SIE
            form = UploadForm(initial={"kind": plan.suggested_kind})
    history = scoped(ImportBatch, tenant).select_related("uploaded_by")[:50]
    context = {"form": form, "plan": plan, "history": history, "year": timezone.localdate().year}
    return render(request, "finsam/imports.html", context)


@tenant_view(Perm.IMPORT)
def import_preview(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    batch = get_scoped_or_404(ImportBatch, tenant, pk=pk)
    choices = frozenset(request.GET.getlist("choice"))
    plan = preview_answer(request, tenant, batch, choices, Perm.IMPORT)
    if isinstance(plan, HttpResponseBase):
        return plan
    slug = tenant.association.slug
    context = {
        "batch": batch,
        "plan": plan,
        "choices": sorted(choices),
        "decide_url": reverse("members:import_decide", args=[slug, batch.pk]),
        "back_url": reverse("members:imports", args=[slug]),
    }
    return render(request, "finsam/import_preview.html", context)


@tenant_view(Perm.IMPORT)
@require_POST
def import_decide(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    batch = get_scoped_or_404(ImportBatch, tenant, pk=pk)
    if "discard" in request.POST:
        return _discarded(request, tenant, batch)
    return apply_answer(request, tenant, batch, Perm.IMPORT)


def _discarded(request: HttpRequest, tenant: Tenant, batch: ImportBatch) -> HttpResponse:
    try:
        import_discard(batch=batch)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("members:imports", tenant.association.slug)
    messages.info(
        request,
        _("Importen av %(filename)s är avbruten; inget ändrades.") % {"filename": batch.filename},
    )
    return redirect("members:imports", tenant.association.slug)


@tenant_view(Perm.IMPORT)
@require_POST
def association_export(request: HttpRequest, tenant: Tenant) -> HttpResponseBase:
    """The whole association as a zip file (docs/backup.md), written in the background."""
    job = job_start(
        association=tenant.association,
        user=request.user,
        kind="association_export",
        title=_("Export av %(name)s") % {"name": tenant.association.name},
        perm=Perm.IMPORT,
        task=export_task,
    )
    return job_response(request, job)


@tenant_view(Perm.VIEW_HISTORY)
def import_file(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    batch = get_scoped_or_404(ImportBatch, tenant, pk=pk)
    if not batch_file_exists(batch):
        messages.error(request, MISSING_FILE % {"name": batch.filename})
        return redirect("members:overview", tenant.association.slug)
    return FileResponse(batch.file.open("rb"), as_attachment=True, filename=batch.filename)


@tenant_view(Perm.VIEW)
def import_blank(request: HttpRequest, tenant: Tenant, kind: str) -> HttpResponse:
    importer = IMPORTERS.get(kind)
    if importer is None or importer.blank is None:
        messages.error(request, _("Det finns ingen mall för ”%(kind)s”.") % {"kind": kind})
        return redirect("members:overview", tenant.association.slug)
    year = timezone.localdate().year + 1
    content = importer.blank(tenant.association, year)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mall-{kind}-{year}.xlsx"'
    return response
