"""Every migration applies to an empty PostgreSQL database, and the schema they make is the
schema the models make.

The suite's own test database is made straight from the models (tests/conftest.py), once per
test process; this test is where the migrations run, on the production database, and it asks
more than running them did: tables, columns with their types, defaults and nullability,
constraints and indexes must be the same, definition by definition.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the migrations are checked on PostgreSQL"
    ),
    pytest.mark.django_db,
]

COLUMNS = """
    SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision,
           numeric_scale, is_nullable, column_default, is_identity
    FROM information_schema.columns WHERE table_schema = 'public'
"""
CONSTRAINTS = """
    SELECT cls.relname, con.conname, pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_class cls ON cls.oid = con.conrelid
    WHERE con.connamespace = 'public'::regnamespace
"""
INDEXES = "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
QUERIES = {"columns": COLUMNS, "constraints": CONSTRAINTS, "indexes": INDEXES}


# The application's own apps. Django's and the libraries' tables are left out: their
# migrations are theirs (auth's many-to-many tables, for one, got 64-bit keys from a later
# migration while their models still say 32).
APPS = {"finsam", "members", "budgets", "initiatives", "reports"}


def _own_tables() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in APPS
    }


def schema(database) -> dict[str, set[tuple]]:
    """What the application's tables are made of, each kind as a set of rows to compare
    (every row starts with its table's name)."""
    own = _own_tables()
    with database.cursor() as cursor:
        found = {}
        for kind, sql in QUERIES.items():
            cursor.execute(sql)
            found[kind] = {row for row in cursor.fetchall() if row[0] in own}
        return found


@contextmanager
def empty_database(name: str) -> Iterator:
    """A connection to a new, empty database beside the test database; dropped afterwards."""
    quoted = connection.ops.quote_name(name)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute(f"CREATE DATABASE {quoted}")
    wrapper = type(connections[DEFAULT_DB_ALIAS])
    other = wrapper({**connection.settings_dict, "NAME": name}, alias="migrated")
    connections["migrated"] = other  # transactions and RunPython find it by its alias
    try:
        yield other
    finally:
        other.close()
        del connections["migrated"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")


def test_the_migrations_make_the_schema_the_models_make():
    made_by_models = schema(connection)
    with empty_database(f"{connection.settings_dict['NAME']}_migrations") as migrated:
        executor = MigrationExecutor(migrated)
        executor.migrate(executor.loader.graph.leaf_nodes())
        applied = MigrationExecutor(migrated).loader.applied_migrations
        assert set(applied) == set(executor.loader.graph.nodes)
        made_by_migrations = schema(migrated)
    for kind, rows in made_by_models.items():
        only_models = sorted(rows - made_by_migrations[kind], key=str)
        only_migrations = sorted(made_by_migrations[kind] - rows, key=str)
        assert (only_models, only_migrations) == ([], []), kind
