"""The real worker (`manage.py db_worker`) against PostgreSQL: an import read and applied by
another process through the database queue, as in production.

Skipped on SQLite: the test database there is in memory, where no second process can reach it.
"""

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from finsam.imports.batches import import_spool
from finsam.imports.tasks import apply_import, read_import
from finsam.jobs.runner import job_start
from finsam.models import Association, ImportBatch, ImportStatus, Job, JobStatus, WorkerBeat
from finsam.permissions import Perm
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


def test_the_worker_reads_and_applies_an_import(live_demo):
    association = Association.objects.get(slug="finnveden")
    municipality = association.memberships.filter(member__kind="municipality").first().member
    content = f"Kommun;Datum;Invånare\n{municipality.name};2016-11-01;31415\n".encode()
    spooled = import_spool(content)
    with override_settings(TASKS=DB_QUEUE):
        reading = job_start(
            association=association,
            user=None,
            kind="import_read",
            title="Granskar",
            perm=Perm.IMPORT,
            task=read_import,
            kind_of_file="population",
            filename="inv.csv",
            spooled=[str(spooled.path), spooled.size, spooled.sha256],
            period_end=None,
        )
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
