"""Follow-up of the running year: figures entered by hand, differences, charts, stale saves."""

import re
from decimal import Decimal as D
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.accounts.models import Account, MonthMovement
from budgets.charts import BarGroup, balance_svg, bars_svg
from budgets.followup import Entered, follow_up
from budgets.models import BudgetDocument, FollowUpFigure
from finsam.models import ImportBatch
from finsam.permissions import Role

NBSP = "\u00a0"


def test_follow_up_worked_example():
    # Section 1 revenue, 2 costs. Line 3 has no forecast: forecast at its budget.
    budget = {1: (1, D(2_992_000)), 2: (2, D(425_000)), 3: (2, D(1_605_000))}
    entered = {
        1: Entered(D(1_496_000), D(2_992_000)),
        2: Entered(D(300_000), D(440_000)),
        3: Entered(D(700_000), None),
    }
    result = follow_up(budget, {1: False, 2: True}, entered)
    assert result.costs.budget == 2_030_000 and result.costs.forecast == 2_045_000
    assert result.costs.difference == 15_000
    assert result.result.forecast == 947_000 and result.result.outcome_to_date == 496_000
    assert not result.lines[2].forecast_entered


def test_charts_are_valid_svg_with_escaped_labels():
    svg = bars_svg("Per avsnitt", [BarGroup("Intäkter & <bidrag>", (D(100), D(50), D(-20)))])
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg") and "&lt;bidrag&gt;" in svg
    line = balance_svg("Balans", [("Budget 2014", D(300_000)), ("Budget 2015", D(0))])
    ElementTree.fromstring(line)
    # The balance is labelled in tkr like its axis (one unit per chart).
    assert ">300</text>" in line and "Balanserat resultat: 300 tkr" in line
    assert "<polyline" in line


@pytest.fixture
def document(association) -> BudgetDocument:
    return association.budget_documents.get()


def _url(document):
    return f"/{document.association.slug}/budget/{document.pk}/uppfoljning/"


def _post_data(document, client, changes: dict):
    page = client.get(_url(document))
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    return data


@pytest.mark.django_db
def test_staff_enter_outcome_and_see_the_difference(staff_client, document):
    kansli = document.lines.get(label="Kansli")
    data = _post_data(
        document,
        staff_client,
        {f"outcome_to_date_{kansli.pk}": "300 000", f"forecast_{kansli.pk}": "440 000"},
    )
    response = staff_client.post(_url(document), data)
    assert response.status_code == 302
    figure = FollowUpFigure.objects.get(line=kansli)
    assert (figure.outcome_to_date, figure.forecast) == (300_000, 440_000)
    assert figure.column.label == "Budget 2014"
    html = staff_client.get(response.url).content.decode()
    assert f"15{NBSP}000" in html  # 440 000 - 425 000
    assert f"4{NBSP}427{NBSP}000" in html  # costs forecast: 4 412 000 + 15 000
    assert "<svg" in html


@pytest.mark.django_db
def test_a_stale_follow_up_save_is_refused(staff_client, document):
    kansli = document.lines.get(label="Kansli")
    data = _post_data(document, staff_client, {f"forecast_{kansli.pk}": "440000"})
    column = document.columns.get(year=2014)
    FollowUpFigure.objects.create(line=kansli, column=column, forecast=D(450_000))
    response = staff_client.post(_url(document), data, follow=True)
    assert "ändrats av någon annan" in response.content.decode()
    assert FollowUpFigure.objects.get(line=kansli).forecast == 450_000


@pytest.mark.django_db
def test_board_member_sees_but_cannot_save(client, make_user, association, document):
    client.force_login(make_user("ledamot", association, Role.BOARD))
    html = client.get(_url(document)).content.decode()
    assert "Spara uppföljningen" not in html and f"4{NBSP}412{NBSP}000" in html
    assert client.post(_url(document), {}).status_code == 403


@pytest.mark.django_db
def test_each_typed_figure_is_named_by_its_line_and_column(staff_client, document):
    """No label stands beside a field in the table: a screen reader reads its aria-label."""
    html = staff_client.get(_url(document)).content.decode()
    kansli = document.lines.get(label="Kansli")
    for name, column in (("outcome_to_date", "Utfall hittills"), ("forecast", "Prognos helår")):
        field = re.search(rf'<input[^>]*name="{name}_{kansli.pk}"[^>]*>', html)
        assert field and f'aria-label="Kansli, {column}"' in field.group(), field
    unnamed = [f for f in re.findall(r"<input[^>]*>", html) if _needs_a_name(f)]
    assert not unnamed, unnamed


def _needs_a_name(field: str) -> bool:
    return 'type="hidden"' not in field and "aria-label=" not in field


def test_the_page_costs_the_same_queries_with_months_in_the_books_and_without(
    staff_client, document
):
    """Whether the year's books have months or year balances only is asked in one query, so
    a grown association with books costs what the demo's without does (bench/scale.py)."""
    staff_client.get(_url(document))  # warm up the session
    with CaptureQueriesContext(connection) as without:
        page = staff_client.get(_url(document))
    year = page.context["column"].year
    association = document.association
    assert not MonthMovement.objects.filter(association=association, year=year).exists()
    batch = ImportBatch.objects.create(
        association=association, kind="sie", filename="b.se", file="imports/b.se", sha256="0" * 64
    )
    account = Account.objects.create(association=association, number="5010", name="Lokaler")
    MonthMovement.objects.create(
        association=association, account=account, year=year, month=3, amount=100, batch=batch
    )
    with CaptureQueriesContext(connection) as with_months:
        staff_client.get(_url(document))
    assert len(with_months.captured_queries) == len(without.captured_queries)
