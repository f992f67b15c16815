"""The history log with many rows: pages only as deep as MAX_ROWS, with the same number of
queries however many rows there are (bench/history.py times it with a million)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from budgets.models import BudgetAmount
from finsam.audit import pages

pytestmark = pytest.mark.django_db


def _copies(source, rows: int, apart: timedelta) -> None:
    """`rows` copies of the history row `source`, each `apart` before the one after it."""
    History = BudgetAmount.history.model
    copies = []
    for step in range(1, rows + 1):
        copy = History.objects.get(pk=source.pk)
        copy.history_id = None
        copy.history_date = source.history_date - step * apart
        copies.append(copy)
    History.objects.bulk_create(copies)


def _more_history(association, rows: int) -> None:
    """`rows` more budget-figure history rows of the association, copies of its newest one."""
    History = BudgetAmount.history.model
    newest = History.objects.filter(history_association=association).order_by("-history_id")[0]
    _copies(newest, rows, timedelta(minutes=1))


def _log(client, association, **query):
    return client.get(reverse("members:history", args=[association.slug]), query)


def test_the_log_query_count_does_not_grow_with_the_rows(
    client, association, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(get_user_model().objects.get(username="revisor"))
    with CaptureQueriesContext(connection) as few:
        _log(client, association)
    _more_history(association, 300)
    with django_assert_max_num_queries(len(few)):
        response = _log(client, association, sida=4)
    assert response.status_code == 200 and "sida 4 av" in response.content.decode()


def test_the_log_pages_no_deeper_than_max_rows(client, association, monkeypatch):
    monkeypatch.setattr(pages, "MAX_ROWS", 120)
    client.force_login(get_user_model().objects.get(username="revisor"))
    _more_history(association, 200)
    deep = _log(client, association, sida=99)
    html = deep.content.decode()
    # 120 rows are 3 pages of 50: page 99 is the last of them, and the caption says that
    # older changes are found by choosing dates.
    assert "120 ändringar" in html and "sida 3 av 3" in html
    assert "välj datum för att se äldre" in html


def test_a_log_longer_than_it_pages_costs_the_queries_of_a_shorter_one(
    client, association, monkeypatch
):
    """Whether there are older rows than the log pages through is known from its count (it
    counts one row more): no query more once the history outgrows MAX_ROWS, so a grown
    association's log costs what the demo's does (bench/scale.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from finsam.audit.log import Filters, association_sources

    client.force_login(get_user_model().objects.get(username="revisor"))
    _log(client, association)  # warm up the session
    have = pages.NewestRows(association, association_sources(), Filters()).count()
    monkeypatch.setattr(pages, "MAX_ROWS", have + 60)
    with CaptureQueriesContext(connection) as within:
        html = _log(client, association).content.decode()
    assert "välj datum för att se äldre" not in html
    _older_history(association, 100)  # older than every row: the first page stays the same
    with CaptureQueriesContext(connection) as beyond:
        html = _log(client, association).content.decode()
    assert "välj datum för att se äldre" in html
    assert len(beyond) == len(within)


def _older_history(association, rows: int) -> None:
    """`rows` more budget-figure history rows, dated before the association's oldest."""
    History = BudgetAmount.history.model
    oldest = History.objects.filter(history_association=association).order_by("history_date")[0]
    _copies(oldest, rows, timedelta(days=1))


def test_the_newest_rows_read_from_each_table_are_the_rows_of_the_whole_union(association):
    """With `first`, each history table gives only its newest rows (on PostgreSQL, one LIMIT
    per table: the start page's latest changes and a log page near the top read a few rows
    from each index, not the association's whole history); the rows are those of the union
    read whole, at the top and on a deeper page."""
    from django.db import connection

    from finsam.audit.log import association_sources, history_rows

    _more_history(association, 120)
    sources = association_sources()
    for window in (slice(0, 5), slice(0, 50), slice(50, 100), slice(100, 150)):
        newest = list(history_rows(association, sources, first=window.stop)[window])
        whole = list(history_rows(association, sources)[window])
        assert newest == whole and newest, window
    if connection.vendor == "postgresql":
        sql = str(history_rows(association, sources, first=5).query)
        assert sql.count("LIMIT 5") == len(sources)
