"""Voucher totals per account over all months, from what the importer reads
(`SieSummary.voucher_totals`, per account and month)."""

from collections import defaultdict
from decimal import Decimal

from finsam.lib.sie import SieSummary


def per_account(summary: SieSummary) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for (account, _period), amount in summary.voucher_totals.items():
        totals[account] += amount
    return dict(totals)
