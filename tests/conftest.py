"""Shared test setup.

The demo associations (the seeds, entered as data) are loaded once per test session into the
test database; every `db` test sees them and rolls its own changes back. Transactional tests
(browser tests with a live server) empty the database afterwards, so pytest-django runs them
last and each gets the demo back from a copy of the rows taken right after the session's load
(`live_demo`, `tests/demo_snapshot.py`): a second instead of entering it all again.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model, hashers
from django.db import connection
from django.db.backends.base.creation import TEST_DATABASE_PREFIX
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

from finsam.demo import load_demo
from finsam.models import Association, UserRole
from finsam.permissions import Role
from tests import demo_snapshot


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Uploaded files of the test session go to a temporary folder, not the working tree."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session", autouse=True)
def tasks_run_at_once():
    """Background tasks run inside the request (django-tasks' immediate backend), so a page
    that starts a job has its result on return; tests/test_worker.py runs the real worker."""
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """Tests hash with MD5: production's PBKDF2 costs about 0.4 s a user, and the suite makes
    hundreds of users. Sign-in still checks the password through the same code path."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def quick_flush():
    """After a transactional test PostgreSQL is emptied by DELETE, not TRUNCATE: TRUNCATE of
    every table costs it seconds (new files for each table and index), DELETE of the demo's
    few thousand rows a fraction of one. Foreign keys are deferred, so the order is free."""
    if connection.vendor != "postgresql":  # SQLite's flush deletes already
        yield
        return
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [f"DELETE FROM {self.quote_name(table)};" for table in tables]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings) -> None:
    """The PostgreSQL test database need not wait for each commit to reach the disk: browser
    and locking tests commit thousands of times, and a lost test database is simply made
    again."""
    if connection.vendor == "postgresql":
        options = connection.settings_dict.setdefault("OPTIONS", {})
        options["options"] = "-c synchronous_commit=off"


MIGRATION_MODULES = settings.MIGRATION_MODULES


@pytest.fixture(scope="session")
def django_db_use_migrations() -> bool:
    """The test database is made straight from the models: applying the 60-odd migrations
    costs most of a minute of CPU, once for every process of the run (`-n`). The
    migrations are applied once on PostgreSQL, the production database, by
    tests/test_migrations.py, which holds the schema they make to the one the models make."""
    return False


def _record_migrations_as_applied() -> None:
    """A database made from the models holds what every migration on disk makes, so they are
    recorded as applied: backups write, and restores compare, the migration table."""
    settings.MIGRATION_MODULES = MIGRATION_MODULES  # pytest-django switched them off
    loader = MigrationLoader(connection)
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    applied = set(recorder.applied_migrations())
    recorder.migration_qs.bulk_create(
        recorder.Migration(app=app, name=name)
        for app, name in sorted(loader.disk_migrations)
        if (app, name) not in applied
    )


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup, django_db_blocker, django_db_use_migrations, media_root, fast_password_hasher
):
    if not _is_test_database():  # no collected test asked for a database: none was made
        return None
    with django_db_blocker.unblock():
        if not django_db_use_migrations:
            _record_migrations_as_applied()
        load_demo(report=lambda _line: None)
        return demo_snapshot.take()


def _is_test_database() -> bool:
    """Whether the connection points to a test database (SQLite's in memory, or a name with
    Django's test prefix), not to the one `make run` works in, which the demo would replace."""
    name = str(connection.settings_dict["NAME"])
    return name.startswith(TEST_DATABASE_PREFIX) or "memory" in name


@pytest.fixture
def live_demo(transactional_db, django_db_setup):
    """The demo, committed so that a live server's threads and other connections see it."""
    demo_snapshot.restore(django_db_setup)


@pytest.fixture
def association(db, request) -> Association:
    """A demo association by slug: parametrize indirectly, or Finnveden by default."""
    return Association.objects.get(slug=getattr(request, "param", "finnveden"))


@pytest.fixture
def make_user(db):
    """A user with `role` in `association` (or no role at all)."""

    def make(username: str, association: Association | None = None, role: Role | None = None):
        user = get_user_model().objects.create_user(username=username, password="pw-test-123")
        if association is not None and role is not None:
            UserRole.objects.create(user=user, association=association, role=role)
        return user

    return make


@pytest.fixture
def staff_client(client, make_user, association):
    client.force_login(make_user("staff-user", association, Role.STAFF))
    return client


from tests.browser import browser, page  # noqa: E402,F401  (fixtures for browser tests)
