"""An unchanged draft PDF is rendered once and then served from storage; any change of what
it shows gives it another key, so it is rendered anew. WeasyPrint is replaced by a stand-in
that counts its calls (the PDF itself is tested in test_adoption)."""

import hashlib

import pytest
from django.test import override_settings

from finsam.models import Job, JobStatus
from finsam.permissions import Role
from reports import drafts
from reports.models import Report
from reports.services import report_update


@pytest.fixture
def renders(monkeypatch, settings, tmp_path) -> list[str]:
    """Every "rendering": the SHA-256 of the HTML it was given. The stand-ins are kept in a
    storage of their own, so no other test is served one."""
    settings.MEDIA_ROOT = tmp_path
    calls: list[str] = []

    def fake_pdf(data) -> bytes:
        digest = hashlib.sha256(drafts.print_html(data).encode()).hexdigest()
        calls.append(digest)
        return b"%PDF-stand-in " + digest.encode()

    monkeypatch.setattr(drafts, "report_pdf", fake_pdf)
    return calls


@pytest.fixture
def report(association) -> Report:
    return Report.objects.filter(association=association, year=2014).first()


def test_an_unchanged_draft_is_rendered_once(client, make_user, association, report, renders):
    client.force_login(make_user("staff", association, Role.STAFF))
    url = f"/{association.slug}/rapporter/{report.pk}/pdf/utkast/"
    first, again = client.get(url), client.get(url)
    assert first["Content-Type"] == again["Content-Type"] == "application/pdf"
    assert first.content == again.content and len(renders) == 1
    assert report.downloads.count() == 2  # both downloads are logged

    report_update(report=report, version=report.version, values={"subtitle": "Andra utgåvan"})
    changed = client.get(url)
    assert len(renders) == 2 and renders[0] != renders[1]
    assert changed.content != first.content


def test_a_draft_not_yet_rendered_is_a_job_when_a_worker_renders_it(
    client, make_user, association, report, renders
):
    client.force_login(make_user("staff", association, Role.STAFF))
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=queue):
        response = client.get(f"/{association.slug}/rapporter/{report.pk}/pdf/utkast/")
    job = Job.objects.get(association=association, kind="report_draft")
    assert response.status_code == 302 and response.url == f"/{association.slug}/jobb/{job.pk}/"
    assert job.status == JobStatus.QUEUED and job.task_id and renders == []
    page = client.get(response.url).content.decode()
    assert "Väntar" in page and "js/job.js" in page


def test_a_finished_job_s_link_gives_the_file_it_rendered_though_the_figures_changed(
    client, make_user, association, report, renders
):
    """A colleague typing in the budget changes the draft every few seconds: the link of the
    job must still give the file rendered for the person who asked, not start another job."""
    client.force_login(make_user("staff", association, Role.STAFF))
    url = f"/{association.slug}/rapporter/{report.pk}/pdf/utkast/"
    asked = client.get(url)  # the tests' queue runs the job at once
    job = Job.objects.get(association=association, kind="report_draft")
    assert job.result_link == f"{url}?utkast={drafts.key_of(job.result['stored'])}"
    report_update(report=report, version=report.version, values={"subtitle": "Andra utgåvan"})
    followed = client.get(job.result_link)
    assert followed.status_code == 200 and followed.content == asked.content
    assert len(renders) == 1  # nothing rendered anew
    assert report.downloads.count() == 2  # the download by the link is logged too


def test_a_link_naming_no_kept_draft_gives_today_s_draft(
    client, make_user, association, report, renders
):
    client.force_login(make_user("staff", association, Role.STAFF))
    url = f"/{association.slug}/rapporter/{report.pk}/pdf/utkast/"
    for key in ("0" * 64, "../../x", "A" * 64, ""):
        response = client.get(url, {"utkast": key})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert len(renders) == 1  # today's draft, rendered once and then kept
