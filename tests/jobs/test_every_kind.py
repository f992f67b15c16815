"""Every kind of background work the issue names, started from its own page: its progress is
reported with a known total, its page shows the same job on every reload, a failure shows its
Swedish message, and an apply (an import, an adoption) that fails half way leaves nothing.

Tests run tasks at once (the immediate backend): what the page would have shown while the
work went on is what the work told `job_progress`, recorded here."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from uuid import uuid4

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budgets.models import BudgetDocument
from finsam.audit.log import association_sources
from finsam.imports.batches import IMPORTERS
from finsam.jobs import runner
from finsam.models import Association, ImportBatch, ImportStatus, Job, JobStatus
from finsam.permissions import Role
from reports.models import Report, ReportAdoption

pytestmark = pytest.mark.django_db

VAXJO_SIE = settings.BASE_DIR / "fixtures" / "vaxjo" / "bokforing-2014-08.se"
FAILURE = "Provfelet: raden saknar belopp."


@pytest.fixture
def told(monkeypatch) -> list[tuple[int, int, int]]:
    """Every (job, done, total) the work told the job's page."""
    calls: list[tuple[int, int, int]] = []
    original = runner.job_progress

    def recorded(job, done, total):
        calls.append((job.pk, done, total))
        original(job, done, total)

    monkeypatch.setattr(runner, "job_progress", recorded)
    return calls


def _admin(client, make_user, slug: str):
    association = Association.objects.get(slug=slug)
    client.force_login(make_user(f"jobs-{slug}", association, Role.ADMIN))
    return association


def _latest(association: Association, kind: str) -> Job:
    return Job.objects.filter(association=association, kind=kind).latest("pk")


# -- the files of each import kind, and how each kind is read, previewed and applied ----------


def _population(association: Association) -> tuple[str, bytes, dict]:
    municipality = association.memberships.filter(member__kind="municipality").first().member
    content = f"Kommun;Datum;Invånare\n{municipality.name};2016-11-01;31415\n".encode()
    return "inv.csv", content, {}


def _contributions(association: Association) -> tuple[str, bytes, dict]:
    content = "År;Medlem;Belopp\n2016;Försäkringskassan;1 600 000\n".encode("cp1252")
    return "bidrag.csv", content, {}


def _trial_balance(association: Association) -> tuple[str, bytes, dict]:
    content = (
        "Konto;Benämning;Ingående balans;Periodens förändring;Utgående balans\n"
        "1930;Bank;100 000,00;-5 000;95 000\n"
        "2010;Eget kapital;-100 000;0;-100 000\n"
        "3010;Bidrag;0;-10 000;-10 000\n"
        "4010;Kansli;0;15 000;15 000\n"
    ).encode()
    return "rb.csv", content, {"period_end": "2015-03-31"}


def _sie(association: Association) -> tuple[str, bytes, dict]:
    return "bok.se", VAXJO_SIE.read_bytes(), {}


def _budget(association: Association) -> tuple[str, bytes, dict]:
    from tests.budgets.test_import_preview import _edited_file

    document = BudgetDocument.objects.get(association=association, year=2014)
    return "budget.xlsx", _edited_file(document), {}


@dataclass(frozen=True)
class ImportKind:
    kind: str
    slug: str
    file: Callable[[Association], tuple[str, bytes, dict]]

    def read(self, client, association: Association):
        """Upload the file on its page; the reading job answers with the preview page."""
        name, content, extra = self.file(association)
        upload = SimpleUploadedFile(name, content)
        if self.kind == "budget":
            url = reverse("budgets:upload", args=[association.slug])
            return client.post(url, {"file": upload})
        url = reverse("members:imports", args=[association.slug])
        return client.post(url, {"kind": self.kind, "file": upload, **extra})

    def preview(self, client, association: Association):
        started = self.read(client, association)
        assert started.status_code == 302, started.content.decode()[-3000:]
        preview = client.get(started.url)
        assert preview.status_code == 200 and preview.context["plan"].ok
        return preview

    def apply(self, client, preview):
        batch = preview.context["batch"]
        view = "budgets:import_decide" if self.kind == "budget" else "members:import_decide"
        url = reverse(view, args=[batch.association.slug, batch.pk])
        basis = preview.context["plan"].basis
        return client.post(url, {"confirmed": "1", "confirm": "1", "basis": basis})


IMPORT_KINDS = [
    ImportKind("population", "finnveden", _population),
    ImportKind("contributions", "finnveden", _contributions),
    ImportKind("trial_balance", "finnveden", _trial_balance),
    ImportKind("sie", "vaxjo", _sie),
    ImportKind("budget", "finnveden", _budget),
]
KIND_IDS = [kind.kind for kind in IMPORT_KINDS]


def _history_count(association: Association) -> int:
    """Every change of the association leaves a row of history: none means nothing changed."""
    return sum(
        source.model.objects.filter(history_association_id=association.pk).count()
        for source in association_sources()
    )


# -- progress and reload -----------------------------------------------------------------------


def _shows_the_same_job_on_reload(client, job: Job) -> None:
    slug = job.association.slug
    pages = [client.get(reverse("members:job", args=[slug, job.pk])) for _ in range(2)]
    for page in pages:
        assert page.status_code == 200 and page.context["job"].pk == job.pk
        assert job.title in page.content.decode() and "Klart" in page.content.decode()
    state = client.get(reverse("members:job_status", args=[slug, job.pk])).json()
    assert (state["status"], state["percent"]) == ("done", 100)


def _told_with_a_total(told, job: Job, *, midway: bool = True) -> None:
    """The work told its page how much there was, and (for work of several steps) a share
    before the end: the page showed a percentage that grew, never only a spinner."""
    mine = [(done, total) for pk, done, total in told if pk == job.pk]
    assert mine and all(total > 0 for _, total in mine), mine
    assert mine[-1][0] == mine[-1][1]  # the end is told too
    if midway:
        assert any(0 < done < total for done, total in mine), mine
    job.refresh_from_db()
    assert job.rows_total > 0 and job.rows_done == job.rows_total


@pytest.mark.parametrize("kind", IMPORT_KINDS, ids=KIND_IDS)
def test_an_import_read_and_applied_tells_its_progress_and_reloads(client, make_user, told, kind):
    association = _admin(client, make_user, kind.slug)
    preview = kind.preview(client, association)
    reading = _latest(association, "import_read")
    _told_with_a_total(told, reading, midway=False)  # a small file is read in one go
    _shows_the_same_job_on_reload(client, reading)
    assert kind.apply(client, preview).status_code == 302
    applying = _latest(association, "import_apply")
    assert applying.status == JobStatus.DONE, applying.message
    _told_with_a_total(told, applying)  # read again, then written: two steps
    _shows_the_same_job_on_reload(client, applying)
    assert ImportBatch.objects.get(pk=preview.context["batch"].pk).status == ImportStatus.APPLIED


def _report(association: Association) -> Report:
    return Report.objects.get(association=association, kind="verksamhetsplan", year=2014)


def _draft(client, association: Association) -> None:
    report = _report(association)
    # A title no earlier test rendered: its draft is not kept in storage yet, so it is made.
    Report.objects.filter(pk=report.pk).update(title=f"{report.title} {uuid4().hex[:8]}")
    client.get(reverse("reports:draft_pdf", args=[association.slug, report.pk]))


def _adopt(client, association: Association) -> None:
    report = _report(association)
    url = reverse("reports:adopt", args=[association.slug, report.pk])
    posted = {"adopted_on": "2013-12-02", "version": report.version, "confirmed": "True"}
    client.post(url, posted)


def _export(client, association: Association) -> None:
    client.post(reverse("members:association_export", args=[association.slug]))


def _history(client, association: Association) -> None:
    client.get(reverse("members:history_export", args=[association.slug]))


OTHER_KINDS = {
    "report_draft": _draft,
    "report_adopt": _adopt,
    "association_export": _export,
    "history_xlsx": _history,
}


@pytest.mark.parametrize("kind", list(OTHER_KINDS))
def test_a_pdf_an_export_and_the_history_tell_their_progress_and_reload(
    client, make_user, told, kind
):
    association = _admin(client, make_user, "finnveden")
    OTHER_KINDS[kind](client, association)
    job = _latest(association, kind)
    assert job.status == JobStatus.DONE, job.message
    _told_with_a_total(told, job)
    _shows_the_same_job_on_reload(client, job)


# -- failures ----------------------------------------------------------------------------------


def _refuse(*args, **kwargs):
    raise ValidationError(FAILURE)


FAILING = {
    "report_draft": ("reports.tasks.draft_render", _draft),
    "report_adopt": ("reports.services.report_docx", _adopt),
    "association_export": ("finsam.backup.tasks.export_association", _export),
    "history_xlsx": ("finsam.audit.tasks.history_workbook", _history),
}


@pytest.mark.parametrize("kind", list(FAILING))
def test_a_failure_shows_its_message_on_the_jobs_page(client, make_user, monkeypatch, kind):
    where, start = FAILING[kind]
    monkeypatch.setattr(where, _refuse)
    association = _admin(client, make_user, "finnveden")
    start(client, association)
    job = _latest(association, kind)
    assert (job.status, job.message) == (JobStatus.FAILED, FAILURE)
    for _ in range(2):  # and again on reload
        page = client.get(reverse("members:job", args=[association.slug, job.pk]))
        assert "Det gick inte" in page.content.decode() and FAILURE in page.content.decode()


@pytest.mark.parametrize("kind", IMPORT_KINDS, ids=KIND_IDS)
def test_a_file_refused_when_read_shows_why(client, make_user, monkeypatch, kind):
    association = _admin(client, make_user, kind.slug)
    importer = IMPORTERS[kind.kind]
    refused = replace(importer, read=lambda upload: _refused_plan())
    monkeypatch.setitem(IMPORTERS, kind.kind, refused)
    answer = kind.read(client, association)
    # Refused at once (no queue): beside the upload form, as the job's page would show it.
    assert answer.status_code == 200 and FAILURE in answer.content.decode()
    job = _latest(association, "import_read")
    assert (job.status, job.message) == (JobStatus.FAILED, FAILURE)
    page = client.get(reverse("members:job", args=[association.slug, job.pk])).content.decode()
    assert FAILURE in page and "Det gick inte" in page


def _refused_plan():
    from finsam.imports.rows import Plan, Problem

    return Plan(problems=[Problem("", FAILURE)])


# -- nothing half applied ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", IMPORT_KINDS, ids=KIND_IDS)
def test_an_apply_that_fails_after_writing_leaves_nothing(client, make_user, monkeypatch, kind):
    association = _admin(client, make_user, kind.slug)
    preview = kind.preview(client, association)
    importer = IMPORTERS[kind.kind]

    def writes_then_dies(upload, plan, batch):
        importer.apply(upload, plan, batch)  # everything written …
        raise RuntimeError("the worker died here")  # … then the task fails

    monkeypatch.setitem(IMPORTERS, kind.kind, replace(importer, apply=writes_then_dies))
    before = _history_count(association)
    answer = kind.apply(client, preview)
    job = _latest(association, "import_apply")
    assert job.status == JobStatus.FAILED and "inget ändrades" in job.message
    assert "the worker died" not in job.message
    assert answer.status_code == 302  # back to the preview, with the message
    assert _history_count(association) == before
    assert ImportBatch.objects.get(pk=preview.context["batch"].pk).status == ImportStatus.PREVIEW


def test_an_adoption_that_fails_after_rendering_leaves_nothing(client, make_user, monkeypatch):
    association = _admin(client, make_user, "finnveden")
    report = _report(association)
    adoptions = ReportAdoption.objects.filter(report=report).count()
    before = _history_count(association)
    monkeypatch.setattr("reports.services.report_docx", _refuse)  # after the PDF is made
    _adopt(client, association)
    assert _latest(association, "report_adopt").status == JobStatus.FAILED
    report.refresh_from_db()
    assert report.adopted_on != date(2013, 12, 2)
    assert ReportAdoption.objects.filter(report=report).count() == adoptions
    assert _history_count(association) == before
