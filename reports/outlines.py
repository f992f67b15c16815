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

OUTLINES = {ReportKind.VERKSAMHETSPLAN: VERKSAMHETSPLAN, ReportKind.DELARSRAPPORT: DELARSRAPPORT}
