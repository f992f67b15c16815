"""Imports in the background: reading a file (its preview) is one job, applying it another.

Reading streams the file and tells the job's page how much of it is read; the plan it makes
is kept with the job, so the preview page shows it without reading the file again. Applying
is `import_confirm`: one transaction, so a failure or a dead worker leaves nothing half done.
"""

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from finsam.imports.batches import (
    IMPORTERS,
    STALE_PREVIEW,
    batch_plan,
    import_confirm,
    import_read,
)
from finsam.imports.files import Spooled
from finsam.imports.rows import plan_stored
from finsam.jobs.runner import JobRefused, job_progress_of, run_job
from finsam.models import ImportBatch, Job


def preview_key(batch_id: int, choices: frozenset[str]) -> str:
    """What a preview job answers: this batch read with these choices."""
    return f"import-preview:{batch_id}:{','.join(sorted(choices))}"


def preview_url(batch: ImportBatch, choices: frozenset[str]) -> str:
    """The page previewing the batch with these choices: its kind's own."""
    view = IMPORTERS[batch.kind].preview_view
    url = reverse(view, args=[batch.association.slug, batch.pk])
    return url + ("?" + urlencode({"choice": sorted(choices)}, doseq=True) if choices else "")


def previews_forgotten(batch: ImportBatch) -> None:
    """The batch's previews are read again when next asked for: the data they were read
    against changed (an apply was refused as stale)."""
    prefix = f"import-preview:{batch.pk}:"
    Job.objects.filter(association_id=batch.association_id, key__startswith=prefix).update(key="")


@task(takes_context=True)
def read_import(
    context: TaskContext,
    job_id: int,
    kind_of_file: str,
    filename: str,
    spooled: list,
    period_end: str | None,
) -> None:
    def work(job: Job) -> None:
        batch, plan = import_read(
            association=job.association,
            kind=kind_of_file,
            filename=filename,
            spooled=Spooled(Path(spooled[0]), spooled[1], spooled[2]),
            user=job.created_by,
            period_end=date.fromisoformat(period_end) if period_end else None,
            progress=job_progress_of(job),
        )
        back = reverse(IMPORTERS[kind_of_file].upload_view, args=[job.association.slug])
        if batch is None:
            lines = [str(problem) for problem in plan.problems]
            raise JobRefused("\n".join(lines), {"plan": plan_stored(plan), "back": back})
        job.key = preview_key(batch.pk, frozenset())
        job.result = {"plan": plan_stored(plan), "batch": batch.pk}
        job.result_link = preview_url(batch, frozenset())
        job.result["link_label"] = str(_("Granska vad filen ändrar"))

    run_job(context, job_id, work)


@task(takes_context=True)
def preview_import(context: TaskContext, job_id: int, batch_id: int, choices: list[str]) -> None:
    def work(job: Job) -> None:
        batch = ImportBatch.objects.get(pk=batch_id, association=job.association)
        chosen = frozenset(choices)
        plan = batch_plan(batch, chosen)
        job.result = {"plan": plan_stored(plan), "batch": batch.pk}
        job.result_link = preview_url(batch, chosen)
        job.result["link_label"] = str(_("Granska vad filen ändrar"))

    run_job(context, job_id, work)


@task(takes_context=True)
def apply_import(
    context: TaskContext,
    job_id: int,
    batch_id: int,
    confirmed: bool,
    choices: list[str],
    basis: str = "",
) -> None:
    def work(job: Job) -> None:
        batch = ImportBatch.objects.get(pk=batch_id, association=job.association)
        back = preview_url(batch, frozenset(choices))
        job.result = {"back": back}
        try:
            applied = import_confirm(
                batch=batch,
                confirmed=confirmed,
                choices=frozenset(choices),
                user=job.created_by,
                basis=basis,
                progress=job_progress_of(job),
            )
        except ValidationError as error:
            if str(STALE_PREVIEW) in error.messages:
                previews_forgotten(batch)  # its preview page shows what the file does now
            raise JobRefused("\n".join(error.messages), {"back": back}) from error
        job.message = f"{applied.filename}: {applied.summary}"
        job.result_link = reverse(IMPORTERS[batch.kind].done_view, args=[job.association.slug])
        job.result["link_label"] = str(IMPORTERS[batch.kind].done_label)

    run_job(context, job_id, work)
