"""The outline a new report starts from: the headings the documents usually have, in order.

Staff change it freely afterwards; it only spares them from building the usual document
from nothing. Each entry is (heading, level, block key or "").
"""

from reports.models import ReportKind

VERKSAMHETSPLAN = [
    ("Inledning", 1, ""),
    ("Förbundets uppdrag", 1, ""),
    ("Vision", 1, ""),
    ("Målgrupper och prioriteringar", 1, ""),
    ("Inriktning och mål", 1, ""),
    ("Organisation", 1, ""),
    ("Insatser", 1, ""),
    ("Finansiella mål", 1, ""),
    ("Budget", 1, "budget"),
    ("Uppföljning", 1, ""),
]

DELARSRAPPORT = [
    ("Uppdrag", 1, ""),
    ("Organisation", 1, ""),
    ("Förvaltningsberättelse", 1, ""),
    ("Framtid", 1, ""),
    ("Ekonomi", 1, ""),
]

# The annual report as the municipal accounting act lays it out (LKBR 2018:597; the KRL
# before it): the förvaltningsberättelse, then the statements with their notes, then the
# board's signatures; the auditors' report follows as its own document.
ARSREDOVISNING = [
    ("Förvaltningsberättelse", 1, ""),
    ("Uppdrag och organisation", 2, "introduction"),
    ("Styrelsen", 2, "board_period"),
    ("Revisorer", 2, "auditors"),
    ("Kansli", 2, "office"),
    ("Viktiga händelser under året", 2, "board_meetings_held"),
    ("Årets insatser", 2, "initiatives_of_year"),
    ("Årets resultat mot budget", 2, "budget_outcome"),
    ("God ekonomisk hushållning", 2, "financial_goals_outcome"),
    ("Balanskravsutredning", 2, "balanskravsutredning"),
    ("Eget kapital", 2, "equity_ceiling"),
    ("Framtid", 2, ""),
    ("Resultaträkning", 1, "annual_income_statement"),
    ("Balansräkning", 1, "balance_sheet"),
    ("Kassaflödesanalys", 1, "cash_flow"),
    ("Noter", 1, "notes"),
    ("Underskrifter", 1, "signatures"),
]

OUTLINES = {
    ReportKind.VERKSAMHETSPLAN: VERKSAMHETSPLAN,
    ReportKind.DELARSRAPPORT: DELARSRAPPORT,
    ReportKind.ARSREDOVISNING: ARSREDOVISNING,
}
