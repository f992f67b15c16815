"""Starting background jobs, running them in the worker, and reporting how far they came."""

import logging
import time
from collections.abc import Callable
from contextlib import suppress
from contextvars import ContextVar
from datetime import timedelta
from threading import local
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskContext
from django_tasks.base import Task

from finsam.audit.recording import recording
from finsam.lib.progress import Progress
from finsam.lib.shares import whole_percent_done
from finsam.logs import log_event, task_log
from finsam.models import Association, Job, JobStatus, WorkerBeat
from finsam.permissions import Perm


class JobRefused(Exception):
    """The work cannot be done, for a reason the user is told (a file with problems, say)."""

    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.result = result or {}


def job_start(
    *,
    association: Association,
    user: Any,
    kind: str,
    title: str,
    task: Task,
    perm: Perm,
    key: str = "",
    **kwargs: Any,
) -> Job:
    """Record a job and queue its task; the task gets the job's id and `kwargs`. Those of the
    association whose role has `perm` may follow it (that of the page starting it). A backend
    that runs tasks at once (the tests') has finished it on return."""
    job = Job.objects.create(
        association=association,
        kind=kind,
        title=str(title)[:200],  # a long file name in the title must not refuse the job
        key=key,
        perm=perm,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    result = task.enqueue(job_id=job.pk, **kwargs)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def run_job(context: TaskContext, job_id: int, work: Callable[[Job], None]) -> None:
    """Run `work` for the job in the worker: marks it running, then done or failed, and logs
    one line for it. A refusal is the user's message; anything else is a failure whose detail
    stays in the worker's log, and is raised again so the queue records it too."""
    job = Job.objects.select_related("association").get(pk=job_id)
    worker = (context.task_result.worker_ids or [""])[-1]
    worker_beat(worker)
    started = time.monotonic()
    job.status, job.started_at, job.worker_id = JobStatus.RUNNING, timezone.now(), worker[:64]
    job.save(update_fields=["status", "started_at", "worker_id"])
    outside = _outside_work.set(len(connection.atomic_blocks))
    try:
        # History names who started the job, as it names who sends a request.
        with recording(user=job.created_by):
            work(job)
    except JobRefused as refused:
        _finish(job, JobStatus.FAILED, started, message=refused.message, result=refused.result)
    except ValidationError as refused:
        _finish(job, JobStatus.FAILED, started, message=" ".join(refused.messages))
    except Exception:
        message = _("Något gick fel i bakgrunden; inget ändrades. Försök igen eller kontakta oss.")
        _finish(job, JobStatus.FAILED, started, message=message)
        raise
    else:
        _finish(job, JobStatus.DONE, started)
    finally:
        _outside_work.reset(outside)
        _side_connection_closed()


def _finish(job: Job, status: str, started: float, **fields: Any) -> None:
    job.status, job.finished_at = status, timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()
    log_event(
        task_log,
        logging.INFO if status == JobStatus.DONE else logging.WARNING,
        event="task",
        kind=job.kind,
        job=job.pk,
        association=job.association.slug,
        user_id=job.created_by_id,
        status=status,
        duration_ms=round((time.monotonic() - started) * 1000, 1),
    )


def job_progress(job: Job, done: int, total: int) -> None:
    """Tell the job's page how far the work has come (a `finsam.lib.progress.Progress`): the
    one place progress is written, and only when the percentage moves, so a loop may call it
    for every row. Work that is one transaction (an import applied, a report adopted) reports
    from inside it: the count is then written beside that transaction, so the page sees it
    while the work goes on, and keeps it when the work is rolled back."""
    percent = whole_percent_done(done, total) or 0
    if total == job.rows_total and percent == (job.percent or 0) and done != total:
        return
    job.rows_done, job.rows_total = done, total
    if _in_its_own_transaction() and connection.vendor == "postgresql":
        _written_beside(job.pk, done, total)
    else:
        # No transaction of the work's own to see past (the job's row may be in one the work
        # runs inside: a backend that runs tasks at once, a test), or SQLite, where one writes
        # at a time: written as it is.
        Job.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)


def job_progress_of(job: Job) -> Progress:
    """The job's progress as work is told it (`finsam.lib.progress`)."""
    return lambda done, total: job_progress(job, done, total)


# How many transactions were open where the job's work began (None: no job's work runs here):
# those the work opens beyond them are its own, which progress is written beside.
_outside_work: ContextVar[int | None] = ContextVar("outside_work", default=None)
_side = local()


def _in_its_own_transaction() -> bool:
    outside = _outside_work.get()
    return outside is not None and len(connection.atomic_blocks) > outside


def _written_beside(job_id: int, done: int, total: int) -> None:
    """The progress written over a connection of its own, committed at once."""
    side = getattr(_side, "connection", None)
    if side is None:
        side = _side.connection = connections.create_connection(DEFAULT_DB_ALIAS)
    table = connection.ops.quote_name(Job._meta.db_table)
    with suppress(DatabaseError), side.cursor() as cursor:  # progress is never worth a failure
        cursor.execute(
            f"UPDATE {table} SET rows_done = %s, rows_total = %s WHERE id = %s",
            [done, total, job_id],
        )


def _side_connection_closed() -> None:
    side = getattr(_side, "connection", None)
    if side is not None:
        _side.connection = None
        side.close()


def job_keep_file(job: Job, name: str, content: bytes | IO[bytes]) -> None:
    """The job's result as a file in the default storage, downloaded as `name` (`content`
    may be an open file, copied to storage in chunks)."""
    kept = ContentFile(content) if isinstance(content, bytes) else File(content)
    job.result_file.save(f"jobs/{job.association.slug}/{job.pk}-{name}", kept)
    job.result_name = name


def worker_beat(worker_id: str) -> None:
    """Note that a worker is alive (the worker's own loop calls this, and every task start)."""
    if not worker_id:
        return
    with suppress(DatabaseError):  # a busy SQLite file: the next beat, seconds later, will do
        WorkerBeat.objects.update_or_create(
            worker_id=worker_id[:64], defaults={"last_seen": timezone.now()}
        )


def silent_since() -> Any:
    return timezone.now() - timedelta(seconds=settings.FINSAM_WORKER_SILENT_AFTER)


def job_checked(job: Job) -> Job:
    """The job, or the job reported as lost when the worker running it has gone silent: the
    work was one transaction, so nothing of it remains, and the user is asked to start again."""
    if job.status != JobStatus.RUNNING or not job.worker_id:
        return job
    alive = WorkerBeat.objects.filter(worker_id=job.worker_id, last_seen__gte=silent_since())
    if alive.exists() or not WorkerBeat.objects.filter(worker_id=job.worker_id).exists():
        return job
    job.status, job.finished_at = JobStatus.FAILED, timezone.now()
    job.message = _(
        "Bakgrundsprocessen stannade medan arbetet pågick; inget ändrades. Försök igen."
    )
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=job.status, finished_at=job.finished_at, message=job.message
    )
    return job
