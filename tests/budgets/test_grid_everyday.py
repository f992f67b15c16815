"""Everyday use around the grid: a line added from the grid, a follow-up form posted after
the session expired (kept across sign-in), and a too-large figure's message."""

import pytest
from django.urls import reverse

from budgets.models import BudgetDocument, FollowUpFigure

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def document(association) -> BudgetDocument:
    return association.budget_documents.get()


def _followup_url(document):
    return reverse("budgets:followup", args=[document.association.slug, document.pk])


def _followup_data(client, document, changes: dict) -> dict:
    form = client.get(_followup_url(document)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return data | changes


def test_a_line_added_from_the_grid_returns_to_the_grid_at_that_line(staff_client, document):
    section = document.sections.get(name="Verksamhet")
    url = reverse("budgets:line_add", args=[document.association.slug, document.pk])
    data = {"section": section.pk, "label": "Ny insats", "kind": "amount", "till": "rutnat"}
    response = staff_client.post(url, data)
    line = document.lines.get(label="Ny insats")
    assert line.section == section
    grid = reverse("budgets:document", args=[document.association.slug, document.pk])
    assert response.url == f"{grid}#rad-{line.pk}"
    html = staff_client.get(grid).content.decode()
    assert f'id="rad-{line.pk}"' in html
    assert 'aria-label="Ny insats, Budget 2014"' in html


def test_a_line_refused_from_the_grid_still_returns_to_the_grid(staff_client, document):
    url = reverse("budgets:line_add", args=[document.association.slug, document.pk])
    response = staff_client.post(url, {"section": 999999, "label": "X", "till": "rutnat"})
    assert response.url == reverse(
        "budgets:document", args=[document.association.slug, document.pk]
    )
    assert not document.lines.filter(label="X").exists()


def test_the_grid_page_offers_undo_paste_and_a_new_line(staff_client, document):
    html = staff_client.get(
        reverse("budgets:document", args=[document.association.slug, document.pk])
    ).content.decode()
    assert 'id="grid-undo"' in html and ">Ångra<" in html
    assert "data-paste-url=" in html and "data-say-expired=" in html
    assert 'name="till" value="rutnat"' in html


def test_a_follow_up_posted_after_the_session_expired_comes_back_after_sign_in(
    staff_client, document
):
    kansli = document.lines.get(label="Kansli")
    typed = {f"outcome_to_date_{kansli.pk}": "301 000", f"forecast_{kansli.pk}": "441 000"}
    data = _followup_data(staff_client, document, typed)
    user = staff_client.session.get("_auth_user_id")
    staff_client.logout()  # the session expires while the form is open
    response = staff_client.post(_followup_url(document), data)
    assert response.status_code == 302 and "/konto/login/" in response.url
    assert not FollowUpFigure.objects.filter(line=kansli).exists()
    from django.contrib.auth import get_user_model

    staff_client.force_login(get_user_model().objects.get(pk=user))
    page = staff_client.get(_followup_url(document))
    html = page.content.decode()
    assert 'value="301 000"' in html and 'value="441 000"' in html
    assert "inget sparades" in html
    # Nothing was saved for the user; saving again (the restored form) saves the figures.
    assert not FollowUpFigure.objects.filter(line=kansli).exists()
    again = staff_client.post(_followup_url(document), data)
    assert again.status_code == 302
    figure = FollowUpFigure.objects.get(line=kansli)
    assert (figure.outcome_to_date, figure.forecast) == (301_000, 441_000)
    # The kept form is offered once: the next visit shows the stored figures.
    assert "inget sparades" not in staff_client.get(_followup_url(document)).content.decode()


def test_a_kept_follow_up_is_not_offered_on_another_page(staff_client, document):
    data = _followup_data(staff_client, document, {})
    user = staff_client.session.get("_auth_user_id")
    staff_client.logout()
    staff_client.post(_followup_url(document), data)
    from django.contrib.auth import get_user_model

    staff_client.force_login(get_user_model().objects.get(pk=user))
    grid = reverse("budgets:document", args=[document.association.slug, document.pk])
    assert "inget sparades" not in staff_client.get(grid).content.decode()


def test_a_too_large_follow_up_figure_gets_our_message(staff_client, document):
    kansli = document.lines.get(label="Kansli")
    data = _followup_data(staff_client, document, {f"forecast_{kansli.pk}": "1" * 15})
    html = staff_client.post(_followup_url(document), data).content.decode()
    assert "14 siffror" not in html
    assert "Inget sparades. Kansli: beloppet är för stort; högst 12 siffror i kronor." in html
    assert not FollowUpFigure.objects.filter(line=kansli).exists()
