"""Benchmark: a five-column budget of 60 lines; median server time of the grid page and of
saving one figure (which returns every new total). Run: python bench/budget_grid.py

Creates a throw-away test database (as the tests do), loads the demo, adds the budget and
times requests through Django's test client (server side: no network, no browser).
"""

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

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ROUNDS = 30


def build_budget():
    from budgets.models import BudgetAmount, BudgetColumn, BudgetDocument, BudgetLine, BudgetSection
    from members.models import Association

    association = Association.objects.get(slug="finnveden")
    document = BudgetDocument.objects.create(association=association, year=2025, title="Bench 2025")
    kinds = [
        ("budget", 2024, "Budget 2024"),
        ("forecast", 2024, "Prognos 2024"),
        ("budget", 2025, "Budget 2025"),
        ("plan", 2026, "Plan 2026"),
        ("plan", 2027, "Plan 2027"),
    ]
    columns = [BudgetColumn.objects.create(document=document, order=i, kind=k, year=y, label=label)
               for i, (k, y, label) in enumerate(kinds)]
    sections = [
        BudgetSection.objects.create(document=document, order=order, name=name, kind=kind)
        for order, (name, kind) in enumerate(
            [
                ("Intäkter", "revenue"),
                ("Verksamhet", "operations"),
                ("Administration", "administration"),
            ]
        )
    ]
    revenue, ops, adm = sections
    lines = [BudgetLine.objects.create(document=document, section=revenue, order=0,
                                       label="Balanserat resultat", kind="carried_forward")]
    for number in range(1, 60):
        section = revenue if number < 8 else ops if number < 45 else adm
        lines.append(BudgetLine.objects.create(document=document, section=section, order=number,
                                               label=f"Rad {number}"))
    BudgetAmount.objects.bulk_create(
        BudgetAmount(line=line, column=column, amount=Decimal(100_000 + 1000 * i))
        for i, line in enumerate(lines[1:]) for column in columns
    )
    return document, lines[10], columns[2]


def median_ms(function) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from finsam.demo import load_demo

        load_demo(report=lambda _line: None)
        document, line, column = build_budget()
        client = Client()
        client.force_login(get_user_model().objects.get(username="kansli"))
        url = f"/finnveden/budget/{document.pk}/"
        state = {"value": 100_000 + 1000 * 9}

        def page():
            assert client.get(url).status_code == 200

        def save():
            new = state["value"] + 1
            response = client.post(url + "belopp/", {"line": line.pk, "column": column.pk,
                                                     "value": str(new), "was": str(state["value"])})
            assert response.status_code == 200, response.content
            state["value"] = new

        page()
        # Each request empties the connection's query log when it starts; count from empty.
        reset_queries()
        with CaptureQueriesContext(connection) as page_queries:
            page()
        reset_queries()
        with CaptureQueriesContext(connection) as save_queries:
            save()
        print(f"Budget: {len(document.columns.all())} kolumner, {document.lines.count()} rader "
              f"({connection.vendor})")
        print(f"Sidan (GET):       median {median_ms(page):6.1f} ms över {ROUNDS} körningar, "
              f"{len(page_queries)} SQL-frågor")
        print(f"Spara ett belopp:  median {median_ms(save):6.1f} ms över {ROUNDS} körningar, "
              f"{len(save_queries)} SQL-frågor")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
