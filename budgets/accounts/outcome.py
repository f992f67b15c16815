"""A budget's outcome to date, from the books, and the full-year forecast it suggests.

Each account may be mapped to a budget line; a line's outcome to date is the sum of its
accounts' year-to-date figures, turned into the budget's sign (the budget holds revenue and
costs as positive amounts; the books hold revenue as credit, negative). The forecast proposal
for the full year is the outcome to date plus the budget of the months still to come; staff
adjust it where they know better.
"""

from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

from finsam.lib.rounding import round_to_step

ZERO = Decimal(0)


def outcome_by_line(
    year_to_date: Mapping[str, Decimal],
    line_of_account: Mapping[str, int],
    line_is_cost: Mapping[int, bool],
) -> dict[int, Decimal]:
    """Sum each budget line's accounts; revenue lines turn the books' credit positive."""
    outcome: dict[int, Decimal] = {}
    for number, line in line_of_account.items():
        booked = year_to_date.get(number, ZERO)
        signed = booked if line_is_cost.get(line, True) else -booked
        outcome[line] = outcome.get(line, ZERO) + signed
    return outcome


def forecast_proposal(outcome_to_date: Decimal, budget: Decimal, months_passed: int) -> Decimal:
    """Outcome so far plus the budget of the remaining months, in whole kronor."""
    if not 0 <= months_passed <= 12:
        raise ValueError(_("Antalet månader måste vara 0–12."))
    remaining = budget * Decimal(12 - months_passed) / Decimal(12)
    return round_to_step(outcome_to_date + remaining)
