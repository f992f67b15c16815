"""Benchmark: does a page cost more when the installation is large? Measures every page
kind on the demo, grows the database to the issue's installation (`bench/grow.py`: 80
associations with 20 years of funding, budgets of 60 lines x 5 columns, initiatives, books of
20 000 vouchers a year, a million more history rows) and measures again: the query count of
each page must stay the same and the median time within 1.5x.

    createdb ops_scale; DATABASE_URL=postgres://postgres@127.0.0.1:5432/ops_scale \\
        python manage.py migrate && ... load_demo
    DATABASE_URL=... python bench/scale.py [--associations 80 --years 20 --vouchers 20000
        --history 1000000 --voucher-minutes 60]

`--build-only` grows without measuring, `--measure-only FILE` measures without growing (a
demo copy and the grown database, one after the other), `--compare A B` prints the table of
two saved measurements. See docs/benchmarks.md, "A large installation".
"""

import argparse
import json
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
SLUG = "finnveden"  # the measured association: budgets, funding, initiatives, a report
BOOKS = "vaxjo"  # the measured books and imports


def pages() -> list[tuple[str, str, str, dict]]:
    """(kind, method, url, data) of every page kind, filled from the associations' data.

    The demo's objects have the lowest ids of their association (growing only adds rows),
    so the grown installation is measured on the same pages as the demo. The books and
    imports are Växjö's: the demo's Finnveden has none.
    """
    from budgets.models import BudgetAmount, BudgetDocument
    from finsam.models import Association
    from reports.models import Report

    association = Association.objects.get(slug=SLUG)
    budget = BudgetDocument.objects.filter(association=association).order_by("pk").first()
    draft = (
        BudgetDocument.objects.filter(association=association, status="draft")
        .order_by("pk")
        .first()
    )
    report = Report.objects.filter(association=association).order_by("pk").first()
    year = budget.columns.order_by("year").first().year if budget else 2014
    found = [
        ("overview", "get", f"/{SLUG}/", {}),
        ("funding", "get", f"/{SLUG}/finansiering/{year}/", {}),
        ("statements", "get", f"/{BOOKS}/bokforing/", {}),
        ("history log", "get", f"/{SLUG}/historik/", {}),
        ("imports", "get", f"/{BOOKS}/importer/", {}),
    ]
    if budget:
        found += [
            ("budget grid", "get", f"/{SLUG}/budget/{budget.pk}/", {}),
            ("follow-up", "get", f"/{SLUG}/budget/{budget.pk}/uppfoljning/", {}),
        ]
    if report:
        found.append(("report page", "get", f"/{SLUG}/rapporter/{report.pk}/", {}))
    if draft:
        amount = (
            BudgetAmount.objects.filter(line__document=draft, line__kind="amount")
            .order_by("pk")
            .first()
        )
        if amount:
            found.append(
                ("cell save", "save", f"/{SLUG}/budget/{draft.pk}/belopp/", {"amount": amount.pk})
            )
    return found


def measure(
    client: Client, found: list[tuple[str, str, str, dict]]
) -> dict[str, tuple[float, int]]:
    from budgets.models import BudgetAmount

    figures = {}
    for kind, method, url, data in found:
        times, queries = [], 0
        undo = _undoing(data["amount"]) if method == "save" else None
        for round_ in range(ROUNDS + 1):
            if method == "save":
                amount = BudgetAmount.objects.get(pk=data["amount"])
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
        if undo is not None:
            undo()
        figures[kind] = (statistics.median(times), queries)
    return figures


def _undoing(amount_pk: int):
    """What puts back the figure the cell saves change and removes the history they write:
    a measurement leaves the database as it found it, so the history log and the start
    page's latest changes show the same rows however often, and in whatever order, the demo
    and the grown installation are measured."""
    from budgets.models import BudgetAmount
    from finsam.backup.tables import HISTORY, HISTORY_LINK, association_tables

    amount = BudgetAmount.objects.get(pk=amount_pk)
    tables = [t.model for t in association_tables() if t.kind in (HISTORY, HISTORY_LINK)]
    newest = {
        m: m._default_manager.order_by("-pk").values_list("pk", flat=True).first() for m in tables
    }

    def undo() -> None:
        BudgetAmount.objects.filter(pk=amount.pk).update(amount=amount.amount)
        # History is read-only to the application (finsam.models.audit): the bench removes
        # its own rows in SQL, as bench/grow.py writes them.
        with connection.cursor() as cursor:
            for model, pk in newest.items():
                table = connection.ops.quote_name(model._meta.db_table)
                column = connection.ops.quote_name(model._meta.pk.column)
                cursor.execute(f"DELETE FROM {table} WHERE {column} > %s", [pk or 0])

    return undo


def table(before: dict, after: dict, names: tuple[str, str] = ("demo", "grown")) -> int:
    """The comparison as a Markdown table; the number of pages that fail."""
    failed = 0
    print(f"| page | {names[0]}: median ms | queries | {names[1]}: median ms | queries | ratio |")
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
    return failed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--associations", type=int, default=80)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--vouchers", type=int, default=20_000, help="a year, per association")
    parser.add_argument(
        "--history", type=int, default=1_000_000, help="budget-figure history rows, at least"
    )
    parser.add_argument(
        "--voucher-minutes", type=float, default=60, help="stop writing vouchers after"
    )
    parser.add_argument("--build-only", action="store_true", help="grow, measure nothing")
    parser.add_argument("--measure-only", metavar="FILE", help="measure, grow nothing; save")
    parser.add_argument("--compare", nargs=2, metavar="FILE", help="the table of two saved")
    options = parser.parse_args()
    if options.compare:
        saved = [json.loads(Path(name).read_text()) for name in options.compare]
        return 1 if table(*saved, names=tuple(Path(n).stem for n in options.compare)) else 0
    from bench.grow import build, sizes

    setup_test_environment()
    from django.contrib.auth import get_user_model

    # The association's administrator may open every page kind, the imports included.
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    found = pages()
    if options.measure_only:
        figures = measure(client, found)
        Path(options.measure_only).write_text(json.dumps(figures, indent=1))
        for kind, (ms, queries) in figures.items():
            print(f"{kind}: {ms:.0f} ms, {queries} queries", file=sys.stderr)
        return 0
    before = {} if options.build_only else measure(client, found)
    build(
        SLUG,
        options.associations,
        options.years,
        options.vouchers,
        options.history,
        options.voucher_minutes,
    )
    for label, count in sizes().items():
        print(f"{label}: {count}", file=sys.stderr)
    if options.build_only:
        return 0
    return 1 if table(before, measure(client, found)) else 0


if __name__ == "__main__":
    sys.exit(main())
