"""Helpers for tests of two writers at once, which only PostgreSQL can show.

SQLite takes one writer at a time for the whole file and ignores `select_for_update`, so
these tests are skipped there (`requires_postgresql`); CI runs them on PostgreSQL.

`second_waits_for_first` runs one writer in a thread whose transaction stays open, starts
the second writer in another thread, and commits the first only once PostgreSQL reports
the second as blocked by it (`pg_blocking_pids`). So the test shows that the second really
waited for the first's lock, and then what it saw afterwards.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction

requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs two connections that lock rows (PostgreSQL); SQLite has one writer at a time",
)
TIMEOUT = 15.0


@dataclass
class Outcome:
    """What the second writer got: its result or the exception it raised, and whether it
    was seen waiting for the first writer's lock."""

    result: Any = None
    error: BaseException | None = None
    waited: bool = False


def _backend_pid() -> int:
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _is_blocked(waiting_pid: int, holding_pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s = ANY(pg_blocking_pids(%s))", [holding_pid, waiting_pid])
        return cursor.fetchone()[0]


def second_waits_for_first(first: Callable[[], Any], second: Callable[[], Any]) -> Outcome:
    """Run `first` in a transaction held open until `second` (in its own thread and
    connection) is blocked by it, then commit `first` and return how `second` ended."""
    pids: dict[str, int] = {}
    holding, started, release = threading.Event(), threading.Event(), threading.Event()
    outcome, failures = Outcome(), []

    def run_first() -> None:
        try:
            with transaction.atomic():
                first()
                pids["first"] = _backend_pid()
                holding.set()
                release.wait(TIMEOUT)
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            holding.set()
            connection.close()

    def run_second() -> None:
        try:
            holding.wait(TIMEOUT)
            pids["second"] = _backend_pid()
            started.set()
            outcome.result = second()
        except BaseException as error:
            outcome.error = error
        finally:
            started.set()
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    started.wait(TIMEOUT)
    outcome.waited = _watch_for_block(pids, threads[1])
    release.set()
    for thread in threads:
        thread.join(TIMEOUT)
    if failures:
        raise failures[0]
    return outcome


def _watch_for_block(pids: dict[str, int], second: threading.Thread) -> bool:
    """True once PostgreSQL reports the second writer blocked by the first; False if the
    second finishes (or time runs out) without ever waiting."""
    deadline = time.monotonic() + TIMEOUT
    while second.is_alive() and time.monotonic() < deadline:
        if "first" in pids and "second" in pids and _is_blocked(pids["second"], pids["first"]):
            return True
        time.sleep(0.01)
    return False


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together by a barrier; their results in order.

    Each thread has its own database connection (Django's are per thread) and closes it."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(TIMEOUT)
            results[index] = call()
        except BaseException as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    return results
