"""A budget line's form carries the line's version: a rename racing a move keeps the move,
and a form opened before someone else's save of the line is refused. (Two real sessions at
once, on PostgreSQL: tests/test_concurrent_edit_forms.py.)"""

import pytest

from budgets import services
from budgets.models import BudgetDocument, BudgetLine
from finsam.errors import StaleEditError

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(association) -> BudgetDocument:
    return association.budget_documents.get()


def test_a_rename_read_before_a_move_keeps_the_move(document, make_user):
    user = make_user("kansli-test", document.association, "staff")
    section = document.sections.get(name="Verksamhet")
    upper, lower = list(section.lines.order_by("order"))[:2]
    stale = BudgetLine.objects.get(pk=lower.pk)  # as the rename's request read it
    services.line_move(line=lower, up=True, user=user)
    services.line_update(
        line=stale,
        label="Omdöpt",
        footnote_numbers=[],
        user=user,
        expected_version=stale.version,
    )
    orders = {line.pk: (line.order, line.label) for line in section.lines.all()}
    assert orders[lower.pk] == (upper.order, "Omdöpt")
    assert orders[upper.pk] == (lower.order, upper.label)
    assert len({order for order, _ in orders.values()}) == len(orders)


def test_a_line_form_read_before_another_save_is_refused(document, make_user):
    user = make_user("kansli-test", document.association, "staff")
    line = document.lines.get(label="Kansli")
    read = line.version
    services.line_update(
        line=line, label="Kansliet", footnote_numbers=[1], user=user, expected_version=read
    )
    with pytest.raises(StaleEditError) as refused:
        services.line_update(
            line=line, label="Kansli", footnote_numbers=[], user=user, expected_version=read
        )
    assert str(refused.value) == (
        "Raden ”Kansliet” har ändrats av någon annan sedan du öppnade sidan; "
        "din ändring sparades inte."
    )
    line.refresh_from_db()
    assert line.label == "Kansliet" and [f.number for f in line.footnotes.all()] == [1]
    assert line.version == read + 1


def test_a_line_moved_on_an_order_reordered_since_is_refused(db):
    from budgets.services.ordering import order_fingerprint

    document = BudgetDocument.objects.filter(association__slug="finnveden").first()
    section = document.sections.order_by("order").first()
    lines = list(section.lines.order_by("order", "pk"))
    shown = order_fingerprint(lines)
    services.line_move(line=lines[1], up=True, user=None)  # someone else moves first
    with pytest.raises(StaleEditError):
        services.line_move(line=lines[1], up=False, user=None, expected=shown)
    again = list(section.lines.order_by("order", "pk"))
    assert [line.pk for line in again[:2]] == [lines[1].pk, lines[0].pk]
