"""Växjö samordningsförbund's "Årsredovisning 2013", built from the demo data: every printed
figure, in order, in the HTML and in the text of the PDF.

No seed prints this report. Its figures are the interim report 2014's comparison year
(seeds/vaxjo-delarsredovisning-2014.txt: revenue 3 800 tkr, costs -4 956, financial income
22, result -1 134; total assets 1 698, opening equity 2 115, closing equity 981, short-term
liabilities 717, cash and bank 1 580), and the year 2012 that fixtures/vaxjo/accounts.toml
reconstructs so that 2012 closes at what 2013 opened with. The cash flow is worked out by hand
from those books: result -1 133 900 kr, receivables 0 -> 117 900 (-117 900), short-term
liabilities 185 400 -> 716 900 (+531 500), together -720 300 kr = 1 579 700 - 2 300 000.
Each figure is rounded on its own, so the printed lines need not add up to the printed sum.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from reports.builders import build_report
from reports.models import Report
from reports.rendering import print_html, report_pdf
from tests.reports.helpers import assert_in_order, html_text, pdf_text

pytestmark = pytest.mark.django_db

FURNITURE = re.compile(
    r"(Växjö samordningsförbund Årsredovisning 2013 )|(sida \d+ av \d+ ?)|(Utkast ?)|(• ?)"
)
MEDIA = ["html", "pdf"]


def _report() -> Report:
    return Report.objects.get(association__slug="vaxjo", kind="arsredovisning", year=2013)


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker) -> tuple[str, bytes]:
    with django_db_blocker.unblock():
        data = build_report(_report())
        return print_html(data), report_pdf(data)


@pytest.fixture(scope="module")
def rendered(printed) -> dict[str, str]:
    """The body after the table of contents, as HTML text and as PDF text."""
    markup, content = printed
    texts = {"html": html_text(markup), "pdf": pdf_text(content)}
    return {kind: _body(FURNITURE.sub("", text)) for kind, text in texts.items()}


def _body(text: str) -> str:
    start = text.index("Växjö samordningsförbund bildades den")
    return text[text.rindex("1 Förvaltningsberättelse", 0, start) :]


def row(*pieces: str) -> str:
    return " ".join(pieces)


HEADINGS = [
    "1 Förvaltningsberättelse",
    "1.1 Uppdrag och organisation",
    "1.2 Styrelsen",
    "1.3 Revisorer",
    "1.4 Kansli",
    "1.5 Årets insatser",
    "1.6 Årets resultat",
    "1.7 Balanskravsutredning",
    "1.8 Eget kapital",
    "1.9 Framtid",
    "2 Resultaträkning",
    "3 Balansräkning",
    "4 Kassaflödesanalys",
    "5 Noter",
    "6 Växjö samordningsförbunds årsredovisning 2013 undertecknas",
]

BOARD = [
    "Styrelseledamöter 2013",
    row("Pernilla Sjöberg Ordförande", "Ola Gustafsson", "Landstinget Kronoberg"),
    row("Benny Johansson Vice ordförande", "Anders Mårtensson", "Växjö kommun"),
    row("Thomas Karlsson", "Annica Knekthage", "Försäkringskassan"),
    row("Carina Brandstedt", "Peter Bengtsson", "Arbetsförmedlingen"),
]

INCOME_STATEMENT = [
    "Resultaträkning, tkr",
    row("Not", "Utfall 2013", "Utfall 2012"),
    row("Verksamhetens intäkter", "1", "3 800", "3 800"),
    row("Verksamhetens kostnader", "2", "-4 956", "-4 050"),
    row("Resultat före finansiella poster", "-1 156", "-250"),
    row("Finansiella intäkter", "22", "30"),
    row("Finansiella kostnader", "0", "0"),
    row("Summa finansiella intäkter och kostnader", "22", "30"),
    row("Årets resultat", "-1 134", "-220"),
    "Rapporten har ingen budget för 2013 att jämföra med.",
]

BALANSKRAV = [
    "Balanskravsresultatet är -1 134 tkr. Underskottet på 1 134 tkr ska återställas inom de "
    "tre närmaste åren, om inte styrelsen åberopar synnerliga skäl.",
    "Balanskravsutredning 2013, tkr",
    row("Årets resultat", "-1 134"),
    row("Avgår: realisationsvinster", "0"),
    row("Balanskravsresultat", "-1 134"),
    row("Underskott att återställa vid årets slut", "1 134"),
    "Styrelsen åberopar synnerliga skäl för att inte återställa underskottet",
]

EQUITY = [
    "Ingen tabell för takbeloppet enligt Nationella rådets rekommendation (2013-10-02) är "
    "inlagd, så eget kapital jämförs inte med ett tak.",
    "Eget kapital 2013, tkr",
    row("Eget kapital vid årets slut", "981"),
]

BALANCE_SHEET = [
    "Balansräkning, tkr",
    row("Not", "2013-12-31", "2012-12-31"),
    "Tillgångar",
    "Omsättningstillgångar",
    row("Kortfristiga fordringar", "3", "106", "0"),
    row("Förutbetalda kostn och upplupna int", "4", "12", "0"),
    row("Kassa och bank", "5", "1 580", "2 300"),
    row("Summa omsättningstillgångar", "1 698", "2 300"),
    row("Summa tillgångar", "1 698", "2 300"),
    "Eget kapital och skulder",
    "Eget kapital",
    row("Ingående eget kapital", "2 115", "2 335"),
    row("Årets resultat", "-1 134", "-220"),
    row("Summa eget kapital", "981", "2 115"),
    "Kortfristiga skulder",
    row("Leverantörsskulder", "635", "185"),
    row("Övriga skulder", "13", "0"),
    row("Uppl kostnader och förutbet intäkter", "6", "69", "0"),
    row("Summa kortfristiga skulder", "717", "185"),
    row("Summa eget kapital och skulder", "1 698", "2 300"),
]

CASH_FLOW = [
    "Kassaflödesanalys, tkr",
    row("2013", "2012"),
    "Den löpande verksamheten",
    row("Årets resultat", "-1 134", "-220"),
    row("Justering för ej likviditetspåverkande poster", "0", "0"),
    row("Medel från verksamheten före förändring av rörelsekapital", "-1 134", "-220"),
    row("Minskning (+)/ökning (-) av kortfristiga fordringar", "-118", "42"),
    row("Ökning (+)/minskning (-) av kortfristiga skulder", "532", "57"),
    row("Kassaflöde från den löpande verksamheten", "-720", "-121"),
    row("Kassaflöde från investeringsverksamheten", "0", "0"),
    row("Kassaflöde från finansieringsverksamheten", "0", "0"),
    row("Årets kassaflöde", "-720", "-121"),
    row("Likvida medel vid årets början", "2 300", "2 421"),
    row("Likvida medel vid årets slut", "1 580", "2 300"),
    "Årets kassaflöde 2013, -720 tkr, är lika med förändringen av kassa och bank i "
    "balansräkningen.",
]

NOTES = [
    "Redovisningsprinciper: årsredovisningen är upprättad enligt lag om kommunal redovisning",
    "Not 1 Verksamhetens intäkter",
    row("Bidrag från Försäkringskassan", "950"),
    row("Bidrag från Arbetsförmedlingen", "950"),
    row("Bidrag från Landstinget", "950"),
    row("Bidrag från Växjö kommun", "950"),
    row("Summa", "3 800"),
    "Bidraget för året är 950 000 kr per huvudman.",
    "Not 2 Verksamhetens kostnader",
    row("Administration", "700"),
    row("Samordningsteamet – Aktiviteter för målgruppen", "1 100"),
    row("Projektmedel målgruppen", "1 200"),
    row("Samordningsteamet – Lönekostnad personal", "1 956"),
    row("Summa", "4 956"),
    "Not 3 Kortfristiga fordringar",
    row("Summa", "106"),
    "Not 4 Förutbetalda kostnader och upplupna intäkter",
    row("Summa", "12"),
    "Not 5 Kassa och bank",
    row("Bankkonto Swedbank", "1 580"),
    row("Summa", "1 580"),
    "Not 6 Upplupna kostnader och förutbetalda intäkter",
    row("Summa", "69"),
]

SIGNATURES = [
    "Växjö den 14 mars 2014",
    "Pernilla Sjöberg",
    "Ordförande",
    "Landstinget Kronoberg",
    "Benny Johansson",
    "Vice ordförande",
    "Växjö kommun",
    "Carina Brandstedt",
    "Arbetsförmedlingen",
    "Thomas Karlsson",
    "Försäkringskassan",
]


@pytest.mark.parametrize("medium", MEDIA)
def test_headings_in_order(rendered, medium):
    assert_in_order(rendered[medium], HEADINGS, medium)


@pytest.mark.parametrize("medium", MEDIA)
@pytest.mark.parametrize(
    "expected",
    [BOARD, INCOME_STATEMENT, BALANSKRAV, EQUITY, BALANCE_SHEET, CASH_FLOW, NOTES, SIGNATURES],
    ids=["board", "income", "balanskrav", "equity", "balance", "cash_flow", "notes", "signing"],
)
def test_every_table_in_order(rendered, medium, expected):
    assert_in_order(rendered[medium], expected, medium)


@pytest.mark.parametrize("medium", MEDIA)
def test_the_whole_document_in_order(rendered, medium):
    """The tables follow each other as the outline orders them."""
    assert_in_order(
        rendered[medium],
        [*BALANSKRAV, *EQUITY, *INCOME_STATEMENT, *BALANCE_SHEET, *CASH_FLOW],
        medium,
    )
    assert_in_order(rendered[medium], [*NOTES, *SIGNATURES], medium)


@pytest.mark.parametrize("medium", MEDIA)
def test_the_initiatives_of_the_year(rendered, medium):
    """Both initiatives ran in 2013; the demo holds no participant figures for 2013 (its only
    follow-ups are of 2014) and one outcome of Klargörande's that reaches into 2013."""
    expected = [
        "Årets insatser 2013",
        row("Samordningsteamet", "– – –", "Ingen bedömning 15"),
        row("Klargörande av arbetsförmåga", "– – –", "Ej mätbart än 1, ingen bedömning 1"),
    ]
    assert_in_order(rendered[medium], expected, medium)


def test_the_frozen_figures_have_unique_keys():
    figures = build_report(_report()).figures()
    keys = [figure.key() for figure in figures]
    by_key = {figure.key(): figure.text for figure in figures}
    assert by_key[("Kassaflödesanalys, tkr", "Årets kassaflöde", "2013")] == "-720"
    assert by_key[("Balanskravsutredning 2013, tkr", "Balanskravsresultat", "tkr")] == "-1\xa0134"
    assert len(keys) == len(set(keys))  # the adoption's comparison needs unique keys


def test_the_command_writes_the_annual_report(tmp_path):
    target = tmp_path / "arsredovisning.html"
    out = StringIO()
    call_command(
        "report",
        "arsredovisning",
        "vaxjo",
        "2013",
        "--format",
        "html",
        "--output",
        target,
        stdout=out,
    )
    assert "Årsredovisning 2013" in out.getvalue()
    text = html_text(target.read_text(encoding="utf-8"))
    assert_in_order(text, CASH_FLOW, "command")


def test_query_count_is_pinned(django_assert_num_queries):
    report = _report()
    # Fixed, whatever the number of seats, accounts or sections:
    # 1 the report's association, 1 its sections; introduction: 1 memberships; board during
    # the year: 1 member order, 1 seats; auditors: 1 + 1 their appointing members; office: 1;
    # the display options: 1 the report's columns; the budget for the income statement: none
    # chosen, no query; statements: 3 balances of the year + 3 of the year before + 1 chart
    # of accounts; the cash flows: 1 chart + 3 + 3 balances of the two years;
    # signatures: 1 member order, 1 seats on the signing date; the equity ceiling: 1 the
    # national steps (none shipped, so no funding year is read); the initiatives of the year:
    # 1 the initiatives, 1 their goals + 1 the goals' outcomes, 1 the follow-ups of the year
    # (none in 2013, so none of their counts is read), whatever the number of initiatives.
    with django_assert_num_queries(30):
        build_report(report)
