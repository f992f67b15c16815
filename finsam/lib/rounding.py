"""The one rounding rule for amounts.

Printed figures round half away from zero ("avrundning enligt gängse regel"): 533 333,50 kr
becomes 533 334 kr and 1 500 kr in thousands becomes 2 tkr. Every printed figure is rounded
on its own from the stored exact amount; totals are never added up from rounded lines
(Växjö's note 1: four lines of 533 tkr under a total of 2 133 tkr).
"""

from decimal import ROUND_HALF_UP, Decimal

from finsam.lib.text import gettext as _

KRONA = Decimal("1")
ORE = Decimal("0.01")
THOUSAND = Decimal("1000")


def round_to_step(amount: Decimal, step: Decimal = KRONA) -> Decimal:
    """Round `amount` to a whole multiple of `step` (e.g. 100 kr), half away from zero."""
    if step <= 0:
        raise ValueError(_("Avrundningssteget måste vara större än noll."))
    units = (amount / step).quantize(KRONA, rounding=ROUND_HALF_UP)
    return units * step


def in_thousands(amount: Decimal) -> Decimal:
    """Whole thousands of kronor (tkr), rounded half away from zero."""
    return (amount / THOUSAND).quantize(KRONA, rounding=ROUND_HALF_UP)
