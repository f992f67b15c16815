"""Every form of every app, sent malformed values: no 500, a refusal says so and writes
nothing. Routes come from the URL resolver and fields from the pages (catalogue.py), so a new
view's forms are fuzzed without a change here."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.catalogue import FormSpec, routes
from tests.fuzz.conftest import PROFILE, few
from tests.fuzz.guard import check, exchange
from tests.fuzz.values import form_data

pytestmark = pytest.mark.django_db
ROUTES = routes()


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_posted_forms(fuzz_client, catalogue, route):
    url = route.url()
    if url is None:
        pytest.skip(f"{route.name}: no sample arguments (its path arguments are fuzzed)")
    forms = catalogue.forms.get(route.name) or [FormSpec(url)]
    # A page that takes no POST (no form posts to it) gets a few blind posts; so does a slow one.
    posted = catalogue.posts_to(route) and route.name not in catalogue.slow
    examples = PROFILE.max_examples if posted else few(PROFILE)

    @settings(PROFILE, max_examples=examples)
    @given(st.sampled_from(forms).flatmap(lambda spec: st.tuples(st.just(spec), form_data(spec))))
    def post(chosen):
        spec, data = chosen
        target = route.url() if route.name in SAMPLED_EACH_TIME else spec.action
        sent = exchange(fuzz_client, "POST", target, data)
        check(sent, form_page=route.name in catalogue.forms)

    post()


# Routes whose sample creates its object (an import batch): the page's action named an object
# that is gone, so the URL is made again inside each example.
SAMPLED_EACH_TIME = {"members:import_preview", "members:import_decide", "members:import_file"}
