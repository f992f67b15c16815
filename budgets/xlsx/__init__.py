"""Budgets as xlsx workbooks: export with live formulas, import all-or-nothing.

The format is documented in docs/budget-xlsx.md.
"""

SHEET = "Budget"
SETTINGS_SHEET = "Inställningar"
FIRST_VALUE_COLUMN = 5  # E: columns A-D describe the line
LINE_KINDS = {
    "amount": "belopp",
    "contribution": "bidrag",
    "initiative": "insats",
    "carried_forward": "balanserat",
}
SECTION_KINDS = {
    "revenue": "intäkter",
    "operations": "verksamhet",
    "administration": "administration",
    "other_cost": "övriga kostnader",
}
# What a line is linked to and how its figures are typed, in columns right of the figures
# after one empty column (so a reader of the figures stops before them), found by heading.
LINE_FACTS = {
    "initiative": "Insats",
    "exempt": "Undantagen från räknad andel (ja/nej)",
    "share_entry": "Belopp anges som (max/räknat)",
    "typed": "Inskrivna kolumner",
}
SHARE_ENTRIES = {"maximum": "max", "counted": "räknat"}
COLUMN_KINDS = {"budget": "budget", "forecast": "prognos", "plan": "plan", "outcome": "utfall"}
SETTINGS = [
    ("title", "Rubrik"),
    ("year", "Budgetår"),
    ("unit", "Enhet (kr/tkr)"),
    ("costs_negative", "Kostnader med minustecken (ja/nej)"),
    ("counted_share", "Räknad andel av insatser (%)"),
    ("revenue_total_label", "Rubrik summa intäkter"),
    ("cost_total_label", "Rubrik summa kostnader"),
    ("result_label", "Rubrik resultat"),
    ("result_with_sign", "Plustecken före överskott (ja/nej)"),
    ("balance_explanation", "Förklaring till obalanserad budget"),
]
