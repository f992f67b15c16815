"""Finnveden's "Verksamhetsplan 2014 med budget 2014-2015", built from the demo data, against
seeds/finnveden-verksamhetsplan-2014.txt: cover, headings, every table in order with every
label and figure, the footnotes and the adoption line, in the HTML and in the PDF's text.

Where the seed and our print differ on purpose: the seed writes "1496 000" and "4712 000"
(a missing thousands separator) where we print "1 496 000"; it prints the adoption date as
"131129" where we print 2013-11-29; its initiative headings add the municipalities in
parentheses ("Jobbcenter Unga (Värnamo)") where ours are the initiatives' names.
"""

import pytest

from reports.builders import build_report
from tests.reports.helpers import assert_in_order
from tests.reports.plan_texts import body_of, plan, rendered

pytestmark = pytest.mark.django_db
FORMATS = ["html", "pdf"]


def text_of(form: str) -> str:
    return rendered("finnveden", 2014)[form]


COVER = [
    "Finnvedens samordningsförbund",
    "Verksamhetsplan 2014",
    "med budget 2014-2015",
    "Förbundets vision:",
    "DELAKTIGHET SOM GER LIVSKVALITET OCH EGENFÖRSÖRJNING",
    "Innehåll",
]

HEADINGS = [
    "1 Inledning",
    "2 Vision",
    "3 Målgrupper",
    "4 Inriktning i samverkansarbetet",
    "5 Organisation",
    "6 Aktiviteter under 2014",
    "7 Målsättning",
    "7.1 Målsättning för insatser",
    "7.1.1 Stöd till arbete – Supported Employment",
    "7.1.2 Jobbcenter Unga",
    "7.1.3 Navigatorcentrum",
    "7.2 Finansiella mål",
    "8 Budget 2014-2015",
    "Budgeten i diagram",
]

INTRODUCTION = [
    "Samordningsförbundet har ett unikt uppdrag att stödja samordnade insatser",
    "Finnvedens samordningsförbund bildades den 12 april 2011.",
    "Medlemmar är Försäkringskassan, Landstinget i Jönköpings län, Arbetsförmedlingen,"
    " Gislaveds kommun, Gnosjö kommun och Värnamo kommun.",
    "Lag (2003:1210) om finansiell samordning inom rehabiliteringsområdet (Finsam).",
    "Organisationsnummer: 222000-2873.",
    "Unga personer ges högsta prioritet.",
]

# One table per initiative (7.1.1-7.1.3): the goals as the seed lists them, with the target
# of each measurable goal ("fem deltagare per kommun/år", "80 %", "38%").
GOALS = [
    "Mål för Stöd till arbete – Supported Employment",
    "Mål Målvärde",
    "SE-coacherna ska lotsa fem deltagare per kommun och år från utanförskap till egen"
    " försörjning via anställning minst 5 per kommun och år",
    "Övriga deltagare ska ges stöd i att komma till rätt försörjning",
    "80 % av deltagarna i projektet ska uppleva att den egna hälsan och/eller livskvalitén"
    " har förbättrats minst 80 %",
    "Mål för Jobbcenter Unga",
    "Att utveckla samverkan och nätverk med olika aktörer i samhället",
    "38 % av deltagarna ska komma till arbete eller studier minst 38 %",
    "Mål för Navigatorcentrum",
    "Långsiktig målsättning: att skapa förutsättningar för jämlika ekonomiska och sociala"
    " levnadsvillkor för unga",
    "Delmål: att aktivera alla ungdomar att komma igång med aktiviteter",
    "Delmål: att utveckla samarbetsformer mellan de olika myndigheter",
    "Delmål: att på sikt kunna ta hand om alla ungdomar som omfattas i målgruppen",
]

FINANCIAL_GOALS = [
    "7.2 Finansiella mål",
    "Samordningsförbundet ska bedriva verksamhet inom ramen för tilldelade ekonomiska medel",
    "Förbundet får inte skuldsätta sig.",
    "I enlighet med kommunallagen ska förbundet ha en budget i balans.",
]

# "8. Budget 2014-2015" as printed: no subtotals, a "Kostnader" heading, the footnote markers
# in the "Fotnot" column, the footnotes under the table.
BUDGET = [
    "Budget 2014-2015",
    "Budget 2014 Budget 2015 Fotnot",
    "Intäkter",
    "Gislaveds kommun 302 600 344 000 1)",
    "Gnosjö kommun 98 800 112 400 1)",
    "Värnamo kommun 346 600 391 600 1)",
    "Landstinget i Jönköpings län 748 000 848 000",
    "Försäkringskassan 1 496 000 1 696 000",
    "Ackumulerat överskott prel 1 720 000 300 000 2)",
    "Totalt tillgängliga medel 4 712 000 3 692 000",
    "Kostnader",
    "Verksamhet",
    "Jobbcenter Unga 594 000 0",
    "Stöd till arbete – Supp Empl 763 000 0",
    "Navigatörcentrum 596 000 610 000",
    "Nya projekt 1 605 000 2 011 000 3)",
    "Processtöd till huvudmännen 0 210 000 4)",
    "Kompetensutveckling 300 000 300 000",
    "Administration",
    "Kansli 425 000 430 000",
    "Styrelse 20 000 20 000",
    "Information 25 000 25 000",
    "Ekonomiadministration 63 000 65 000",
    "Revision 21 000 21 000",
    "Totalt kostnader 4 412 000 3 692 000",
    "Preliminärt överskott kvar 300 000 0",
    "1. Slutlig fördelning mellan kommunerna görs utifrån invånarantal 1 november",
    "2. Viss del av överskott sparas till 2015 för att klara nya projektkostnader",
    "3. Nya projekt under 2014 beräknas få högre kostnader 2015 jämfört med uppstartsåret",
    "4. Förstärkt processtöd till huvudmännen från halvårsskiftet 2015",
    "Styrelsen följer upp utfallet och årsprognosen löpande.",
]

ADOPTION = "Verksamhetsplanen har antagits av styrelsen 2013-11-29."


@pytest.mark.parametrize("form", FORMATS)
def test_cover_comes_first(form):
    text = text_of(form)
    assert_in_order(text, COVER, f"cover ({form})")
    assert text.index("DELAKTIGHET SOM GER") < text.index("Innehåll")


@pytest.mark.parametrize("form", FORMATS)
def test_headings_numbered_in_order_with_the_initiatives_under_7_1(form):
    assert_in_order(body_of(text_of(form), "Budgeten i diagram"), HEADINGS, f"headings ({form})")


@pytest.mark.parametrize("form", FORMATS)
def test_every_table_in_order(form):
    body = body_of(text_of(form), "Budgeten i diagram")
    assert_in_order(body, INTRODUCTION + GOALS + FINANCIAL_GOALS + BUDGET, f"tables ({form})")


@pytest.mark.parametrize("form", FORMATS)
def test_adoption_line_ends_the_document(form):
    text = text_of(form)
    assert ADOPTION in text
    assert text.rindex("Preliminärt överskott kvar") < text.index(ADOPTION)


def test_no_subtotal_and_no_administration_share_row():
    text = text_of("html")
    for absent in ("Summa verksamhet", "Summa administration", "Administrationens andel"):
        assert absent not in text


def test_chart_is_svg_in_the_page_and_drawn_in_the_pdf():
    markup = rendered("finnveden", 2014)["markup"]
    assert markup.count("<svg") == 1 and 'class="budget-chart"' in markup
    assert_in_order(text_of("pdf"), ["Budgeten i diagram", "Årets intäkter", "Kostnader"])


def test_checks_in_the_draft_name_the_explained_overspend():
    assert_in_order(
        text_of("html"),
        [
            "Kontroller av budgeten",
            "Budget 2014: kostnaderna (4 412 000 kr) är större än årets intäkter (2 992 000 kr).",
        ],
    )


def test_query_count(django_assert_num_queries):
    report = plan("finnveden", 2014)
    # The association and the sections (2); introduction: memberships (1); priority groups
    # (1); groups, their memberships and members (3); initiatives, their members and goals
    # (3); the association's goals (1); the budget document (1) and its sheet: columns,
    # sections, lines, line members, line footnotes, decisions, amounts (7), funding years
    # with agreed amounts and fixed shares (3), the memberships and population of all those
    # years (2), the document's footnotes (1); the equity ceiling steps (1); the report's
    # chosen columns (1).
    with django_assert_num_queries(27):
        build_report(report)
