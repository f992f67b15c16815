"""The statements page and the chart of accounts."""

import re

import pytest

from budgets.accounts.models import Account
from finsam.models import Association
from finsam.permissions import Role

NBSP = "\u00a0"


def text_of(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def vaxjo(db):
    return Association.objects.get(slug="vaxjo")


def test_board_member_reads_the_statements_in_thousands(client, make_user, vaxjo):
    client.force_login(make_user("ledamot", vaxjo, Role.BOARD))
    page = text_of(client.get("/vaxjo/bokforing/"))
    assert f"Verksamhetens intäkter 1 2{NBSP}133 3{NBSP}800" in page
    assert f"Summa eget kapital och skulder 1{NBSP}742 1{NBSP}698" in page
    assert "✗" not in page


def test_statements_in_kronor(client, make_user, vaxjo):
    client.force_login(make_user("ledamot", vaxjo, Role.BOARD))
    page = text_of(client.get("/vaxjo/bokforing/?period_end=2014-08-31&unit=kr"))
    assert f"Periodens resultat -205{NBSP}968 -1{NBSP}133{NBSP}900" in page


def test_a_bad_date_is_named(client, make_user, vaxjo):
    client.force_login(make_user("ledamot", vaxjo, Role.BOARD))
    response = client.get("/vaxjo/bokforing/?period_end=2014-13-31")
    assert response.status_code == 200 and "Fyll i ett giltigt datum." in text_of(response)


def test_staff_moves_an_account_to_another_line(client, make_user, vaxjo):
    client.force_login(make_user("kansli-v", vaxjo, Role.STAFF))
    data = {
        f"{a.number}-{field}": value
        for a in Account.objects.filter(association=vaxjo)
        for field, value in (("line", a.line), ("note_label", a.note_label))
    }
    data["1690-line"] = "prepaid"
    client.post("/vaxjo/bokforing/kontoplan/spara/", data)
    page = text_of(client.get("/vaxjo/bokforing/"))
    assert "Kortfristiga fordringar 3 131 60" in page
    assert "✗ Not 3 summerar till sin rad" not in page
    assert "Förutbetalda kostn och upplupna int 4 420 58" in page
