"""Ale, Kungälv, Stenungsund och Tjörn's "Verksamhetsplan med budget 2013", built from the
demo data, against seeds/ale-kungalv-stenungsund-tjorn-verksamhetsplan-2013.txt: the cover
with the diary number, the unnumbered headings, the contributions table "Parter / Bidrag i
tkr år 2013", the financial frame 2013-2014 in tkr with its result "+ 295"/"+ 225" and the
total budget per year, the local management groups, the förbundschef's signature, the
board's meeting calendar 2013 and the adoption line.

Where the seed and our print differ on purpose: it writes its tkr figures without a thousands
separator ("6340", "1500") where we print "6 340"; "+ 295" is printed "+295"; "Kommuner*"
with its asterisk note is "Kommuner 1)" with note 1; the total budget sentences ("TOTAL
BUDGET FÖR 2013 ÄR 6 440 tkr") are a small table "Total budget för 2013 6 440"; the
calendar's lines ("Fredag 22 februari kl. 13.00 – 16.00. Ale") are table rows; headings are
written as in the seed's table of contents ("Bakgrund"), not in capitals.
"""

import pytest

from reports.builders import build_report
from tests.reports.helpers import assert_in_order
from tests.reports.plan_texts import body_of, plan, rendered

pytestmark = pytest.mark.django_db
FORMATS = ["html", "pdf"]
LAST_TOC_ENTRY = "Gemensamt"


def text_of(form: str) -> str:
    return rendered("ale-kungalv-stenungsund-tjorn", 2013)[form]


COVER = [
    "Samordningsförbundet Ale, Kungälv, Stenungsund och Tjörn",
    "Verksamhetsplan med budget 2013",
    "för Samordningsförbundet Ale, Kungälv, Stenungsund och Tjörn",
    "Förbundschef Per Liljebäck",
    "Diarienummer: 2012/008-01",
    "Innehåll",
]

HEADINGS = [
    "Bakgrund",
    "Syftet",
    "Förutsättningar",
    "Organisation",
    "Samordningsförbundets styrelse",
    "Förbundschef",
    "Lokal Ledningsgrupp",
    "Handläggarteam",
    "Andra aktörer",
    "Insatser/projekt under 2012",
    "Insatser under 2013",
    "Budget för 2013",
    "Finansiell ram för 2013 (överskott 100 tkr) samt 2014",
    "Uppföljning och utvärdering",
    "Bilaga A: Förbättringsområden/förslag kommunikation/information",
    "Förslag styrelsemöten 2013",
]

ORGANISATION = [
    "Förbundschef: Per Liljebäck",
    "Lokal ledningsgrupp Ale",
    "Lokal ledningsgrupp Kungälv",
    "Lokal ledningsgrupp Stenungsund",
    "Lokal ledningsgrupp Tjörn",
]

# "Parter / Bidrag i tkr år 2013": the funding of 2013, the state as one line, the rows named
# as the budget's contribution lines name them.
CONTRIBUTIONS = [
    "Medlemmarnas bidrag 2013",
    "Parter Bidrag i tkr år 2013",
    "Försäkringskassa/Arbetsförmedlingen 3 170",
    "Hälso- och sjukvårdsnämnd 1 585",
    "Kommuner 1) 1 585",
    "Totalt 6 340",
    "1. Hur fördelningen är mellan kommunerna finns angivet i ”Avsiktsförklaring för utvidgning"
    " av gemensamt Samordningsförbund för kommunerna Ale, Kungälv, Stenungsund och Tjörn”.",
    "Överskottet för 2012 är cirka 100 tkr.",
]

# "FINANSIELL RAM FÖR 2013 (överskott 100 tkr) SAMT 2014", in tkr.
FRAME = [
    "Finansiell ram för 2013 (överskott 100 tkr) samt 2014",
    "Belopp i tkr År 2013 (tkr) År 2014 (tkr)",
    "Finansiell ram 6 340 6 340",
    "Överskott 2011 fördelat på 1 år 100 295",
    "Insatser",
    "Utgångspunkten 1 500 750",
    "Ale Teamet 1 160 1 218",
    "Stenungsunds/Tjörn Teamet 1 405 1 475",
    "Jordhammars Växtkraft 327 200",
    "motiverande insatser 100 100",
    "träningsplatser (Kungälv/Ale) 205 215",
    "föreningspool Tjörn 115 120",
    "information 30 35",
    "föreläsningar 10 10",
    "utbildningsinsatser (exkl. utb. i projekt) 40 45",
    "FYSS/FaR 10 10",
    "ESF-projekt Exsistre 123 60",
    "utrymme för nya insatser 0 1 000",
    "Utvärdering 0 0",
    "Adm. inkl. styrelse",
    "Tjänsteman",
    "lön, resor, utb., telefon, data 810 850",
    "Styrelsen",
    "Arvoden samt andra ersättningar 130 137",
    "Övriga omkostnader, resor, utbildning, konferenser, förtäring vid styrelsemöte m.m. 30 30",
    "Köp av Ekonomiadministration 60 65",
    "Köp av SUS-insats och gemensam information i VG 40 40",
    "Kostnad för revisorer 50 50",
    "Total summa 6 145 6 410",
    "Över-/underskott +/- +295 +225",
    # "TOTAL BUDGET FÖR 2013 ÄR 6 440 tkr", "TOTALBUDGET FÖR 2014 ÄR 6 635 tkr"
    "Total budget",
    "Total budget för 2013 6 440",
    "Total budget för 2014 6 635",
]

SIGNATURE = ["Uppföljning och utvärdering", "Kungälv 2012-11-19", "Per Liljebäck", "Förbundschef"]

# "Förslag styrelsemöten 2013", from the board meetings of 2013.
CALENDAR = [
    "Styrelsemöten 2013",
    "Datum Tid Plats Anteckning",
    "Fredag 22 februari kl. 13.00–16.00 Ale",
    "Onsdag 20 mars kl. 09.00–12.00 Kungälv",
    "Måndag 20 maj Tjörn Årlig konferens hel dag. Avslutar med styrelsemöte.",
    "Fredag 14 juni kl. 09.00–12.00 Stenungsund",
    "Fredag 20 september kl. 13.00–16.00 Ale",
    "Fredag 18 oktober kl. 13.00–16.00 Kungälv",
    "Torsdag 28 november Tjörn VP och budgetdiskussion med LLG. Hel dag. Avslutar med"
    " styrelsemöte på em.",
]

ADOPTION = (
    "Verksamhetsplanen har antagits av Samordningsförbundet Ale, Kungälv, Stenungsund och"
    " Tjörn 2012-11-23."
)


@pytest.mark.parametrize("form", FORMATS)
def test_cover_with_diary_number_comes_first(form):
    text = text_of(form)
    assert_in_order(text, COVER, f"cover ({form})")


@pytest.mark.parametrize("form", FORMATS)
def test_headings_in_order(form):
    assert_in_order(body_of(text_of(form), LAST_TOC_ENTRY), HEADINGS, f"headings ({form})")


@pytest.mark.parametrize("form", FORMATS)
def test_every_table_in_order(form):
    body = body_of(text_of(form), LAST_TOC_ENTRY)
    expected = ORGANISATION + CONTRIBUTIONS + FRAME + SIGNATURE + CALENDAR
    assert_in_order(body, expected, f"tables ({form})")


@pytest.mark.parametrize("form", FORMATS)
def test_adoption_line_ends_the_document(form):
    text = text_of(form)
    assert text.rindex("Styrelsemöten 2013") < text.index(ADOPTION)


def test_the_contributions_are_not_repeated_in_the_frame():
    frame = text_of("html").split("Belopp i tkr År 2013 (tkr)")[1]
    assert "Försäkringskassa/Arbetsförmedlingen" not in frame
    assert "Total budget 6 440" not in frame  # stated under the table, per year


def test_query_count(django_assert_num_queries):
    report = plan("ale-kungalv-stenungsund-tjorn", 2013)
    # The association and the sections (2); the office on 1 January (1); local groups, their
    # memberships (2); the funding of 2013 with agreed amounts and fixed shares, its
    # memberships (4); the budget document (1) and its sheet: columns, sections, lines, line
    # members, line footnotes, decisions, amounts (7), funding years with agreed amounts and
    # fixed shares (3), the memberships of all those years at once (1; no population, its
    # shares are not keyed by it), the document's footnotes (1); the equity ceiling steps (1);
    # the report's columns (1); the office on the signing date (1); the board meetings (1).
    with django_assert_num_queries(26):
        build_report(report)
