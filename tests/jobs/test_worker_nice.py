"""FINSAM_WORKER_NICE: the worker lowers its own CPU priority so that the web's requests get
the cores first. Niceness cannot be taken back by an ordinary process, so each check runs in
a forked child and reports what it found."""

import multiprocessing
import os

import pytest

from finsam.management.commands import db_worker


def _in_child(nice_before: int, wanted: int) -> tuple[int, int]:
    """(the niceness lower_priority returned, the one the process really has) in a child
    that starts at `nice_before`."""

    def child(pipe) -> None:
        os.nice(nice_before)
        found = db_worker.lower_priority(wanted)
        pipe.send((found, os.getpriority(os.PRIO_PROCESS, 0)))

    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=child, args=(sending,))
    process.start()
    process.join(timeout=30)
    return receiving.recv()


@pytest.fixture(autouse=True)
def _plain_niceness():
    if os.getpriority(os.PRIO_PROCESS, 0) != 0:
        pytest.skip("the tests run at a niceness already")


def test_the_worker_takes_the_niceness_set():
    assert _in_child(0, 10) == (10, 10)


def test_a_worker_started_with_nice_is_not_lowered_twice_nor_raised():
    # The autoreloader's child inherits its parent's niceness: set, not added.
    assert _in_child(10, 10) == (10, 10)
    # Started nicer than the setting (`nice -n 15`): left so, not raised back.
    assert _in_child(15, 10) == (15, 15)


def test_no_setting_leaves_the_priority_alone():
    assert _in_child(0, 0) == (0, 0)
    assert _in_child(5, 0) == (5, 5)


def test_the_worker_command_applies_the_setting(settings, monkeypatch):
    applied = []
    monkeypatch.setattr(db_worker, "lower_priority", applied.append)
    monkeypatch.setattr(db_worker.db_worker.Command, "handle", lambda *a, **k: None)
    settings.FINSAM_WORKER_NICE = 7
    monkeypatch.delenv("RUN_MAIN", raising=False)  # the watching parent: no beat thread
    db_worker.Command().handle(reload=True, worker_id="w")
    assert applied == [7]
