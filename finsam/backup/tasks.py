"""An association's export (docs/backup.md) written in the background, kept as the job's file."""

import tempfile

from django.core.files import File
from django.utils import timezone
from django_tasks import TaskContext, task

from finsam.backup.writer import export_association
from finsam.jobs.runner import job_progress_of, run_job
from finsam.models import Job


@task(takes_context=True)
def association_export(context: TaskContext, job_id: int) -> None:
    def work(job: Job) -> None:
        association = job.association
        name = f"{association.slug}-{timezone.localdate().isoformat()}.zip"
        with tempfile.TemporaryFile() as target:
            exported = export_association(association, target, job_progress_of(job))
            target.seek(0)
            job.result_file.save(f"jobs/{association.slug}/{job.pk}-{name}", File(target))
        job.result_name = name
        job.result = {"rows": sum(exported.rows.values()), "missing": exported.missing_files}

    run_job(context, job_id, work)
