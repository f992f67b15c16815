"""Editing a budget: stale edits refused, adoption makes it read-only, revisions, history."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from budgets.models import BudgetAmount, BudgetDocument, LineKind
from budgets.presentation import DisplayOptions, grid_rows
from budgets.selectors import budget_sheet
from budgets.services import (
    StaleEditError,
    budget_amount_set,
    document_adopt,
    document_new_revision,
    footnote_delete,
    line_add,
    line_move,
)
from finsam.permissions import Role
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def finnveden_budget(association) -> BudgetDocument:
    return association.budget_documents.get()


def _set(line, column, amount, expected, user=None):
    return budget_amount_set(line=line, column=column, amount=amount, expected=expected, user=user)


def _line(document, label):
    return document.lines.get(label=label)


def test_saving_a_figure_changes_the_totals_and_logs_who(finnveden_budget, make_user, association):
    user = make_user("karin", association, Role.STAFF)
    line, column = _line(finnveden_budget, "Kansli"), finnveden_budget.columns.get(year=2014)
    _set(line, column, Decimal(435_000), Decimal(425_000), user)
    result = budget_sheet(finnveden_budget).result.columns[column.pk]
    assert result.costs == 4_422_000 and result.closing == 290_000
    now, before = BudgetAmount.history.filter(line_id=line.pk, column_id=column.pk)[:2]
    assert (before.amount, now.amount, now.history_type) == (425_000, 435_000, "~")
    assert (now.history_user_id, now.history_association_id) == (user.pk, association.pk)


def test_a_stale_edit_is_refused_with_the_current_figure(finnveden_budget, make_user, association):
    line, column = _line(finnveden_budget, "Kansli"), finnveden_budget.columns.get(year=2014)
    _set(line, column, Decimal(430_000), Decimal(425_000), None)
    with pytest.raises(StaleEditError) as refused:
        _set(line, column, Decimal(440_000), Decimal(425_000), None)
    assert refused.value.current == 430_000
    assert BudgetAmount.objects.get(line=line, column=column).amount == 430_000


def test_overriding_a_contribution_and_clearing_the_override(finnveden_budget):
    line, column = _line(finnveden_budget, "Gnosjö kommun"), finnveden_budget.columns.get(year=2014)
    _set(line, column, Decimal(100_000), None, None)
    sheet = budget_sheet(finnveden_budget)
    assert sheet.result.cell(line.pk, column.pk).difference == 1_200
    assert any("lagstadgade" in c.message for c in sheet.result.warnings)
    _set(line, column, None, Decimal(100_000), None)
    assert budget_sheet(finnveden_budget).result.cell(line.pk, column.pk).value == 98_800


def test_ore_are_refused_in_a_budget(finnveden_budget):
    line, column = _line(finnveden_budget, "Kansli"), finnveden_budget.columns.get(year=2014)
    with pytest.raises(ValidationError):
        _set(line, column, Decimal("1.50"), Decimal(425_000), None)


def test_adopted_is_read_only_and_a_revision_copies_everything(finnveden_budget):
    document_adopt(
        document=finnveden_budget,
        adopted_on=date(2013, 12, 12),
        meeting=None,
        diary_number="2013/45",
        user=None,
        motivation="Styrelsen godtar varningarna.",
    )
    line, column = _line(finnveden_budget, "Kansli"), finnveden_budget.columns.get(year=2014)
    with pytest.raises(ValidationError, match="fastställd"):
        _set(line, column, Decimal(1), Decimal(425_000), None)
    copy = document_new_revision(document=finnveden_budget, user=None)
    assert (copy.revision, copy.origin, copy.is_draft) == (2, finnveden_budget, True)
    sheet = budget_sheet(copy)
    totals = [(r.revenue, r.costs, r.closing) for r in sheet.result.columns.values()]
    assert totals == [(4_712_000, 4_412_000, 300_000), (3_692_000, 3_692_000, 0)]
    assert [f.number for f in sheet.footnotes] == [1, 2, 3, 4]
    assert [f.number for f in copy.lines.get(label="Nya projekt").footnotes.all()] == [3]


def test_counted_share_with_an_initiative_line(finnveden_budget, association):
    finnveden_budget.counted_share = Decimal(90)
    finnveden_budget.save()
    section = finnveden_budget.sections.get(name="Verksamhet")
    line = line_add(section=section, label="Ny insats", kind=LineKind.INITIATIVE, user=None)
    line.initiative = Initiative.objects.create(association=association, name="Ny insats")
    line.save()
    column = finnveden_budget.columns.get(year=2014)
    _set(line, column, Decimal(200_000), None, None)
    sheet = budget_sheet(finnveden_budget)
    cell = sheet.result.cell(line.pk, column.pk)
    assert (cell.maximum, cell.value) == (200_000, 180_000)  # both kept, the counted one counts
    # 4 412 000 printed, with the three demo initiative lines (594 000 + 763 000 + 596 000)
    # now counted at 90 % (-195 300), plus the new line counted at 180 000.
    assert sheet.result.columns[column.pk].costs == 4_412_000 - 195_300 + 180_000
    row = next(r for r in grid_rows(sheet, DisplayOptions()) if r.label == "Ny insats")
    assert row.cells[0].text == "180\u00a0000"
    assert row.cells[0].detail == "max 200\u00a0000, räknas 90 %: 180\u00a0000"
    # Plain lines are not initiative lines: the share does not touch them.
    nya_projekt = _line(finnveden_budget, "Nya projekt")
    assert sheet.result.cell(nya_projekt.pk, column.pk).value == 1_605_000


def test_moving_a_line_and_deleting_a_footnote_renumbers(finnveden_budget):
    kansli = _line(finnveden_budget, "Styrelse")
    line_move(line=kansli, up=True, user=None)
    section = finnveden_budget.sections.get(name="Administration")
    labels = list(section.lines.values_list("label", flat=True))
    assert labels[:2] == ["Styrelse", "Kansli"]
    footnote_delete(footnote=finnveden_budget.footnotes.get(number=2), user=None)
    assert list(finnveden_budget.footnotes.values_list("number", flat=True)) == [1, 2, 3]
    assert [f.number for f in _line(finnveden_budget, "Nya projekt").footnotes.all()] == [2]


def test_database_refuses_two_amounts_for_one_cell_and_ore(finnveden_budget):
    line, column = _line(finnveden_budget, "Kansli"), finnveden_budget.columns.get(year=2014)
    with transaction.atomic(), pytest.raises(IntegrityError):
        BudgetAmount.objects.create(line=line, column=column, amount=Decimal(1))
    other = finnveden_budget.columns.get(year=2015)
    BudgetAmount.objects.filter(line=line, column=other).delete()
    with transaction.atomic(), pytest.raises(IntegrityError):
        BudgetAmount.objects.create(line=line, column=other, amount=Decimal("10.50"))
    with pytest.raises(ValidationError, match="hela kronor"):
        BudgetAmount(line=line, column=other, amount=Decimal("10.50")).full_clean()
