"""An unchanged draft PDF is rendered once and then served from storage; any change of what
it shows gives it another key, so it is rendered anew. WeasyPrint is replaced by a stand-in
that counts its calls (the PDF itself is tested in test_adoption)."""

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from budgets.accounts.models import MonthMovement
from budgets.models import BudgetAmount
from budgets.services.cells import budget_amount_set
from finsam.imports.batches import import_confirm, import_upload
from finsam.models import Association, Job, JobStatus
from finsam.permissions import Role
from members.facts_services import FACT_FIELDS, association_facts_update
from members.models import Member
from members.orgs_services import member_rename
from reports import drafts
from reports.builders import build_report
from reports.models import Report
from reports.services import report_update, section_save


@pytest.fixture
def renders(monkeypatch, settings, tmp_path) -> list[str]:
    """Every "rendering": the SHA-256 of the HTML it was given. The stand-ins are kept in a
    storage of their own, so no other test is served one."""
    settings.MEDIA_ROOT = tmp_path
    calls: list[str] = []

    def fake_pdf(data, progress=None) -> bytes:
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


# An unchanged draft is not even built again: the key found for the association's data state
# (finsam.audit.revision) is kept, and any change of what the draft shows moves that state.


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """The reports the draft cache built (to find a key, or to render)."""
    calls: list[int] = []
    real = drafts.build_report

    def counted(report):
        calls.append(report.pk)
        return real(report)

    monkeypatch.setattr(drafts, "build_report", counted)
    return calls


@pytest.fixture
def staff(client, make_user, association):
    client.force_login(make_user("staff", association, Role.STAFF))
    return client


def _download(client, report: Report) -> bytes:
    response = client.get(f"/{report.association.slug}/rapporter/{report.pk}/pdf/utkast/")
    assert response["Content-Type"] == "application/pdf", response.status_code
    return response.content


def _current(report: Report) -> bytes:
    """The stand-in PDF of the report's data as it is now, built afresh."""
    report = Report.objects.get(pk=report.pk)
    digest = hashlib.sha256(drafts.print_html(build_report(report)).encode()).hexdigest()
    return b"%PDF-stand-in " + digest.encode()


def test_an_unchanged_draft_is_served_without_building_it(staff, report, renders, builds):
    first = _download(staff, report)
    built = len(builds)
    assert _download(staff, report) == _download(staff, report) == first
    assert len(builds) == built and len(renders) == 1


def test_the_cached_draft_costs_a_fixed_few_queries(staff, report, renders, builds):
    _download(staff, report)
    with CaptureQueriesContext(connection) as queries:
        _download(staff, report)
    sql = [query["sql"] for query in queries]
    # Session, user, association, role, report, the data revision, the download's record.
    assert len(sql) == 7, sql
    assert sum("UNION ALL" in each for each in sql) == 1
    assert not any('budgets_budgetamount"' in each and "UNION" not in each for each in sql)


def _change_budget_figure(report: Report, user) -> None:
    amount = BudgetAmount.objects.filter(line__document=report.budget).order_by("pk").first()
    assert amount is not None
    budget_amount_set(
        line=amount.line,
        column=amount.column,
        amount=amount.amount + Decimal("1000000"),
        expected=amount.amount,
        user=user,
    )


def _change_section_text(report: Report, user) -> None:
    section = report.sections.exclude(text="").order_by("position").first()
    assert section is not None
    section_save(
        report=report,
        version=report.version,
        section=section,
        values={"text": section.text + "\n\nEn mening till."},
    )


def _change_report_subtitle(report: Report, user) -> None:
    report_update(report=report, version=report.version, values={"subtitle": "Andra utgåvan"})


def _change_association_name(report: Report, user) -> None:
    association = Association.objects.get(pk=report.association_id)
    facts = {name: getattr(association, name) for name in FACT_FIELDS}
    association_facts_update(
        association=association,
        expected_version=association.version,
        facts={**facts, "name": "Finnvedens nya samordningsförbund"},
    )


@pytest.mark.parametrize(
    "change",
    [
        _change_budget_figure,
        _change_section_text,
        _change_report_subtitle,
        _change_association_name,
    ],
)
def test_a_change_of_what_the_draft_shows_gives_a_new_pdf(
    staff, make_user, report, renders, builds, change
):
    first = _download(staff, report)
    change(Report.objects.get(pk=report.pk), make_user("kansli-2"))
    after = _download(staff, report)
    assert after != first and after == _current(report)
    assert len(renders) == 2
    assert _download(staff, report) == after and len(renders) == 2  # and is then kept


def test_a_shared_organisations_new_name_is_not_served_stale(
    staff, make_user, report, renders, builds
):
    """A member organisation belongs to no association: its history has none, and still
    moves every association's state."""
    first = _download(staff, report)
    built = len(builds)
    member = Member.objects.filter(memberships__association=report.association).first()
    assert member is not None
    admin = make_user("draft-superuser")
    admin.is_superuser = True
    member_rename(
        member=member,
        name=f"{member.name} (nytt namn)",
        valid_from=date(2000, 1, 1),
        expected_version=member.version,
        user=admin,
    )
    after = _download(staff, report)
    assert len(builds) > built and after == _current(report)
    assert (after != first) == (len(renders) == 2)


def test_another_associations_change_keeps_the_draft(staff, report, renders, builds):
    _download(staff, report)
    built = len(builds)
    other = Report.objects.filter(association__slug="vaxjo").first()
    assert other is not None
    _change_report_subtitle(other, None)
    _change_section_text(Report.objects.get(pk=other.pk), None)
    _download(staff, report)
    assert len(builds) == built and len(renders) == 1


def test_new_code_or_templates_build_the_draft_again(staff, report, renders, builds, monkeypatch):
    first = _download(staff, report)
    built = len(builds)
    monkeypatch.setattr(drafts, "code_digest", lambda: "another deploy")
    assert _download(staff, report) == first  # the same HTML: the kept PDF
    assert len(builds) == built + 1 and len(renders) == 1


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_a_books_import_gives_a_new_pdf(client, make_user, association, renders, builds, settings):
    """The books (month movements, balances, vouchers) keep no history of their own: their
    import's batch does, in the same transaction."""
    report = Report.objects.get(association=association, kind="delarsrapport")
    client.force_login(make_user("staff", association, Role.STAFF))
    # Books that differ from the file (written directly, as no service would), then the file.
    MonthMovement.objects.filter(association=association, year=2014).update(amount=1)
    first = _download(client, report)
    content = (settings.BASE_DIR / "fixtures" / "vaxjo" / "bokforing-2014-08.se").read_bytes()
    batch, plan = import_upload(
        association=association, kind="sie", filename="bok.se", content=content, user=None
    )
    assert batch is not None, plan.problems
    import_confirm(batch=batch, confirmed=True)
    after = _download(client, report)
    assert after != first and after == _current(report) and len(renders) == 2


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
