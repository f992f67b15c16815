"""History cannot be edited or deleted: not through the models, not through the admin."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from budgets.models import BudgetAmount, BudgetDocument
from budgets.services import budget_amount_set, line_delete
from finsam.audit.admin import AuditedAdmin
from finsam.models.audit import AuditedHistory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superadmin(client):
    client.force_login(get_user_model().objects.get(username="superadmin"))
    return client


@pytest.fixture
def cell(association):
    document = association.budget_documents.get()
    line, column = document.lines.get(label="Kansli"), document.columns.get(year=2014)
    budget_amount_set(
        line=line, column=column, amount=Decimal(430000), expected=Decimal(425000), user=None
    )
    return BudgetAmount.objects.get(line=line, column=column)


def test_a_historical_row_cannot_be_changed_or_deleted(cell):
    record = cell.history.first()
    record.amount = 1
    with pytest.raises(PermissionDenied):
        record.save()
    with pytest.raises(PermissionDenied):
        record.delete()
    with pytest.raises(PermissionDenied):
        BudgetAmount.history.filter(id=cell.pk).update(amount=1)
    with pytest.raises(PermissionDenied):
        BudgetAmount.history.model.objects.filter(id=cell.pk).delete()
    assert [r.amount for r in cell.history.all()] == [430000, 425000]


def test_no_historical_table_is_in_the_admin():
    registered = [m for m in admin.site._registry if issubclass(m, AuditedHistory)]
    assert registered == []


def test_every_tracked_model_in_the_admin_shows_history_read_only():
    for model, model_admin in admin.site._registry.items():
        if hasattr(model._meta, "simple_history_manager_attribute"):
            assert isinstance(model_admin, AuditedAdmin), model


def test_the_admin_shows_history_but_refuses_to_revert(superadmin, cell):
    earlier = cell.history.order_by("history_id").first()
    history = reverse("admin:budgets_budgetamount_history", args=[cell.pk])
    page = superadmin.get(history).content.decode()
    assert "View history: Kansli / Budget 2014" in page
    assert "425000.00" in page and "430000.00" in page
    revert = reverse(
        "admin:budgets_budgetamount_simple_history", args=[cell.pk, earlier.history_id]
    )
    shown = superadmin.get(revert)
    assert shown.status_code == 200 and b'name="_save"' not in shown.content
    posted = superadmin.post(
        revert, {"line": cell.line_id, "column": cell.column_id, "amount": "425000"}
    )
    assert posted.status_code == 403
    cell.refresh_from_db()
    assert cell.amount == 430000 and cell.history.count() == 2


def test_deleting_in_the_admin_keeps_the_history(superadmin, cell):
    pk = cell.pk
    delete = reverse("admin:budgets_budgetamount_delete", args=[pk])
    assert superadmin.post(delete, {"post": "yes"}).status_code == 302
    assert [r.history_type for r in BudgetAmount.history.filter(id=pk)] == ["-", "~", "+"]
    deleted = BudgetAmount.history.filter(id=pk).first()
    assert deleted.history_user_id == get_user_model().objects.get(username="superadmin").pk


def test_a_cascade_keeps_the_association_on_every_row(association):
    document = BudgetDocument.objects.get(association=association)
    line = document.lines.get(label="Kansli")
    amounts = list(line.amounts.values_list("pk", flat=True))
    line_delete(line=line, user=None)
    gone = BudgetAmount.history.filter(id__in=amounts, history_type="-")
    assert gone.count() == len(amounts) == 2
    assert {r.history_association_id for r in gone} == {association.pk}


def test_simple_historys_cleaning_commands_cannot_delete_history(cell):
    with pytest.raises(PermissionDenied):
        call_command("clean_old_history", "budgets.BudgetAmount", days=-1, stdout=StringIO())
    duplicate = cell.history.first()  # history only grows: a copy may be added, not removed
    duplicate.history_id, duplicate._state.adding = None, True
    duplicate.save()
    with pytest.raises(PermissionDenied):
        call_command("clean_duplicate_history", "budgets.BudgetAmount", stdout=StringIO())
    assert cell.history.count() == 3
