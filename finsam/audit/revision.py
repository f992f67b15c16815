"""An association's data revision: one short query that changes whenever its data does.

Every change of an association's data writes a historical row carrying the association
(`finsam.audit.recording`; imports through their batch, whose confirming is itself a row), and
history is never updated or deleted. So the rows' count, newest id and newest time, per
historical table, change with every change. Models shared by every association (a member
municipality's name, the equity ceiling's steps) keep rows with no association: all of their
rows count, since any association may show them.

The count is what makes this safe with several writers at once: on PostgreSQL a transaction
that commits late may hold lower ids and earlier times than rows already committed, so the
newest row alone would not move, but the count always does. The id and time tell apart two
histories of the same length (a backup restored, then changed again).

Read the revision *before* reading the data it stands for: a change committed between the
two then only makes the stored answer one that is never asked for again.
"""

import hashlib
from functools import cache

from django.db import connection, models

from finsam.audit.log import audited_models
from finsam.owned import TenantOwned, tracked_model


def _part(index: int, history: type[models.Model]) -> tuple[str, bool]:
    """The aggregate SELECT of one historical table, and whether it is filtered on the
    association (shared models are not)."""
    quote = connection.ops.quote_name
    meta = history._meta
    table = quote(meta.db_table)
    column = {field.name: quote(field.column) for field in meta.concrete_fields}
    key, when = column["history_id"], column["history_date"]
    select = f"SELECT {index}, COUNT(*), MAX({key}), MAX({when}) FROM {table}"
    if isinstance(tracked_model(history), TenantOwned):
        # Read from the (association, date, id) index every historical table has.
        return f"{select} WHERE {column['history_association']} = %s", True
    return select, False


@cache
def _query(vendor: str) -> tuple[str, int]:
    """The query's text and how many times it names the association: the models are known
    once the apps are loaded, so it is written once per process (and database kind)."""
    parts = [_part(index, model) for index, model in enumerate(audited_models())]
    return " UNION ALL ".join(select for select, _ in parts), sum(f for _, f in parts)


def association_revision(association_id: int) -> str:
    """A digest of the association's history (and the shared models'), in one query."""
    sql, named = _query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [association_id] * named)
        rows = sorted(cursor.fetchall(), key=lambda row: row[0])
    digest = hashlib.sha256()
    for row in rows:
        digest.update("|".join(str(value) for value in row).encode() + b"\n")
    return digest.hexdigest()
