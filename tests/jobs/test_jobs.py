"""Background jobs: their page and status, failures, lost workers, /healthz and the logs.

Tests run tasks at once (conftest: the immediate backend), so a page that starts a job has its
result when it answers; tests/jobs/test_worker.py runs the real worker against PostgreSQL."""

import json
import logging
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskContext, task

from finsam.jobs.runner import JobRefused, job_progress, job_start, run_job, worker_beat
from finsam.logs import JsonFormatter
from finsam.models import Association, Job, JobStatus, WorkerBeat
from finsam.permissions import Perm, Role

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task(takes_context=True)
def count_rows(context: TaskContext, job_id: int, rows: int, fail: str = "") -> None:
    def work(job: Job) -> None:
        for done in range(1, rows + 1):
            job_progress(job, done, rows)
        if fail == "refused":
            raise JobRefused("Rad 3: beloppet saknas.")
        if fail == "crash":
            raise RuntimeError("internal detail")
        job.message = f"{rows} rader"

    run_job(context, job_id, work)


def _start(association, user, rows=10, fail="", perm=Perm.VIEW_HISTORY) -> Job:
    return job_start(
        association=association,
        user=user,
        kind="test",
        title="Räkna rader",
        task=count_rows,
        perm=perm,
        rows=rows,
        fail=fail,
    )


def test_a_job_runs_and_its_page_shows_the_result(client, make_user, association):
    user = make_user("auditor", association, Role.AUDITOR)
    job = _start(association, user, rows=250)
    assert (job.status, job.rows_done, job.rows_total, job.percent) == ("done", 250, 250, 100)
    client.force_login(user)
    state = client.get(f"/{association.slug}/jobb/{job.pk}/status/").json()
    assert state["status"] == "done" and state["finished"] and state["message"] == "250 rader"
    page = client.get(f"/{association.slug}/jobb/{job.pk}/").content.decode()
    assert "250 rader" in page and "Klart" in page


def test_a_refused_job_shows_its_message_and_a_crash_hides_its_detail(
    client, make_user, association
):
    user = make_user("auditor", association, Role.AUDITOR)
    refused = _start(association, user, 5, "refused")
    crashed = _start(association, user, 5, "crash")
    assert (refused.status, refused.message) == ("failed", "Rad 3: beloppet saknas.")
    assert crashed.status == "failed" and "internal detail" not in crashed.message
    client.force_login(user)
    page = client.get(f"/{association.slug}/jobb/{refused.pk}/").content.decode()
    assert "Det gick inte" in page and "Rad 3: beloppet saknas." in page


def test_a_job_is_seen_only_in_its_association_by_roles_allowed_its_result(
    client, make_user, association
):
    job = _start(association, make_user("auditor", association, Role.AUDITOR))
    client.force_login(make_user("board", association, Role.BOARD))  # may not read history
    assert client.get(f"/{association.slug}/jobb/{job.pk}/status/").status_code == 403
    other = Association.objects.get(slug="vaxjo")
    client.force_login(make_user("vaxjo-admin", other, Role.ADMIN))
    assert client.get(f"/vaxjo/jobb/{job.pk}/status/").status_code == 404


def test_progress_is_written_when_the_percentage_moves(association, django_assert_num_queries):
    job = Job.objects.create(association=association, kind="t", title="t", perm="view")
    job_progress(job, 1, 1000)  # 0 %: the total is new, so it is written
    with django_assert_num_queries(0):
        for done in range(2, 10):  # still 0 %
            job_progress(job, done, 1000)
    with django_assert_num_queries(1):
        job_progress(job, 10, 1000)  # 1 %
    job.refresh_from_db()
    assert (job.rows_done, job.rows_total, job.percent) == (10, 1000, 1)


def test_a_job_whose_worker_went_silent_is_reported_lost(client, make_user, association):
    user = make_user("auditor", association, Role.AUDITOR)
    long_ago = timezone.now() - timedelta(minutes=10)
    WorkerBeat.objects.create(worker_id="w-dead", last_seen=long_ago)
    WorkerBeat.objects.create(worker_id="w-alive", last_seen=timezone.now())
    common = dict(association=association, kind="t", title="t", perm="view_history")
    lost = Job.objects.create(status=JobStatus.RUNNING, worker_id="w-dead", **common)
    busy = Job.objects.create(status=JobStatus.RUNNING, worker_id="w-alive", **common)
    client.force_login(user)
    state = client.get(f"/{association.slug}/jobb/{lost.pk}/status/").json()
    assert state["status"] == "failed" and "inget ändrades" in state["message"]
    assert Job.objects.get(pk=lost.pk).status == JobStatus.FAILED
    assert client.get(f"/{association.slug}/jobb/{busy.pk}/status/").json()["status"] == "running"


def test_healthz_needs_no_sign_in_and_reports_the_worker(client, db):
    answer = client.get("/healthz")
    assert (answer.status_code, answer.json()) == (200, {"database": "ok", "worker": "not needed"})
    with override_settings(TASKS=DB_QUEUE):
        silent = client.get("/healthz")
        assert (silent.status_code, silent.json()["worker"]) == (503, "silent")
        WorkerBeat.objects.create(worker_id="old", last_seen=timezone.now() - timedelta(seconds=91))
        assert client.get("/healthz").status_code == 503
        worker_beat("w1")
        assert client.get("/healthz").json() == {"database": "ok", "worker": "ok"}


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict] = []
        self.formatter = JsonFormatter()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def log_lines():
    handler = _Lines()
    loggers = [logging.getLogger("finsam.requests"), logging.getLogger("finsam.tasks")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler.lines
    for logger in loggers:
        logger.removeHandler(handler)


def test_requests_and_tasks_are_logged_as_json_lines_without_personal_data(
    client, make_user, association, log_lines
):
    user = make_user("auditor", association, Role.AUDITOR)
    user.first_name, user.email = "Agneta", "agneta@example.se"
    user.save()
    client.force_login(user)
    client.get(f"/{association.slug}/historik/xlsx/?anvandare={user.pk}&secret=1")
    task_line, request_line = log_lines[-2], log_lines[-1]
    assert task_line["event"] == "task" and task_line["kind"] == "history_xlsx"
    assert (task_line["association"], task_line["user_id"]) == (association.slug, user.pk)
    assert task_line["status"] == "done" and task_line["duration_ms"] >= 0
    assert request_line["event"] == "request"
    assert request_line["path"] == f"/{association.slug}/historik/xlsx/"  # no query string
    assert (request_line["method"], request_line["status"]) == ("GET", 200)
    assert (request_line["association"], request_line["user_id"]) == (association.slug, user.pk)
    everything = json.dumps(log_lines)
    assert "Agneta" not in everything and "agneta@" not in everything and "secret" not in everything


def test_an_anonymous_request_is_logged_without_user_or_association(client, db, log_lines):
    client.get("/healthz")
    assert log_lines[-1]["path"] == "/healthz"
    assert (log_lines[-1]["user_id"], log_lines[-1]["association"]) == (None, None)


def _worker_runs_the_queue() -> None:
    """django-tasks-db's worker, in this process and this test's transaction: every queued
    task, then it stops. (Its check for stale connections would close the test's.)"""
    from django_tasks_db.management.commands import db_worker

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db_worker, "close_old_connections", lambda: None)
        _run_worker(db_worker.Worker)


def _run_worker(worker) -> None:
    worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_an_upload_is_read_by_the_worker_and_its_preview_is_not_read_again(
    client, make_user, association, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from finsam.imports import batches
    from finsam.models import ImportBatch

    municipality = association.memberships.filter(member__kind="municipality").first().member
    content = f"Kommun;Datum;Invånare\n{municipality.name};2016-11-01;31415\n".encode()
    client.force_login(make_user("job-admin", association, Role.ADMIN))
    with override_settings(TASKS=DB_QUEUE):
        started = client.post(
            f"/{association.slug}/importer/",
            {"kind": "population", "file": SimpleUploadedFile("inv.csv", content)},
        )
        job = Job.objects.get(association=association, kind="import_read")
        assert started.url == f"/{association.slug}/jobb/{job.pk}/"
        assert "Väntar" in client.get(started.url).content.decode()
        _worker_runs_the_queue()
    job.refresh_from_db()
    batch = ImportBatch.objects.get(association=association, filename="inv.csv")
    assert (job.status, job.worker_id, job.result["batch"]) == ("done", "test-worker", batch.pk)
    assert job.rows_done == job.rows_total == len(content)  # the file was read to its end
    page = client.get(started.url).content.decode()
    assert f"/{association.slug}/importer/{batch.pk}/" in page and "Klart" in page

    def read_again(*args, **kwargs):
        raise AssertionError("the preview read the file again")

    monkeypatch.setattr(batches, "plan_upload", read_again)
    preview = client.get(f"/{association.slug}/importer/{batch.pk}/").content.decode()
    assert "31\u00a0415" in preview or "31415" in preview


def test_an_apply_that_fails_half_way_leaves_nothing_applied(
    client, make_user, association, monkeypatch
):
    from dataclasses import replace

    from finsam.imports.batches import IMPORTERS
    from finsam.models import ImportBatch, ImportStatus
    from members.models import PopulationFigure
    from tests.access_samples import _import_batch

    batch = ImportBatch.objects.get(pk=_import_batch(association)["pk"])
    population = IMPORTERS["population"]

    def writes_then_dies(upload, plan, locked):
        population.apply(upload, plan, locked)  # every figure written …
        raise RuntimeError("the worker died here")  # … and then the task fails

    monkeypatch.setitem(IMPORTERS, "population", replace(population, apply=writes_then_dies))
    before = PopulationFigure.objects.filter(association=association).count()
    client.force_login(make_user("job-admin", association, Role.ADMIN))
    answer = client.post(f"/{association.slug}/importer/{batch.pk}/beslut/", {"confirmed": "1"})
    job = Job.objects.get(association=association, kind="import_apply")
    assert job.status == JobStatus.FAILED and "inget ändrades" in job.message
    assert answer.url == f"/{association.slug}/importer/{batch.pk}/"
    assert PopulationFigure.objects.filter(association=association).count() == before
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.PREVIEW


def test_a_running_job_shows_its_percentage_on_its_page_and_in_its_status(
    client, make_user, association
):
    user = make_user("auditor", association, Role.AUDITOR)
    job = Job.objects.create(
        association=association, kind="t", title="Läser in", perm="view_history"
    )
    job.status = JobStatus.RUNNING
    job.save()
    job_progress(job, 1500, 2000)  # e.g. an import read again and half written
    client.force_login(user)
    for _ in range(2):  # and the same after a reload
        page = client.get(f"/{association.slug}/jobb/{job.pk}/").content.decode()
        assert 'value="75"' in page and "75 % klart" in page
    state = client.get(f"/{association.slug}/jobb/{job.pk}/status/").json()
    assert (state["percent"], state["progress_text"]) == (75, "75 % klart")
