"""Load test: people editing budgets and people reading pages at the same time, against
gunicorn and PostgreSQL on this machine, for a bounded time. Run from the project folder:

    PYTHONPATH=. .venv/bin/python bench/load.py                       # 20 + 20 people, 60 s
    PYTHONPATH=. .venv/bin/python bench/load.py --seconds 10 --users 5

1. Creates a dedicated database (`--database`, default finsam_load) on the PostgreSQL server
   of `--postgres`, migrates it and loads the demo; it is dropped at the end (`--keep-db`).
2. Starts gunicorn on 127.0.0.1 (gthread: `--workers` processes of `--threads` threads;
   2 and 4 suit two cores shared with PostgreSQL and this script) with persistent database
   connections, DEBUG off.
3. In this process, N editors (staff) and N readers (board members) sign in, then for
   `--seconds` editors open a budget grid and save figures, readers open pages.
4. Stops, checks, prints the figures, and stops gunicorn (also on Ctrl-C).

Think time: each person pauses between requests for an exponentially distributed time
(mean `--editor-think` 2 s, `--reader-think` 5 s, at most four times the mean): a person
types a figure and tabs on in a couple of seconds, and reads a page for longer. Without
pauses 40 threads would measure the server's throughput, not what a person waits.

Checks (the exit status is 1 if one fails): no request failed; no lost update (each editor
writes a counter into a figure of its own: at the end the figure is its last confirmed value
and the figure's history holds every confirmed save, in order); refusals only for saves
genuinely stale (an editor sometimes sends a save based on the figure before its last one:
it must be refused with the current figure, and no other save may be refused); and the
targets for pages (sign-in and PDFs excluded): median under 100 ms, 95th percentile under
300 ms.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psycopg
from load_people import Editor, Page, Reader, Recorder

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-password"
TARGET_MEDIAN_MS, TARGET_P95_MS = 100, 300
# What readers open in their association; {budget}, {year}, {initiative} and {report} are
# filled from the demo data (an association without one skips those pages). Add a line to
# read another page. A kind ending in "pdf" is timed but left out of the page targets.
READER_PAGES = [
    Page("overview", "/{slug}/"),
    Page("budget list", "/{slug}/budget/"),
    Page("budget grid", "/{slug}/budget/{budget}/"),
    Page("follow-up", "/{slug}/budget/{budget}/uppfoljning/"),
    Page("funding", "/{slug}/finansiering/{year}/"),
    Page("statements", "/{slug}/bokforing/"),
    Page("initiatives", "/{slug}/insatser/"),
    Page("initiative", "/{slug}/insatser/{initiative}/"),
    Page("report list", "/{slug}/rapporter/"),
    Page("report", "/{slug}/rapporter/{report}/"),
    Page("report pdf", "/{slug}/rapporter/{report}/pdf/"),
]


def main() -> int:
    options = _arguments()
    # Ctrl-C and `kill` go through the same clean-up (also when started in the background,
    # where a shell would have Ctrl-C ignored).
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, signal.default_int_handler)
    url = f"{options.postgres.rstrip('/')}/{options.database}"
    env = os.environ | {
        "DATABASE_URL": url,
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "CONN_MAX_AGE": "60",
        "MEDIA_ROOT": tempfile.mkdtemp(prefix="finsam-load-media-"),
    }
    server = None
    try:
        print(f"Database {options.database}: created, migrated, demo loaded ...", flush=True)
        _create_database(options)
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo")
        editors, readers = _people(options, url)
        server = _start_gunicorn(options, env)
        print(f"gunicorn on 127.0.0.1:{options.port} (log: {server.log_path}); signing in ...")
        return _run(options, editors, readers, url)
    except KeyboardInterrupt:
        print("\nStopped (Ctrl-C); cleaning up.")
        return 130
    finally:
        if server is not None:
            _stop(server)
        if not options.keep_db:
            _drop_database(options)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--users", type=int, default=20, help="editors, and as many readers")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--editor-think", type=float, default=2.0)
    parser.add_argument("--reader-think", type=float, default=5.0)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="finsam_load")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    if not 0 < options.seconds <= 600:
        parser.error("--seconds must be more than 0 and at most 600")
    return options


def _admin_connection(options: argparse.Namespace) -> psycopg.Connection:
    return psycopg.connect(f"{options.postgres.rstrip('/')}/postgres", autocommit=True)


def _create_database(options: argparse.Namespace) -> None:
    with _admin_connection(options) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{options.database}"')


def _drop_database(options: argparse.Namespace) -> None:
    with _admin_connection(options) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')


def _manage(env: dict, *command: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
    )


def _people(options: argparse.Namespace, url: str) -> tuple[list[Editor], list[Reader]]:
    """Users, the editors' figures and the readers' pages, entered through Django here."""
    import setup_load

    cells, pages = setup_load.prepare(url, options.users, PASSWORD, READER_PAGES)
    base, slugs = f"http://127.0.0.1:{options.port}", sorted(pages)
    editors, readers = [], []
    for i in range(options.users):
        seed = options.seed * 1000 + i
        editor = Editor(base, f"load-kansli-{i:02}", PASSWORD, seed, options.editor_think)
        editor.cell = cells[i]
        reader = Reader(base, f"load-styrelse-{i:02}", PASSWORD, seed + 500, options.reader_think)
        reader.pages = pages[slugs[i % len(slugs)]]
        editors.append(editor)
        readers.append(reader)
    return editors, readers


def _start_gunicorn(options: argparse.Namespace, env: dict) -> subprocess.Popen:
    log_path = Path(tempfile.mkdtemp(prefix="finsam-load-")) / "gunicorn.log"
    command = [
        sys.executable, "-m", "gunicorn", "finsam.wsgi",
        "--bind", f"127.0.0.1:{options.port}",
        "--worker-class", "gthread",
        "--workers", str(options.workers),
        "--threads", str(options.threads),
    ]  # fmt: skip
    # A session of its own, so that stopping it reaches the master and every worker.
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
    server.log_path = log_path  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{options.port}/konto/login/").status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    _stop(server)
    raise RuntimeError(f"gunicorn did not answer in 30 s; see {log_path}")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _run(options: argparse.Namespace, editors: list[Editor], readers: list[Reader], url) -> int:
    people = [*editors, *readers]
    signing = Recorder()
    if not all(person.sign_in(signing) for person in people):
        print("A load-test user could not sign in.")
        return 1
    recorder, stop = Recorder(), threading.Event()
    threads = [
        threading.Thread(target=person.run, args=(recorder, stop), daemon=True) for person in people
    ]
    print(
        f"{len(editors)} editors and {len(readers)} readers for {options.seconds:g} s against "
        f"gunicorn ({options.workers} workers x {options.threads} threads) on 127.0.0.1 ..."
    )
    started = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        stop.wait(options.seconds)
    finally:
        stop.set()
        deadline = time.monotonic() + 35  # a request under way ends within its 30 s timeout
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
    elapsed = time.monotonic() - started
    import setup_load

    return _report(recorder, signing, editors, setup_load.stored(url, editors), elapsed)


def _ms(values: list[float]) -> tuple[float, float]:
    if len(values) == 1:
        return values[0] * 1000, values[0] * 1000
    return (
        statistics.median(values) * 1000,
        statistics.quantiles(values, n=20, method="inclusive")[18] * 1000,
    )


def _report(recorder, signing, editors, stored, elapsed: float) -> int:
    hits = recorder.hits
    print(f"\n{len(hits)} requests in {elapsed:.1f} s ({len(hits) / elapsed:.1f} per second)\n")
    print(f"{'kind':<22}{'requests':>9}{'errors':>8}{'median ms':>11}{'p95 ms':>9}")
    for kind in sorted({hit.kind for hit in hits}) + ["sign-in"]:
        chosen = [h for h in (signing.hits if kind == "sign-in" else hits) if h.kind == kind]
        median, p95 = _ms([h.seconds for h in chosen])
        errors = sum(not h.ok for h in chosen)
        print(f"{kind:<22}{len(chosen):>9}{errors:>8}{median:>11.0f}{p95:>9.0f}")
    pages = [h.seconds for h in hits if not h.kind.endswith("pdf")]
    median, p95 = _ms(pages) if pages else (0.0, 0.0)
    errors = [h for h in hits + signing.hits if not h.ok]
    lost = _lost_updates(editors, stored)
    met = median < TARGET_MEDIAN_MS and p95 < TARGET_P95_MS
    print(
        f"\npages (sign-in and PDFs excluded): median {median:.0f} ms "
        f"(target < {TARGET_MEDIAN_MS}), 95th percentile {p95:.0f} ms (target < {TARGET_P95_MS}): "
        f"{'met' if met else 'MISSED'}"
    )
    print(f"errors: {len(errors)}" + "".join(f"\n  {e.kind}: {e.detail}" for e in errors[:10]))
    saves, refused = sum(len(e.acked) for e in editors), sum(e.refused for e in editors)
    print(
        f"no lost update: {saves} confirmed saves by {len(editors)} editors, each in the figure's "
        f"history in order and the last one in its figure: {'yes' if not lost else 'NO'}"
    )
    wrongly = sum(e.wrongly_refused for e in editors)
    print(f"stale saves refused with the current figure: {refused}; other refusals: {wrongly}")
    for problem in lost[:10]:
        print(f"  {problem}")
    return 0 if met and not errors and not lost else 1


def _lost_updates(editors: list[Editor], stored: dict[str, tuple[int, list[int]]]) -> list[str]:
    problems = [surprise for editor in editors for surprise in editor.surprises]
    for editor in editors:
        figure, logged = stored[editor.username]
        if figure != editor.last or logged != editor.acked:
            problems.append(
                f"{editor.username}: stored {figure}, last confirmed {editor.last}; "
                f"{len(logged)} logged of {len(editor.acked)} confirmed"
            )
    return problems


if __name__ == "__main__":
    sys.exit(main())
