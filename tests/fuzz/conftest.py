"""The fuzz suite's settings and shared fixtures.

Profiles (choose with FUZZ_PROFILE): `ci`, the default, runs 25 examples per test in a fixed
order (derandomized), so CI is repeatable and the suite takes about two minutes; `deep` runs
500 random examples per test, for a hunt by hand:

    FUZZ_PROFILE=deep python -m pytest tests/fuzz
"""

import fcntl
import os
import pickle

import pytest
from hypothesis import HealthCheck, settings

from finsam.models import Association, UserRole
from finsam.permissions import Role
from tests.fuzz.catalogue import ALSO_READ, HOME, discover

SLOW_EXAMPLES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=SLOW_EXAMPLES + [HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "deep", parent=settings.get_profile("ci"), max_examples=500, derandomize=False
)
PROFILE = settings.get_profile(os.environ.get("FUZZ_PROFILE", "ci"))


def few(profile: settings) -> int:
    """Examples for pages that take no POST, and for slow pages (PDFs): a fifth."""
    return max(3, profile.max_examples // 5)


@pytest.fixture(scope="session")
def catalogue(django_db_setup, django_db_blocker, tmp_path_factory, worker_id):
    """Forms and query names of every page, read once per run (in a transaction rolled
    back). Reading them takes half a minute; the processes of a run (`-n`) share what the
    first one read, since their databases hold the same demo under the same ids."""
    if worker_id == "master":
        return _discover(django_db_blocker)
    shared = tmp_path_factory.getbasetemp().parent / "fuzz-catalogue.pickle"
    with open(shared.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait for the first to write it
        if shared.is_file():
            return pickle.loads(shared.read_bytes())
        found = _discover(django_db_blocker)
        shared.write_bytes(pickle.dumps(found))
        return found


def _discover(django_db_blocker):
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client

    with django_db_blocker.unblock(), transaction.atomic():
        user = get_user_model().objects.create_user("fuzz-discovery", password="x-fuzz-1234")
        for slug in [HOME, *ALSO_READ]:
            association = Association.objects.get(slug=slug)
            UserRole.objects.create(user=user, association=association, role=Role.ADMIN)
        client = Client(raise_request_exception=False)
        client.force_login(user)
        found = discover(client)
        transaction.set_rollback(True)
    return found


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """Sign-in examples check passwords by the hundred; a slow hash is not what is tested."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fuzz_client(client, make_user, catalogue, request):
    """Signed in as an admin of the associations read: every page and form is open to it.
    A route whose page already failed when the pages were read fails here, before fuzzing."""
    route = getattr(request.node, "callspec", None) and request.node.callspec.params.get("route")
    if route is not None and route.name in catalogue.broken:
        pytest.fail(f"{route.name}: {catalogue.broken[route.name]} answered 500 when read")
    user = make_user("fuzz-admin", Association.objects.get(slug=HOME), Role.ADMIN)
    for slug in ALSO_READ:
        UserRole.objects.create(
            user=user, association=Association.objects.get(slug=slug), role=Role.ADMIN
        )
    client.force_login(user)
    return client
