"""The years a budget, a funding decision or a report may be for: the one home of the range.

Samordningsförbund exist since the law of 2004 (SFS 2003:1210); a year past 2100 is a typing
error. Models (`finsam.fields.year_field`), forms (`finsam.forms.YearField`), imports and
query parameters all ask here, so the bound cannot drift between a form and the model that
stores what it cleans.
"""

from decimal import Decimal

FIRST_YEAR = 2004
LAST_YEAR = 2100


def is_year(number: int | Decimal) -> bool:
    """Whether the whole number `number` is a year in range."""
    return FIRST_YEAR <= number <= LAST_YEAR
