"""The money granted to an initiative, derived from the board's decisions (never typed twice).

Rules, in the order they apply:
1. A revocation cancels the decision it names, wholly (a revoked reduction no longer reduces).
2. Every other decision that stands adds its amount over its period (grant, extension) or
   takes it away (reduction).
3. An amount whose period crosses a year end is split between the years by days, in whole
   kronor, so the years add up exactly to the decision (`finsam.lib.periods`).

Worked example (Växjö, Klargörande av arbetsförmåga): 1 294 000 kr for the year from
30 September 2013; an extension of 1 500 000 kr granted 22 May 2014 and revoked 9 June 2014;
400 000 kr granted 9 June for 1 October–31 December 2014. The first year is 1 294 000 kr
and October–December 2014 is 400 000 kr.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from finsam.lib.periods import part_within, split_by_years
from initiatives.models import Decision, DecisionKind


def standing(decisions: Iterable[Decision]) -> list[Decision]:
    """The money decisions still in force: not revocations, and not revoked."""
    decisions = list(decisions)
    revoked = {d.revokes_id for d in decisions if d.kind == DecisionKind.REVOCATION}
    return [d for d in decisions if d.kind != DecisionKind.REVOCATION and d.pk not in revoked]


def _signed(decision: Decision) -> Decimal:
    return decision.sign * decision.amount.amount


def period(decision: Decision) -> tuple[date, date]:
    """The period a standing decision's money covers: only a revocation has none (constraint)."""
    assert decision.period_start is not None and decision.period_end is not None
    return decision.period_start, decision.period_end


def by_year(decisions: Iterable[Decision]) -> dict[int, Decimal]:
    """Granted amount per calendar year; years without a standing decision are absent."""
    years: dict[int, Decimal] = defaultdict(Decimal)
    for decision in standing(decisions):
        parts = split_by_years(_signed(decision), *period(decision))
        for year, part in parts.items():
            years[year] += part
    return dict(sorted(years.items()))


def within(decisions: Iterable[Decision], start: date, end: date) -> Decimal | None:
    """Granted amount falling in [start, end]; None when no standing decision touches it."""
    touching = [d for d in standing(decisions) if period(d)[0] <= end and period(d)[1] >= start]
    if not touching:
        return None
    return sum(
        (part_within(_signed(d), *period(d), start, end) for d in touching),
        Decimal(0),
    )


def decided_for_later(decisions: Iterable[Decision], first: date, last: date) -> Decimal:
    """What the decisions taken from `first` to `last` grant for days after `last`: money
    decided but not yet due at the end of a report's period ("beslutade, ej utbetalda
    projektmedel"; Växjö's 400 000 kr decided on 9 June 2014 for October-December).

    Decided-but-unpaid money cannot be negative: per initiative and calendar year, what the
    period's decisions add for after `last`, less what they take away from that same year,
    and never below nothing. A reduction of next year's grant does not net against this
    year's unpaid money (nor a reduction of a grant decided earlier, whose money is not here).
    """
    later = last + timedelta(days=1)
    unpaid: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for decision in standing(decisions):
        decided = decision.decided_on
        period_start, period_end = period(decision)
        if decided and first <= decided <= last and period_end >= later:
            start = max(period_start, later)
            share = part_within(_signed(decision), period_start, period_end, start, period_end)
            for year, part in split_by_years(share, start, period_end).items():
                unpaid[(decision.initiative_id, year)] += part
    return sum((max(amount, Decimal(0)) for amount in unpaid.values()), Decimal(0))
