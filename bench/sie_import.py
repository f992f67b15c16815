"""Benchmark the SIE import end to end: 1 000 000 #TRANS lines into SQLite and PostgreSQL.

Usage: .venv/bin/python bench/sie_import.py [--trans 1000000] [--backends sqlite,postgres]

Generates a balanced SIE 4 file (bench/sie_parse.py's generator) in a temporary directory,
then for each database runs one child process that migrates an empty database, creates an
association, and imports the file as an admin does: upload (read and plan, file kept with its
checksum) and confirm (read again, replace the year, write balances). It prints the time of
each step and the child's peak memory (RSS). Targets: under 30 s and under 300 MB.
PostgreSQL: DATABASE_URL of the server on 127.0.0.1 (database finsam_bench, created here).
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = "postgres://postgres@127.0.0.1:5432/finsam_bench"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trans", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument(
        "--long-line", action="store_true", help="a file with one 100 MB line instead"
    )
    parser.add_argument(
        "--child", nargs=2, metavar=("DATABASE_URL", "FILE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(*args.child)))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.se"
        sys.path.insert(0, str(ROOT / "bench"))
        from sie_parse import generate

        started = time.perf_counter()
        lines = _long_line(path) if args.long_line else generate(path, args.trans)
        size = path.stat().st_size / 2**20
        took = time.perf_counter() - started
        what = "one 100 MB line" if args.long_line else f"{args.trans:,} #TRANS"
        print(f"file: {what}, {lines:,} lines, {size:.0f} MB, written in {took:.1f} s")
        for backend in args.backends.split(","):
            url = f"sqlite:///{folder}/bench.sqlite3" if backend == "sqlite" else POSTGRES
            if backend == "postgres":
                _fresh_postgres_database()
            _report(backend, _run_child(url, path))


def _long_line(path: Path) -> int:
    """A file whose fourth line is 100 MB: it must be refused without being read whole."""
    with open(path, "wb") as out:
        out.write(b"#FLAGGA 0\r\n#SIETYP 4\r\n#ORGNR 222000-2634\r\n#FNAMN ")
        for _ in range(100):
            out.write(b"x" * 2**20)
        out.write(b"\r\n#RAR 0 20240101 20241231\r\n")
    return 5


def _run_child(url: str, path: Path) -> dict:
    # DEBUG off as in production: with DEBUG on, Django keeps every query with its parameters.
    media = Path(tempfile.mkdtemp())  # the child keeps the uploaded file here
    env = os.environ | {
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        "DEBUG": "0",
        "MEDIA_ROOT": str(media),
    }
    try:
        result = subprocess.run(
            [sys.executable, __file__, "--child", url, str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        shutil.rmtree(media, ignore_errors=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _report(backend: str, figures: dict) -> None:
    if figures.get("refused"):
        print(
            f"{backend:<9} refused in {figures['upload_s']:.1f} s, peak RSS "
            f"{figures['peak_rss_mb']:.0f} MB: {figures['refused'][:120]}"
        )
        return
    total = figures["upload_s"] + figures["confirm_s"]
    verdict = "OK" if total < 30 and figures["peak_rss_mb"] < 300 else "OVER TARGET"
    print(
        f"{backend:<9} upload (read + plan + keep file) {figures['upload_s']:5.1f} s | "
        f"confirm (read again + write) {figures['confirm_s']:5.1f} s | total {total:5.1f} s | "
        f"CPU {figures.get('cpu_s', 0):5.1f} s (incl. migrate) | "
        f"peak RSS {figures['peak_rss_mb']:.0f} MB | {figures['movements']} monthly sums "
        f"| {verdict}"
    )


def _fresh_postgres_database() -> None:
    for sql in ("DROP DATABASE IF EXISTS finsam_bench", "CREATE DATABASE finsam_bench"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], check=True
        )


def _child(url: str, file: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from budgets.accounts.models import MonthMovement
    from finsam.imports.batches import import_confirm, import_upload
    from finsam.models import Association

    call_command("migrate", verbosity=0)
    association = Association.objects.create(name="Bench", slug="bench", org_number="222000-2634")
    started = time.perf_counter()
    with Path(file).open("rb") as content:
        batch, plan = import_upload(
            association=association, kind="sie", filename="bench.se", content=content, user=None
        )
    uploaded = time.perf_counter()
    refused = str(plan.problems[0]) if batch is None else ""
    if batch is None:  # refused (the --long-line file): report how fast, and why
        confirmed = uploaded
    else:
        import_confirm(batch=batch)
        confirmed = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "upload_s": uploaded - started,
        "confirm_s": confirmed - uploaded,
        # CPU time of the child: on a loaded machine wall time says more about the neighbours.
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "movements": MonthMovement.objects.filter(association=association).count(),
        "refused": refused,
    }


if __name__ == "__main__":
    main()
