"""Adoption freezes a budget revision: every figure, typed and derived, stays as adopted when
grant decisions and funding change later, and today's differences are listed beside it."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from budgets.differences import adopted_differences
from budgets.models import BudgetAdoption, BudgetAmount, BudgetDocument
from budgets.presentation import DisplayOptions, grid_rows
from budgets.selectors import budget_sheet
from budgets.services import StaleEditError, budget_amount_set, document_adopt
from budgets.services.status import adoption_preview
from budgets.snapshot import checksum
from initiatives.models import Initiative
from initiatives.services import DecisionData, decision_record
from members.models import AgreedContribution, FundingYear, Meeting, MeetingKind, Member

pytestmark = pytest.mark.django_db

MOTIVATION = "Överskottet från tidigare år används medvetet under 2014–2015."


@pytest.fixture
def budget(association) -> BudgetDocument:
    """Finnveden's budget, with Navigatörcentrum 2015 read from its grant decisions."""
    document = association.budget_documents.get()
    BudgetAmount.objects.filter(
        line__document=document, line__label="Navigatörcentrum", column__year=2015
    ).delete()
    return document


def _adopt(document, **changes):
    arguments = {
        "document": document,
        "adopted_on": date(2013, 12, 12),
        "meeting": None,
        "diary_number": "2013/45",
        "user": None,
        "motivation": MOTIVATION,
    }
    adopted = document_adopt(**(arguments | changes))
    document.refresh_from_db()
    return adopted


def _printed(sheet, label: str, column: str) -> str:
    row = next(r for r in grid_rows(sheet, DisplayOptions.of(sheet.document)) if r.label == label)
    return next(c.text for c in row.cells if c.column.label == column)


def _reduce_navigator_grant(amount: int) -> None:
    initiative = Initiative.objects.get(association__slug="finnveden", name="Navigatorcentrum")
    decision_record(
        initiative=initiative,
        data=DecisionData(
            kind="reduction",
            decided_on=date(2014, 2, 1),
            amount=Decimal(amount),
            period_start=date(2015, 1, 1),
            period_end=date(2015, 12, 31),
            text="Minskning",
        ),
    )


def _agree_gnosjo_2014(amount: int) -> None:
    year = FundingYear.objects.get(association__slug="finnveden", year=2014)
    AgreedContribution.objects.create(
        funding_year=year, member=Member.objects.get(name="Gnosjö kommun"), amount=amount
    )


def test_later_decisions_do_not_change_the_adopted_figures(budget):
    before = budget_sheet(budget)
    assert _printed(before, "Navigatörcentrum", "Budget 2015") == "610\xa0000"
    assert _printed(before, "Gnosjö kommun", "Budget 2014") == "98\xa0800"
    _adopt(budget)
    _reduce_navigator_grant(100_000)
    _agree_gnosjo_2014(120_000)

    adopted = budget_sheet(budget)
    assert adopted.adoption is not None
    assert _printed(adopted, "Navigatörcentrum", "Budget 2015") == "610\xa0000"
    assert _printed(adopted, "Gnosjö kommun", "Budget 2014") == "98\xa0800"
    totals = [(r.revenue, r.costs, r.closing) for r in adopted.result.columns.values()]
    assert totals == [(4_712_000, 4_412_000, 300_000), (3_692_000, 3_692_000, 0)]

    today = budget_sheet(budget, today=True)
    assert _printed(today, "Navigatörcentrum", "Budget 2015") == "510\xa0000"
    assert _printed(today, "Gnosjö kommun", "Budget 2014") == "120\xa0000"


def test_the_differences_name_both_changed_lines(budget):
    _adopt(budget)
    assert adopted_differences(budget_sheet(budget)) == []
    _reduce_navigator_grant(100_000)
    _agree_gnosjo_2014(120_000)
    found = {
        (d.row, d.column): (d.adopted, d.today) for d in adopted_differences(budget_sheet(budget))
    }
    assert found[("Navigatörcentrum", "Budget 2015")] == ("610\xa0000", "510\xa0000")
    assert found[("Gnosjö kommun", "Budget 2014")] == ("98\xa0800", "120\xa0000")
    # The totals move with them: 2014 revenue up 21 200, 2015 costs down 100 000.
    assert found[(budget.cost_total_label, "Budget 2015")] == ("3\xa0692\xa0000", "3\xa0592\xa0000")


def test_the_adoption_keeps_the_snapshot_with_its_checksum_and_motivation(budget):
    preview = adoption_preview(budget)
    _adopt(budget)
    adoption = BudgetAdoption.objects.get(document=budget)
    assert adoption.sha256 == checksum(adoption.snapshot) == preview.checksum
    assert adoption.motivation == MOTIVATION
    assert adoption.adopted_on == date(2013, 12, 12)
    navigator = budget.lines.get(label="Navigatörcentrum")
    column = budget.columns.get(year=2015)
    cell = next(c for c in adoption.snapshot["cells"] if c[:2] == [navigator.pk, column.pk])
    assert cell[2:] == ["610000", None, "610000", None]  # value, typed, granted, maximum


def test_an_error_refuses_adoption_and_names_it(budget):
    line = budget.lines.get(label="Kansli")
    column = budget.columns.get(year=2015)
    budget_amount_set(
        line=line,
        column=column,
        amount=Decimal(1_000_000),
        expected=BudgetAmount.objects.get(line=line, column=column).amount,
        user=None,
    )
    with pytest.raises(ValidationError, match="Budget 2015: balanserat resultat blir negativt"):
        _adopt(budget)
    budget.refresh_from_db()
    assert budget.is_draft and not BudgetAdoption.objects.exists()


def test_a_warning_needs_a_motivation(budget):
    with pytest.raises(ValidationError, match="motivering.*kostnaderna"):
        _adopt(budget, motivation="  ")
    budget.refresh_from_db()
    assert budget.is_draft


def test_figures_changed_after_the_confirmation_are_not_adopted(budget):
    confirmed = adoption_preview(budget).checksum
    _agree_gnosjo_2014(120_000)
    with pytest.raises(StaleEditError):
        _adopt(budget, expected=confirmed)
    budget.refresh_from_db()
    assert budget.is_draft


def _adopt_url(document) -> str:
    return reverse("budgets:adopt", args=[document.association.slug, document.pk])


def test_the_adopt_page_fills_in_no_date_and_asks_for_confirmation(staff_client, budget):
    page = staff_client.get(_adopt_url(budget)).content.decode()
    assert 'name="adopted_on"' in page and 'name="adopted_on" value' not in page
    assert "kostnaderna (3\xa0692\xa0000 kr) är större än årets intäkter" in page
    figures = adoption_preview(budget).checksum
    posted = {"adopted_on": "2013-12-12", "diary_number": "2013/45", "figures": figures}

    without_date = staff_client.post(_adopt_url(budget), posted | {"adopted_on": ""})
    assert "Ange datumet då styrelsen fastställde budgeten." in without_date.content.decode()
    without_motivation = staff_client.post(_adopt_url(budget), posted)
    assert "skriv styrelsens motivering" in without_motivation.content.decode()

    confirm = staff_client.post(_adopt_url(budget), posted | {"motivation": MOTIVATION})
    assert "Bekräfta fastställelsen" in confirm.content.decode()
    budget.refresh_from_db()
    assert budget.is_draft  # nothing is adopted before the confirmation

    done = staff_client.post(
        _adopt_url(budget), posted | {"motivation": MOTIVATION, "confirmed": "True"}
    )
    assert done.status_code == 302
    budget.refresh_from_db()
    assert (budget.is_draft, budget.adopted_on) == (False, date(2013, 12, 12))
    assert BudgetAdoption.objects.get(document=budget).motivation == MOTIVATION


def test_the_adopted_page_shows_its_figures_and_todays_differences(staff_client, budget):
    _adopt(budget)
    _reduce_navigator_grant(100_000)
    page = staff_client.get(
        reverse("budgets:document", args=[budget.association.slug, budget.pk])
    ).content.decode()
    assert "Skillnader mot dagens underlag" in page
    assert BudgetAdoption.objects.get(document=budget).sha256 in page
    assert f"Styrelsens motivering vid fastställelsen 2013-12-12: {MOTIVATION}" in page
    table = page[page.index("Skillnader mot dagens underlag") :]
    assert "Navigatörcentrum" in table and "610\xa0000" in table and "510\xa0000" in table


def test_an_error_is_named_on_the_adopt_page_and_nothing_is_adopted(staff_client, budget):
    line, column = budget.lines.get(label="Kansli"), budget.columns.get(year=2015)
    BudgetAmount.objects.filter(line=line, column=column).update(amount=Decimal(1_000_000))
    posted = {
        "adopted_on": "2013-12-12",
        "figures": adoption_preview(budget).checksum,
        "motivation": MOTIVATION,
        "confirmed": "True",
    }
    page = staff_client.post(_adopt_url(budget), posted).content.decode()
    assert "Budget 2015: balanserat resultat blir negativt" in page
    budget.refresh_from_db()
    assert budget.is_draft


def test_the_plan_prints_the_adopted_budget_after_a_grant_changed(budget):
    from reports.builders import build_report
    from reports.models import Report

    plan = Report.objects.get(association__slug="finnveden", kind="verksamhetsplan", year=2014)

    def navigator_2015() -> list[str]:
        figures = build_report(plan).figures()
        return [
            f.text for f in figures if f.row == "Navigatörcentrum" and f.column == "Budget 2015"
        ]

    assert navigator_2015() == ["610\xa0000"]
    _adopt(budget)
    _reduce_navigator_grant(100_000)
    plan.refresh_from_db()
    assert navigator_2015() == ["610\xa0000"]


def test_the_history_names_the_adoption_and_its_motivation(budget):
    _adopt(budget)
    row = BudgetDocument.history.filter(id=budget.pk).order_by("-history_id").first()
    assert row.status == "adopted"
    assert row.history_change_reason == (
        f"Fastställd av styrelsen 2013-12-12 2013/45. Motivering till varningarna: {MOTIVATION}"
    )


def test_the_back_office_cannot_delete_an_adopted_budget(budget):
    """The adoption is the auditors' record: its budget cannot be deleted, as a report's."""
    model_admin = admin.site._registry[BudgetDocument]
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(username="superadmin")
    assert model_admin.has_delete_permission(request, budget)
    _adopt(budget)
    assert not model_admin.has_delete_permission(request, budget)


def test_the_plan_prints_the_motivation_where_the_warning_is(budget):
    from reports.blocks.budget import budget_block
    from reports.context import BuildContext
    from reports.models import Report

    plan = Report.objects.get(association__slug="finnveden", kind="verksamhetsplan", year=2014)
    warnings = [c.message for c in budget_sheet(budget).result.warnings]
    assert warnings
    _adopt(budget)
    plan.refresh_from_db()
    checks = budget_block(BuildContext(plan)).context["checks"]
    assert checks == [*warnings, f"Styrelsens motivering vid fastställelsen: {MOTIVATION}"]


def test_the_meeting_chosen_is_carried_through_the_confirmation(staff_client, budget):
    meeting = Meeting.objects.create(
        association=budget.association, kind=MeetingKind.BOARD, date=date(2013, 12, 12)
    )
    posted = {
        "adopted_on": "2013-12-12",
        "diary_number": "2013/45",
        "figures": adoption_preview(budget).checksum,
        "motivation": MOTIVATION,
        "meeting": str(meeting.pk),
    }
    confirm = staff_client.post(_adopt_url(budget), posted).content.decode()
    assert f"({meeting})" in confirm
    assert f'name="meeting" value="{meeting.pk}"' in confirm
    staff_client.post(_adopt_url(budget), posted | {"confirmed": "True"})
    budget.refresh_from_db()
    assert budget.adopted_at == meeting
