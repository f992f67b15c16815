"""What every page taking in a file does, whichever app shows it (the import pages, the
budget's own for office staff): the file is spooled here and read by a job; its preview is
the job's answer, read once; applying it is another job. The pages differ only in who may
use them (`perm`, the job's too) and how they look."""

from typing import BinaryIO, cast

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from finsam.imports.batches import import_spool
from finsam.imports.rows import Plan, plan_restored
from finsam.imports.tasks import apply_import, preview_import, preview_key, preview_url, read_import
from finsam.jobs.responses import job_response
from finsam.jobs.runner import job_start
from finsam.jobs.selectors import job_answered
from finsam.models import ImportBatch, JobStatus
from finsam.permissions import Perm
from finsam.tenancy import Tenant


def reading_answer(
    request: HttpRequest,
    tenant: Tenant,
    *,
    kind: str,
    upload: UploadedFile,
    perm: Perm,
    period_end=None,
) -> HttpResponseBase | Plan:
    """Start reading an uploaded file; the job's answer, or the plan of a file refused at once
    (a backend without a queue), whose problems the form shows as before."""
    spooled = import_spool(cast(BinaryIO, upload))  # an uploaded file reads as a binary file
    job = job_start(
        association=tenant.association,
        user=request.user,
        kind="import_read",
        title=_("Granskar %(filename)s") % {"filename": upload.name},
        perm=perm,
        task=read_import,
        kind_of_file=kind,
        filename=upload.name,
        spooled=[str(spooled.path), spooled.size, spooled.sha256],
        period_end=period_end.isoformat() if period_end else None,
    )
    if job.status == JobStatus.FAILED and "plan" in job.result:
        return plan_restored(job.result["plan"])
    return job_response(request, job)


def preview_answer(
    request: HttpRequest, tenant: Tenant, batch: ImportBatch, choices: frozenset[str], perm: Perm
) -> HttpResponseBase | Plan | None:
    """The batch's plan with these choices, read once by a job (None: the batch is applied or
    discarded); the job's page while it is being read."""
    if not batch.is_open:
        return None
    job = job_answered(tenant.association.pk, preview_key(batch.pk, choices))
    if job is None:
        job = job_start(
            association=tenant.association,
            user=request.user,
            kind="import_preview",
            title=_("Granskar %(filename)s") % {"filename": batch.filename},
            key=preview_key(batch.pk, choices),
            perm=perm,
            task=preview_import,
            batch_id=batch.pk,
            choices=sorted(choices),
        )
        if job.status != JobStatus.DONE:
            return job_response(request, job)
    return plan_restored(job.result["plan"])


def apply_answer(
    request: HttpRequest, tenant: Tenant, batch: ImportBatch, perm: Perm
) -> HttpResponseBase:
    """Apply the batch as its preview's form says; back to the preview with the reasons when
    it is refused at once, the job's answer otherwise."""
    choices = frozenset(request.POST.getlist("choice"))
    job = job_start(
        association=tenant.association,
        user=request.user,
        kind="import_apply",
        title=_("Läser in %(filename)s") % {"filename": batch.filename},
        perm=perm,
        task=apply_import,
        batch_id=batch.pk,
        confirmed=request.POST.get("confirmed") == "1",
        choices=sorted(choices),
        basis=request.POST.get("basis", ""),
    )
    if job.status == JobStatus.FAILED:  # refused at once: back to the preview, as before
        problems = " ".join(job.message.splitlines())
        messages.error(request, _("Inget lästes in: %(problems)s") % {"problems": problems})
        return redirect(preview_url(batch, choices))
    if job.status == JobStatus.DONE:
        messages.success(request, job.message)
    return job_response(request, job)
