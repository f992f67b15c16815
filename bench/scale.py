"""Benchmark: does a page cost more when the installation is large? Measures every page
kind of one association (Finnveden) on the demo, then grows the database and measures again:
the query count of each page must stay the same and the median time within 1.5x.

    createdb ops_scale; DATABASE_URL=postgres://postgres@127.0.0.1:5432/ops_scale \\
        python manage.py migrate && ... load_demo
    DATABASE_URL=... python bench/scale.py --associations 80 --vouchers 20000 --history 1000000

Growing is done in bulk (INSERT ... SELECT over generate_series, bulk_create), never through
the services: `--associations` more associations (copies of Växjö's settings, without
members), `--vouchers` vouchers a year for each of `--years` years of the measured
association, and `--history` budget-figure history rows of it. What is NOT built here (see
docs/benchmarks.md): members, budgets, initiatives and books for the added associations.
"""

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ROUNDS = 9
SLUG = "finnveden"


def pages() -> list[tuple[str, str, str, dict]]:
    """(kind, method, url, data) of every page kind, filled from the association's data."""
    from budgets.models import BudgetAmount, BudgetDocument
    from finsam.models import Association
    from reports.models import Report

    association = Association.objects.get(slug=SLUG)
    budget = BudgetDocument.objects.filter(association=association).order_by("-pk").first()
    draft = BudgetDocument.objects.filter(association=association, status="draft").first()
    report = Report.objects.filter(association=association).order_by("pk").first()
    year = budget.columns.order_by("year").first().year if budget else 2014
    found = [
        ("overview", "get", f"/{SLUG}/", {}),
        ("funding", "get", f"/{SLUG}/finansiering/{year}/", {}),
        ("statements", "get", f"/{SLUG}/bokforing/", {}),
        ("history log", "get", f"/{SLUG}/historik/", {}),
        ("imports", "get", f"/{SLUG}/importer/", {}),
    ]
    if budget:
        found += [
            ("budget grid", "get", f"/{SLUG}/budget/{budget.pk}/", {}),
            ("follow-up", "get", f"/{SLUG}/budget/{budget.pk}/uppfoljning/", {}),
        ]
    if report:
        found.append(("report page", "get", f"/{SLUG}/rapporter/{report.pk}/", {}))
    if draft:
        amount = BudgetAmount.objects.filter(line__document=draft, line__kind="amount").first()
        if amount:
            found.append(
                ("cell save", "save", f"/{SLUG}/budget/{draft.pk}/belopp/", {"amount": amount})
            )
    return found


def measure(client: Client) -> dict[str, tuple[float, int]]:
    from budgets.models import BudgetAmount

    figures = {}
    for kind, method, url, data in pages():
        times, queries = [], 0
        for round_ in range(ROUNDS + 1):
            if method == "save":
                amount = BudgetAmount.objects.get(pk=data["amount"].pk)
                post = {
                    "line": amount.line_id,
                    "column": amount.column_id,
                    "value": str(amount.amount + Decimal(1)),
                    "was": str(amount.amount),
                }
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.post(url, post) if method == "save" else client.get(url)
                elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, (kind, url, response.status_code)
            if round_:  # the first request warms caches
                times.append(elapsed)
                queries = len(captured)
        figures[kind] = (statistics.median(times), queries)
    return figures


def grow(associations: int, years: int, vouchers: int, history: int) -> None:
    from budgets.accounts.models import Voucher
    from budgets.models import BudgetAmount
    from finsam.models import Association, ImportBatch

    started = time.perf_counter()
    model = Association.objects.get(slug="vaxjo")
    have = Association.objects.count()
    copies = []
    for number in range(have, associations):
        copy = Association.objects.get(pk=model.pk)
        copy.pk = None
        copy.slug = f"skala-{number}"
        copy.name = f"Samordningsförbundet Skala {number}"
        copy.org_number = f"2222{number:06d}"
        copies.append(copy)
    Association.objects.bulk_create(copies)
    association = Association.objects.get(slug=SLUG)
    # The vouchers need an import to belong to; the demo's books of Finnveden came as figures.
    batch = (
        ImportBatch.objects.filter(association=association).first()
        or ImportBatch.objects.order_by("pk").first()
    )
    table = Voucher._meta.db_table
    with connection.cursor() as cursor:
        for year in range(2014 - years + 1, 2015):
            if batch is None:
                break
            cursor.execute(
                f"""INSERT INTO {table} (association_id, year, series, number, date, amounts,
                    batch_id)
                SELECT %s, %s, 'S', 'S' || g, make_date(%s, 1, 1) + (g %% 365),
                       '{{"5010": "100.00", "1930": "-100.00"}}'::jsonb, %s
                FROM generate_series(1, %s) AS g ON CONFLICT DO NOTHING""",
                [association.pk, year, year, batch.pk, vouchers],
            )
        cursor.execute(f"ANALYZE {table}")
        history_table = BudgetAmount.history.model._meta.db_table
        columns = [
            f.column
            for f in BudgetAmount.history.model._meta.concrete_fields
            if f.column != "history_id"
        ]
        chosen = ", ".join(
            "h.history_date - (g * interval '1 minute')" if c == "history_date" else f"h.{c}"
            for c in columns
        )
        if history <= 0:
            return
        cursor.execute(
            f"""INSERT INTO {history_table} ({", ".join(columns)})
            SELECT {chosen} FROM generate_series(1, %s) AS g,
              LATERAL (SELECT * FROM {history_table} WHERE history_association_id = %s
                       ORDER BY history_id LIMIT 1) AS h""",
            [history, association.pk],
        )
        cursor.execute(f"ANALYZE {history_table}")
    print(f"grown in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--associations", type=int, default=80)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--vouchers", type=int, default=20_000)
    parser.add_argument("--history", type=int, default=1_000_000)
    options = parser.parse_args()
    setup_test_environment()
    from django.contrib.auth import get_user_model

    # The association's administrator may open every page kind, the imports included.
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    before = measure(client)
    grow(options.associations, options.years, options.vouchers, options.history)
    after = measure(client)
    failed = 0
    print("| page | demo: median ms | queries | grown: median ms | queries | ratio |")
    print("|---|---|---|---|---|---|")
    for kind, (ms, queries) in before.items():
        grown_ms, grown_queries = after[kind]
        ratio = grown_ms / ms if ms else 0
        flag = "" if grown_queries == queries and ratio <= 1.5 else " **"
        failed += bool(flag)
        print(
            f"| {kind} | {ms:.0f} | {queries} | {grown_ms:.0f} | {grown_queries} "
            f"| {ratio:.2f}{flag} |"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
