"""Writing a file's vouchers: kept by number, and added to the months of the years they add to.

A year whose vouchers the file replaces already had its months replaced by the file's voucher
totals; there the vouchers are only recorded. Elsewhere (SIE 4I) each voucher's amounts are
added to its month; a voucher replacing a held one of the same series and number (the user's
choice) first takes the held one's amounts out again.
"""

from collections import defaultdict
from decimal import Decimal
from itertools import islice

from django.db import connection

from budgets.accounts.models import Account, MonthMovement, Voucher
from budgets.accounts.sie_scope import ADD, BookedVoucher, YearWork
from finsam.models import Association, ImportBatch

BATCH_SIZE = 2000


def add_vouchers(
    association: Association,
    works: dict[int, YearWork],
    vouchers: list[BookedVoucher],
    accounts: dict[str, Account],
    batch: ImportBatch,
    *,
    record: bool = True,
) -> None:
    """Add the vouchers' amounts to their months and, when `record`, keep the vouchers (the
    preview's trial apply leaves them out: they do not change a figure)."""
    deltas: dict[tuple[str, int, int], Decimal] = defaultdict(Decimal)
    added_years = {year for year, work in works.items() if work.scope.vouchers == ADD}
    held = {
        (v.year, v.series, v.number): v
        for v in Voucher.objects.filter(association=association, year__in=added_years)
    }
    replaced = []
    for voucher in vouchers:
        year = voucher.date.year
        if year not in added_years:
            continue
        old = held.get((year, voucher.series, voucher.number))
        if old is not None:  # only reached when the user chose to replace it
            replaced.append(old.pk)
            for number, amount in old.amounts.items():
                deltas[(number, year, old.date.month)] -= Decimal(amount)
        for number, amount in voucher.amounts.items():
            deltas[(number, year, voucher.date.month)] += amount
    Voucher.objects.filter(pk__in=replaced).delete()
    if record:
        _insert_vouchers(association, vouchers, batch)
    _add_to_months(association, deltas, accounts, batch)


def _insert_vouchers(
    association: Association, vouchers: list[BookedVoucher], batch: ImportBatch
) -> None:
    """Plain INSERTs (COPY on PostgreSQL): a year's export has tens of thousands of vouchers,
    and building a model instance for each made confirming a large file several times slower."""
    meta = Voucher._meta
    columns = ["association", "year", "series", "number", "date", "amounts", "batch"]
    column_of = {field.name: field.column for field in meta.concrete_fields}
    names = ", ".join(connection.ops.quote_name(column_of[c]) for c in columns)
    table = connection.ops.quote_name(meta.db_table)
    rows = (
        (
            association.pk,
            v.date.year,
            v.series,
            v.number,
            v.date,
            v.stored,
            batch.pk,
        )
        for v in vouchers
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES (%s, %s, %s, %s, %s, %s, %s)"
        while chunk := list(islice(rows, BATCH_SIZE)):
            cursor.executemany(sql, chunk)


def _add_to_months(
    association: Association,
    deltas: dict[tuple[str, int, int], Decimal],
    accounts: dict[str, Account],
    batch: ImportBatch,
) -> None:
    if not deltas:
        return
    years = {year for _n, year, _m in deltas}
    existing = {
        (m.account.number, m.year, m.month): m
        for m in MonthMovement.objects.filter(
            association=association, year__in=years
        ).select_related("account")
    }
    changed, new, emptied = [], [], []
    for key, delta in deltas.items():
        if not delta:
            continue
        row = existing.get(key)
        if row is None:
            number, year, month = key
            new.append(
                MonthMovement(
                    association=association,
                    account=accounts[number],
                    year=year,
                    month=month,
                    amount=delta,
                    batch=batch,
                )
            )
        elif row.amount + delta:
            row.amount += delta
            row.batch = batch
            changed.append(row)
        else:
            emptied.append(row.pk)
    MonthMovement.objects.filter(pk__in=emptied).delete()
    MonthMovement.objects.bulk_update(changed, ["amount", "batch"], batch_size=BATCH_SIZE)
    MonthMovement.objects.bulk_create(new, batch_size=BATCH_SIZE)
