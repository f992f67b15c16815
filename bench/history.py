"""Benchmark: the history log and its xlsx export with a million history rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ops_history python bench/history.py

The database must be migrated and hold the demo (`manage.py load_demo`). The script copies
budget-figure history rows of Finnveden with SQL (INSERT ... SELECT over generate_series)
until its history holds `--rows` rows (default 1 000 000), one a minute back in time, then
signs in as the auditor and times, median of ROUNDS requests each: the log's first page,
a page deep in it, the log narrowed to one user, and the xlsx export of one month's rows
(`--export-days`; `--full-export` exports everything, which writes a sheet per change and
takes minutes). The query count of each page is printed beside its time: it must not
depend on the number of rows.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ROUNDS = 7
SLUG = "finnveden"


def fill(rows: int) -> int:
    """History rows of the association after topping it up to `rows` budget-figure rows."""
    from budgets.models import BudgetAmount
    from finsam.models import Association

    association = Association.objects.get(slug=SLUG)
    table = BudgetAmount.history.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {table} WHERE history_association_id = %s", [association.pk]
        )
        have = cursor.fetchone()[0]
        missing = rows - have
        if missing > 0:
            columns = [
                f.column
                for f in BudgetAmount.history.model._meta.concrete_fields
                if f.column != "history_id"
            ]
            chosen = ", ".join(
                "h.history_date - (g * interval '1 minute')" if c == "history_date" else f"h.{c}"
                for c in columns
            )
            started = time.perf_counter()
            cursor.execute(
                f"""INSERT INTO {table} ({", ".join(columns)})
                SELECT {chosen} FROM generate_series(1, %s) AS g,
                  LATERAL (SELECT * FROM {table} WHERE history_association_id = %s
                           ORDER BY history_id LIMIT 1) AS h""",
                [missing, association.pk],
            )
            cursor.execute(f"ANALYZE {table}")
            print(f"inserted {missing} rows in {time.perf_counter() - started:.1f} s")
    return rows


def timed(client: Client, url: str, data: dict | None = None) -> tuple[float, int, int]:
    """Median ms over ROUNDS, the query count and the response's size."""
    times = []
    size = 0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url, data or {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size = len(body)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
        if response.streaming:
            b"".join(response.streaming_content)
    return statistics.median(times), len(queries), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--export-days", type=int, default=30)
    parser.add_argument("--full-export", action="store_true")
    options = parser.parse_args()
    setup_test_environment()
    fill(options.rows)

    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import timezone

    client = Client()
    client.force_login(get_user_model().objects.get(username="revisor"))
    log = reverse("members:history", args=[SLUG])
    export = reverse("members:history_export", args=[SLUG])
    today = timezone.localdate()
    month = {"fran": (today.replace(day=1)).isoformat(), "till": today.isoformat()}
    kansli = get_user_model().objects.get(username="kansli").pk
    cases = [
        ("log, first page", log, {}),
        ("log, page 2 000", log, {"sida": 2000}),
        ("log, one user", log, {"anvandare": kansli}),
        ("log, one month", log, month),
        (
            f"xlsx, last {options.export_days} days",
            export,
            {
                "fran": (today - timezone.timedelta(days=options.export_days)).isoformat(),
                "till": today.isoformat(),
            },
        ),
    ]
    if options.full_export:
        cases.append(("xlsx, everything", export, {}))
    print(f"{options.rows} history rows of budget figures in {SLUG}")
    print("| page | median ms | queries | bytes |")
    print("|---|---|---|---|")
    for name, url, data in cases:
        ms, queries, size = timed(client, url, data)
        print(f"| {name} | {ms:.0f} | {queries} | {size} |")


if __name__ == "__main__":
    main()
