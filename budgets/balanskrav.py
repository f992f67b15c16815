"""The balance requirement of a year's accounts (balanskravsutredning), from the outcome.

The local government act (kommunallagen 11 kap.) and the accounting act ask the annual report
to show the year's result less realised gains on sales of fixed assets, plus or minus the
items the law allows (unrealised losses in securities and their reversal, the use of or
allocation to a result-equalisation reserve), which gives the balanskravsresultat. A
negative balanskravsresultat is a deficit to be restored within the three following years,
unless the board states synnerliga skäl (for a förbund typically: spending on purpose the
equity built up in earlier years). Deficits from earlier years not yet restored are carried
and restored first by a positive result.

The interim report's judgement on the forecast is `reports.blocks.economy`; this is the
year's own statement from the books. Amounts are kronor; a surplus is positive.
"""

from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Adjustment:
    """One item the law allows, with its sign: added (+) or deducted (-)."""

    label: str
    amount: Decimal


@dataclass(frozen=True)
class BalanceRequirement:
    result: Decimal  # the year's result (resultaträkningen)
    realised_gains: Decimal = ZERO  # deducted
    adjustments: tuple[Adjustment, ...] = ()
    deficit_carried: Decimal = ZERO  # earlier years' deficits not yet restored (positive)

    @property
    def adjusted_result(self) -> Decimal:
        """The balanskravsresultat."""
        return self.result - self.realised_gains + sum((a.amount for a in self.adjustments), ZERO)

    @property
    def met(self) -> bool:
        return self.adjusted_result >= 0

    @property
    def deficit(self) -> Decimal:
        """This year's deficit to restore (positive), 0 when the requirement is met."""
        return max(ZERO, -self.adjusted_result)

    @property
    def restored(self) -> Decimal:
        """What this year's surplus restores of the deficits carried."""
        return min(self.deficit_carried, max(ZERO, self.adjusted_result))

    @property
    def deficit_to_restore(self) -> Decimal:
        """What remains to be restored after the year: carried, less restored, plus new."""
        return self.deficit_carried - self.restored + self.deficit
