"""The annual report beyond Växjö's 2013 draft: created from the page with its outline and the
year's budget, the budget beside the outcome (Växjö's Budget 2014 against the books through
August, as an annual report drafted early would print them), the equity against a ceiling
when one is configured, and the blocks offered only where they belong."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import EquityCeilingStep
from finsam.lib.numbers import format_amount
from initiatives.models import Initiative
from members.funding import funding_breakdown
from members.models import FundingYear
from reports.blocks import block_choices
from reports.blocks.year_initiatives import initiatives_of_year_block
from reports.builders import build_report
from reports.context import BuildContext
from reports.data import Table
from reports.models import Report
from reports.outlines import ARSREDOVISNING
from reports.rendering import print_html
from reports.services import report_create
from tests.reports.helpers import html_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_staff_create_an_annual_report_from_the_page(staff_client, association):
    url = reverse("reports:create", args=[association.slug])
    data = {"kind": "arsredovisning", "year": 2014, "period_end": "", "title": "Årsredovisning"}
    response = staff_client.post(url, data)
    assert response.status_code == 302
    report = Report.objects.get(association=association, kind="arsredovisning", year=2014)
    assert report.period_end is None
    assert report.budget is not None and report.budget.title == "Budget 2014"
    outline = list(report.sections.values_list("heading", "level", "block"))
    assert outline == ARSREDOVISNING
    page = staff_client.get(reverse("reports:detail", args=[association.slug, report.pk]))
    assert "Kassaflödesanalys" in page.content.decode()


@pytest.fixture
def vaxjo_2014(association) -> Report:
    """Växjö's annual report 2014 drafted while the books hold January to August."""
    return report_create(
        association=association, kind="arsredovisning", year=2014, period_end=None, title="ÅR"
    )


def _figures(report: Report) -> dict[tuple[str, str, str], str]:
    return {figure.key(): figure.text for figure in build_report(report).figures()}


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_the_income_statement_sets_the_budget_beside_the_outcome(vaxjo_2014):
    figures = _figures(vaxjo_2014)
    table = "Resultaträkning, kr"

    def line(label: str) -> tuple[str, str, str]:
        return tuple(figures[(table, label, column)] for column in COLUMNS)  # type: ignore

    COLUMNS = ("Utfall 2014", "Budget 2014", "Utfall 2013")
    # Budget 2014: contributions 4 x 800 000, costs 1 480 700 + 1 000 000 + 1 100 000 + 600 000
    assert line("Verksamhetens intäkter") == (
        "2\xa0133\xa0332",
        "3\xa0200\xa0000",
        "3\xa0800\xa0000",
    )
    assert line("Verksamhetens kostnader") == (
        "-2\xa0339\xa0300",
        "-4\xa0180\xa0700",
        "-4\xa0955\xa0900",
    )
    assert line("Årets resultat") == ("-205\xa0968", "-980\xa0700", "-1\xa0133\xa0900")
    assert (table, "Finansiella intäkter", "Budget 2014") not in figures  # blank: no budget


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_the_budget_outcome_per_line(vaxjo_2014):
    figures = _figures(vaxjo_2014)
    table = "Utfall mot budget 2014, kr"

    def line(label: str) -> tuple[str, ...]:
        return tuple(figures[(table, label, c)] for c in ("Budget", "Utfall", "Avvikelse"))

    assert line("Försäkringskassan") == ("800\xa0000", "533\xa0333", "-266\xa0667")
    assert line("Projektmedel målgruppen") == ("1\xa0100\xa0000", "400\xa0000", "700\xa0000")
    assert line("Förbundets administration och styrelsearvoden") == (
        "600\xa0000",
        "362\xa0500",
        "237\xa0500",
    )
    assert line("Summa intäkter") == ("3\xa0200\xa0000", "2\xa0133\xa0332", "-1\xa0066\xa0668")
    assert line("Summa kostnader") == ("4\xa0180\xa0700", "2\xa0339\xa0300", "1\xa0841\xa0400")
    assert line("Årets resultat") == ("-980\xa0700", "-205\xa0968", "774\xa0732")


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_the_equity_is_set_against_a_configured_ceiling(vaxjo_2014):
    # A test step (the shipped table is empty: docs/year-closing-and-equity-ceiling.md).
    EquityCeilingStep.objects.create(lower=0, fixed_amount=Decimal(800000), source="test")
    figures = _figures(vaxjo_2014)
    table = "Eget kapital 2014, kr"
    assert figures[(table, "Eget kapital vid årets slut", "kr")] == "774\xa0732"
    basis = funding_breakdown(FundingYear.objects.get(association__slug="vaxjo", year=2014))
    assert figures[(table, "Årets bidrag från medlemmarna (underlag)", "kr")] == (
        format_amount(basis.total)
    )
    assert figures[(table, "Takbelopp enligt Nationella rådets rekommendation", "kr")] == (
        "800\xa0000"
    )
    assert figures[(table, "Över (+)/under (-) takbeloppet", "kr")] == "-25\xa0268"


def test_the_annual_blocks_are_offered_for_the_annual_report_only():
    annual = {key for key, _label in block_choices("arsredovisning")}
    interim = {key for key, _label in block_choices("delarsrapport")}
    plan = {key for key, _label in block_choices("verksamhetsplan")}
    new = {"cash_flow", "balanskravsutredning", "equity_ceiling", "annual_income_statement"}
    assert new <= annual
    assert not new & (interim | plan)
    assert {"balance_sheet", "notes", "signatures", "board_period"} <= annual
    assert {"economy", "income_statement"} & annual == set()


@pytest.mark.parametrize("association", ["finnveden"], indirect=True)
def test_each_financial_goal_is_listed_with_its_judgement_or_none(association):
    """Finnveden's plan has three financial goals and no judgement recorded for 2014: each is
    listed, none is called met."""
    report = report_create(
        association=association, kind="arsredovisning", year=2014, period_end=None, title="ÅR"
    )
    table = next(t for t in build_report(report).tables() if t.caption == "Finansiella mål 2014")
    assert [row.label[:40] for row in table.rows] == [
        "Samordningsförbundet ska bedriva verksam",
        "Förbundet får inte skuldsätta sig. Det f",
        "I enlighet med kommunallagen ska förbund",
    ]
    assert {row.cells[2] for row in table.rows} == {"Ingen bedömning registrerad"}


def _year_initiatives(report: Report) -> Table:
    return next(t for t in build_report(report).tables() if t.caption.startswith("Årets insatser"))


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_the_initiatives_of_the_year_with_figures_and_goals(vaxjo_2014):
    """Växjö 2014: both initiatives with their follow-up January to August 2014
    (fixtures/vaxjo/initiatives.toml: Samordningsteamet 98 taken in, 67 enrolled; Klargörande
    62 referred, 35 taken in) and their goals by the status of their outcome in 2014."""
    table = _year_initiatives(vaxjo_2014)
    assert table.caption == "Årets insatser 2014"
    assert table.columns == (
        "Intresseanmälningar under perioden",
        "Deltagare under perioden",
        "Inskrivna vid periodens slut",
        "Måluppfyllelse",
    )
    assert [(row.label, row.cells) for row in table.rows] == [
        (
            "Samordningsteamet",
            (
                "–",
                "98",
                "67",
                "Delvis uppfyllt 1, Ej uppfyllt 3, Ej mätbart än 2, ingen bedömning 9",
            ),
        ),
        ("Klargörande av arbetsförmåga", ("62", "35", "–", "Ej mätbart än 1, ingen bedömning 1")),
    ]


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_the_initiatives_of_the_year_cost_no_query_per_initiative(vaxjo_2014):

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            initiatives_of_year_block(BuildContext(vaxjo_2014))
        return len(captured)

    before = queries()
    copy = Initiative.objects.get(association=vaxjo_2014.association, name="Samordningsteamet")
    goals = list(copy.goals.all())
    copy.pk, copy.name = None, "Kopia"
    copy.save()
    for goal in goals:
        goal.pk, goal.initiative, goal.parent = None, copy, None
        goal.save()
    assert len(_year_initiatives(vaxjo_2014).rows) == 3
    assert queries() == before


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_the_initiatives_of_the_year_in_the_interim_report(association):
    interim = Report.objects.get(association=association, kind="delarsrapport")
    assert (
        "initiatives_of_year",
        "Årets insatser med deltagare och måluppfyllelse (alla insatser)",
    ) in block_choices("delarsrapport")
    interim.sections.create(
        heading="Årets insatser", level=2, block="initiatives_of_year", position=99
    )
    table = _year_initiatives(interim)
    assert table.caption == "Årets insatser januari – augusti 2014"
    assert [row.cells[1] for row in table.rows] == ["98", "35"]


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_the_balanskrav_inputs_are_edited_on_the_annual_report_only(staff_client, association):
    """Växjö 2013 (result -1 133 900 kr, shown in tkr) with realised gains of 100 000 kr,
    adjustments of -50 000 and 200 000 kr of earlier deficits: the balanskravsresultat is
    -1 133 900 - 100 000 - 50 000 = -1 283 900, nothing is restored, and 200 000 + 1 283 900
    = 1 483 900 remains to restore, with the board's synnerliga skäl under the table."""
    annual = Report.objects.get(association=association, kind="arsredovisning", year=2013)
    interim = Report.objects.get(association=association, kind="delarsrapport")

    def edit_url(report: Report) -> str:
        return reverse("reports:edit", args=[association.slug, report.pk])

    assert 'name="realised_gains"' in staff_client.get(edit_url(annual)).content.decode()
    assert 'name="realised_gains"' not in staff_client.get(edit_url(interim)).content.decode()
    posted = {
        "title": annual.title,
        "unit": "tkr",
        "state_presentation": annual.state_presentation,
        "budget_revenue_total": annual.budget_revenue_total,
        "budget_cost_total": "on",
        "budget_result": "on",
        "signing_place": annual.signing_place,
        "signing_date": "2014-03-14",
        "realised_gains": "100000",
        "balance_adjustments": "-50000",
        "earlier_deficit": "200000",
        "exceptional_reasons": "Eget kapital från tidigare år används enligt plan.",
    }
    stale = staff_client.post(edit_url(annual), {**posted, "version": annual.version - 1})
    assert "Rapporten har ändrats av någon annan" in stale.content.decode()
    assert Report.objects.get(pk=annual.pk).realised_gains == 0
    response = staff_client.post(edit_url(annual), {**posted, "version": annual.version})
    assert response.status_code == 302
    annual.refresh_from_db()
    assert annual.history.first().earlier_deficit == Decimal(200000)
    data = build_report(annual)
    table = next(t for t in data.tables() if t.caption == "Balanskravsutredning 2013, tkr")
    assert [(row.label, row.cells) for row in table.rows] == [
        ("Årets resultat", ("-1\xa0134",)),
        ("Avgår: realisationsvinster", ("-100",)),
        ("Justeringar enligt balanskravet", ("-50",)),
        ("Balanskravsresultat", ("-1\xa0284",)),
        ("Ej återställda underskott från tidigare år", ("200",)),
        ("Återställt under året", ("0",)),
        ("Underskott att återställa vid årets slut", ("1\xa0484",)),
    ]
    text = html_text(print_html(data))
    assert (
        "Styrelsen åberopar synnerliga skäl för att inte återställa underskottet: "
        "Eget kapital från tidigare år används enligt plan."
    ) in text


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_a_surplus_restores_earlier_deficits_and_needs_no_reasons(vaxjo_2014):
    """Växjö 2014 through August (result -205 968 kr) with +400 000 kr of adjustments: the
    balanskravsresultat 194 032 restores all of the 100 000 carried, so no reasons print."""
    vaxjo_2014.balance_adjustments = Decimal(400000)
    vaxjo_2014.earlier_deficit = Decimal(100000)
    vaxjo_2014.exceptional_reasons = "Skäl"
    vaxjo_2014.save()
    data = build_report(vaxjo_2014)
    table = next(t for t in data.tables() if t.caption == "Balanskravsutredning 2014, kr")
    assert {row.label: row.cells[0] for row in table.rows} == {
        "Årets resultat": "-205\xa0968",
        "Avgår: realisationsvinster": "0",
        "Justeringar enligt balanskravet": "400\xa0000",
        "Balanskravsresultat": "194\xa0032",
        "Ej återställda underskott från tidigare år": "100\xa0000",
        "Återställt under året": "100\xa0000",
        "Underskott att återställa vid årets slut": "0",
    }
    text = html_text(print_html(data))
    assert "balanskravet är uppfyllt" in text and "Skäl" not in text
