"""The file checks itself: its vouchers against its own totals, per account and year.

A file carries the totals its program computed (#IB, #UB, #RES, #PSALDO); where it has
them, the vouchers must agree:

* balance accounts: opening balance + the year's #TRANS = #UB;
* result accounts: the year's #TRANS = #RES;
* #PSALDO (a month's change, SIE 4B) = the vouchers of that month.

In a file without vouchers (types 1-3) the #PSALDO months stand in for the vouchers.

#PSALDO rows with an object list break an account down by object. SIE 4B says the row
without objects (`{}`) is the account's total, but some programs write it as the part
*without* an object, so the total is that row plus the object rows. Read the wrong way, an
income statement quietly shows the remainder (3 223 kr) instead of the revenue (1 964 345
kr). The file's own totals tell the two apart: whichever convention makes #PSALDO agree
with the vouchers / #RES / #UB is the one the program used; if neither does, the file is
refused with the accounts and amounts. `check_summary` reports which one was found, and
`account_psaldo` gives the account totals under it.

Pure functions over a `SieSummary`; messages are Swedish and name lines where they can.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, TypeAlias

from finsam.lib.text import gettext as _
from finsam.lib.text import gettext_noop

from .errors import SieError
from .guards import Limits
from .records import EXACT, ZERO, Period, PeriodKey, SieSummary

__all__ = ["Convention", "Findings", "account_psaldo", "check_summary", "kr"]

Convention: TypeAlias = Literal["total", "rest"]

MAX_LISTED = 50
PSALDO_MONTHS = gettext_noop(
    "#PSALDO-månaderna"
)  # differences listed per check; the rest are counted

TOTAL_FACT = gettext_noop(
    "#PSALDO: raden utan objekt ({}) är kontots total, som SIE-standarden anger; raderna med "
    "objekt är en uppdelning av den och räknas inte en gång till."
)
REST_FACT = gettext_noop(
    "#PSALDO: raden utan objekt ({}) är den del av kontot som saknar objekt (så skriver vissa "
    "program); kontots total är den raden plus raderna med objekt. Det stämmer med filens "
    "egna totaler."
)
UNKNOWN_FACT = gettext_noop(
    "#PSALDO har rader med objekt men filen har inga egna totaler (#RES, #UB eller "
    "verifikationer) att pröva dem mot; raden utan objekt ({}) läses som kontots total, som "
    "SIE-standarden anger."
)


@dataclass
class Findings:
    errors: list[SieError] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    convention: Convention | None = None


def kr(amount: Decimal) -> str:
    """An amount for a message: 1 964 345.00."""
    return f"{amount:,.2f}".replace(",", " ")


def is_balance_account(account: str, types: dict[str, str]) -> bool:
    """#KTYP if the file has it, else the BAS rule: classes 1 and 2 are balance accounts."""
    kind = types.get(account)
    if kind is not None:
        return kind in ("T", "S")
    return account[:1] in ("1", "2")


def account_psaldo(summary: SieSummary, convention: Convention | None) -> dict[PeriodKey, Decimal]:
    """Each account's #PSALDO per month under the convention (rows without objects if None)."""
    if convention != "rest":
        return dict(summary.psaldo)
    totals = dict(summary.psaldo)
    for key, dims in summary.psaldo_objects.items():
        totals[key] = EXACT.add(totals.get(key, ZERO), dims[min(dims)])
    return totals


def check_summary(summary: SieSummary, limits: Limits | None = None) -> Findings:
    """Check the file's vouchers and #PSALDO against its own totals."""
    findings = Findings()
    years = _year_of_period(summary)
    vouchers = _voucher_months(summary, years)
    voucher_years = {key[0] for key in vouchers}
    _trial_balance(summary, _per_year(vouchers), voucher_years, findings.errors)
    _psaldo(summary, vouchers, voucher_years, findings)
    if summary.pbudget_rows:
        findings.facts.append(
            _(
                "Filen har %(rows)s #PBUDGET-rader (periodbudget); de läses inte in, "
                "budgeten förs i finsam."
            )
            % {"rows": summary.pbudget_rows}
        )
    if limits is not None and limits.amount_digits is not None:
        _sums_within(summary, limits.amount_digits, findings.errors)
    return findings


def _year_of_period(summary: SieSummary):
    spans = [
        (index, (rar.start.year, rar.start.month), (rar.end.year, rar.end.month))
        for index, rar in summary.years.items()
    ]

    def year_of(period: Period) -> int | None:
        for index, first, last in spans:
            if first <= (period.year, period.month) <= last:
                return index
        return None

    return year_of


def _voucher_months(summary: SieSummary, year_of) -> dict[PeriodKey, Decimal]:
    months: dict[PeriodKey, Decimal] = {}
    for (account, period), amount in summary.voucher_totals.items():
        index = year_of(period)
        if index is not None:
            months[(index, period, account)] = amount
    return months


def _per_year(months: dict[PeriodKey, Decimal]) -> dict[tuple[int, str], Decimal]:
    totals: dict[tuple[int, str], Decimal] = {}
    for (index, _period, account), amount in months.items():
        key = (index, account)
        totals[key] = EXACT.add(totals.get(key, ZERO), amount)
    return totals


def _year_name(summary: SieSummary, index: int) -> str:
    rar = summary.years.get(index)
    return f"{rar.start.year} (#RAR {index})" if rar else f"#RAR {index}"


def _trial_balance(
    summary: SieSummary,
    movements: dict[tuple[int, str], Decimal],
    voucher_years: set[int],
    errors: list[SieError],
    what: str = gettext_noop("årets verifikationer"),
) -> None:
    """IB + movements = UB for balance accounts, movements = RES for result accounts.

    With vouchers every account with a total is checked (no vouchers means no movement);
    with #PSALDO only the accounts it lists, since programs often write it for result
    accounts only.
    """
    found: list[SieError] = []
    for index in sorted(voucher_years):
        has_ub = any(year == index for year, _ in summary.ub)
        has_res = any(year == index for year, _ in summary.res)
        listed = (*movements, *summary.ub, *summary.res) if what != PSALDO_MONTHS else movements
        accounts = {a for (year, a) in listed if year == index}
        for account in sorted(accounts):
            moved = movements.get((index, account), ZERO)
            if is_balance_account(account, summary.account_types):
                if not has_ub:
                    continue
                opening = summary.ib.get((index, account), ZERO)
                closing = summary.ub.get((index, account), ZERO)
                if EXACT.add(opening, moved) != closing:
                    found.append(
                        SieError(
                            summary.lines.get(("#UB", index, account)),
                            _(
                                "År %(year)s, konto %(account)s: ingående balans %(opening)s + "
                                "%(what)s %(moved)s = %(sum)s, men filens #UB är %(closing)s "
                                "(differens %(difference)s)."
                            )
                            % {
                                "year": _year_name(summary, index),
                                "account": account,
                                "opening": kr(opening),
                                "what": _(what),
                                "moved": kr(moved),
                                "sum": kr(EXACT.add(opening, moved)),
                                "closing": kr(closing),
                                "difference": kr(
                                    EXACT.subtract(closing, EXACT.add(opening, moved))
                                ),
                            },
                        )
                    )
            elif has_res:
                result = summary.res.get((index, account), ZERO)
                if moved != result:
                    found.append(
                        SieError(
                            summary.lines.get(("#RES", index, account)),
                            _(
                                "År %(year)s, konto %(account)s: %(what)s summerar till "
                                "%(moved)s, men filens #RES är %(result)s (differens "
                                "%(difference)s)."
                            )
                            % {
                                "year": _year_name(summary, index),
                                "account": account,
                                "what": _(what),
                                "moved": kr(moved),
                                "result": kr(result),
                                "difference": kr(EXACT.subtract(result, moved)),
                            },
                        )
                    )
    _listed(found, errors)


def _psaldo(
    summary: SieSummary,
    vouchers: dict[PeriodKey, Decimal],
    voucher_years: set[int],
    findings: Findings,
) -> None:
    if not summary.psaldo and not summary.psaldo_objects:
        return
    has_objects = bool(summary.psaldo_objects)
    candidates: list[Convention] = ["total", "rest"] if has_objects else ["total"]
    outcomes: dict[Convention, list[SieError]] = {}
    tested = False
    for convention in candidates:
        months = account_psaldo(summary, convention)
        problems: list[SieError] = []
        # Years with vouchers: month by month against the vouchers.
        listed = {(index, account) for index, _p, account in months}
        for key in sorted(set(months) | {k for k in vouchers if (k[0], k[2]) in listed}):
            index, period, account = key
            if index not in voucher_years:
                continue
            tested = True
            said, booked = months.get(key, ZERO), vouchers.get(key, ZERO)
            if said != booked:
                problems.append(
                    SieError(
                        summary.psaldo_lines.get(key),
                        _(
                            "#PSALDO %(period)s konto %(account)s: %(said)s, men "
                            "verifikationerna den månaden summerar till %(booked)s "
                            "(differens %(difference)s)."
                        )
                        % {
                            "period": period,
                            "account": account,
                            "said": kr(said),
                            "booked": kr(booked),
                            "difference": kr(EXACT.subtract(said, booked)),
                        },
                    )
                )
        # Years without vouchers: the months' sum against #RES / #UB.
        other = {index for index, _p, _a in months} - voucher_years
        if other:
            per_year = _per_year({k: v for k, v in months.items() if k[0] in other})
            before = len(problems)
            _trial_balance(summary, per_year, other, problems, what=PSALDO_MONTHS)
            has_totals = any(y in other for y, _ in (*summary.ub, *summary.res))
            tested = tested or has_totals or len(problems) > before
        outcomes[convention] = problems
    _decide(summary, outcomes, has_objects, tested, findings)


def _decide(
    summary: SieSummary,
    outcomes: dict[Convention, list[SieError]],
    has_objects: bool,
    tested: bool,
    findings: Findings,
) -> None:
    if not outcomes["total"]:
        findings.convention = "total" if has_objects else None
        if has_objects:
            findings.facts.append(_(TOTAL_FACT if tested else UNKNOWN_FACT))
        return
    if has_objects and not outcomes["rest"]:
        findings.convention = "rest"
        findings.facts.append(_(REST_FACT))
        return
    if not has_objects:
        _listed(outcomes["total"], findings.errors)
        return
    best: Convention = "rest" if len(outcomes["rest"]) < len(outcomes["total"]) else "total"
    _listed(outcomes[best], findings.errors)
    read_as = _("kontots total") if best == "total" else _("delen utan objekt")
    findings.errors.append(
        SieError(
            None,
            _(
                "Filens #PSALDO-rader går inte ihop med filens egna totaler, varken om raden "
                "utan objekt ({}) är kontots total (som SIE-standarden anger) eller om den är "
                "delen utan objekt (som vissa program skriver). Skillnaderna ovan är räknade "
                "med raden utan objekt som %(read_as)s, det sätt som passar bäst."
            )
            % {"read_as": read_as},
        )
    )


def _listed(found: Iterable[SieError], errors: list[SieError]) -> None:
    found = list(found)
    errors.extend(found[:MAX_LISTED])
    if len(found) > MAX_LISTED:
        errors.append(
            SieError(
                None,
                _("… och %(count)s konton till med skillnader.")
                % {"count": len(found) - MAX_LISTED},
            )
        )


def _sums_within(summary: SieSummary, digits: int, errors: list[SieError]) -> None:
    bound = Decimal(10) ** digits
    for (account, period), amount in summary.voucher_totals.items():
        if abs(amount) >= bound:
            errors.append(
                SieError(
                    None,
                    _(
                        "Konto %(account)s %(period)s: verifikationerna summerar till "
                        "%(amount)s, mer än vad som kan lagras (högst %(digits)s siffror före "
                        "decimalpunkten)."
                    )
                    % {
                        "account": account,
                        "period": period,
                        "amount": kr(amount),
                        "digits": digits,
                    },
                )
            )
