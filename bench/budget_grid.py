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
    from finsam.models import Association

    association = Association.objects.get(slug="finnveden")
    # Years with funding in the demo (2014, 2015), so contribution lines are computed too.
    document = BudgetDocument.objects.create(
        association=association, year=2014, revision=9, title="Bench 2014"
    )
    kinds = [
        ("budget", 2013, "Budget 2013"),
        ("forecast", 2013, "Prognos 2013"),
        ("budget", 2014, "Budget 2014"),
        ("plan", 2015, "Plan 2015"),
        ("plan", 2016, "Plan 2016"),
    ]
    columns = [
        BudgetColumn.objects.create(document=document, order=i, kind=k, year=y, label=label)
        for i, (k, y, label) in enumerate(kinds)
    ]
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
    lines = [
        BudgetLine.objects.create(
            document=document,
            section=revenue,
            order=0,
            label="Balanserat resultat",
            kind="carried_forward",
        )
    ]
    members = [m.member for m in association.memberships.select_related("member")]
    for number, member in enumerate(members, start=1):
        line = BudgetLine.objects.create(
            document=document, section=revenue, order=number, label=member.name, kind="contribution"
        )
        line.members.set([member])
        lines.append(line)
    for number in range(len(lines), 60):
        section = revenue if number < 8 else ops if number < 45 else adm
        lines.append(
            BudgetLine.objects.create(
                document=document, section=section, order=number, label=f"Rad {number}"
            )
        )
    BudgetAmount.objects.bulk_create(
        BudgetAmount(line=line, column=column, amount=Decimal(100_000 + 1000 * i))
        for i, line in enumerate(lines)
        for column in columns
        if line.kind == "amount"
    )
    return document, lines[20], columns[2]


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
        state = {"value": 100_000 + 1000 * 20}

        def page():
            assert client.get(url).status_code == 200

        def save():
            new = state["value"] + 1
            response = client.post(
                url + "belopp/",
                {
                    "line": line.pk,
                    "column": column.pk,
                    "value": str(new),
                    "was": str(state["value"]),
                },
            )
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
        print(
            f"Budget: {len(document.columns.all())} kolumner, {document.lines.count()} rader "
            f"({connection.vendor})"
        )
        print(
            f"Sidan (GET):       median {median_ms(page):6.1f} ms över {ROUNDS} körningar, "
            f"{len(page_queries)} SQL-frågor"
        )
        print(
            f"Spara ett belopp:  median {median_ms(save):6.1f} ms över {ROUNDS} körningar, "
            f"{len(save_queries)} SQL-frågor"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
