"""Checking a printed total against the rows it sums (no database).

Historic tables are entered row by row; the application computes every total. When a
document's printed total is entered as well, it must equal the rows' sum, or the entry is
refused with a message naming the table, the column and both figures (Växjö's referral
table prints 67 for 2011 where its rows add up to 77).
"""

from collections.abc import Iterable

from finsam.lib.text import gettext as _


class PrintedTotalMismatch(ValueError):
    """A printed total differs from the sum of the rows it is printed under."""

    def __init__(self, *, table: str, column: str, computed: int, printed: int) -> None:
        self.table, self.column, self.computed, self.printed = table, column, computed, printed
        super().__init__(
            _(
                "Tabellen ”%(table)s”, kolumnen ”%(column)s”: raderna summerar till %(computed)s, "
                "men den angivna summan är %(printed)s. Kontrollera raderna eller summan; inget "
                "har sparats."
            )
            % {"table": table, "column": column, "computed": computed, "printed": printed}
        )


def checked_total(rows: Iterable[int], *, printed: int | None, table: str, column: str) -> int:
    """The rows' sum; raises PrintedTotalMismatch if a printed total is given and differs."""
    computed = sum(rows)
    if printed is not None and printed != computed:
        raise PrintedTotalMismatch(table=table, column=column, computed=computed, printed=printed)
    return computed
