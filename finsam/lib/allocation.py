"""Splitting a total into parts by weight, rounded so that the parts add up exactly.

Used for the municipalities' 25 % (population, fixed percentages or equal parts) and for the
state's half shown as Försäkringskassan and Arbetsförmedlingen. The method is the largest
remainder (Hamilton) method in units of the rounding step:

1. each part's exact share is total * weight / sum(weights), computed as a Fraction;
2. every part gets its share rounded down to a whole step;
3. the steps still missing go, one each, to the parts with the largest remainders
   (ties: larger weight first, then the order given, so the result is deterministic);
4. if the total itself is not a whole number of steps, the last odd amount goes to the next
   part in that order.

Each part then differs from its exact share by less than one step, and the parts always add
up to the total exactly.
"""

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from finsam.lib.text import gettext as _


def statutory_halves(state: Decimal) -> tuple[Decimal, Decimal]:
    """The region's and the municipalities' halves of the state's money, in whole kronor that
    add up to it, an odd krona to the region (SFS 2003:1210 §§ 9-10): the one home of the
    statutory split, for the contributions and for every check of them."""
    if state < 0:  # a typed refund: the same split, signed
        region_half, municipal_half = statutory_halves(-state)
        return -region_half, -municipal_half
    region_half, municipal_half = allocate(state, [1, 1], Decimal(1))
    return region_half, municipal_half


def allocate(total: Decimal, weights: Sequence[Decimal | int], step: Decimal) -> list[Decimal]:
    """Split `total` by `weights` into multiples of `step` that add up to `total` exactly."""
    _check_arguments(total, weights, step)
    exact = exact_shares(total, weights)
    step_f = Fraction(step)
    floors = [(share // step_f) * step_f for share in exact]
    order = _by_largest_remainder(exact, floors, weights)
    missing = Fraction(total) - sum(floors, Fraction(0))
    parts = list(floors)
    for index in order:
        if missing <= 0:
            break
        given = min(step_f, missing)
        parts[index] += given
        missing -= given
    return [Decimal(part.numerator) / Decimal(part.denominator) for part in parts]


def exact_shares(total: Decimal, weights: Sequence[Decimal | int]) -> list[Fraction]:
    """Each part's unrounded share of `total`, as exact fractions."""
    weight_sum = sum((Fraction(w) for w in weights), Fraction(0))
    return [Fraction(total) * Fraction(w) / weight_sum for w in weights]


def _by_largest_remainder(
    exact: list[Fraction], floors: list[Fraction], weights: Sequence[Decimal | int]
) -> list[int]:
    def key(index: int) -> tuple[Fraction, Fraction, int]:
        return (-(exact[index] - floors[index]), -Fraction(weights[index]), index)

    return sorted(range(len(exact)), key=key)


def _check_arguments(total: Decimal, weights: Sequence[Decimal | int], step: Decimal) -> None:
    if step <= 0:
        raise ValueError(_("Avrundningssteget måste vara större än noll."))
    if total < 0:
        raise ValueError(_("Beloppet som ska fördelas kan inte vara negativt."))
    if not weights:
        raise ValueError(_("Det finns inga delar att fördela beloppet på."))
    if any(Fraction(w) < 0 for w in weights):
        raise ValueError(_("En fördelningsnyckel kan inte vara negativ."))
    if sum(Fraction(w) for w in weights) == 0:
        raise ValueError(_("Fördelningsnyckeln summerar till noll."))
