"""Writing the demo associations' books as an SIE 4 file, as an accounting system would.

The demo data (fixtures/<slug>/accounts.toml) gives each account's balances; this module turns
them into a file with #IB/#UB/#RES for the previous year (and for the year before it where the
demo data gives it: `ib_2012`, `res_2012`, closing at the previous year's opening), #IB for the
current year and one voucher per month for the current year up to the period's end. Each
account's movement is spread evenly over the months (largest remainder, whole kronor) and the
bank account balances every voucher, so the file's vouchers add up to exactly the balances
given.
"""

import io
from datetime import date
from decimal import Decimal

from finsam.lib.allocation import allocate
from finsam.lib.sie import Gen, Ib, Konto, Rar, Res, Trans, Ub, Ver, write_sie

BANK = "1930"
GENERATED_ON = date(2014, 9, 10)  # fixed, so the committed file is reproducible


def books_to_sie(data: dict, orgnr: str) -> bytes:
    end: date = data["period_end"]
    year = end.year
    accounts = data["accounts"]
    years = [
        Rar(0, date(year, 1, 1), date(year, 12, 31)),
        Rar(-1, date(year - 1, 1, 1), date(year - 1, 12, 31)),
    ]
    if any("ib_2012" in a or "res_2012" in a for a in accounts):
        years.append(Rar(-2, date(year - 2, 1, 1), date(year - 2, 12, 31)))
    buffer = io.BytesIO()
    write_sie(
        buffer,
        company_name=data["company"],
        orgnr=orgnr,
        years=years,
        accounts=[Konto(a["number"], a["name"]) for a in accounts],
        balances=_balances(accounts),
        vouchers=_vouchers(accounts, end),
        gen=Gen(GENERATED_ON),
    )
    return buffer.getvalue()


def _balances(accounts: list[dict]) -> list:
    records: list = []
    for a in accounts:
        if "ib_2012" in a:  # the year before the comparison year closes at its opening
            records += [
                Ib(-2, a["number"], Decimal(a["ib_2012"])),
                Ub(-2, a["number"], Decimal(a["ib_2013"])),
            ]
        if "res_2012" in a:
            records.append(Res(-2, a["number"], Decimal(a["res_2012"])))
        if "ub_2013" in a:
            records += [
                Ib(-1, a["number"], Decimal(a["ib_2013"])),
                Ub(-1, a["number"], Decimal(a["ub_2013"])),
                Ib(0, a["number"], Decimal(a["ub_2013"])),
            ]
        else:
            records.append(Res(-1, a["number"], Decimal(a["res_2013"])))
    return records


def _movement(account: dict) -> Decimal:
    return Decimal(account["end"]) - Decimal(account.get("ub_2013", 0))


def _vouchers(accounts: list[dict], end: date) -> list[Ver]:
    months = end.month
    spread = {a["number"]: _spread(_movement(a), months) for a in accounts if a["number"] != BANK}
    vouchers = []
    for month in range(1, months + 1):
        day = date(end.year, month, 28)
        rows = [
            Trans(number, (), parts[month - 1], day)
            for number, parts in spread.items()
            if parts[month - 1]
        ]
        bank = -sum((row.amount for row in rows), Decimal(0))
        rows.append(Trans(BANK, (), bank, day))
        vouchers.append(
            Ver(
                "A",
                str(month),
                day,
                f"Periodens bokföring {end.year}-{month:02d}",
                transactions=tuple(rows),
            )
        )
    return vouchers


def _spread(amount: Decimal, months: int) -> list[Decimal]:
    sign = -1 if amount < 0 else 1
    return [sign * part for part in allocate(abs(amount), [1] * months, Decimal(1))]
