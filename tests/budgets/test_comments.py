"""Board members comment on a budget draft (a line or the whole); staff answer and resolve;
comments are kept in history, shown on the budget page and never printed."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets.models import BudgetComment, BudgetDocument
from budgets.services.comments import comment_add
from finsam.models import Association
from finsam.permissions import Role
from reports.builders import build_report
from reports.rendering import print_html, report_pdf
from tests.reports.helpers import html_text, pdf_text
from tests.reports.plan_texts import plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(association) -> BudgetDocument:
    document = association.budget_documents.get()
    if not document.is_draft:
        # Comments go on drafts; the demo's budget is reopened as one for these tests.
        BudgetDocument.objects.filter(pk=document.pk).update(status="draft", adopted_on=None)
        document.refresh_from_db()
    return document


@pytest.fixture
def users():
    found = get_user_model().objects
    return {name: found.get(username=name) for name in ("kansli", "revisor", "styrelse")}


def _add_url(document) -> str:
    return reverse("budgets:comment_add", args=[document.association.slug, document.pk])


def _resolve_url(document, comment) -> str:
    return reverse(
        "budgets:comment_resolve", args=[document.association.slug, document.pk, comment.pk]
    )


def _page(client, document) -> str:
    url = reverse("budgets:document", args=[document.association.slug, document.pk])
    return html_text(client.get(url).content.decode())


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_board_comments_on_a_line_and_the_whole_staff_answer_and_resolve(client, document, users):
    line = document.lines.get(label="Kansli")
    client.force_login(users["styrelse"])
    client.post(_add_url(document), {"text": "Varför ökar kansliet?", "line": line.pk})
    client.post(_add_url(document), {"text": "Budgeten ser bra ut.", "line": ""})
    on_line = document.comments.get(line=line)
    whole = document.comments.get(line=None)
    assert on_line.author == users["styrelse"] and whole.text == "Budgeten ser bra ut."
    page = _page(client, document)
    assert "Kansli Öppen Varför ökar kansliet?" in page
    assert "Hela budgeten Öppen Budgeten ser bra ut." in page
    assert "Markera som klar" not in page  # the board comments; staff resolve

    client.force_login(users["kansli"])
    client.post(_add_url(document), {"text": "En ny tjänst.", "parent": on_line.pk})
    answer = on_line.replies.get()
    assert answer.line == line and answer.author == users["kansli"]
    response = client.post(_resolve_url(document, on_line), {"version": 1}, follow=True)
    assert _messages(response)[-1] == "Kommentaren är markerad som klar."
    on_line.refresh_from_db()
    assert on_line.is_resolved and on_line.resolved_by == users["kansli"]
    # A second resolve from a page opened before the first is refused as stale.
    response = client.post(_resolve_url(document, on_line), {"version": 1}, follow=True)
    assert "har ändrats av någon annan" in _messages(response)[-1]
    page = _page(client, document)
    assert "En ny tjänst." in page and "Klar (" in page


def test_board_may_not_resolve_and_auditor_may_not_comment(client, document, users):
    comment = comment_add(document=document, text="Fråga", user=users["styrelse"])
    client.force_login(users["styrelse"])
    assert client.post(_resolve_url(document, comment), {"version": 1}).status_code == 403
    client.force_login(users["revisor"])
    assert client.post(_add_url(document), {"text": "Revisorns fråga"}).status_code == 403
    assert "Kommentera" not in _page(client, document)
    assert "Fråga" in _page(client, document)  # auditors read them
    assert not document.comments.filter(text="Revisorns fråga").exists()


def test_another_associations_user_is_refused(client, document, make_user):
    foreign = Association.objects.get(slug="vastra-malardalen")
    client.force_login(make_user("utomstaende", foreign, Role.BOARD))
    assert client.post(_add_url(document), {"text": "Hej"}).status_code == 403
    assert not document.comments.exists()


def test_a_comment_cannot_target_another_associations_line(client, document, users):
    foreign = Association.objects.get(slug="vastra-malardalen").budget_documents.first()
    foreign_line = foreign.lines.first()
    client.force_login(users["styrelse"])
    response = client.post(
        _add_url(document), {"text": "Fel rad", "line": foreign_line.pk}, follow=True
    )
    assert "Raden finns inte i den här budgeten." in _messages(response)
    assert not document.comments.exists()
    # The model refuses it too, whatever the write path (the back office, an import).
    with pytest.raises(ValidationError):
        BudgetComment(
            document=document, line=foreign_line, author=users["styrelse"], text="x"
        ).full_clean()


def test_an_adopted_budget_takes_no_new_comments_but_shows_its_old_ones(client, document, users):
    comment_add(document=document, text="Före beslutet", user=users["styrelse"])
    BudgetDocument.objects.filter(pk=document.pk).update(status="adopted", adopted_on="2013-11-29")
    document.refresh_from_db()
    with pytest.raises(ValidationError):
        comment_add(document=document, text="Efter beslutet", user=users["styrelse"])
    client.force_login(users["styrelse"])
    page = _page(client, document)
    assert "Före beslutet" in page and "Kommentera" not in page


def test_comments_are_in_the_history_log(client, document, users):
    comment_add(document=document, text="Historikfråga", user=users["styrelse"])
    client.force_login(users["revisor"])
    url = reverse("members:history", args=[document.association.slug])
    log = html_text(client.get(url, {"slag": "budgets.budgetcomment"}).content.decode())
    assert "Historikfråga" in log and "Budgetkommentar" in log


def test_comments_are_never_printed(document, users):
    report = plan("finnveden", 2014)
    line = document.lines.get(label="Kansli")
    # Written straight to the table: the report's budget may be adopted, and what matters
    # here is that no print path reads comments at all.
    BudgetComment.objects.create(
        document=document, line=line, author=users["styrelse"], text="Hemlig styrelsefråga"
    )
    BudgetComment.objects.create(
        document=document, author=users["styrelse"], text="Hemlig helhetsfråga"
    )
    data = build_report(report)
    printed = html_text(print_html(data)) + pdf_text(report_pdf(data))
    assert "Kansli" in printed
    assert "Hemlig" not in printed
