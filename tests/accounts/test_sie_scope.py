"""An SIE import replaces only what the file contains (issue 13), on Växjö's real books.

Växjö's demo books are its SIE 4E export of January-August 2014: year balances for 2013 and
2014, and one voucher a month (A 1-8) for 2014. The 2014 result to date is -205 968 kr.
"""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from budgets.accounts.lines import RESULT_LINES
from budgets.accounts.models import Account, MonthMovement, Voucher, YearBalance
from budgets.accounts.selectors import balances_at, statements_for
from budgets.accounts.sie_scope import REPLACE_VOUCHERS
from finsam.imports import batches
from finsam.imports.batches import import_confirm, import_upload
from finsam.lib.sie import Ib, Period, Psaldo, Rar, Res, Trans, Ub, Ver, write_sie
from finsam.models import Association, ImportBatch, ImportStatus

pytestmark = pytest.mark.django_db
ORGNR = "222000-2634"
RESULT_2014 = Decimal("-205968")


@pytest.fixture
def vaxjo():
    return Association.objects.get(slug="vaxjo")


def sie(years, balances=(), vouchers=()) -> bytes:
    return write_sie(
        None,
        company_name="Växjö samordningsförbund",
        orgnr=ORGNR,
        years=[Rar(index, date(y, 1, 1), date(y, 12, 31)) for index, y in years],
        balances=balances,
        vouchers=vouchers,
    )


def voucher(series, number, day, account, amount):
    rows = (Trans(account, (), Decimal(amount), day), Trans("1930", (), -Decimal(amount), day))
    return Ver(series, number, day, "Kansli", transactions=rows)


def upload(association, content, name="bok.se", **kwargs):
    return import_upload(
        association=association, kind="sie", filename=name, content=content, user=None, **kwargs
    )


def books(association):
    return (
        YearBalance.objects.filter(association=association).count(),
        sorted(
            MonthMovement.objects.filter(association=association).values_list(
                "account__number", "year", "month", "amount"
            )
        ),
        Voucher.objects.filter(association=association).count(),
    )


def result(association, day):
    return statements_for(association, day).result.current


def test_next_years_file_keeps_last_years_months(vaxjo):
    """2015's export carries 2014 as #RAR -1 with #UB and #RES only: 2014's months stay."""
    closing = balances_at(vaxjo, 2014, 12).closing
    results = set(
        Account.objects.filter(association=vaxjo, line__in=RESULT_LINES).values_list(
            "number", flat=True
        )
    )
    balances = [Res(-1, n, a) if n in results else Ub(-1, n, a) for n, a in sorted(closing.items())]
    balances += [Ib(0, n, a) for n, a in sorted(closing.items()) if n not in results]
    content = sie(
        [(0, 2015), (-1, 2014)],
        balances,
        [voucher("A", "1", date(2015, 1, 20), "4010", "12500")],
    )
    months_2014 = MonthMovement.objects.filter(association=vaxjo, year=2014).count()
    batch, plan = upload(vaxjo, content)
    assert not plan.problems and plan.confirm == []
    assert plan.changes[0].what == (
        "2014: 12 årssaldon ersätts med 20, resultatet oförändrat −206 tkr, "
        "tillgångarna oförändrade 1\xa0742 tkr."
    )
    assert plan.changes[1].what.startswith(
        "2015: 12 årssaldon läggs till, 2 månadsbelopp läggs till, 1 verifikationer läggs till, "
        "resultatet ändras från 0 till −13 tkr"
    )
    import_confirm(batch=batch)
    assert MonthMovement.objects.filter(association=vaxjo, year=2014).count() == months_2014
    assert result(vaxjo, date(2014, 8, 31)) == RESULT_2014
    assert result(vaxjo, date(2015, 1, 31)) == Decimal("-12500")


def test_a_voucher_only_file_adds_its_vouchers_and_keeps_the_balances(vaxjo):
    before = books(vaxjo)
    content = sie([(0, 2014)], vouchers=[voucher("B", "1", date(2014, 9, 15), "4010", "5000")])
    batch, plan = upload(vaxjo, content, "kansli.si")
    assert plan.changes[0].what == (
        "2014: 1 verifikationer läggs till, resultatet ändras från −206 tkr till −211 tkr, "
        "tillgångarna ändras från 1\xa0742 tkr till 1\xa0737 tkr."
    )
    import_confirm(batch=batch)
    after = books(vaxjo)
    assert after[0] == before[0]  # year balances untouched
    assert set(before[1]) < set(after[1])  # January-August as they were
    assert set(after[1]) - set(before[1]) == {
        ("1930", 2014, 9, Decimal("-5000.00")),
        ("4010", 2014, 9, Decimal("5000.00")),
    }
    assert after[2] == before[2] + 1
    assert result(vaxjo, date(2014, 8, 31)) == RESULT_2014
    assert result(vaxjo, date(2014, 9, 30)) == RESULT_2014 - 5000


def test_a_voucher_number_already_held_is_refused_unless_replaced_exactly(vaxjo):
    first = sie([(0, 2014)], vouchers=[voucher("B", "1", date(2014, 9, 15), "4010", "5000")])
    import_confirm(batch=upload(vaxjo, first)[0])
    held = books(vaxjo)
    again = sie([(0, 2014)], vouchers=[voucher("B", "1", date(2014, 9, 16), "4010", "7000")])
    batch, plan = upload(vaxjo, again)
    assert [offer.choice for offer in plan.offers] == [REPLACE_VOUCHERS]
    assert "redan 1 av filens verifikationer (samma serie och nummer samma år): B 1" in (
        plan.offers[0].reason
    )
    with pytest.raises(ValidationError, match="B 1"):
        import_confirm(batch=batch)
    assert books(vaxjo) == held
    chosen = frozenset({REPLACE_VOUCHERS})
    plan = batches.batch_plan(batch, chosen)
    assert not plan.offers and "1 verifikationer med samma serie och nummer ersätts" in (
        plan.changes[0].what
    )
    import_confirm(batch=batch, choices=chosen)
    assert result(vaxjo, date(2014, 9, 30)) == RESULT_2014 - 7000  # replaced, not added
    assert Voucher.objects.get(association=vaxjo, series="B", number="1").amounts == {
        "4010": "7000",
        "1930": "-7000",
    }


def test_a_voucher_from_the_export_is_refused_in_an_import_file(vaxjo):
    content = sie([(0, 2014)], vouchers=[voucher("A", "3", date(2014, 3, 28), "4010", "100")])
    batch, plan = upload(vaxjo, content)
    assert "A 3" in plan.offers[0].reason


def test_removing_more_than_the_file_brings_needs_confirmation(vaxjo):
    """A period balance for January replaces January: 17 amounts and voucher A 1 go, 2 come."""
    january = Period(2014, 1)
    content = sie(
        [(0, 2014)],
        [
            Psaldo(0, january, "4010", (), Decimal("10000")),
            Psaldo(0, january, "1930", (), Decimal("-10000")),
        ],
    )
    held_january = MonthMovement.objects.filter(association=vaxjo, year=2014, month=1).count()
    batch, plan = upload(vaxjo, content)
    assert plan.confirm == [
        f"2014: {held_january} månadsbelopp ersätts med 2, 1 verifikationer tas bort, "
        + plan.confirm[0].split("tas bort, ", 1)[1]
    ]
    with pytest.raises(ValidationError, match="Bekräfta först"):
        import_confirm(batch=batch)
    assert MonthMovement.objects.filter(association=vaxjo, year=2014, month=1).count() == (
        held_january
    )
    import_confirm(batch=batch, confirmed=True)
    january_rows = MonthMovement.objects.filter(association=vaxjo, year=2014, month=1)
    assert sorted(january_rows.values_list("account__number", "amount")) == [
        ("1930", Decimal("-10000.00")),
        ("4010", Decimal("10000.00")),
    ]
    assert not Voucher.objects.filter(association=vaxjo, series="A", number="1").exists()
    assert MonthMovement.objects.filter(association=vaxjo, year=2014, month=2).exists()


def test_a_confirmed_import_and_what_it_replaced_is_in_the_history(vaxjo):
    content = sie([(0, 2014)], vouchers=[voucher("B", "1", date(2014, 9, 15), "4010", "5000")])
    batch, _plan = upload(vaxjo, content)
    import_confirm(batch=batch)
    applied = batch.history.filter(status=ImportStatus.APPLIED).get()
    assert applied.summary.startswith("2014: 1 verifikationer läggs till, resultatet ändras")
    assert applied.history_type == "~"


def test_vouchers_in_an_unannounced_year_are_refused_every_time_with_a_message(vaxjo):
    """Vouchers dated 2015 in a file whose only #RAR is 2014: refused in the preview with the
    line and the date, the second time too, never a database error."""
    content = sie([(0, 2014)], vouchers=[voucher("C", "1", date(2015, 2, 3), "4010", "300")])
    held = books(vaxjo)
    for _attempt in range(2):
        batch, plan = upload(vaxjo, content)
        assert batch is None
        assert "daterad utanför filens räkenskapsår" in str(plan.problems[0])
    assert books(vaxjo) == held


def test_a_database_error_on_confirm_becomes_a_message_and_changes_nothing(vaxjo, monkeypatch):
    content = sie([(0, 2014)], vouchers=[voucher("B", "1", date(2014, 9, 15), "4010", "5000")])
    batch, _plan = upload(vaxjo, content)
    held = books(vaxjo)
    importer = batches.IMPORTERS["sie"]

    def failing(up, plan, b):
        importer.apply(up, plan, b)
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setitem(batches.IMPORTERS, "sie", dataclasses.replace(importer, apply=failing))
    with pytest.raises(ValidationError, match="kunde inte sparas"):
        import_confirm(batch=batch)
    assert books(vaxjo) == held
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.PREVIEW


def test_period_balances_of_a_comparison_year_only_fill_months_not_held(vaxjo):
    """2015's file gives 2014 (#RAR -1) as #PSALDO for January and September: January, held
    from the vouchers, stays; September, not held, is filled."""
    content = sie(
        [(0, 2015), (-1, 2014)],
        [
            Psaldo(-1, Period(2014, 1), "4010", (), Decimal("99999")),
            Psaldo(-1, Period(2014, 9), "4010", (), Decimal("4000")),
            Psaldo(-1, Period(2014, 9), "1930", (), Decimal("-4000")),
        ],
    )
    january = books(vaxjo)[1]
    batch, plan = upload(vaxjo, content)
    assert plan.confirm == []
    assert plan.changes[0].what.startswith("2014: 2 månadsbelopp läggs till,")
    import_confirm(batch=batch)
    after = books(vaxjo)[1]
    assert set(after) - set(january) == {
        ("1930", 2014, 9, Decimal("-4000.00")),
        ("4010", 2014, 9, Decimal("4000.00")),
    }
    assert set(january) <= set(after)
    assert result(vaxjo, date(2014, 8, 31)) == RESULT_2014


def test_a_voucher_twice_in_the_file_is_named_and_changes_nothing(vaxjo):
    """(The reader may refuse it first, with its own message; either way nothing changes.)"""
    day = date(2014, 9, 15)
    content = sie(
        [(0, 2014)],
        vouchers=[voucher("B", "1", day, "4010", "5000"), voucher("B", "1", day, "4010", "10")],
    )
    held = books(vaxjo)
    batch, plan = upload(vaxjo, content)
    assert batch is None and "B 1" in " ".join(str(p) for p in plan.problems)
    assert books(vaxjo) == held


def test_a_whole_years_export_replaces_the_years_vouchers(vaxjo):
    """A 4I file adds B 1 in September; the year's 4E export (A 1-8 only) then replaces the
    year's vouchers: B 1 goes, which removes more than the file brings, so it needs the word."""
    added = sie([(0, 2014)], vouchers=[voucher("B", "1", date(2014, 9, 15), "4010", "5000")])
    import_confirm(batch=upload(vaxjo, added, "kansli.si")[0])
    export = (settings.BASE_DIR / "fixtures" / "vaxjo" / "bokforing-2014-08.se").read_bytes()
    batch, plan = upload(vaxjo, export)
    [year_2014] = [change.what for change in plan.changes if change.what.startswith("2014:")]
    assert "9 verifikationer ersätts med 8" in year_2014
    assert plan.confirm == [year_2014]
    with pytest.raises(ValidationError, match="Bekräfta först"):
        import_confirm(batch=batch)
    assert Voucher.objects.filter(association=vaxjo, series="B", number="1").exists()
    import_confirm(batch=batch, confirmed=True)
    held = Voucher.objects.filter(association=vaxjo, year=2014)
    assert sorted(held.values_list("series", "number")) == [("A", str(n)) for n in range(1, 9)]
    assert not MonthMovement.objects.filter(association=vaxjo, year=2014, month=9).exists()
    assert result(vaxjo, date(2014, 12, 31)) == RESULT_2014
