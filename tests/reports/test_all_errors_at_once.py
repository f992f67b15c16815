"""One post tells every problem, each at its field, the form's own and the service's together
(issue #17): the adoption form, the auditors' report, a comment."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finsam.permissions import Role
from reports.comments import comment_add
from reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual() -> Report:
    return Report.objects.get(association__slug="vaxjo", kind="arsredovisning", year=2013)


@pytest.fixture
def staff(client, make_user, annual):
    client.force_login(make_user("kansli-alla-fel", annual.association, Role.STAFF))
    return client


def _url(name: str, report: Report) -> str:
    return reverse(f"reports:{name}", args=[report.association.slug, report.pk])


def test_adoption_tells_a_too_long_diary_number_and_a_date_inside_the_year_at_once(staff, annual):
    data = {"version": annual.version, "adopted_on": "2013-06-01", "diary_number": "x" * 41}
    response = staff.post(_url("adopt", annual), data)
    errors = response.context["form"].errors
    assert errors["diary_number"]  # the form's own: too long
    assert any(
        "ligger före periodens sista dag" in e or "inom eller före" in e
        for e in (errors["adopted_on"])
    )
    page = response.content.decode()
    assert "kan inte fastställas innan" in page
    annual.refresh_from_db()
    assert annual.adopted_on is None


def test_the_auditors_report_tells_a_missing_file_and_an_early_day_at_once(staff, annual):
    data = {"version": annual.version, "received_on": "2013-12-01"}
    response = staff.post(_url("auditors_report_upload", annual), data)
    errors = response.context["form"].errors
    assert errors["pdf"] == ["Välj revisionsberättelsen som PDF-fil."]
    assert errors["received_on"] == [
        "Revisionsberättelsen kan inte ha kommit in 2013-12-01, före räkenskapsårets slut."
    ]
    annual.refresh_from_db()
    assert not annual.auditors_report


def test_a_comment_tells_an_empty_text_and_an_adopted_report_at_once(annual):
    Report.objects.filter(pk=annual.pk).update(adopted_on="2014-03-01")
    comments = annual.comments.count()
    with pytest.raises(ValidationError) as refused:
        comment_add(report=annual, text="  ", user=None)
    errors = refused.value.message_dict
    assert errors["text"] == ["Skriv en kommentar."]
    assert errors["__all__"] == ["Rapporten är fastställd och tar inte emot nya kommentarer."]
    assert annual.comments.count() == comments
