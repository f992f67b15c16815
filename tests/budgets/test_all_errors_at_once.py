"""One post tells every problem, each at its field, the form's own and the service's together
(issue #17): adoption, a line's links, follow-up figures, reopening a year."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets import services
from budgets.models import BudgetDocument, FollowUpFigure
from budgets.services import document_adopt
from budgets.services.closing import year_reopen
from budgets.services.status import adoption_preview
from finsam.models import Association
from members.models import Meeting, Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(association) -> BudgetDocument:
    """Finnveden's draft budget; its checks show warnings (costs above the year's income)."""
    return association.budget_documents.get()


def test_the_adopt_page_tells_a_missing_date_and_a_missing_motivation_in_one_answer(
    staff_client, budget
):
    assert adoption_preview(budget).warnings
    url = reverse("budgets:adopt", args=[budget.association.slug, budget.pk])
    posted = {"adopted_on": "", "diary_number": "", "figures": adoption_preview(budget).checksum}
    response = staff_client.post(url, posted)
    errors = response.context["form"].errors
    assert errors["adopted_on"] == ["Ange datumet då styrelsen fastställde budgeten."]
    assert "skriv styrelsens motivering" in " ".join(errors["motivation"])
    page = response.content.decode()
    assert "Ange datumet då styrelsen fastställde budgeten." in page
    assert "skriv styrelsens motivering" in page
    budget.refresh_from_db()
    assert budget.is_draft


def test_adoption_tells_a_foreign_meeting_and_a_missing_motivation_at_once(budget):
    other = Association.objects.exclude(pk=budget.association_id).first()
    meeting = Meeting.objects.create(association=other, kind="board", date=date(2013, 12, 12))
    with pytest.raises(ValidationError) as refused:
        document_adopt(
            document=budget,
            adopted_on=date(2013, 12, 12),
            meeting=meeting,
            diary_number="",
            user=None,
            motivation="",
        )
    errors = refused.value.message_dict
    assert errors["meeting"] == ["Mötet hör till ett annat förbund."]
    assert "skriv styrelsens motivering" in " ".join(errors["motivation"])
    budget.refresh_from_db()
    assert budget.is_draft


def test_a_line_is_told_every_unknown_footnote_and_a_foreign_member_at_once(budget):
    line = next(line for line in budget.lines.all() if line.names_members)
    label = line.label
    foreign = Member.objects.exclude(memberships__association=budget.association).first()
    with pytest.raises(ValidationError) as refused:
        services.line_update(
            line=line,
            label="Nytt namn",
            footnote_numbers=[8, 9],
            member_ids=[foreign.pk],
            user=None,
        )
    messages = refused.value.messages
    assert "Fotnot 8 finns inte i budgeten." in messages
    assert "Fotnot 9 finns inte i budgeten." in messages
    assert "En vald organisation är inte medlem i förbundet." in messages
    line.refresh_from_db()
    assert line.label == label


def test_follow_up_names_every_line_with_a_figure_too_large(staff_client, budget):
    url = f"/finnveden/budget/{budget.pk}/uppfoljning/"
    form = staff_client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    kansli = budget.lines.get(label="Kansli")
    other = budget.lines.exclude(pk=kansli.pk).exclude(kind="carried_forward").first()
    huge = "1 000 000 000 000 000"
    data |= {f"forecast_{other.pk}": huge, f"forecast_{kansli.pk}": huge}
    page = staff_client.post(url, data).content.decode()
    too_large = "beloppet är för stort; högst 12 siffror i kronor."
    assert f"Kansli: {too_large}" in page
    assert f"{other.label}: {too_large}" in page
    assert not FollowUpFigure.objects.filter(line__document=budget).exists()


def test_reopening_tells_a_missing_reason_and_a_year_not_closed_at_once(association):
    with pytest.raises(ValidationError) as refused:
        year_reopen(association=association, year=2013, user=None, reason=" ", expected_version=0)
    errors = refused.value.message_dict
    assert errors["reason"] == ["Skriv varför året öppnas igen."]
    assert "Året 2013 är inte stängt." in " ".join(errors["__all__"])


def test_the_structure_page_tells_a_missing_text_and_unknown_footnotes_in_one_answer(
    staff_client, budget
):
    line = budget.lines.get(label="Kansli")
    url = f"/{budget.association.slug}/budget/{budget.pk}/rader/{line.pk}/"
    edit = {"action": "spara", "label": "", "footnotes": "8, 9", "version": line.version}
    response = staff_client.post(url, edit, follow=True)
    told = [str(m) for m in response.context["messages"]]
    assert "Text: Detta fält måste fyllas i." in told  # the form's own
    assert "Fotnoter: Fotnot 8 finns inte i budgeten. Fotnot 9 finns inte i budgeten." in told
    line.refresh_from_db()
    assert line.label == "Kansli"


def _told(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_new_line_tells_a_missing_text_and_a_carried_forward_line_among_costs_at_once(
    staff_client, budget
):
    """The model's rule on the line comes with the form's own, not on the next post."""
    costs = budget.sections.exclude(kind="revenue").order_by("order").first()
    lines = budget.lines.count()
    url = f"/{budget.association.slug}/budget/{budget.pk}/rader/"
    posted = {"section": costs.pk, "label": "", "kind": "carried_forward"}
    told = _told(staff_client.post(url, posted, follow=True))
    assert "Ny rad: Detta fält måste fyllas i." in told  # the form's own
    assert any(
        m.startswith("Slag:") and "Balanserat resultat hör hemma bland intäkterna." in m
        for m in told
    )
    assert budget.lines.count() == lines


def test_a_new_section_tells_a_too_long_subtotal_and_a_missing_heading_and_kind_at_once(
    staff_client, budget
):
    sections = budget.sections.count()
    url = f"/{budget.association.slug}/budget/{budget.pk}/avsnitt/"
    posted = {"name": "", "kind": "", "subtotal_label": "x" * 201}
    told = _told(staff_client.post(url, posted, follow=True))
    assert any(m.startswith("Rubrik för delsumma:") for m in told)  # the form's own
    assert "Rubrik: Ange rubrik för det nya avsnittet." in told
    assert "Slag: Ange slag för det nya avsnittet." in told
    assert budget.sections.count() == sections


def test_a_new_column_tells_a_missing_heading_and_a_second_column_of_the_year_at_once(
    staff_client, budget
):
    existing = budget.columns.order_by("order").first()
    columns = budget.columns.count()
    url = f"/{budget.association.slug}/budget/{budget.pk}/kolumner/"
    posted = {"kind": existing.kind, "year": existing.year, "label": ""}
    told = _told(staff_client.post(url, posted, follow=True))
    assert "Rubrik: Detta fält måste fyllas i." in told  # the form's own
    assert "År: Budgeten har redan en kolumn av det slaget för det året." in told
    assert budget.columns.count() == columns


def test_the_services_tell_a_second_column_and_a_section_without_heading_at_their_fields(budget):
    existing = budget.columns.order_by("order").first()
    with pytest.raises(ValidationError) as refused:
        services.column_add(
            document=budget, kind=existing.kind, year=existing.year, label="Igen", user=None
        )
    assert refused.value.message_dict == {
        "year": ["Budgeten har redan en kolumn av det slaget för det året."]
    }
    with pytest.raises(ValidationError) as refused:
        services.section_add(document=budget, name="", kind="", user=None)
    assert refused.value.message_dict["name"] == ["Ange rubrik för det nya avsnittet."]
    assert refused.value.message_dict["kind"] == ["Ange slag för det nya avsnittet."]
