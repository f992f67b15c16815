"""Reordering columns and sections from the structure page, and deleting only after the
confirmation page: each change refused when the page showed an older order, and logged."""

import pytest

from budgets.models import BudgetColumn, BudgetDocument, BudgetLine, BudgetSection
from budgets.presentation import DisplayOptions, grid_rows
from budgets.selectors import budget_sheet
from budgets.services import column_add
from budgets.services.ordering import order_fingerprint
from tests.http_session import form_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(association) -> BudgetDocument:
    return association.budget_documents.get()


def _url(document, *parts) -> str:
    return "/".join([f"/{document.association.slug}/budget/{document.pk}", *map(str, parts)]) + "/"


def _labels(document) -> list[str]:
    return [c.label for c in document.columns.all()]


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_column_in_the_wrong_place_is_moved_not_recreated(staff_client, document):
    forecast = column_add(
        document=document, kind="forecast", year=2014, label="Prognos 2014", user=None
    )
    document.lines.get(label="Kansli").amounts.create(column=forecast, amount=410_000)
    assert _labels(document) == ["Budget 2014", "Budget 2015", "Prognos 2014"]
    page = staff_client.get(_url(document, "struktur")).content.decode()
    was = order_fingerprint(document.columns.all())
    assert page.count(f'name="was" value="{was}"') == 3  # the order each move form sends
    shown = {"was": was}
    staff_client.post(_url(document, "kolumner", forecast.pk, "flytta"), shown | {"action": "upp"})
    assert _labels(document) == ["Budget 2014", "Prognos 2014", "Budget 2015"]
    # The figures stay with their column: the grid's Kansli row follows the new order.
    sheet = budget_sheet(document)
    options = DisplayOptions.of(document)
    kansli = next(r for r in grid_rows(sheet, options) if r.label == "Kansli")
    assert [(c.column.label, c.text) for c in kansli.cells] == [
        ("Budget 2014", "425\xa0000"),
        ("Prognos 2014", "410\xa0000"),
        ("Budget 2015", "430\xa0000"),
    ]
    # The same form again shows an order that is no longer there: refused, nothing moves.
    response = staff_client.post(
        _url(document, "kolumner", forecast.pk, "flytta"), shown | {"action": "upp"}, follow=True
    )
    assert _messages(response)[-1] == (
        "Ordningen på kolumnerna har ändrats av någon annan sedan du öppnade sidan; "
        "din ändring sparades inte."
    )
    assert _labels(document) == ["Budget 2014", "Prognos 2014", "Budget 2015"]
    moves = BudgetColumn.history.filter(document_id=document.pk, history_type="~")
    assert {(h.label, h.order) for h in moves} == {("Prognos 2014", 1), ("Budget 2015", 2)}
    assert {h.history_user.username for h in moves} == {"staff-user"}


def test_sections_move_up_and_down_with_their_lines(staff_client, document):
    admin = document.sections.get(name="Administration")
    was = order_fingerprint(document.sections.all())
    staff_client.post(_url(document, "avsnitt", admin.pk, "flytta"), {"action": "upp", "was": was})
    assert [s.name for s in document.sections.all()] == ["Intäkter", "Administration", "Verksamhet"]
    sheet = budget_sheet(document)
    assert [line.label for line in sheet.sections[1].lines][:2] == ["Kansli", "Styrelse"]
    # Totals do not depend on the order: 2014 still closes at 300 000.
    assert sheet.result.columns[document.columns.get(year=2014).pk].closing == 300_000
    was = order_fingerprint(document.sections.all())
    staff_client.post(_url(document, "avsnitt", admin.pk, "flytta"), {"action": "ned", "was": was})
    assert [s.name for s in document.sections.all()] == ["Intäkter", "Verksamhet", "Administration"]


def test_deleting_a_line_asks_first(staff_client, document):
    line = document.lines.get(label="Kansli")
    response = staff_client.post(_url(document, "rader", line.pk), {"action": "ta-bort"})
    assert response.url == _url(document, "ta-bort", "rad", line.pk)
    assert document.lines.filter(pk=line.pk).exists()
    page = staff_client.get(response.url).content.decode()
    assert "Ta bort raden ”Kansli” med alla dess belopp?" in page
    assert f'href="{_url(document, "struktur")}#line-{line.pk}">Avbryt</a>' in page
    confirm = form_in(page, containing="bekraftat")
    staff_client.post(_url(document, "rader", line.pk), confirm)
    assert not document.lines.filter(pk=line.pk).exists()


def test_deleting_a_column_or_a_section_asks_first(staff_client, document):
    column = document.columns.get(year=2015)
    staff_client.post(_url(document, "kolumner"), {"action": "ta-bort", "column": column.pk})
    assert document.columns.count() == 2
    page = staff_client.get(_url(document, "ta-bort", "kolumn", column.pk)).content.decode()
    assert "Ta bort kolumnen ”Budget 2015” med alla dess belopp?" in page
    staff_client.post(_url(document, "kolumner"), form_in(page, containing="bekraftat"))
    assert _labels(document) == ["Budget 2014"]

    section = document.sections.get(name="Administration")
    staff_client.post(_url(document, "avsnitt"), {"action": "ta-bort", "section": section.pk})
    assert document.sections.count() == 3
    page = staff_client.get(_url(document, "ta-bort", "avsnitt", section.pk)).content.decode()
    assert "Ta bort avsnittet ”Administration” med dess 5 rader och deras belopp?" in page
    staff_client.post(_url(document, "avsnitt"), form_in(page, containing="bekraftat"))
    assert [s.name for s in document.sections.all()] == ["Intäkter", "Verksamhet"]
    assert not document.lines.filter(label="Kansli").exists()
    gone = BudgetSection.history.filter(id=section.pk, history_type="-").get()
    assert gone.name == "Administration"
    assert BudgetLine.history.filter(label="Kansli", history_type="-").exists()


def test_the_structure_page_links_to_confirmation_not_straight_to_delete(staff_client, document):
    page = staff_client.get(_url(document, "struktur")).content.decode()
    assert 'value="ta-bort"' not in page  # every delete goes through its confirmation page
    # One link per line (17), per section (3) and per column (2).
    assert page.count(_url(document, "ta-bort", "rad")) == 17
    assert page.count(_url(document, "ta-bort", "avsnitt")) == 3
    assert page.count(_url(document, "ta-bort", "kolumn")) == 2
