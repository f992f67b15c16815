"""Reading a budget workbook (the export's format, docs/budget-xlsx.md) into a plan.

Nothing is written here: `read_budget` returns a plan or raises `BudgetFileError` listing
every problem with its sheet, row and column; `budgets.services.document_import` then writes
the plan in one transaction. Totals in the file are formulas and are not read: the
application computes them.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from budgets.xlsx import (
    COLUMN_KINDS,
    FIRST_VALUE_COLUMN,
    LINE_KINDS,
    SECTION_KINDS,
    SETTINGS,
    SETTINGS_SHEET,
    SHEET,
)
from finsam.lib.numbers import AmountError, parse_amount

COUNTED = re.compile(r"^=ROUND\((-?\d+)\*")
TOTAL_KINDS = {"delsumma", "summa intäkter", "summa kostnader", "resultat", "administrationsandel"}


class BudgetFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LinePlan:
    label: str
    kind: str
    members: list[str]
    footnotes: list[int]
    values: list[Decimal | None]  # None: a formula (a computed opening)


@dataclass
class SectionPlan:
    name: str
    kind: str
    subtotal_label: str
    show_subtotal: bool
    lines: list[LinePlan] = field(default_factory=list)


@dataclass
class BudgetPlan:
    settings: dict[str, Any]
    columns: list[tuple[str, int, str]]  # kind, year, label
    sections: list[SectionPlan]
    footnotes: list[str]


def read_budget(content: bytes) -> BudgetPlan:
    try:
        book = load_workbook(BytesIO(content), data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        problem = f"Filen kunde inte läsas som xlsx ({error.__class__.__name__})."
        raise BudgetFileError([problem]) from error
    problems: list[str] = []
    for name in (SHEET, SETTINGS_SHEET):
        if name not in book.sheetnames:
            problems.append(f"Bladet ”{name}” saknas.")
    if problems:
        raise BudgetFileError(problems)
    settings = _settings(book[SETTINGS_SHEET], problems)
    columns = _columns(book[SHEET], problems)
    sections, footnotes = _body(book[SHEET], len(columns), problems)
    if problems:
        raise BudgetFileError(problems)
    return BudgetPlan(settings, columns, sections, footnotes)


def _where(sheet: str, row: int, column: int) -> str:
    return f"Blad ”{sheet}”, rad {row}, kolumn {get_column_letter(column)}"


def _settings(ws, problems: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for row, (name, label) in enumerate(SETTINGS, start=1):
        if ws.cell(row, 1).value != label:
            problems.append(f"{_where(SETTINGS_SHEET, row, 1)}: väntade ”{label}”.")
            continue
        value = ws.cell(row, 2).value
        if name in ("costs_negative", "result_with_sign"):
            value = str(value or "").strip().lower() == "ja"
        elif name == "year":
            value = _year(value)
            if value is None:
                problems.append(
                    f"{_where(SETTINGS_SHEET, row, 2)}: ange ett årtal mellan 2004 och 2100."
                )
        elif name == "counted_share":
            value = _number(value)
            if value is None:
                problems.append(f"{_where(SETTINGS_SHEET, row, 2)}: ange ett tal.")
        else:
            value = "" if value is None else str(value)
        values[name] = value
    if values.get("unit") not in (None, "kr", "tkr"):
        problems.append(f"{_where(SETTINGS_SHEET, 3, 2)}: enheten ska vara kr eller tkr.")
    return values


def _number(value: Any) -> Decimal | None:
    """A cell as a number: typed numbers exactly, text as Swedish users write amounts."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return number if number.is_finite() else None  # "NaN" and "Infinity" are no figures
    try:
        return parse_amount(str(value))
    except AmountError:
        return None


def _year(value: Any) -> int | None:
    number = _number(value)
    if number is None or number != number.to_integral_value() or not 2004 <= number <= 2100:
        return None
    return int(number)


def _columns(ws, problems: list[str]) -> list[tuple[str, int, str]]:
    kinds = {v: k for k, v in COLUMN_KINDS.items()}
    columns, col = [], FIRST_VALUE_COLUMN
    while ws.cell(5, col).value not in (None, ""):
        kind = kinds.get(str(ws.cell(6, col).value or "").strip().lower())
        year = _year(ws.cell(7, col).value)
        if kind is None:
            problems.append(
                f"{_where(SHEET, 6, col)}: slaget ska vara budget, prognos, plan eller utfall."
            )
        if year is None:
            problems.append(f"{_where(SHEET, 7, col)}: ange ett årtal mellan 2004 och 2100.")
        columns.append((kind or "", year or 0, str(ws.cell(5, col).value)))
        col += 1
    if not columns:
        problems.append(f"{_where(SHEET, 5, FIRST_VALUE_COLUMN)}: budgeten har inga kolumner.")
    return columns


def _body(ws, width: int, problems: list[str]) -> tuple[list[SectionPlan], list[str]]:
    section_kinds = {f"avsnitt {v}": k for k, v in SECTION_KINDS.items()}
    line_kinds = {v: k for k, v in LINE_KINDS.items()}
    sections: list[SectionPlan] = []
    footnotes: list[str] = []
    in_footnotes = False
    for row in range(9, ws.max_row + 1):
        marker = str(ws.cell(row, 2).value or "").strip().lower()
        label = ws.cell(row, 1).value
        if in_footnotes:
            if label is not None:
                footnotes.append(str(ws.cell(row, 2).value or ""))
        elif marker == "fotnoter":
            in_footnotes = True
        elif marker in section_kinds:
            sections.append(
                SectionPlan(
                    str(label or ""),
                    section_kinds[marker],
                    str(ws.cell(row, 3).value or ""),
                    str(ws.cell(row, 4).value or "") != "ingen delsumma",
                )
            )
        elif marker in line_kinds:
            if not sections:
                problems.append(f"{_where(SHEET, row, 2)}: raden står före första avsnittet.")
                continue
            line = _line(ws, row, str(label or ""), line_kinds[marker], width, problems)
            sections[-1].lines.append(line)
        elif marker and marker not in TOTAL_KINDS:
            problems.append(f"{_where(SHEET, row, 2)}: okänd radtyp ”{marker}”.")
    return sections, footnotes


def _line(ws, row: int, label: str, kind: str, width: int, problems: list[str]) -> LinePlan:
    members = [m.strip() for m in str(ws.cell(row, 3).value or "").split(";") if m.strip()]
    notes = [p.strip() for p in str(ws.cell(row, 4).value or "").split(",") if p.strip()]
    if not all(p.isdigit() for p in notes):
        problems.append(f"{_where(SHEET, row, 4)}: fotnoter anges som nummer, t.ex. 1, 3.")
        notes = []
    values = [_value(ws, row, FIRST_VALUE_COLUMN + i, kind, problems) for i in range(width)]
    if not label.strip():
        problems.append(f"{_where(SHEET, row, 1)}: raden saknar text.")
    return LinePlan(label, kind, members, [int(n) for n in notes], values)


def _value(ws, row: int, col: int, kind: str, problems: list[str]) -> Decimal | None:
    value = ws.cell(row, col).value
    if isinstance(value, str) and value.startswith("="):
        counted = COUNTED.match(value)
        if kind == "initiative" and counted:
            return Decimal(counted.group(1))
        if kind == "carried_forward":
            return None
        problems.append(
            f"{_where(SHEET, row, col)}: formler stöds bara för summor; skriv ett belopp."
        )
        return Decimal(0)
    number = Decimal(0) if value in (None, "") else _number(value)
    if number is None or number != number.to_integral_value():
        problems.append(f"{_where(SHEET, row, col)}: ”{value}” är inte ett belopp i hela kronor.")
        return Decimal(0)
    return number
