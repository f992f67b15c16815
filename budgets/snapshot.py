"""An adopted budget's figures as stored (`BudgetAdoption.snapshot`) and read back.

`freeze(sheet)` turns every computed figure of a budget into plain JSON: each cell (its
value, what was typed, what was derived from funding or grant decisions, an initiative's
maximum before the counted share), each column's opening, section totals and totals, the
granted amounts shown beside initiatives, and the checks. `thaw(sheet, snapshot)` gives the
same sheet with those figures in place of today's, so the grid, the xlsx export, the
follow-up and the reports print an adopted revision exactly as it was adopted.

Amounts are stored as decimal strings, never floats. Cells and columns are keyed by their
ids, which do not change: an adopted revision's structure is read-only.
"""

import hashlib
import json
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from budgets.calculation import BudgetResult, CellResult, Check, ColumnResult

if TYPE_CHECKING:  # the selectors read snapshots, so they are imported only for typing
    from budgets.selectors import BudgetSheet

FORMAT = 1


def _text(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def freeze(sheet: "BudgetSheet") -> dict[str, Any]:
    """Every figure and check of the sheet as JSON-ready data."""
    result = sheet.result
    return {
        "format": FORMAT,
        "counted_share": str(sheet.document.counted_share),
        "cells": [
            [line, column, *(_text(v) for v in (c.value, c.stored, c.computed, c.maximum))]
            for (line, column), c in sorted(result.cells.items())
        ],
        "columns": [
            {
                "column": key,
                "opening": _text(c.opening),
                "opening_computed": _text(c.opening_computed),
                "sections": {str(s): _text(t) for s, t in c.section_totals.items()},
                "revenue": _text(c.revenue),
                "costs": _text(c.costs),
                "administration": _text(c.administration),
            }
            for key, c in result.columns.items()
        ],
        "granted": [
            [line, column, _text(amount)]
            for (line, column), amount in sorted(sheet.granted.items())
        ],
        "checks": [[c.level, c.message, c.column] for c in result.checks],
    }


def checksum(snapshot: dict[str, Any]) -> str:
    """The SHA-256 of the snapshot in one canonical spelling (sorted keys, no spaces)."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def thaw(sheet: "BudgetSheet", snapshot: dict[str, Any]) -> "BudgetSheet":
    """The sheet with the adopted figures and checks in place of today's."""
    live = sheet.result
    cells = dict(live.cells)
    for line, column, value, stored, computed, maximum in snapshot["cells"]:
        cells[(line, column)] = CellResult(
            _amount(value), _amount(stored), _amount(computed), _amount(maximum)
        )  # a blank stays blank: None, never 0
    columns = dict(live.columns)
    for row in snapshot["columns"]:
        key = row["column"]
        if key not in columns:
            continue  # not possible while the revision is read-only; never guess a column
        columns[key] = ColumnResult(
            column=columns[key].column,
            opening=_amount(row["opening"]) or Decimal(0),
            opening_computed=_amount(row["opening_computed"]),
            section_totals={int(s): _amount(t) or Decimal(0) for s, t in row["sections"].items()},
            revenue=_amount(row["revenue"]) or Decimal(0),
            costs=_amount(row["costs"]) or Decimal(0),
            administration=_amount(row["administration"]) or Decimal(0),
        )
    granted = dict(sheet.granted)
    granted.update({(line, column): _amount(a) for line, column, a in snapshot["granted"]})
    checks = [Check(level, message, column) for level, message, column in snapshot["checks"]]
    result = BudgetResult(cells=cells, columns=columns, checks=checks)
    return replace(sheet, result=result, granted=granted)
