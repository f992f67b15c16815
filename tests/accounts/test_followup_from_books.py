"""The budget follow-up takes each line's outcome to date from the books it is mapped to."""

import re
from datetime import date

import pytest
from django.urls import reverse

from budgets.models import BudgetDocument
from finsam.imports.batches import import_confirm, import_upload
from finsam.models import Association
from finsam.permissions import Role

NBSP = "\u00a0"
JUNE_2014 = (
    "Konto;Benämning;Ingående balans;Periodens förändring;Utgående balans\n"
    "1930;Bank;1 720 000;-48 700;1 671 300\n"
    "2010;Eget kapital;-1 720 000;0;-1 720 000\n"
    "3020;Bidrag Gislaved;0;-151 300;-151 300\n"
    "4010;Kansli;0;200 000;200 000\n"
).encode()


@pytest.fixture
def finnveden_books(db):
    finnveden = Association.objects.get(slug="finnveden")
    batch, plan = import_upload(
        association=finnveden,
        kind="trial_balance",
        filename="juni.csv",
        content=JUNE_2014,
        user=None,
        period_end=date(2014, 6, 30),
    )
    assert batch is not None, plan.problems
    import_confirm(batch=batch)
    return finnveden


def text_of(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_mapped_accounts_give_outcome_and_a_forecast_proposal(client, make_user, finnveden_books):
    document = BudgetDocument.objects.get(association=finnveden_books, year=2014)
    lines = {line.label: line.pk for line in document.lines.all()}
    staff = make_user("kansli-f", finnveden_books, Role.STAFF)
    client.force_login(staff)
    mapping = {
        f"{n}-{field}": value
        for n, line in (
            ("1930", "cash"),
            ("2010", "equity"),
            ("3020", "operating_revenue"),
            ("4010", "operating_costs"),
        )
        for field, value in (("line", line), ("note_label", ""), ("budget_line", ""))
    }
    mapping["3020-budget_line"] = lines["Gislaveds kommun"]
    mapping["4010-budget_line"] = lines["Kansli"]
    client.post(reverse("accounts:chart_update", args=["finnveden"]), mapping)

    client.force_login(make_user("ledamot-f", finnveden_books, Role.BOARD))
    page = text_of(client.get(reverse("budgets:followup", args=["finnveden", document.pk])))
    # budget, outcome to date (from the books, through June), forecast = outcome + 6/12 budget
    assert f"Kansli 425{NBSP}000 200{NBSP}000 bokf. 412{NBSP}500 -12{NBSP}500" in page
    assert f"Gislaveds kommun 302{NBSP}600 151{NBSP}300 bokf. 302{NBSP}600 0" in page
    assert f"Styrelse 20{NBSP}000 0 20{NBSP}000 0" in page  # no accounts: as before


def test_a_budget_line_of_another_association_is_refused(finnveden_books):
    from django.core.exceptions import ValidationError

    from budgets.accounts.services import AccountMapping, account_mapping_update

    foreign = BudgetDocument.objects.exclude(association=finnveden_books).first().lines.first()
    with pytest.raises(ValidationError, match="hör inte till förbundets budgetar"):
        account_mapping_update(
            association=finnveden_books,
            mapping={"4010": AccountMapping("operating_costs", "", foreign.pk)},
        )
