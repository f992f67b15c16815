"""Every association URL, for every role, for an outsider and for another association's object.

- a role with the view's permission gets its page (never 403, 404 or 500);
- a role without it gets 403, and so does a user whose roles are all in other associations;
- an anonymous visitor is sent to the login page;
- another association's object under this association's URL is a 404;
- a page a role gets shows no developer text, English or broken Swedish (`tests.screen_text`;
  `test_screen_text.py` reads the same pages in Växjö, the association with books).
The expected permission is read from the view itself (`tenant_view` records it), so a view
that does not go through the tenancy mechanism fails this test.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from finsam.models import Association
from finsam.permissions import Role, role_allows
from reports.blocks import BLOCKS
from tests.screen_text import problems

HOME, FOREIGN = "finnveden", "vastra-malardalen"


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", route, entry.callback


ASSOCIATION_URLS = [
    (name, callback)
    for name, route, callback in _walk(get_resolver().url_patterns)
    if route.startswith("<slug:association>/")
]


def _samples() -> tuple[dict, set]:
    samples, not_objects = {}, set()
    for path in sorted(Path(__file__).parent.glob("access_samples*.py")):
        module = importlib.import_module(f"tests.{path.stem}")
        samples.update(module.SAMPLES)
        not_objects |= getattr(module, "NOT_OBJECTS", set())
    return samples, not_objects


SAMPLES, NOT_OBJECTS = _samples()
OBJECT_URLS = [(n, c) for n, c in ASSOCIATION_URLS if n in SAMPLES and n not in NOT_OBJECTS]


def _url(name: str, association: Association, kwargs_from: Association | None = None) -> str:
    extra = SAMPLES[name](kwargs_from or association) if name in SAMPLES else {}
    return reverse(name, kwargs={"association": association.slug, **extra})


def test_every_association_url_is_in_the_sweep():
    assert ASSOCIATION_URLS, "no association URLs found"
    for name, callback in ASSOCIATION_URLS:
        assert hasattr(callback, "required_perm"), f"{name} does not use tenant_view"


@pytest.mark.parametrize(
    ("name", "callback"), ASSOCIATION_URLS, ids=[n for n, _ in ASSOCIATION_URLS]
)
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_role_gets_what_its_permission_allows(client, make_user, name, callback, role):
    home = Association.objects.get(slug=HOME)
    client.force_login(make_user(f"u-{role}", home, role))
    response = client.get(_url(name, home))
    status = response.status_code
    if role_allows(role, callback.required_perm):
        assert status not in (403, 404, 500), f"{role} got {status} on {name}"
        if status == 200 and "text/html" in response["content-type"]:
            found = problems(response.content.decode(), frozenset(BLOCKS))
            assert not found, f"{role} {name}:\n" + "\n".join(found)
    else:
        assert status == 403, f"{role} got {status} on {name}"


@pytest.mark.parametrize(
    ("name", "callback"), ASSOCIATION_URLS, ids=[n for n, _ in ASSOCIATION_URLS]
)
def test_user_of_another_association_is_refused(client, make_user, name, callback):
    home, foreign = Association.objects.get(slug=HOME), Association.objects.get(slug=FOREIGN)
    client.force_login(make_user("outsider", foreign, Role.ADMIN))
    assert client.get(_url(name, home)).status_code == 403


@pytest.mark.parametrize(
    ("name", "callback"), ASSOCIATION_URLS, ids=[n for n, _ in ASSOCIATION_URLS]
)
def test_anonymous_visitor_is_sent_to_login(db, client, name, callback):
    home = Association.objects.get(slug=HOME)
    response = client.get(_url(name, home))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("name", "callback"), OBJECT_URLS, ids=[n for n, _ in OBJECT_URLS])
def test_another_associations_object_is_not_found(client, make_user, name, callback):
    home, foreign = Association.objects.get(slug=HOME), Association.objects.get(slug=FOREIGN)
    assert SAMPLES[name](home) != SAMPLES[name](foreign), f"{name}: samples do not differ"
    client.force_login(make_user("admin-home", home, Role.ADMIN))
    url = _url(name, home, kwargs_from=foreign)
    response = client.get(url)
    if response.status_code == 405:  # a POST-only view: the object is looked up on POST
        response = client.post(url)
    assert response.status_code == 404
