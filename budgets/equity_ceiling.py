"""The ceiling on a förbund's equity (the national council's recommendation of 2013-10-02).

Nationella rådet recommends that a förbund's equity stay below a ceiling that is a share of
the year's contributions, the share stepping down as the contributions grow; the state's
allocation model takes equity above it into account. The annual report states the equity,
the ceiling and the difference.

`equity_ceiling` is the one place the ceiling is read from. No table of the recommendation's
steps is configured yet, so it returns None and the annual report says so; a table (editable,
per year) can be put behind this function without changing its callers.
"""

from decimal import Decimal

from finsam.models import Association


def equity_ceiling(association: Association, year: int) -> Decimal | None:
    """The highest equity in kronor the recommendation allows `association` at the end of
    `year` (judged on that year's contributions), or None when no ceiling table is
    configured for the year."""
    del association, year  # read by the table that is still to come
    return None
