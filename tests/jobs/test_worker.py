"""The real worker (`manage.py db_worker`) against PostgreSQL: an import read and applied by
another process through the database queue, as in production.

Skipped on SQLite: the test database there is in memory, where no second process can reach it.
"""

import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskContext, task

from finsam.imports.batches import import_spool
from finsam.imports.tasks import apply_import, read_import
from finsam.jobs.runner import job_progress, job_start, run_job
from finsam.models import Association, ImportBatch, ImportStatus, Job, JobStatus, WorkerBeat
from finsam.permissions import Perm, Role
from members.models import PopulationFigure

ROOT = Path(__file__).resolve().parent.parent.parent
DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="the worker is another process: it needs PostgreSQL",
)


def _worker_runs_the_queue() -> None:
    """One worker process that runs every queued task, then exits (--batch)."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload"]
    finished = subprocess.run(
        [*command, "--no-startup-delay"], cwd=ROOT, env=env, timeout=60, capture_output=True
    )
    assert finished.returncode == 0, finished.stderr.decode()[-2000:]


def _until_finished(job: Job) -> Job:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            return job
        time.sleep(0.5)
    raise AssertionError(f"job {job.pk} did not finish: {job.status}")


def _reading(association: Association, kind: str, filename: str, content: bytes, perm) -> Job:
    """The job that reads a file of `kind`, queued for the worker (inside a DB_QUEUE)."""
    spooled = import_spool(content)
    return job_start(
        association=association,
        user=None,
        kind="import_read",
        title="Granskar",
        perm=perm,
        task=read_import,
        kind_of_file=kind,
        filename=filename,
        spooled=[str(spooled.path), spooled.size, spooled.sha256],
        period_end=None,
    )


def test_the_worker_reads_and_applies_an_import(live_demo):
    association = Association.objects.get(slug="finnveden")
    municipality = association.memberships.filter(member__kind="municipality").first().member
    content = f"Kommun;Datum;Invånare\n{municipality.name};2016-11-01;31415\n".encode()
    with override_settings(TASKS=DB_QUEUE):
        reading = _reading(association, "population", "inv.csv", content, Perm.IMPORT)
        assert reading.status == JobStatus.QUEUED and reading.task_id
        _worker_runs_the_queue()
        reading = _until_finished(reading)
        assert reading.status == JobStatus.DONE, reading.message
        batch = ImportBatch.objects.get(pk=reading.result["batch"])
        changes = reading.result["plan"]["changes"]
        assert len(changes) == 1 and changes[0]["after"].replace("\u00a0", "") == "31415"

        applying = job_start(
            association=association,
            user=None,
            kind="import_apply",
            title="Läser in",
            perm=Perm.IMPORT,
            task=apply_import,
            batch_id=batch.pk,
            confirmed=True,
            choices=[],
        )
        _worker_runs_the_queue()
        applying = _until_finished(applying)
    assert applying.status == JobStatus.DONE, applying.message
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.APPLIED
    figure = PopulationFigure.objects.get(
        association=association, member=municipality, date=date(2016, 11, 1)
    )
    assert figure.population == 31415
    assert applying.worker_id and WorkerBeat.objects.filter(worker_id=applying.worker_id).exists()


@task(takes_context=True)
def writes_then_hangs(context: TaskContext, job_id: int, name: str) -> None:
    """Work that is one transaction: it writes, tells its page it is half done, and hangs
    until its worker is killed."""

    def work(job: Job) -> None:
        with transaction.atomic():
            Association.objects.filter(pk=job.association_id).update(name=name)
            job_progress(job, 1, 2)
            time.sleep(120)

    run_job(context, job_id, work)


def _worker_started(log: Path) -> subprocess.Popen:
    """A worker process that runs until it is killed; what it says goes to `log`."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def test_a_worker_killed_mid_task_leaves_nothing_and_its_job_is_reported_lost(
    live_demo, client, make_user, tmp_path
):
    association = Association.objects.get(slug="finnveden")
    name = association.name
    with override_settings(TASKS=DB_QUEUE):
        job = job_start(
            association=association,
            user=None,
            kind="test",
            title="Skriver och hänger",
            perm=Perm.VIEW,
            task=writes_then_hangs,
            name="Halvskrivet förbund",
        )
    log = tmp_path / "worker.log"
    worker = _worker_started(log)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status == JobStatus.RUNNING and job.rows_done == 1:
                break
            assert worker.poll() is None, log.read_text()[-2000:]
            time.sleep(0.3)
        # The page saw the progress told from inside the unfinished transaction.
        assert (job.status, job.rows_done, job.rows_total, job.percent) == ("running", 1, 2, 50)
    finally:
        worker.kill()  # the worker dies with its transaction open
        worker.wait(timeout=30)
    assert Association.objects.get(pk=association.pk).name == name  # nothing of it remains
    client.force_login(make_user("lost-viewer", association, Role.BOARD))
    status = reverse("members:job_status", args=[association.slug, job.pk])
    assert client.get(status).json()["status"] == "running"  # its worker was seen just now
    WorkerBeat.objects.filter(worker_id=job.worker_id).update(
        last_seen=timezone.now() - timedelta(seconds=settings.FINSAM_WORKER_SILENT_AFTER + 1)
    )
    state = client.get(status).json()
    assert state["status"] == "failed" and "inget ändrades. Försök igen." in state["message"]
    page = client.get(reverse("members:job", args=[association.slug, job.pk])).content.decode()
    assert "Bakgrundsprocessen stannade" in page  # and so on every reload: the job is failed
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED


def test_the_worker_reads_and_applies_a_budget_file(live_demo):
    """The budget's xlsx goes through the same jobs: read and previewed by the worker, then
    applied by it in one transaction, with the basis its preview was read against."""
    from budgets.models import BudgetAmount, BudgetDocument
    from tests.budgets.test_import_preview import _edited_file

    association = Association.objects.get(slug="finnveden")
    document = BudgetDocument.objects.get(association=association, year=2014)
    with override_settings(TASKS=DB_QUEUE):
        reading = _reading(association, "budget", "budget.xlsx", _edited_file(document), Perm.EDIT)
        _worker_runs_the_queue()
        reading = _until_finished(reading)
        assert reading.status == JobStatus.DONE, reading.message
        assert reading.result_link == f"/finnveden/budget/las-in/{reading.result['batch']}/"
        plan = reading.result["plan"]
        assert "Avsnitt ”Administration” / Kansli / Budget 2014" in [
            change["subject"] for change in plan["changes"]
        ]
        applying = job_start(
            association=association,
            user=None,
            kind="import_apply",
            title="Läser in",
            perm=Perm.EDIT,
            task=apply_import,
            batch_id=reading.result["batch"],
            confirmed=True,
            choices=[],
            basis=plan["basis"],
        )
        _worker_runs_the_queue()
        applying = _until_finished(applying)
    assert applying.status == JobStatus.DONE, applying.message
    assert (applying.rows_done, applying.rows_total, applying.percent) == (2000, 2000, 100)
    kansli = BudgetAmount.objects.get(
        line__document=document, line__label="Kansli", column__year=2014
    )
    assert kansli.amount == 430_000
