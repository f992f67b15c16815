"""Every page with malformed query strings (?datum=, ?staten=, ?ar=, ...) and path arguments
(a huge id, a year that is text, an unknown association): no 500, and a GET writes nothing.
Query names come from the pages' own GET forms and links (catalogue.py)."""

from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.catalogue import HOME, routes
from tests.fuzz.conftest import PROFILE, few
from tests.fuzz.guard import check, exchange
from tests.fuzz.values import NASTY, date_ranges, malformed

pytestmark = pytest.mark.django_db
ROUTES = routes()
SLUGS = [HOME, HOME, HOME, "vastra-malardalen", "okänt-förbund", "x" * 300, "0"]


def argument(converter: str) -> st.SearchStrategy[str]:
    """Values for a path argument, as any text (the converter may not match: a 404)."""
    if converter == "int":
        return st.one_of(
            st.integers(0, 10**30).map(str), st.sampled_from(["0", "00", "9" * 25, "-1"])
        )
    return (
        st.one_of(st.sampled_from(NASTY), malformed())
        .filter(bool)
        .map(lambda text: quote(text, safe=""))
    )


def path_arguments(route) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {
            name: st.sampled_from(SLUGS) if name == "association" else argument(converter)
            for name, converter in route.arguments
        }
    )


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_query_strings_and_path_arguments(fuzz_client, catalogue, route):
    names = sorted(catalogue.query_names)
    # The sample's object is made once (an import batch takes a second): each example's
    # request is rolled back, so it is there for the next.
    sample = route.url()
    sampled = sample is not None  # else only fuzzed arguments make a URL
    arguments = path_arguments(route)

    examples = few(PROFILE) if route.name in catalogue.slow else PROFILE.max_examples

    @settings(PROFILE, max_examples=examples)
    @given(
        query=st.one_of(
            st.dictionaries(st.sampled_from(names), malformed(), max_size=3),
            date_ranges(sorted(catalogue.date_names)),
        ),
        fuzzed=(st.none() | arguments) if sampled else arguments,
    )
    def get(query, fuzzed):
        url = sample if fuzzed is None else route.with_arguments(fuzzed)
        check(exchange(fuzz_client, "GET", url, query))

    get()


def test_the_catalogue_knows_which_query_names_take_dates(catalogue):
    """The history's from and until dates are fuzzed as ranges (tests/fuzz/values.py)."""
    assert {"fran", "till"} <= catalogue.date_names
