"""The balanskravsutredning (budgets.balanskrav) as worked examples, without a database."""

from decimal import Decimal

from budgets.balanskrav import Adjustment, BalanceRequirement

D = Decimal


def test_vaxjo_2013_a_deficit_to_restore():
    """Växjö's 2013: a result of -1 133 900 kr, no realised gains, nothing carried."""
    r = BalanceRequirement(result=D(-1133900))
    assert r.adjusted_result == D(-1133900)
    assert not r.met
    assert (r.deficit, r.restored, r.deficit_to_restore) == (D(1133900), 0, D(1133900))


def test_realised_gains_are_deducted_and_allowed_items_added():
    r = BalanceRequirement(
        result=D(100000),
        realised_gains=D(150000),
        adjustments=(Adjustment("Orealiserade förluster i värdepapper", D(20000)),),
    )
    assert r.adjusted_result == D(-30000)
    assert r.deficit == D(30000)


def test_a_surplus_restores_what_earlier_years_left():
    r = BalanceRequirement(result=D(50000), deficit_carried=D(80000))
    assert r.met
    assert (r.restored, r.deficit, r.deficit_to_restore) == (D(50000), 0, D(30000))
    more = BalanceRequirement(result=D(200000), deficit_carried=D(80000))
    assert (more.restored, more.deficit_to_restore) == (D(80000), 0)


def test_a_result_of_nothing_meets_the_requirement():
    r = BalanceRequirement(result=D(0))
    assert r.met and r.deficit_to_restore == 0
