"""python manage.py db_worker: django-tasks-db's worker, which also tells /healthz it is alive.

The worker of django-tasks-db records nothing about itself while it waits for work, so a
thread beside it notes the worker's id and the time every few seconds (`WorkerBeat`). With
--reload, only the child process that runs the tasks beats, not the process that watches the
files.

FINSAM_WORKER_NICE (an operator's setting) lowers the worker's CPU priority, so that when the
cores are busy the web's requests go first and a PDF waits a little instead (docs/benchmarks.md,
"Load test").
"""

import os
import threading

from django.conf import settings
from django.db import connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from finsam.jobs.runner import worker_beat

BEAT_EVERY = 10  # seconds; well inside FINSAM_WORKER_SILENT_AFTER


def _beat_forever(worker_id: str, stop: threading.Event) -> None:
    while not stop.is_set():
        worker_beat(worker_id)
        connection.close()  # this thread's own connection; not held between beats
        stop.wait(BEAT_EVERY)


def lower_priority(nice: int) -> int:
    """Set this process's niceness to `nice` unless it is nicer already (only a privileged
    process may raise its priority again); the niceness it has then. Set, not added, so that
    the autoreloader's child, which inherits it, does not lower it twice."""
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if nice > current:
        os.setpriority(os.PRIO_PROCESS, 0, min(nice, 19))
    return os.getpriority(os.PRIO_PROCESS, 0)


class Command(db_worker.Command):
    def handle(self, *args, **options) -> None:
        lower_priority(settings.FINSAM_WORKER_NICE)
        if not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            stop = threading.Event()
            beat = threading.Thread(
                target=_beat_forever, args=(options["worker_id"], stop), daemon=True
            )
            beat.start()
        super().handle(*args, **options)
