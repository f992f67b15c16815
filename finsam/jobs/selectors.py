"""Reading jobs: a user's own job in an association, what its page shows, workers' liveness."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

from finsam.jobs.runner import job_checked, silent_since
from finsam.models import Job, JobStatus, WorkerBeat
from finsam.permissions import Perm, role_allows
from finsam.tenancy import Tenant, get_scoped_or_404


def job_of(tenant: Tenant, pk: int) -> Job:
    """The job, if it is of this association (404 otherwise) and the user's role there may
    see what it makes (403 otherwise: its result may be the history, an import)."""
    job = get_scoped_or_404(Job, tenant, pk=pk)
    if not role_allows(tenant.role, Perm(job.perm)):
        raise PermissionDenied
    return job_checked(job)


def job_state(job: Job) -> dict[str, Any]:
    """What the job's page and its script show: status, progress, message and result."""
    slug = job.association.slug
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "finished": job.finished,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": job.percent,
        # What the page says beside its bar: counts differ in kind (rows, bytes, steps), so
        # the page names the share only.
        "progress_text": _progress_text(job.percent),
        "message": job.message,
        "file": reverse("members:job_file", args=[slug, job.pk]) if job.result_file else "",
        "link": job.result_link if job.status == JobStatus.DONE else "",
    }


def _progress_text(percent: int | None) -> str:
    return "" if percent is None else _("%(percent)s %% klart") % {"percent": percent}


def worker_state() -> str:
    """ "ok" when a worker was seen recently, "silent" when none was; "not needed" when tasks
    do not go through the database queue (run at once, or by another queue's own workers)."""
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return "not needed"
    seen = WorkerBeat.objects.filter(last_seen__gte=silent_since()).exists()
    return "ok" if seen else "silent"


def job_answered(association_id: int, key: str) -> Job | None:
    """The latest finished job about `key` (e.g. an import batch's preview), if any."""
    return (
        Job.objects.filter(association_id=association_id, key=key, status=JobStatus.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )
