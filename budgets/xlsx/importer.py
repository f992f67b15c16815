"""Reading a budget workbook (the export's format, docs/budget-xlsx.md) into a plan.

Nothing is written here: `read_budget` returns a plan or raises `BudgetFileError` listing
every problem with its sheet, row and column; `budgets.services.document_import` then writes
the plan in one transaction. Totals in the file are formulas and are not read: the
application computes them.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from budgets.xlsx import (
    COLUMN_KINDS,
    FIRST_VALUE_COLUMN,
    LINE_FACTS,
    LINE_KINDS,
    SECTION_KINDS,
    SETTINGS,
    SETTINGS_SHEET,
    SHARE_ENTRIES,
    SHEET,
)
from budgets.xlsx.text_limits import checked_text
from finsam.forms import year_range_message
from finsam.lib.numbers import MONEY_WHOLE_DIGITS as WHOLE_DIGITS
from finsam.lib.numbers import (
    AmountError,
    fits_money,
    is_blank_amount,
    is_whole_kronor,
    parse_amount,
    whole_number,
)
from finsam.lib.xlsx_limits import WorkbookLimitError, check_workbook
from finsam.lib.years import is_year

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
    values: list[Decimal | None]  # None: blank, or a formula (a computed opening)
    initiative: str = ""  # the linked initiative's name
    exempt_from_share: bool = False
    share_entry: str = "maximum"
    # Which figures are typed rather than computed (None: the file does not say; a figure
    # equal to the computed one is then taken as computed).
    typed: list[bool] | None = None
    # Which figures are a counted formula's granted maximum, not the figure the cell shows.
    maxima: list[bool] = field(default_factory=list)


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
    footnotes: list[tuple[int, str]]  # number, text
    # What the budget cannot carry and the preview says (a formula is read as its value).
    notes: list[str] = field(default_factory=list)


def read_budget(content: bytes) -> BudgetPlan:
    try:
        check_workbook(content)  # before openpyxl spends memory and time on it
    except WorkbookLimitError as error:
        raise BudgetFileError([str(error)]) from error
    books = [_load(content, data_only=flag) for flag in (False, True)]
    problems: list[str] = []
    for name in (SHEET, SETTINGS_SHEET):
        if name not in books[0].sheetnames:
            problems.append(_("Bladet ”%(sheet)s” saknas.") % {"sheet": name})
    if problems:
        raise BudgetFileError(problems)
    budget, settings_sheet = (
        Sheet(name, *(b[name] for b in books)) for name in (SHEET, SETTINGS_SHEET)
    )
    problems += (
        budget.merged_problems(from_row=budget.header_row) + settings_sheet.merged_problems()
    )
    if problems:
        raise BudgetFileError(problems)
    settings = _settings(settings_sheet, problems)
    columns = _columns(budget, problems)
    notes: list[str] = []
    sections, footnotes = _body(budget, len(columns), problems, notes)
    if problems:
        raise BudgetFileError(problems)
    return BudgetPlan(settings, columns, sections, footnotes, notes)


def _load(content: bytes, *, data_only: bool):
    try:
        return load_workbook(BytesIO(content), data_only=data_only)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        problem = _("Filen kunde inte läsas som xlsx (%(error)s).") % {
            "error": error.__class__.__name__
        }
        raise BudgetFileError([problem]) from error


def _where(sheet: str, row: int, column: int) -> str:
    return _("Blad ”%(sheet)s”, rad %(row)s, kolumn %(column)s") % {
        "sheet": sheet,
        "row": row,
        "column": get_column_letter(column),
    }


def _is_formula(value: Any) -> bool:
    return (isinstance(value, str) and value.startswith("=")) or isinstance(
        value, ArrayFormula | DataTableFormula
    )


@dataclass
class Sheet:
    """One sheet as written (formulas) and as Excel last computed it (values)."""

    name: str
    formulas: Any
    values: Any

    @cached_property
    def header_row(self) -> int:
        """The row labelled "Kolumn" in column D (row 5 in an exported file; rows inserted
        above the table move it down)."""
        labels = [str(self.raw(row, 4) or "").strip().lower() for row in range(1, 31)]
        for row in range(1, 29):
            if labels[row - 1 : row + 2] == ["kolumn", "slag", "år"]:
                return row
        return 5

    def raw(self, row: int, column: int) -> Any:
        return self.formulas.cell(row, column).value

    def value(self, row: int, column: int, problems: list[str]) -> Any:
        """The cell's value; a formula's last computed value, or a problem if it has none."""
        raw = self.raw(row, column)
        if not _is_formula(raw):
            return raw
        computed = self.values.cell(row, column).value
        if computed is None:
            text = raw if isinstance(raw, str) else getattr(raw, "text", "")
            problems.append(
                _(
                    "%(place)s: formeln %(text)s har inget beräknat värde; öppna och spara "
                    "filen i Excel, eller skriv in värdet."
                )
                % {"place": _where(self.name, row, column), "text": text}
            )
        return computed

    def merged_problems(self, from_row: int = 1) -> list[str]:
        merged = [str(r) for r in self.formulas.merged_cells.ranges if r.max_row >= from_row]
        if not merged:
            return []
        return [
            _(
                "Bladet ”%(name)s” har sammanfogade celler (%(cells)s); dela upp dem så "
                "att varje värde står i en egen cell."
            )
            % {"name": self.name, "cells": ", ".join(merged[:3])}
        ]


def _settings(sheet: Sheet, problems: list[str]) -> dict[str, Any]:
    # label -> row; read from the bottom up, so a label written twice counts where it is first
    rows = {
        str(sheet.raw(row, 1) or "").strip(): row for row in range(sheet.formulas.max_row, 0, -1)
    }
    values: dict[str, Any] = {}
    for name, label in SETTINGS:
        row = rows.get(label)
        if row is None:
            problems.append(
                _("Blad ”%(sheet)s”, kolumn A: raden ”%(label)s” saknas.")
                % {"sheet": SETTINGS_SHEET, "label": label}
            )
            continue
        value = sheet.value(row, 2, problems)
        if name in ("costs_negative", "result_with_sign"):
            value = str(value or "").strip().lower() == "ja"
        elif name == "year":
            value = _year(value)
            if value is None:
                problems.append(
                    f"{_where(SETTINGS_SHEET, row, 2)}: {year_range_message(_('ett årtal'))}"
                )
        elif name == "counted_share":
            value = _number(value)
            if value is None:
                problems.append(
                    _("%(place)s: ange ett tal.") % {"place": _where(SETTINGS_SHEET, row, 2)}
                )
            elif not 0 <= value <= 100 or value != round(value, 2):
                problems.append(
                    _("%(place)s: ange en andel mellan 0 och 100 procent med högst två decimaler.")
                    % {"place": _where(SETTINGS_SHEET, row, 2)}
                )
        else:
            text = "" if value is None else str(value)
            value = checked_text(text, name, SETTINGS_SHEET, row, 2, problems)
        values[name] = value
    if values.get("unit") not in (None, "kr", "tkr"):
        problems.append(
            _("%(place)s: enheten ska vara kr eller tkr.")
            % {"place": _where(SETTINGS_SHEET, rows[dict(SETTINGS)["unit"]], 2)}
        )
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
    if number is None or number != number.to_integral_value() or not is_year(number):
        return None
    return int(number)


def _columns(sheet: Sheet, problems: list[str]) -> list[tuple[str, int, str]]:
    kinds = {v: k for k, v in COLUMN_KINDS.items()}
    labels = sheet.header_row
    columns, col = [], FIRST_VALUE_COLUMN
    while sheet.value(labels, col, problems) not in (None, ""):
        kind = kinds.get(str(sheet.value(labels + 1, col, problems) or "").strip().lower())
        year = _year(sheet.value(labels + 2, col, problems))
        if kind is None:
            problems.append(
                _("%(place)s: slaget ska vara budget, prognos, plan eller utfall.")
                % {"place": _where(SHEET, labels + 1, col)}
            )
        if year is None:
            problems.append(
                f"{_where(SHEET, labels + 2, col)}: {year_range_message(_('ett årtal'))}"
            )
        label = checked_text(
            str(sheet.value(labels, col, problems)), "column", SHEET, labels, col, problems
        )
        columns.append((kind or "", year or 0, label))
        col += 1
    if not columns:
        problems.append(
            _("%(place)s: budgeten har inga kolumner.")
            % {"place": _where(SHEET, labels, FIRST_VALUE_COLUMN)}
        )
    return columns


def _body(
    sheet: Sheet, width: int, problems: list[str], notes: list[str]
) -> tuple[list[SectionPlan], list[tuple[int, str]]]:
    section_kinds = {f"avsnitt {v}": k for k, v in SECTION_KINDS.items()}
    line_kinds = {v: k for k, v in LINE_KINDS.items()}
    facts = _fact_columns(sheet, width)
    sections: list[SectionPlan] = []
    footnotes: list[tuple[int, str]] = []
    in_footnotes = False
    for row in range(sheet.header_row + 4, sheet.formulas.max_row + 1):
        marker = str(sheet.raw(row, 2) or "").strip().lower()
        label = sheet.value(row, 1, problems)
        if in_footnotes:
            if label is not None:
                footnotes.append(_footnote(sheet, row, label, len(footnotes), problems))
        elif marker == "fotnoter":
            in_footnotes = True
        elif marker in section_kinds:
            sections.append(
                SectionPlan(
                    checked_text(str(label or ""), "section", SHEET, row, 1, problems),
                    section_kinds[marker],
                    checked_text(
                        str(sheet.value(row, 3, problems) or ""),
                        "subtotal",
                        SHEET,
                        row,
                        3,
                        problems,
                    ),
                    str(sheet.raw(row, 4) or "") != "ingen delsumma",
                )
            )
        elif marker in line_kinds:
            if not sections:
                problems.append(
                    _("%(place)s: raden står före första avsnittet.")
                    % {"place": _where(SHEET, row, 2)}
                )
                continue
            text = checked_text(str(label or ""), "line", SHEET, row, 1, problems)
            line = _line(sheet, row, text, line_kinds[marker], width, problems)
            notes += _formula_notes(sheet, row, line.kind, width)
            _facts(sheet, row, facts, line, problems)
            sections[-1].lines.append(line)
        elif marker and marker not in TOTAL_KINDS:
            problems.append(
                _("%(place)s: okänd radtyp ”%(marker)s”.")
                % {"place": _where(SHEET, row, 2), "marker": marker}
            )
        elif not marker and _has_content(sheet, row, width):
            problems.append(
                _(
                    "%(place)s: raden har innehåll men ingen radtyp; skriv t.ex. belopp, "
                    "eller ta bort raden."
                )
                % {"place": _where(SHEET, row, 2)}
            )
    return sections, footnotes


def _formula_notes(sheet: Sheet, row: int, kind: str, width: int) -> list[str]:
    """Formulas of one's own in the figures are read as their value: the formula is lost."""
    notes = []
    for col in range(FIRST_VALUE_COLUMN, FIRST_VALUE_COLUMN + width):
        raw = sheet.raw(row, col)
        own = kind == "carried_forward" or (kind == "initiative" and COUNTED.match(str(raw)))
        if _is_formula(raw) and not own:
            text = raw if isinstance(raw, str) else getattr(raw, "text", "")
            value = sheet.values.cell(row, col).value
            notes.append(
                _(
                    "%(place)s: formeln %(text)s läses in som värdet %(value)s; formeln "
                    "följer inte med."
                )
                % {"place": _where(SHEET, row, col), "text": text, "value": value}
            )
    return notes


def _footnote(sheet: Sheet, row: int, label: Any, before: int, problems: list[str]):
    """A footnote keeps its number (1, 3: a removed note leaves a gap) and its text."""
    number = _number(label)
    if number is None or number != number.to_integral_value() or number < 1:
        problems.append(
            _("%(place)s: fotnotens nummer ska vara ett heltal, t.ex. 1.")
            % {"place": _where(SHEET, row, 1)}
        )
        return before + 1, ""
    return int(number), str(sheet.value(row, 2, problems) or "")


def _fact_columns(sheet: Sheet, width: int) -> dict[str, int]:
    """Where the line facts stand: found by their headings right of the figures (a file
    without them, written by hand or by an older export, is read from the figures alone)."""
    row = sheet.header_row + 3
    by_heading = {heading.lower(): name for name, heading in LINE_FACTS.items()}
    found = {}
    for col in range(FIRST_VALUE_COLUMN + width, sheet.formulas.max_column + 1):
        name = by_heading.get(str(sheet.raw(row, col) or "").strip().lower())
        if name is not None:
            found[name] = col
    return found


def _facts(
    sheet: Sheet, row: int, columns: dict[str, int], line: LinePlan, problems: list[str]
) -> None:
    def text(name: str) -> str:
        return str(sheet.raw(row, columns[name]) or "").strip() if name in columns else ""

    line.initiative = text("initiative")
    exempt = text("exempt").lower()
    if exempt not in ("", "ja", "nej"):
        problems.append(
            _("%(place)s: skriv ja eller nej.") % {"place": _where(SHEET, row, columns["exempt"])}
        )
    line.exempt_from_share = exempt == "ja"
    entries = {v: k for k, v in SHARE_ENTRIES.items()}
    entry = text("share_entry").lower()
    if entry and entry not in entries:
        problems.append(
            _("%(place)s: skriv max eller räknat.")
            % {"place": _where(SHEET, row, columns["share_entry"])}
        )
    line.share_entry = entries.get(entry, "maximum")
    if "typed" in columns:
        line.typed = _typed(text("typed"), len(line.values))
        if line.typed is None:
            problems.append(
                _("%(place)s: ange kolumnernas nummer, t.ex. 1, 3.")
                % {"place": _where(SHEET, row, columns["typed"])}
            )


def _typed(text: str, width: int) -> list[bool] | None:
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    numbers = {whole_number(p) for p in parts}
    if not all(n is not None and 1 <= n <= width for n in numbers):
        return None
    return [n in numbers for n in range(1, width + 1)]


def _has_content(sheet: Sheet, row: int, width: int) -> bool:
    cells = (sheet.raw(row, col) for col in range(1, FIRST_VALUE_COLUMN + width))
    return any(str(value).strip() for value in cells if value is not None)


def _line(
    sheet: Sheet, row: int, label: str, kind: str, width: int, problems: list[str]
) -> LinePlan:
    members_text = str(sheet.value(row, 3, problems) or "")
    members = [m.strip() for m in members_text.split(";") if m.strip()]
    notes_text = str(sheet.value(row, 4, problems) or "")
    notes = [p.strip() for p in notes_text.split(",") if p.strip()]
    if not all(whole_number(p) is not None for p in notes):
        problems.append(
            _("%(place)s: fotnoter anges som nummer, t.ex. 1, 3.")
            % {"place": _where(SHEET, row, 4)}
        )
        notes = []
    values = [_value(sheet, row, FIRST_VALUE_COLUMN + i, kind, problems) for i in range(width)]
    if not label.strip():
        problems.append(_("%(place)s: raden saknar text.") % {"place": _where(SHEET, row, 1)})
    maxima = [
        kind == "initiative"
        and COUNTED.match(str(sheet.raw(row, FIRST_VALUE_COLUMN + i))) is not None
        for i in range(width)
    ]
    return LinePlan(label, kind, members, [int(n) for n in notes], values, maxima=maxima)


def _value(sheet: Sheet, row: int, col: int, kind: str, problems: list[str]) -> Decimal | None:
    """An amount; the export's own formulas (a counted initiative, an opening that follows the
    chain) are read as what they mean, any other formula as its computed value."""
    raw = sheet.raw(row, col)
    if isinstance(raw, str) and raw.startswith("="):
        counted = COUNTED.match(raw)
        if kind == "initiative" and counted:
            return _bounded(Decimal(counted.group(1)), raw, row, col, problems)
        if kind == "carried_forward":
            return None
    value = sheet.value(row, col, problems)
    if value is None and _is_formula(raw):
        return Decimal(0)  # the problem is already named
    if value is None or (isinstance(value, str) and is_blank_amount(value)):
        return None  # a blank cell: nothing planned there, not 0
    number = _number(value)
    if number is None or not is_whole_kronor(number):
        problems.append(f"{_where(SHEET, row, col)}: ”{value}” är inte ett belopp i hela kronor.")
        return Decimal(0)
    return _bounded(number, value, row, col, problems)


def _bounded(number: Decimal, value: Any, row: int, col: int, problems: list[str]) -> Decimal:
    if fits_money(number):
        return number
    problems.append(
        _("%(place)s: ”%(value)s” är för stort; ett belopp har högst %(digits)s siffror.")
        % {"place": _where(SHEET, row, col), "value": value, "digits": WHOLE_DIGITS}
    )
    return Decimal(0)
