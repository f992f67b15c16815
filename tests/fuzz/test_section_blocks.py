"""The add-section form, posted with every block kind of every report kind: the blocks about
one initiative (its goals, its exits) answered 500 when the section was new, while editing
a saved one worked. A valid base (the block, a level, the current version) with the
initiative and the other fields generated reaches the form's and the model's checks, where
a purely malformed post stops at the first field.

A block about one initiative gets the profile's full count of examples; the others, which
ignore the initiative field, a few each: their posts differ only in the text fields, which
every block shares."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam.models import Association
from finsam.permissions import Role
from initiatives.models import Initiative
from reports.blocks import BLOCKS
from reports.models import Report
from tests.fuzz.conftest import PROFILE, few
from tests.fuzz.guard import check, exchange
from tests.fuzz.values import OMIT, malformed

pytestmark = pytest.mark.django_db
CASES = [(kind, key) for key, spec in BLOCKS.items() for kind in sorted(spec.kinds)]


def _initiatives(home: Association) -> list[str]:
    """Its own initiatives, another association's, none, and malformed ones."""
    own = Initiative.objects.filter(association=home).order_by("pk").values_list("pk", flat=True)
    foreign = Initiative.objects.exclude(association=home).values_list("pk", flat=True)[:1]
    return [str(pk) for pk in [*own[:3], *foreign]] + [""]


@pytest.mark.parametrize(("kind", "block"), CASES, ids=[f"{k}-{b}" for k, b in CASES])
def test_adding_a_section_with_any_block_never_answers_500(client, make_user, kind, block):
    report = Report.objects.filter(kind=kind).order_by("association__slug", "year").first()
    assert report is not None, f"the demo has no {kind}"
    home = report.association
    client.force_login(make_user("fuzz-sections", home, Role.STAFF))
    url = reverse("reports:section_new", args=[home.slug, report.pk])
    text = st.one_of(st.sampled_from(["", "Resultat", "Text under rubriken."]), malformed())
    fields = {
        "initiative": st.one_of(st.sampled_from(_initiatives(home)), malformed()),
        "heading": text,
        "text": text,
        "text_after": text,
        "level": st.one_of(st.sampled_from(["1", "2", "3"]), malformed()),
        "numbered": st.sampled_from(["on", "", OMIT]),
    }

    examples = PROFILE.max_examples if BLOCKS[block].for_initiative else few(PROFILE)

    @settings(PROFILE, max_examples=examples)
    @given(st.fixed_dictionaries({}, optional=fields))
    def post(generated):
        data = {"block": block, "version": str(report.version), "level": "2"}
        data.update({name: value for name, value in generated.items() if value is not OMIT})
        check(exchange(client, "POST", url, data), form_page=True)

    post()
