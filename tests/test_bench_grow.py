"""bench/grow.py dates the history it grows before the demo's oldest row, so a grown
association's newest changes are the demo's own: its start page and history log show the same
rows, at the same cost, as the demo's (bench/scale.py compares them). PostgreSQL only: the
build is SQL of PostgreSQL's."""

import pytest
from django.db import connection

from finsam.audit.log import association_sources, history_rows
from finsam.models import Association

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="bench/grow.py is PostgreSQL's"),
]

PAGE = 50  # the history log's first page


def _newest(association: Association) -> list[tuple[str, int]]:
    rows = history_rows(association, association_sources(), first=PAGE)[:PAGE]
    return [(row["kind"], row["history_id"]) for row in rows]


def _count(model) -> int:
    return model._default_manager.count()


def test_the_grown_history_is_older_than_the_demos():
    from bench.grow import grow_template, lengthen_history, oldest_history
    from budgets.models import BudgetAmount

    finnveden = Association.objects.get(slug="finnveden")
    newest = _newest(finnveden)
    figures = BudgetAmount.history.model
    grow_template("finnveden", 3, oldest_history())
    grown = _count(figures)
    lengthen_history(grown + 500)
    assert _count(figures) == grown + 500
    assert _newest(finnveden) == newest
