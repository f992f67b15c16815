"""Any balanced books written as SIE and imported come back with the same balances."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgets.accounts.models import MonthMovement
from finsam.imports.batches import import_confirm, import_upload
from finsam.lib.sie import Konto, Rar, Trans, Ver, write_sie
from finsam.models import Association

ACCOUNTS = ["1930", "2440", "3010", "4010", "5010", "8310"]
amounts = st.decimals(min_value=Decimal("-99999.99"), max_value=Decimal("99999.99"), places=2)


@st.composite
def vouchers(draw):
    made = []
    for number in range(1, draw(st.integers(1, 12)) + 1):
        day = date(2015, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
        rows = [
            Trans(account, (), amount, day)
            for account, amount in draw(
                st.lists(st.tuples(st.sampled_from(ACCOUNTS[1:]), amounts), min_size=1, max_size=5)
            )
        ]
        rows.append(Trans("1930", (), -sum((r.amount for r in rows), Decimal(0)), day))
        made.append(Ver("A", str(number), day, "Verifikation", transactions=tuple(rows)))
    return made


SLUGS = count()


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(books=vouchers())
def test_balanced_vouchers_come_back_as_the_same_monthly_sums(books):
    association = Association.objects.create(
        name="Prov", slug=f"prov-{next(SLUGS)}", org_number="222000-2873"
    )
    content = write_sie(
        None,
        company_name="Prov",
        orgnr="222000-2873",
        years=[Rar(0, date(2015, 1, 1), date(2015, 12, 31))],
        accounts=[Konto(number, f"Konto {number}") for number in ACCOUNTS],
        vouchers=books,
    )
    batch, plan = import_upload(
        association=association, kind="sie", filename="p.se", content=content, user=None
    )
    assert batch is not None, plan.problems
    import_confirm(batch=batch)

    expected: dict = defaultdict(Decimal)
    for voucher in books:
        for row in voucher.transactions:
            expected[(row.account, voucher.date.month)] += row.amount
    stored = {
        (m.account.number, m.month): m.amount
        for m in MonthMovement.objects.filter(association=association).select_related("account")
    }
    assert stored == {key: value for key, value in expected.items() if value}
