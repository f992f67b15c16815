"""Next year's budget built from an earlier one ("Ny budget utifrån …"): structure copied,
columns moved a year on, the opening balance taken from the best source there is, and that
source named on the page and in the message."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets.models import BudgetDocument, BudgetLine, LineKind
from budgets.selectors import budget_sheet
from budgets.services import column_add, document_create
from budgets.services.successor import document_create_from
from finsam.models import Association

pytestmark = pytest.mark.django_db


def _columns(document: BudgetDocument) -> list[tuple[str, str, int]]:
    return [(c.label, c.kind, c.year) for c in document.columns.all()]


def _figures(document: BudgetDocument, year: int) -> dict[str, Decimal]:
    column = document.columns.get(year=year, kind="budget")
    return {a.line.label: a.amount for a in column.amounts.select_related("line")}


def test_finnveden_2015_from_2014_moves_columns_and_copies_lines(association):
    source = association.budget_documents.get()
    new, opening = document_create_from(source=source, year=2015, user=None)
    assert (new.title, new.year, new.revision, new.origin, new.is_draft) == (
        "Budget 2015-2016",
        2015,
        1,
        source,
        True,
    )
    assert _columns(new) == [("Budget 2015", "budget", 2015), ("Budget 2016", "budget", 2016)]
    # The earlier budget of 2015 becomes the new budget column; 2016 had no column: blank.
    figures = _figures(new, 2015)
    assert figures["Nya projekt"] == 2_011_000 and figures["Kansli"] == 430_000
    assert figures["Processtöd till huvudmännen"] == 210_000
    assert not new.columns.get(year=2016).amounts.exists()
    # Lines keep members, initiative links, exemptions and footnotes (copied, not shared).
    line = new.lines.get(label="Gislaveds kommun")
    assert [m.name for m in line.members.all()] == ["Gislaveds kommun"]
    assert [(f.number, f.document_id) for f in line.footnotes.all()] == [(1, new.pk)]
    jobbcenter = new.lines.get(label="Jobbcenter Unga")
    assert jobbcenter.initiative.name == "Jobbcenter Unga"
    assert new.footnotes.count() == 4 and new.sections.count() == 3 and new.lines.count() == 17
    assert source.lines.count() == 17 and source.columns.count() == 2  # the source untouched


def test_finnveden_opening_is_the_earlier_budgets_closing_of_2014(association):
    source = association.budget_documents.get()
    new, opening = document_create_from(source=source, year=2015, user=None)
    assert opening.amount == 300_000
    assert opening.source == "utgående resultat i kolumnen ”Budget 2014” i Budget 2014-2015"
    sheet = budget_sheet(new)
    budget_2015 = sheet.result.columns[new.columns.get(year=2015).pk]
    carried = new.lines.get(kind=LineKind.CARRIED_FORWARD)
    assert carried.amounts.get().amount == 300_000
    # The new budget's 2015 adds up as the earlier plan's 2015 did: 3 692 000 in and out.
    assert (budget_2015.opening, budget_2015.revenue, budget_2015.costs) == (
        300_000,
        3_692_000,
        3_692_000,
    )
    assert budget_2015.closing == 0


def test_vaxjo_opening_from_the_books_closing_equity_when_the_books_hold_the_year():
    vaxjo = Association.objects.get(slug="vaxjo")
    budget_2013 = document_create(association=vaxjo, year=2013, title="Budget 2013", user=None)
    new, opening = document_create_from(source=budget_2013, year=2014, user=None)
    # The balance sheet of 31 December 2013: equity 981 tkr, 980 700 kr in the books.
    assert opening.amount == 980_700
    assert opening.source == "bokföringens utgående eget kapital 2013"
    assert new.title == "Budget 2014" and new.revision == 2  # the demo has revision 1 of 2014
    column = new.columns.get()
    assert budget_sheet(new).result.columns[column.pk].opening == 980_700


def test_vaxjo_opening_from_the_follow_up_forecast_of_the_running_year():
    vaxjo = Association.objects.get(slug="vaxjo")
    source = vaxjo.budget_documents.get(year=2014)
    new, opening = document_create_from(source=source, year=2015, user=None)
    # The report: "Prognos för utfall ... blir ett överskott mot budget på 400 tkr".
    assert opening.amount == 400_000
    assert opening.source == "helårsprognosen i uppföljningen av ”Budget 2014” i Budget 2014"


def test_a_forecast_column_feeds_next_year_and_plan_years_move_on(association):
    source = association.budget_documents.get()
    forecast = column_add(
        document=source, kind="forecast", year=2014, label="Prognos 2014", user=None
    )
    line = source.lines.get(label="Kansli")
    line.amounts.create(column=forecast, amount=Decimal(325_000))
    new, opening = document_create_from(source=source, year=2015, user=None)
    assert opening.source == "prognosen i kolumnen ”Prognos 2014” i Budget 2014-2015"
    # The forecast of 2014 starts at the budget's opening (1 720 000), adds 2014's
    # contributions (2 992 000), less the three initiatives' granted 2014 (594 000 + 763 000
    # + 596 000) and Kansli's 325 000, the one line typed.
    assert opening.amount == 1_720_000 + 2_992_000 - 1_953_000 - 325_000 == 2_434_000
    assert _columns(new) == [
        ("Budget 2015", "budget", 2015),
        ("Budget 2016", "budget", 2016),
        ("Prognos 2015", "forecast", 2015),
    ]
    # The moved forecast of 2015 starts at the earlier budget of 2015.
    assert new.columns.get(kind="forecast").amounts.get(line__label="Kansli").amount == 430_000


def test_the_year_must_come_after_the_source(association):
    source = association.budget_documents.get()
    with pytest.raises(ValidationError, match="senare år än 2014"):
        document_create_from(source=source, year=2014, user=None)
    assert association.budget_documents.count() == 1


def test_the_page_names_the_source_and_creates_the_draft(staff_client, association):
    source = association.budget_documents.get()
    url = reverse("budgets:new_from", args=[association.slug, source.pk])
    page = staff_client.get(url).content.decode()
    assert "300\xa0000 kr</strong>, från utgående resultat i kolumnen ”Budget 2014”" in page
    refused = staff_client.post(url, {"year": "2013"})
    assert "Välj ett senare år än 2014" in refused.content.decode()
    assert association.budget_documents.count() == 1
    response = staff_client.post(url, {"year": "2015", "title": ""}, follow=True)
    new = association.budget_documents.get(year=2015)
    assert response.redirect_chain[-1][0].endswith(f"/{new.pk}/")
    assert "med ingående balans från utgående resultat i kolumnen" in response.content.decode()
    created = BudgetLine.history.filter(document_id=new.pk, history_type="+")
    assert created.count() == 17
    assert {(h.history_user.username, h.history_change_reason) for h in created} == {
        ("staff-user", "Ny budget 2015 utifrån Budget 2014-2015")
    }
