"""Västra Mälardalen's "Verksamhetsplan och budget 2016", built from the demo data, against
seeds/vastra-malardalen-verksamhetsplan-2016.txt: cover, headings (numbered and the seed's
unnumbered sub-headings), the budget with costs printed negative, "Belopp i kr", the
opening balance and the project list with its dates, and "Beslutad 2016-11-26".

The seed's budget ends with the projects' subtotal: it prints no total of all costs and no
closing result, and neither do we (the report's options). Its introduction is prose; ours
gives the same facts from the data ("bildades den 1 maj 2010", the six members in order).
"""

import pytest

from reports.builders import build_report
from tests.reports.helpers import assert_in_order
from tests.reports.plan_texts import body_of, plan, rendered

pytestmark = pytest.mark.django_db
FORMATS = ["html", "pdf"]


def text_of(form: str) -> str:
    return rendered("vastra-malardalen", 2016)[form]


COVER = [
    "Samordningsförbundet Västra Mälardalen",
    "Verksamhetsplan och budget 2016",
    "Samordningsförbundet Västra Mälardalen ska stödja människor i utanförskap till god hälsa"
    " och förvärvsarbete och därmed minska klyftorna i samhället.",
    "Innehåll",
]

HEADINGS = [
    "1 Inledning",
    "2 Syfte och vision",
    "Vår vision",
    "3 Organisation",
    "Styrelse",
    "Samordnare, ekonom och sekreterare",
    "Beredningsgrupp",
    "4 Målsättningarna inför 2016",
    "Individinsatser",
    "Metoder/arbetssätt",
    "Struktur/organisationsnivå",
    "Länsgemensamma insatser",
    "Förbundets fortsatta interna arbete",
    "5 Budget 2016",
]

INTRODUCTION = [
    "Samordningsförbundet Västra Mälardalen bildades den 1 maj 2010.",
    "Medlemmar är Försäkringskassan, Arbetsförmedlingen, Landstinget Västmanland, Köpings"
    " kommun, Arboga kommun och Kungsörs kommun.",
    "Lag (2003:1210) om finansiell samordning inom rehabiliteringsområdet (SFS 2003:1210).",
    "Vår vision",
    "Samordningsförbundet Västra Mälardalen ska stödja människor i utanförskap",
]

# "5. Budget 2016" as printed, costs negative.
BUDGET = [
    "Budget 2016",
    "Belopp i kr Budget 2016",
    "Prel Ingående balans 16-01-01 1 000 000",
    "Intäkter 2016",
    "Landstinget, Arbetsförmedling, Försäkringskassa Köping, Arboga Kungsör 2 500 000",
    "Summa tillgångar 2016 3 500 000",
    "Kostnader 2016",
    "Lön samordnare -700 000",
    "Resekostnader samordnare -20 000",
    "Möteskostnader -50 000",
    "Material (trycksaker, datapg, tel, dator, bank) -50 000",
    "Föreningsavgift NNS -7 400",
    "Lokalhyra -36 000",
    "Arvode styrelse -130 000",
    "Resekostnader styrelse -6 000",
    "Revisionsarvode -40 000",
    "Ekonomi/administration -240 000",
    "Diverse kostnader -20 000",
    "Buffert -100 000",
    "Summa kostnader 2016 -1 399 400",
    "Projekt / Insatser 2016",
    "Länsgemensamma utbildningar/konferenser -150 000",
    "Valideringsprojekt 160101-160430 -160 000",
    "KAK-gemensamma utbildningar/konferenser -100 000",
    "Grönkvist 160101-160731 -160 000",
    "Projekt att söka -1 530 600",
    "Summa projektkostnader 2016 -2 100 600",
]

ADOPTION = "Beslutad 2016-11-26."


@pytest.mark.parametrize("form", FORMATS)
def test_cover_comes_first(form):
    text = text_of(form)
    assert_in_order(text, COVER, f"cover ({form})")
    assert text.index("minska klyftorna") < text.index("Innehåll")


@pytest.mark.parametrize("form", FORMATS)
def test_headings_in_order(form):
    body = body_of(text_of(form), "5 Budget 2016")
    assert_in_order(body, HEADINGS, f"headings ({form})")


@pytest.mark.parametrize("form", FORMATS)
def test_every_table_in_order(form):
    body = body_of(text_of(form), "5 Budget 2016")
    assert_in_order(body, INTRODUCTION + BUDGET, f"tables ({form})")


@pytest.mark.parametrize("form", FORMATS)
def test_no_cost_total_no_result_then_the_adoption_line(form):
    text = text_of(form)
    for absent in ("Summa kostnader och projekt", "Utgående balans", "Administrationens andel"):
        assert absent not in text
    assert text.rindex("Summa projektkostnader 2016 -2 100 600") < text.index(ADOPTION)


def test_query_count(django_assert_num_queries):
    report = plan("vastra-malardalen", 2016)
    # The association and the sections (2); introduction: memberships (1); the budget
    # document (1) and its sheet: columns, sections, lines, line members, line footnotes,
    # amounts (6; no initiative line, so no decisions), the funding year with agreed amounts
    # and fixed shares (3), memberships and population (2), the document's footnotes (1); the
    # equity ceiling steps (1); the report's columns (1).
    with django_assert_num_queries(18):
        build_report(report)
