"""Board members comment on a report draft (a section or the whole); staff answer and resolve;
comments are kept in history, shown on the report page and never printed."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from finsam.models import Association
from finsam.permissions import Role
from reports.builders import build_report
from reports.comments import comment_add
from reports.models import Report, ReportComment
from reports.rendering import print_html, report_pdf
from tests.reports.helpers import html_text, pdf_text
from tests.reports.plan_texts import plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def report() -> Report:
    report = plan("finnveden", 2014)
    # Comments go on drafts; the demo's plan is reopened as one for these tests.
    Report.objects.filter(pk=report.pk).update(adopted_on=None)
    report.refresh_from_db()
    return report


@pytest.fixture
def users():
    found = get_user_model().objects
    return {name: found.get(username=name) for name in ("kansli", "revisor", "styrelse")}


def _add_url(report) -> str:
    return reverse("reports:comment_add", args=[report.association.slug, report.pk])


def _resolve_url(report, comment) -> str:
    return reverse("reports:comment_resolve", args=[report.association.slug, report.pk, comment.pk])


def _page(client, report) -> str:
    url = reverse("reports:detail", args=[report.association.slug, report.pk])
    return html_text(client.get(url).content.decode())


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_board_comments_on_a_section_staff_answer_and_resolve(client, report, users):
    section = report.sections.exclude(heading="").order_by("position").first()
    client.force_login(users["styrelse"])
    client.post(_add_url(report), {"text": "Skriv tydligare här.", "section": section.pk})
    client.post(_add_url(report), {"text": "Bra plan.", "section": ""})
    on_section = report.comments.get(section=section)
    assert report.comments.get(section=None).text == "Bra plan."
    page = _page(client, report)
    assert f"{section.heading} Öppen Skriv tydligare här." in page
    assert "Hela rapporten Öppen Bra plan." in page and "Markera som klar" not in page

    client.force_login(users["kansli"])
    client.post(_add_url(report), {"text": "Ändrat.", "parent": on_section.pk})
    assert on_section.replies.get().author == users["kansli"]
    response = client.post(_resolve_url(report, on_section), {"version": 1}, follow=True)
    assert _messages(response)[-1] == "Kommentaren är markerad som klar."
    response = client.post(_resolve_url(report, on_section), {"version": 1}, follow=True)
    assert "har ändrats av någon annan" in _messages(response)[-1]
    on_section.refresh_from_db()
    assert on_section.resolved_by == users["kansli"]


def test_roles_and_other_associations(client, report, users, make_user):
    comment = comment_add(report=report, text="Fråga", user=users["styrelse"])
    client.force_login(users["styrelse"])
    assert client.post(_resolve_url(report, comment), {"version": 1}).status_code == 403
    client.force_login(users["revisor"])
    assert client.post(_add_url(report), {"text": "Revisorn"}).status_code == 403
    assert "Fråga" in _page(client, report)
    foreign = Association.objects.get(slug="vastra-malardalen")
    client.force_login(make_user("utomstaende", foreign, Role.BOARD))
    assert client.post(_add_url(report), {"text": "Hej"}).status_code == 403
    # Another association's section is refused, by the form and by the model.
    foreign_section = Report.objects.filter(association=foreign).first().sections.first()
    client.force_login(users["styrelse"])
    response = client.post(
        _add_url(report), {"text": "Fel", "section": foreign_section.pk}, follow=True
    )
    assert "Avsnittet finns inte i den här rapporten." in _messages(response)
    with pytest.raises(ValidationError):
        ReportComment(
            report=report, section=foreign_section, author=users["styrelse"], text="x"
        ).full_clean()
    assert list(report.comments.values_list("text", flat=True)) == ["Fråga"]


def test_an_adopted_report_takes_no_new_comments(report, users):
    Report.objects.filter(pk=report.pk).update(adopted_on="2013-11-29")
    report.refresh_from_db()
    with pytest.raises(ValidationError):
        comment_add(report=report, text="Efter beslutet", user=users["styrelse"])


def test_comments_are_in_the_history_log_and_never_printed(client, report, users):
    section = report.sections.exclude(heading="").order_by("position").first()
    comment_add(report=report, section=section, text="Hemlig fråga", user=users["styrelse"])
    client.force_login(users["revisor"])
    url = reverse("members:history", args=[report.association.slug])
    log = html_text(client.get(url, {"slag": "reports.reportcomment"}).content.decode())
    assert "Hemlig fråga" in log
    data = build_report(report)
    printed = html_text(print_html(data)) + pdf_text(report_pdf(data))
    assert section.heading in printed and "Hemlig" not in printed
