"""Charts people can read: round tkr ticks, one unit, text of at least 12 units (drawn at its own
size), nothing outside the drawing, and the follow-up per budget line with its figures.

"Inside the drawing" is checked from the font's metrics (finsam.lib.textwidth), the same the
charts lay out with; the browser and PDF tests measure what is really drawn.
"""

from decimal import Decimal as D
from xml.etree import ElementTree

import pytest

from budgets.charts import (
    BarGroup,
    LineSeries,
    Progress,
    Section,
    Series,
    balance_svg,
    bars_svg,
    line_bars_svg,
    progress_svg,
)
from budgets.followup_charts import follow_up_charts, follow_up_sections
from budgets.selectors import budget_sheet, follow_up_of, running_column
from finsam.lib.textwidth import text_width
from reports.blocks import BLOCKS
from reports.context import BuildContext
from reports.models import Report

SVG = "{http://www.w3.org/2000/svg}"
NBSP = "\u00a0"
LONG = "Samordningsteamet – aktiviteter för målgruppen och deras anhöriga i hela länet år 2014"


def parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def tick_labels(svg: str) -> list[str]:
    """The value axis: the unit, then the tick labels from the lowest."""
    root = parsed(svg)
    return [
        "".join(t.itertext()).replace(NBSP, " ")
        for t in root.iter(f"{SVG}text")
        if t.get("text-anchor") == "end"
    ]


def outside(svg: str) -> list[str]:
    """Texts that would reach outside the drawing or are set smaller than 12 units."""
    root = parsed(svg)
    _x, _y, width, height = (D(v) for v in root.get("viewBox").split())
    wrong = []
    for text in root.iter(f"{SVG}text"):
        size = D(text.get("font-size"))
        lines = [s.text or "" for s in text.iter(f"{SVG}tspan")] or [text.text or ""]
        wide = max(text_width(line, size) for line in lines)
        x, y = D(text.get("x")), D(text.get("y"))
        left = {"end": x - wide, "middle": x - wide / 2}.get(text.get("text-anchor"), x)
        bottom = y + 15 * (len(lines) - 1) + size / 4
        if size < 12 or left < 0 or left + wide > width or y - size < 0 or bottom > height:
            wrong.append(" ".join(lines))
    return wrong


def test_bars_have_round_tkr_ticks_and_one_unit():
    svg = bars_svg(
        "Per avsnitt",
        [BarGroup("Intäkter", (D(3_200_000), D(2_133_332), D(3_200_000)))],
    )
    ticks = ["0", "500", "1 000", "1 500", "2 000", "2 500", "3 000", "3 500"]
    assert tick_labels(svg) == ["tkr", *ticks]
    assert "kr<" not in svg.replace("tkr<", "") and "Intäkter, Budget: 3 200 tkr" in svg.replace(
        NBSP, " "
    )


def test_a_negative_result_puts_zero_on_a_tick():
    svg = bars_svg("Resultat", [BarGroup("2014", (D(-980_700), D(-205_968), D(-580_700)))])
    assert tick_labels(svg) == ["tkr", "-1 000", "-800", "-600", "-400", "-200", "0"]


def test_long_names_are_wrapped_or_shortened_and_kept_whole_in_a_title():
    groups = [BarGroup(LONG, (D(1), D(2), D(3))) for _ in range(4)]
    line = LineSeries(Series("Balanserat resultat vid årets slut", "#333"), (D(9),) * 4)
    svg = bars_svg("Lång", groups, line=line)
    assert outside(svg) == []
    assert f"<title>{LONG}</title>" in svg and "…" in svg
    rows = line_bars_svg("Per rad", [Section("Målgruppsverksamhet", (groups[0],))])
    assert outside(rows) == []
    (name,) = [
        t
        for t in parsed(rows).iter(f"{SVG}text")
        if "Samordningsteamet" in (t.findtext(f"{SVG}tspan") or "")
    ]
    assert [s.text for s in name.iter(f"{SVG}tspan")] == [
        "Samordningsteamet – aktiviteter för målgruppen och deras",
        "anhöriga i hela länet år 2014",
    ]  # the whole width under the chart: two lines hold it all
    goals = progress_svg("Mål", [Progress(LONG, D(29), D(30), "29 % (mål: minst 30 %)", False)])
    assert outside(goals) == [] and f"<title>{LONG}</title>" in goals


def test_big_figures_widen_the_margin_for_their_labels():
    svg = balance_svg("Balans", [("2014", D(-123_456_789_000)), ("2015", D(987_654_321_000))])
    assert outside(svg) == []
    assert tick_labels(svg)[-1] == "1 000 000 000"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "ticks"),
    [
        ("finnveden", ["0", "1 000", "2 000", "3 000", "4 000", "5 000"]),
        (
            "vastra-malardalen",
            ["0", "500", "1 000", "1 500", "2 000", "2 500", "3 000", "3 500"],
        ),
        (
            "ale-kungalv-stenungsund-tjorn",
            ["0", "1 000", "2 000", "3 000", "4 000", "5 000", "6 000", "7 000"],
        ),
    ],
)
def test_seed_plans_chart_their_budget_on_round_ticks(slug, ticks):
    report = Report.objects.get(association__slug=slug, kind="verksamhetsplan")
    (chart,) = BLOCKS["budget_chart"].build(BuildContext(report)).charts
    assert tick_labels(chart.svg) == ["tkr", *ticks]
    assert outside(chart.svg) == []


def vaxjo_follow_up():
    report = Report.objects.get(association__slug="vaxjo", kind="delarsrapport")
    sheet = budget_sheet(report.association.budget_documents.get())
    result, _entered = follow_up_of(sheet, running_column(sheet, 2014, None))
    return sheet, result


@pytest.mark.django_db
def test_vaxjo_follow_up_is_charted_per_line_with_its_figures():
    sheet, result = vaxjo_follow_up()
    sections = follow_up_sections(sheet, result)
    assert [s.heading for s in sections] == ["Intäkter", "Målgruppsverksamhet", "Administration"]
    lines = {g.label: g.values for s in sections for g in s.lines}
    # Budget 1 100 000, outcome from the books 400 000, the forecast typed in the demo 740 000.
    assert lines["Projektmedel målgruppen"] == (D(1_100_000), D(400_000), D(740_000))
    charts = follow_up_charts(sheet, result)
    root = parsed(charts.lines)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text.endswith("per rad")
    bars = {
        r.find(f"{SVG}title").text.replace(NBSP, " "): r
        for r in root.iter(f"{SVG}rect")
        if r.find(f"{SVG}title") is not None
    }
    budget = bars["Projektmedel målgruppen, Budget: 1 100 tkr"]
    outcome = bars["Projektmedel målgruppen, Utfall hittills: 400 tkr"]
    forecast = bars["Projektmedel målgruppen, Prognos helår: 740 tkr"]
    assert [D(b.get("data-value")) for b in (budget, outcome, forecast)] == [
        D(1_100_000),
        D(400_000),
        D(740_000),
    ]
    # Lengths in proportion to the figures: 1 100 : 400 : 740.
    widths = [D(b.get("width")) for b in (budget, outcome, forecast)]
    assert abs(widths[1] / widths[0] - D(400) / 1100) < D("0.01")
    assert abs(widths[2] / widths[0] - D(740) / 1100) < D("0.01")
    assert tick_labels(charts.sections) == ["tkr", "0", "1 000", "2 000", "3 000", "4 000"]
    assert all(outside(svg) == [] for svg in (charts.sections, charts.balance, charts.lines))


@pytest.mark.django_db
def test_the_follow_up_page_shows_the_line_chart_and_its_table(client, django_user_model):
    sheet, _result = vaxjo_follow_up()
    client.force_login(django_user_model.objects.get(username="styrelse"))
    html = client.get(f"/vaxjo/budget/{sheet.document.pk}/uppfoljning/").content.decode()
    assert html.count('role="img"') == 3 and "per rad" in html
    table = html[html.index('class="figures chart-figures"') :]
    table = table[: table.index("</table>")]
    row = table[table.index("Projektmedel målgruppen") :]
    cells = [c.split("<")[0] for c in row.split('<td class="num">')[1:4]]
    assert cells == [f"1{NBSP}100", "400", "740"]
