"""The verksamhetsplan's blocks on the demo data, and the wording helpers they share."""

from datetime import date, time
from decimal import Decimal as D
from xml.etree import ElementTree

import pytest

from budgets.charts import BarGroup, LineSeries, Series, bars_svg
from members.models import OfficePost
from reports.blocks import BLOCKS
from reports.blocks.governance import post_text
from reports.blocks.wording import (
    joined,
    long_date,
    period_text,
    time_span,
    weekday_date,
)
from reports.builders import build_report
from reports.context import BuildContext
from reports.models import Report
from tests.reports.helpers import normalised
from tests.reports.plan_texts import plan

NBSP = "\u00a0"


def build(key: str, report: Report):
    return BLOCKS[key].build(BuildContext(report))


def test_wording():
    assert long_date(date(2011, 4, 12)) == "12 april 2011"
    assert weekday_date(date(2013, 2, 22)) == "Fredag 22 februari"
    assert time_span(time(13), time(16)) == "kl. 13.00–16.00"
    assert time_span(time(9), None) == "kl. 09.00" and time_span(None, None) == ""
    assert period_text(date(2012, 1, 1), date(2014, 12, 31)) == "2012–2014"
    assert period_text(date(2016, 1, 1), date(2016, 12, 31)) == "2016"
    assert period_text(date(2016, 1, 1), date(2016, 4, 30)) == "2016-01-01 – 2016-04-30"
    assert joined(["A"]) == "A" and joined(["A", "B", "C"]) == "A, B och C"


def test_bars_with_a_line_over_them():
    revenue, costs = Series("Intäkter", "#111111"), Series("Kostnader & <mer>", "#222222")
    line = LineSeries(Series("Balans", "#333333"), (D(300_000), D(-50_000)))
    groups = [BarGroup("2014", (D(2_992_000), D(4_412_000))), BarGroup("2015", (D(1), D(2)))]
    svg = bars_svg("Budget", groups, (revenue, costs), line, css_class="budget-chart")
    ElementTree.fromstring(svg)
    assert svg.count("<rect") == 4 + 3  # two bars per group, three legend boxes
    assert "<polyline" in svg and "300 tkr" in svg and "-50 tkr" in svg
    assert "Kostnader &amp; &lt;mer&gt;" in svg and 'class="budget-chart"' in svg


@pytest.mark.django_db
def test_budget_chart_draws_each_column_and_gives_its_figures():
    block = build("budget_chart", plan("finnveden", 2014))
    table = block.tables[0]
    assert table.columns == ("Budget 2014", "Budget 2015")
    rows = {row.label: row.cells for row in table.rows}
    assert rows["Årets intäkter"] == (f"2{NBSP}992{NBSP}000", f"3{NBSP}392{NBSP}000")
    assert rows["Kostnader"] == (f"4{NBSP}412{NBSP}000", f"3{NBSP}692{NBSP}000")
    assert rows["Balanserat resultat vid årets slut"] == (f"300{NBSP}000", "0")
    assert "<svg" in block.charts[0].svg


@pytest.mark.django_db
def test_introduction_leaves_out_what_the_association_has_not_given():
    paragraphs = build("introduction", plan("vastra-malardalen", 2016)).context["paragraphs"]
    assert paragraphs[0].startswith(
        "Samordningsförbundet Västra Mälardalen bildades den 1 maj 2010."
    )
    assert not [p for p in paragraphs if "Organisationsnummer" in p]
    ale = build("introduction", plan("ale-kungalv-stenungsund-tjorn", 2013)).context
    assert ale["paragraphs"][0].startswith("Medlemmar är Ale kommun")  # no formation date


@pytest.mark.django_db
def test_initiatives_of_the_plan_year_only_numbered_under_their_section():
    finnveden = plan("finnveden", 2014)
    children = build("initiatives", finnveden).children
    assert [c.heading for c in children] == [
        "Stöd till arbete – Supported Employment",
        "Jobbcenter Unga",
        "Navigatorcentrum",
    ]
    facts = dict(children[1].block.context["facts"])
    assert facts["Period"] == "2012–2014" and facts["Projektägare"] == "Värnamo kommun"
    later = Report(association=finnveden.association, kind="verksamhetsplan", year=2015)
    assert [c.heading for c in build("initiatives", later).children] == ["Navigatorcentrum"]
    numbers = [s.number for s in build_report(finnveden).all_sections() if s.level == 3]
    assert numbers == ["7.1.1", "7.1.2", "7.1.3"]


@pytest.mark.django_db
def test_goal_table_sub_goals_follow_their_goal():
    children = build("initiatives", plan("finnveden", 2014)).children
    navigator = children[2].block.tables[0]
    assert [row.kind for row in navigator.rows] == ["line", "sub", "sub", "sub"]
    jobbcenter = children[1].block.tables[0]
    assert jobbcenter.rows[2].cells == (f"minst 38{NBSP}%",)


@pytest.mark.django_db
def test_association_goals_and_financial_goals_apart():
    report = plan("finnveden", 2014)
    goals = build("goals", report).tables[0]
    assert [row.label[:2] for row in goals.rows if row.kind == "line"] == ["A.", "B."]
    assert len([row for row in goals.rows if row.kind == "sub"]) == 4
    financial = build("financial_goals", report).context["paragraphs"]
    assert len(financial) == 3 and financial[1].startswith("Förbundet får inte skuldsätta sig.")


@pytest.mark.django_db
def test_target_groups_office_and_groups():
    assert build("target_groups", plan("finnveden", 2014)).context["items"] == [
        "Unga personer ges högsta prioritet."
    ]
    ale = plan("ale-kungalv-stenungsund-tjorn", 2013)
    assert build("office", ale).context["items"] == ["Förbundschef: Per Liljebäck"]
    local = [g["name"] for g in build("local_groups", ale).context["groups"]]
    assert local == [
        f"Lokal ledningsgrupp {place}" for place in ("Ale", "Kungälv", "Stenungsund", "Tjörn")
    ]
    every = [g["name"] for g in build("groups", ale).context["groups"]]
    assert "Handläggarteam" in every and len(every) == 5


def test_post_text_with_share_and_employer():
    post = OfficePost(title="Samordnare", fte_percent=D("65.00"), employer="Köpings kommun")
    assert post_text(post) == "Samordnare (65 %, anställd hos Köpings kommun)"


@pytest.mark.django_db
def test_board_meetings_of_the_year_only():
    ale = plan("ale-kungalv-stenungsund-tjorn", 2013)
    table = build("board_meetings", ale).tables[0]
    assert len(table.rows) == 7  # the group meeting, conference and planning day are left out
    first = table.rows[0]
    assert (first.label, first.cells) == ("Fredag 22 februari", ("kl. 13.00–16.00", "Ale"))
    later = Report(association=ale.association, kind="verksamhetsplan", year=2014)
    assert build("board_meetings", later).tables[0].rows == ()


@pytest.mark.django_db
def test_office_signature_on_the_signing_date():
    context = build("office_signature", plan("ale-kungalv-stenungsund-tjorn", 2013)).context
    assert context["place_date"] == "Kungälv 2012-11-19"
    assert normalised(f"{context['signer'].person} {context['signer'].title}") == (
        "Per Liljebäck Förbundschef"
    )
