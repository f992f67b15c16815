"""The load test's (bench/load.py) database and processes: a template database with the
associations, a copy of it per run, gunicorn and the worker; each stopped or dropped again.

The template (`<database>_template`, with its files in `<tmp>/<database>_template-media`)
is the slow part: migrate, the demo, and the copies of the demo associations restored from
their exports (a few minutes on two shared cores). Each run copies it (CREATE DATABASE ...
TEMPLATE, a second or two), so the run starts from the same data; `--keep-template` keeps
it for the next run, which reuses it if it holds as many associations.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent


def template_name(options: argparse.Namespace) -> str:
    return f"{options.database}_template"


def template_media(options: argparse.Namespace) -> Path:
    return Path(tempfile.gettempdir()) / f"{template_name(options)}-media"


def _admin(options: argparse.Namespace) -> psycopg.Connection:
    return psycopg.connect(f"{options.postgres.rstrip('/')}/postgres", autocommit=True)


def _associations_in(options: argparse.Namespace, database: str) -> int | None:
    """How many associations the database holds; None if it does not exist (or is unusable)."""
    try:
        with psycopg.connect(f"{options.postgres.rstrip('/')}/{database}") as connection:
            return connection.execute("SELECT count(*) FROM members_association").fetchone()[0]
    except psycopg.Error:
        return None


def build_template(options: argparse.Namespace, env: dict) -> None:
    """The template database with `--associations` associations, unless it is there."""
    name, media = template_name(options), template_media(options)
    if _associations_in(options, name) == options.associations and media.is_dir():
        print(f"Template {name}: reused ({options.associations} associations).", flush=True)
        return
    print(f"Template {name}: migrate, demo, {options.associations} associations ...", flush=True)
    with _admin(options) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    shutil.rmtree(media, ignore_errors=True)
    media.mkdir()
    built = env | {"DATABASE_URL": f"{options.postgres.rstrip('/')}/{name}"}
    built["MEDIA_ROOT"] = str(media)
    manage(built, "migrate", "--noinput")
    manage(built, "load_demo")
    copies = [sys.executable, "bench/setup_load.py", "copies", str(options.associations)]
    subprocess.run(copies, cwd=ROOT, env=built, check=True, capture_output=True)


def clone(options: argparse.Namespace, media: Path) -> None:
    """The run's database and files: a copy of the template's."""
    with _admin(options) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')
        connection.execute(
            f'CREATE DATABASE "{options.database}" TEMPLATE "{template_name(options)}"'
        )
    shutil.copytree(template_media(options), media, dirs_exist_ok=True)


def drop(options: argparse.Namespace, database: str) -> None:
    with _admin(options) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def drop_template(options: argparse.Namespace) -> None:
    drop(options, template_name(options))
    shutil.rmtree(template_media(options), ignore_errors=True)


def manage(env: dict, *command: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
    )


def _started(command: list[str], env: dict, log_path: Path) -> subprocess.Popen:
    # A session of its own, so that stopping it reaches the master and every worker.
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
    process.log_path = log_path  # type: ignore[attr-defined]
    return process


def start_gunicorn(options: argparse.Namespace, env: dict, logs: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "finsam.wsgi",
        "--bind", f"127.0.0.1:{options.port}",
        "--worker-class", "gthread",
        "--workers", str(options.workers),
        "--threads", str(options.threads),
    ]  # fmt: skip
    server = _started(command, env, logs / "gunicorn.log")
    # The first request imports the application: seconds on cores other work keeps busy.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            login = httpx.get(f"http://127.0.0.1:{options.port}/konto/login/", timeout=60)
            if login.status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    stop(server)
    log = server.log_path  # type: ignore[attr-defined]
    raise RuntimeError(f"gunicorn did not answer in 120 s; see {log}")


def start_worker(options: argparse.Namespace, env: dict, logs: Path) -> subprocess.Popen:
    """`manage.py db_worker`, at the niceness `--worker-nice` (FINSAM_WORKER_NICE, an
    operator's setting: the kernel gives the web's processes the cores first when both want
    them)."""
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    env = env | {"FINSAM_WORKER_NICE": str(options.worker_nice)}
    return _started(command, env, logs / "worker.log")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def cpu_seconds(options: argparse.Namespace, processes: dict[str, int]) -> dict[str, float]:
    """CPU time (user and system, seconds) used so far by each named process group (gunicorn
    and its workers, the worker) and by the PostgreSQL backends serving the run's database:
    what the run costs the machine, whatever else runs on it."""
    tick = os.sysconf("SC_CLK_TCK")
    used = dict.fromkeys([*processes, "database"], 0.0)
    with _admin(options) as connection:
        backends = {
            row[0]
            for row in connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [options.database]
            )
        }
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # ended meanwhile
        fields = text.rsplit(")", 1)[1].split()  # after the command's name, which may hold spaces
        pid, group, seconds = (
            int(stat.parent.name),
            int(fields[2]),
            (int(fields[11]) + int(fields[12])) / tick,
        )
        for name, leader in processes.items():
            if group == leader:
                used[name] += seconds
        if pid in backends:
            used["database"] += seconds
    return used
