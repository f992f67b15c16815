"""The history as xlsx, written in the background: a large association has many thousand
changes, and the file is ready on the job's page (finsam.jobs)."""

import tempfile
from datetime import date

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from finsam.audit.log import Filters, association_sources, history_rows
from finsam.audit.xlsx import history_workbook
from finsam.jobs.runner import job_keep_file, job_progress_of, run_job
from finsam.models import Job


def filters_stored(filters: Filters) -> dict:
    return {
        "start": filters.start.isoformat() if filters.start else None,
        "end": filters.end.isoformat() if filters.end else None,
        "user_id": filters.user_id,
        "kind": filters.kind,
    }


def _restored(stored: dict) -> Filters:
    start, end = stored["start"], stored["end"]
    return Filters(
        date.fromisoformat(start) if start else None,
        date.fromisoformat(end) if end else None,
        stored["user_id"],
        stored["kind"],
    )


@task(takes_context=True)
def history_xlsx(context: TaskContext, job_id: int, filters: dict) -> None:
    def work(job: Job) -> None:
        association = job.association
        rows = history_rows(association, association_sources(), _restored(filters))
        title = _("Historik för %(name)s") % {"name": association.name}
        stamp = timezone.localdate().isoformat()
        # Written to a temporary file: the workbook is never whole in memory (write-only).
        with tempfile.TemporaryFile() as out:
            history_workbook(rows, title, out, job_progress_of(job))
            out.seek(0)
            job_keep_file(job, slugify(f"historik-{association.slug}-{stamp}") + ".xlsx", out)

    run_job(context, job_id, work)
