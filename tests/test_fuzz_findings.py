"""Regression tests for the server errors the fuzz suite (tests/fuzz) found, one each.

Each was a 500; each is now a message and changes nothing.
"""

import pytest
from django import forms

from budgets.models import BudgetDocument, FollowUpFigure
from finsam.forms import PercentField
from finsam.imports.batches import import_confirm, import_upload
from finsam.models import Association
from initiatives.models import Initiative
from members.models import Member


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


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1 000 000 000 000 000", "beloppet är för stort; högst 12 siffror i kronor."),
        ("1,555", "Säkerställ att det inte är mer än 2 decimaler."),
    ],
)
def test_a_follow_up_figure_too_large_for_the_books_is_a_message(staff_client, typed, message):
    """The model refused it on save, after the form had accepted it: a 500. Now the whole
    save is refused with the line's name and nothing is stored."""
    document = BudgetDocument.objects.get(association__slug="finnveden")
    url = f"/finnveden/budget/{document.pk}/uppfoljning/"
    form = staff_client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    kansli = document.lines.get(label="Kansli")
    first = document.lines.exclude(pk=kansli.pk).exclude(kind="carried_forward").first()
    data |= {f"forecast_{first.pk}": "1000", f"forecast_{kansli.pk}": typed}
    answer = staff_client.post(url, data)
    assert answer.status_code == 200
    assert f"Inget sparades. Kansli: {message}" in answer.content.decode()
    assert not FollowUpFigure.objects.filter(line__document=document).exists()


def test_ids_no_integer_column_can_hold_match_nothing(db):
    """SQLite raised OverflowError for `id__in=[10**30]` (Django handles `id=10**30`)."""
    assert not Member.objects.filter(pk__in=[10**30]).exists()
    assert Member.objects.filter(pk__in=[10**30, 1]).count() == 1


def test_an_initiative_form_with_a_huge_member_id_is_refused(staff_client):
    initiative = Initiative.objects.filter(association__slug="finnveden").first()
    url = f"/finnveden/insatser/{initiative.pk}/andra/"
    form = staff_client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    answer = staff_client.post(url, {**data, "members": "9" * 30})
    assert answer.status_code == 200
    assert "finns inte bland tillgängliga alternativ" in answer.content.decode()
