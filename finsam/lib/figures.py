"""Printed figures and what differs between an adopted set and today's.

An adoption (of a report, of a budget) freezes what was printed: each figure as its text,
located by table, row and column. Comparing that with what today's data prints is one rule,
kept here, so a report and a budget name their differences the same way.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One printed figure (or text), located by its table, row and column."""

    table: str
    row: str
    column: str
    text: str

    def key(self) -> tuple[str, str, str]:
        return (self.table, self.row, self.column)

    def stored(self) -> list[str]:
        """The figure as an adoption keeps it in JSON: [table, row, column, text]. Each is made
        plain text: a label may be a lazy translation, which JSON cannot hold."""
        return [str(self.table), str(self.row), str(self.column), str(self.text)]


@dataclass(frozen=True)
class Difference:
    """A printed figure as adopted and as today's data gives it ("" where it is missing)."""

    table: str
    row: str
    column: str
    adopted: str
    today: str


def differences(adopted: Iterable[Figure], today: Iterable[Figure]) -> list[Difference]:
    """Every figure whose text differs, in the adopted order, then figures new today."""
    before = {figure.key(): figure.text for figure in adopted}
    now = {figure.key(): figure.text for figure in today}
    keys = list(before) + [key for key in now if key not in before]
    return [
        Difference(*key, before.get(key, ""), now.get(key, ""))
        for key in keys
        if before.get(key, "") != now.get(key, "")
    ]
