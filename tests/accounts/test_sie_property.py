"""Books written by the project's own SIE writer from random data import back to identical
balances; a random voucher-only file (SIE 4I) added to them changes only what it adds."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from budgets.accounts.models import BalanceKind, MonthMovement, Voucher, YearBalance
from finsam.imports.batches import import_confirm, import_upload
from finsam.lib.sie import Ib, Rar, Res, Trans, Ub, Ver, write_sie
from finsam.models import Association

YEAR = 2016
BALANCE_ACCOUNTS = ["1510", "1930", "2440", "2010"]
RESULT_ACCOUNTS = ["3010", "4010", "5010", "8310"]
ACCOUNTS = BALANCE_ACCOUNTS + RESULT_ACCOUNTS

amounts = st.integers(-(10**8), 10**8).map(lambda cents: Decimal(cents).scaleb(-2))
days = st.dates(date(YEAR, 1, 1), date(YEAR, 12, 31))


@st.composite
def vouchers(draw, series: str, max_size: int = 12) -> list[Ver]:
    """Balanced vouchers: random rows, the last account taking the difference."""
    count = draw(st.integers(1, max_size))
    result = []
    for number in range(1, count + 1):
        day = draw(days)
        rows = draw(st.lists(st.tuples(st.sampled_from(ACCOUNTS), amounts), min_size=1, max_size=4))
        last = draw(st.sampled_from(ACCOUNTS))
        rows.append((last, -sum((a for _n, a in rows), Decimal(0))))
        trans = tuple(Trans(n, (), a, day) for n, a in rows)
        result.append(Ver(series, str(number), day, f"Ver {number}", transactions=trans))
    return result


def movements_of(vers: list[Ver]) -> dict[tuple[str, int], Decimal]:
    totals: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for ver in vers:
        for t in ver.transactions:
            totals[(t.account, ver.date.month)] += t.amount
    return totals


def held_months(association) -> dict[tuple[str, int], Decimal]:
    return {
        (n, m): a
        for n, m, a in MonthMovement.objects.filter(association=association, year=YEAR).values_list(
            "account__number", "month", "amount"
        )
    }


def held_balances(association) -> dict[tuple[str, str], Decimal]:
    return {
        (n, k): a
        for n, k, a in YearBalance.objects.filter(association=association, year=YEAR).values_list(
            "account__number", "kind", "amount"
        )
    }


def nonzero(table: dict) -> dict:
    return {key: value for key, value in table.items() if value}


def write(association, balances, vers) -> bytes:
    return write_sie(
        None,
        company_name=association.name,
        orgnr=association.org_number,
        years=[Rar(0, date(YEAR, 1, 1), date(YEAR, 12, 31))],
        balances=balances,
        vouchers=vers,
    )


def import_file(association, content: bytes, name: str) -> None:
    batch, plan = import_upload(
        association=association, kind="sie", filename=name, content=content, user=None
    )
    assert batch is not None, plan.problems
    assert not plan.offers and not plan.confirm
    import_confirm(batch=batch)


class SieRoundTrip(TestCase):
    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        opening=st.lists(amounts, min_size=3, max_size=3),
        books=vouchers("A"),
        added=vouchers("B", max_size=5),
    )
    def test_books_import_back_and_a_voucher_file_adds_only_itself(self, opening, books, added):
        association = Association.objects.get(slug="finnveden")
        # The opening balance sheet balances: equity takes the difference.
        ib = dict(zip(BALANCE_ACCOUNTS, [*opening, -sum(opening, Decimal(0))], strict=True))
        moved = movements_of(books)
        yearly = defaultdict(Decimal)
        for (number, _month), amount in moved.items():
            yearly[number] += amount
        balances = [Ib(0, n, a) for n, a in ib.items()]
        balances += [Ub(0, n, ib[n] + yearly[n]) for n in BALANCE_ACCOUNTS]
        balances += [Res(0, n, yearly[n]) for n in RESULT_ACCOUNTS]

        import_file(association, write(association, balances, books), "bok.se")

        expected_balances = {
            (b.account, kind): b.amount
            for b, kind in [
                *((b, BalanceKind.OPENING) for b in balances if isinstance(b, Ib)),
                *((b, BalanceKind.CLOSING) for b in balances if isinstance(b, Ub)),
                *((b, BalanceKind.RESULT) for b in balances if isinstance(b, Res)),
            ]
        }
        assert held_balances(association) == expected_balances
        assert held_months(association) == nonzero(moved)

        import_file(association, write(association, [], added), "kansli.si")

        assert held_balances(association) == expected_balances  # untouched
        combined = defaultdict(Decimal, moved)
        for key, amount in movements_of(added).items():
            combined[key] += amount
        assert held_months(association) == nonzero(combined)
        assert Voucher.objects.filter(association=association, year=YEAR).count() == len(
            books
        ) + len(added)
