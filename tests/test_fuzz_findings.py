"""Regression tests for the server errors the fuzz suite (tests/fuzz) found, one each.

Each was a 500; each is now a message and changes nothing.
"""

import pytest
from django import forms

from finsam.forms import PercentField
from members.imports.batches import import_confirm, import_upload
from members.models import Association


@pytest.mark.parametrize("typed", ["NaN", "sNaN", "Infinity", "-inf"])
def test_a_percentage_that_is_no_number_is_a_message(typed):
    with pytest.raises(forms.ValidationError) as refused:
        PercentField().clean(typed)
    assert refused.value.messages == [f"”{typed}” är inte en procentsats."]


def test_the_funding_form_refuses_nan_as_a_fixed_share(staff_client):
    form = staff_client.get("/finnveden/finansiering/2015/andra/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    share = next(name for name in form.fields if name.startswith("percent_"))
    answer = staff_client.post("/finnveden/finansiering/2015/andra/", {**data, share: "NaN"})
    assert answer.status_code == 200
    assert "”NaN” är inte en procentsats." in answer.content.decode()


def test_an_import_with_a_name_over_255_characters_can_be_confirmed(db):
    """The name was cut to 255 characters, ending and all, so the confirmation, which reads
    the file again by its name, refused what the preview had accepted."""
    association = Association.objects.get(slug="finnveden")
    content = "Kommun;Datum;Invånare\nGnosjö kommun;2015-11-01;9520\n".encode()
    batch, plan = import_upload(
        association=association,
        kind="population",
        filename="a" * 300 + ".csv",
        content=content,
        user=None,
    )
    assert batch.filename == "a" * 251 + ".csv"
    assert import_confirm(batch=batch).summary
