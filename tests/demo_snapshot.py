"""The demo data as loaded once per session, copied table by table so that transactional
tests get it back in a second instead of entering it again through the models.

A transactional test (a live server, or two connections at once) commits its data, so the
database is emptied after it and the next one needs the demo anew. `load_demo` validates
every object it enters and takes many seconds; copying the rows it wrote back in, raw, gives
the same database: the copy is taken right after the session's `load_demo`, before any test.

PostgreSQL copies with COPY (text format, so every column type comes back as it was);
SQLite reads the rows and inserts them as they were. Foreign keys are checked at commit on
both (Django creates them deferrable), so the tables go in in any order.
"""

from dataclasses import dataclass, field

from django.db import connection, transaction


@dataclass
class Snapshot:
    tables: dict[str, object] = field(default_factory=dict)  # name: COPY text or rows


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def take() -> Snapshot:
    snapshot = Snapshot()
    with connection.cursor() as cursor:
        for table in _tables():
            if connection.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f"COPY {_quoted(table)} TO STDOUT") as copy:
                    data = b"".join(bytes(chunk) for chunk in copy)
                snapshot.tables[table] = data
            else:
                columns = [
                    column.name
                    for column in connection.introspection.get_table_description(cursor, table)
                ]
                # `+column` is the stored value without its declared type, so the driver
                # hands it back as stored (a time as text) rather than converted.
                values = ", ".join(f"+{_quoted(column)}" for column in columns)
                cursor.execute(f"SELECT {values} FROM {_quoted(table)}")
                snapshot.tables[table] = (columns, cursor.fetchall())
    return snapshot


def restore(snapshot: Snapshot) -> None:
    """The database as it was when `snapshot` was taken (what was there is removed first:
    after a flush that is the content types and permissions that post_migrate wrote)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for table in snapshot.tables:
            cursor.execute(f"DELETE FROM {_quoted(table)}")
        for table, content in snapshot.tables.items():
            if connection.vendor == "postgresql":
                if content:
                    with cursor.cursor.copy(f"COPY {_quoted(table)} FROM STDIN") as copy:
                        copy.write(content)
            else:
                columns, rows = content
                if rows:
                    names = ", ".join(_quoted(column) for column in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {_quoted(table)} ({names}) VALUES ({marks})", rows
                    )
