"""Pages where admins bring in files, of every kind the apps register (`finsam.imports.kinds`)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from finsam.backup.tasks import association_export as export_task
from finsam.imports.batches import (
    IMPORTERS,
    MISSING_FILE,
    batch_file_exists,
    import_discard,
    import_spool,
)
from finsam.imports.kinds import kind_choices
from finsam.imports.rows import plan_restored
from finsam.imports.tasks import apply_import, preview_import, preview_key, preview_url, read_import
from finsam.jobs.responses import job_response
from finsam.jobs.runner import job_start
from finsam.jobs.selectors import job_answered
from finsam.models import ImportBatch, Job, JobStatus
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
        job = _reading_started(request, tenant, form.cleaned_data)
        if job.status != JobStatus.FAILED or "plan" not in job.result:
            return job_response(request, job)
        # Refused at once (a backend without a queue): the problems beside the form, as before.
        plan = plan_restored(job.result["plan"])
        if plan.suggested_kind:  # an SIE file uploaded as something else: offered as SIE
            form = UploadForm(initial={"kind": plan.suggested_kind})
    history = scoped(ImportBatch, tenant).select_related("uploaded_by")[:50]
    context = {"form": form, "plan": plan, "history": history, "year": timezone.localdate().year}
    return render(request, "finsam/imports.html", context)


def _reading_started(request: HttpRequest, tenant: Tenant, data: dict) -> Job:
    """The file is copied aside here; reading it (which may take long) is a job."""
    upload, period_end = data["file"], data["period_end"]
    spooled = import_spool(upload)
    return job_start(
        association=tenant.association,
        user=request.user,
        kind="import_read",
        title=_("Granskar %(filename)s") % {"filename": upload.name},
        perm=Perm.IMPORT,
        task=read_import,
        kind_of_file=data["kind"],
        filename=upload.name,
        spooled=[str(spooled.path), spooled.size, spooled.sha256],
        period_end=period_end.isoformat() if period_end else None,
    )


@tenant_view(Perm.IMPORT)
def import_preview(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    batch = get_scoped_or_404(ImportBatch, tenant, pk=pk)
    choices = frozenset(request.GET.getlist("choice"))
    plan = None
    if batch.is_open:
        job = job_answered(tenant.association.pk, preview_key(batch.pk, choices))
        if job is None:
            job = _preview_started(request, tenant, batch, choices)
            if job.status != JobStatus.DONE:
                return job_response(request, job)
        plan = plan_restored(job.result["plan"])
    context = {"batch": batch, "plan": plan, "choices": sorted(choices)}
    return render(request, "finsam/import_preview.html", context)


def _preview_started(
    request: HttpRequest, tenant: Tenant, batch: ImportBatch, choices: frozenset[str]
) -> Job:
    return job_start(
        association=tenant.association,
        user=request.user,
        kind="import_preview",
        title=_("Granskar %(filename)s") % {"filename": batch.filename},
        key=preview_key(batch.pk, choices),
        perm=Perm.IMPORT,
        task=preview_import,
        batch_id=batch.pk,
        choices=sorted(choices),
    )


@tenant_view(Perm.IMPORT)
@require_POST
def import_decide(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    batch = get_scoped_or_404(ImportBatch, tenant, pk=pk)
    if "discard" in request.POST:
        return _discarded(request, tenant, batch)
    choices = frozenset(request.POST.getlist("choice"))
    job = job_start(
        association=tenant.association,
        user=request.user,
        kind="import_apply",
        title=_("Läser in %(filename)s") % {"filename": batch.filename},
        perm=Perm.IMPORT,
        task=apply_import,
        batch_id=batch.pk,
        confirmed=request.POST.get("confirmed") == "1",
        choices=sorted(choices),
    )
    if job.status == JobStatus.FAILED:  # refused at once: back to the preview, as before
        problems = " ".join(job.message.splitlines())
        messages.error(request, _("Inget lästes in: %(problems)s") % {"problems": problems})
        return redirect(preview_url(tenant.association.slug, batch.pk, choices))
    if job.status == JobStatus.DONE:
        messages.success(request, job.message)
    return job_response(request, job)


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
