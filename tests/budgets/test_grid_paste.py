"""Pasting a block from a spreadsheet into the grid, and the messages a refused figure gets."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetAmount, BudgetDocument
from budgets.services import CellEdit, budget_amounts_paste

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def document(association) -> BudgetDocument:
    return association.budget_documents.get()


def _stored(document, label, year):
    row = BudgetAmount.objects.filter(line__label=label, line__document=document, column__year=year)
    found = row.first()
    return None if found is None else found.amount


def _was(document, label, year) -> str:
    amount = _stored(document, label, year)
    return "" if amount is None else str(int(amount))


def _cell(document, label, year, value, was=None):
    line = document.lines.get(label=label)
    column = document.columns.get(year=year)
    was = _was(document, label, year) if was is None else was
    return {"line": line.pk, "column": column.pk, "value": value, "was": was}


def _paste(client, document, cells, **extra):
    url = reverse("budgets:paste", args=[document.association.slug, document.pk])
    return client.post(url, {"cells": json.dumps(cells), **extra})


def _key(document, label, year) -> str:
    line = document.lines.get(label=label)
    return f"c{document.columns.get(year=year).pk}-l{line.pk}"


def test_a_pasted_block_is_saved_in_one_request_and_refused_cells_are_named(staff_client, document):
    cells = [
        _cell(document, "Kansli", 2014, "430 000"),
        _cell(document, "Kansli", 2015, f"431{NBSP}000"),
        _cell(document, "Styrelse", 2014, "abc"),
        _cell(document, "Styrelse", 2015, "-"),
    ]
    styrelse_2014 = _stored(document, "Styrelse", 2014)
    response = _paste(staff_client, document, cells)
    assert response.status_code == 200
    answer = response.json()
    assert answer["saved"] == 3
    assert answer["refused"] == {
        _key(document, "Styrelse", 2014): "Styrelse, Budget 2014: ”abc” är inte ett belopp. "
        "Skriv hela kronor, t.ex. 302 600."
    }
    assert _stored(document, "Kansli", 2014) == 430_000
    assert _stored(document, "Kansli", 2015) == 431_000
    assert _stored(document, "Styrelse", 2014) == styrelse_2014
    assert _stored(document, "Styrelse", 2015) is None
    # The totals come back with the answer, as after one figure.
    assert answer["cells"][_key(document, "Kansli", 2014)]["typed"] == f"430{NBSP}000"


def test_a_stale_cell_of_a_paste_is_refused_while_the_others_are_saved(staff_client, document):
    kansli = _cell(document, "Kansli", 2014, "430000")
    revision = _cell(document, "Revision", 2014, "30000", was="1")  # someone changed it since
    before = _stored(document, "Revision", 2014)
    answer = _paste(staff_client, document, [kansli, revision]).json()
    message = answer["refused"][_key(document, "Revision", 2014)]
    assert message.startswith("Revision, Budget 2014: Beloppet har ändrats av någon annan")
    assert answer["saved"] == 1
    assert _stored(document, "Kansli", 2014) == 430_000
    assert _stored(document, "Revision", 2014) == before


def test_the_paste_service_writes_history_per_cell_in_one_transaction(document, make_user):
    line = document.lines.get(label="Kansli")
    b14, b15 = document.columns.get(year=2014), document.columns.get(year=2015)
    edits = [
        CellEdit(line, b14, Decimal(1000), _stored(document, "Kansli", 2014)),
        CellEdit(line, b15, Decimal(2000), _stored(document, "Kansli", 2015)),
    ]
    history_before = BudgetAmount.history.filter(line=line).count()
    with CaptureQueriesContext(connection) as queries:
        refused = budget_amounts_paste(document=document, edits=edits, user=None)
    assert refused == {}
    assert BudgetAmount.history.filter(line=line).count() == history_before + 2
    assert sum("SAVEPOINT" in q["sql"] and "RELEASE" not in q["sql"] for q in queries) <= 1


def test_paste_query_count_does_not_grow_with_the_block(staff_client, document):
    def count(labels, value) -> int:
        cells = [_cell(document, label, 2014, value) for label in labels]
        with CaptureQueriesContext(connection) as queries:
            assert _paste(staff_client, document, cells).status_code == 200
        return len(queries)

    labels = ["Kansli", "Styrelse", "Revision"]
    count(labels, "5")  # every cell has a stored figure: each later save is an update
    one, two, three = count(labels[:1], "1"), count(labels[:2], "2"), count(labels, "3")
    # The reads stay flat; each changed figure costs what one typed figure does: the
    # column is the document's association's (finsam.tenant_links), the update, and two
    # history queries (the cell's last historical row, the new one).
    assert two - one == three - two == 4


def test_in_tkr_the_paste_reads_thousands(staff_client, document):
    cells = [_cell(document, "Kansli", 2014, "302,6")]
    answer = _paste(staff_client, document, cells, enhet="tkr").json()
    assert answer["refused"] == {}
    assert _stored(document, "Kansli", 2014) == 302_600


def test_a_broken_paste_is_refused_with_a_message(staff_client, document):
    response = _paste(staff_client, document, "not a list")
    assert response.status_code == 400
    assert "Inklistringen" in response.json()["error"]


def test_a_board_member_cannot_paste(client, make_user, association, document):
    from finsam.permissions import Role

    client.force_login(make_user("ledamot", association, Role.BOARD))
    response = _paste(client, document, [_cell(document, "Kansli", 2014, "1")])
    assert response.status_code == 403


def _save(client, document, label, year, value, was=None, **extra):
    url = reverse("budgets:cell", args=[document.association.slug, document.pk])
    return client.post(url, _cell(document, label, year, value, was) | extra)


def test_the_hint_offers_only_accepted_formats(staff_client, document):
    answer = _save(staff_client, document, "Kansli", 2014, "302 600,50").json()
    assert answer["error"] == "Kansli, Budget 2014: ange hela kronor (302 600,50 kr)."
    answer = _save(staff_client, document, "Kansli", 2014, "30x").json()
    assert answer["error"] == (
        "Kansli, Budget 2014: ”30x” är inte ett belopp. Skriv hela kronor, t.ex. 302 600."
    )
    assert "302 600,50" not in answer["error"]


@pytest.mark.parametrize("typed", ["1" * 13, "9" * 60, "1 000 000 000 000"])
def test_a_too_large_figure_gets_our_message(staff_client, document, typed):
    before = _stored(document, "Kansli", 2014)
    response = _save(staff_client, document, "Kansli", 2014, typed)
    assert response.status_code == 400
    assert response.json()["error"] == (
        "Kansli, Budget 2014: beloppet är för stort; högst 12 siffror i kronor."
    )
    assert _stored(document, "Kansli", 2014) == before


def test_a_stale_save_names_the_cell_and_returns_fresh_totals(staff_client, document):
    _save(staff_client, document, "Kansli", 2014, "430000")
    response = _save(staff_client, document, "Kansli", 2014, "440000", was="425000")
    assert response.status_code == 409
    answer = response.json()
    assert answer["error"].startswith("Kansli, Budget 2014: Beloppet har ändrats")
    column = document.columns.get(year=2014)
    assert answer["cells"][f"c{column.pk}-cost"]["text"] == f"4{NBSP}417{NBSP}000"
    assert answer["stored"] == "430000"


def test_undo_is_a_save_back_through_the_cell_service(staff_client, document):
    """The page's undo posts the previous figure with the new one as its start: history shows
    both, and a figure someone else changed in between is refused."""
    _save(staff_client, document, "Kansli", 2014, "430000", was="425000")
    assert _save(staff_client, document, "Kansli", 2014, "425000", was="430000").status_code == 200
    line = document.lines.get(label="Kansli")
    amounts = [h.amount for h in BudgetAmount.history.filter(line=line, column__year=2014)]
    assert amounts[:3] == [425_000, 430_000, 425_000]
    _save(staff_client, document, "Kansli", 2014, "1", was="425000")
    refused = _save(staff_client, document, "Kansli", 2014, "425000", was="430000")
    assert refused.status_code == 409
    assert _stored(document, "Kansli", 2014) == 1
