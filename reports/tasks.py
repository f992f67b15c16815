"""The reports' background work: rendering a draft PDF, adopting a report (which renders and
freezes its PDF). Each runs as a job (finsam.jobs): the page shows its progress and result."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from finsam.errors import StaleEditError
from finsam.jobs.runner import JobRefused, job_progress_of, run_job
from finsam.models import Job
from reports import services
from reports.drafts import draft_render, key_of
from reports.models import Report


@task(takes_context=True)
def render_draft(context: TaskContext, job_id: int, report_id: int, filename: str) -> None:
    def work(job: Job) -> None:
        report = Report.objects.select_related("association").get(
            pk=report_id, association=job.association
        )
        stored = draft_render(report, job_progress_of(job))
        # Downloaded through the draft's own address, naming the file rendered here: served
        # from storage even if the figures changed meanwhile (a colleague typing in the budget
        # would otherwise start another rendering at every click), and the download is logged
        # there like every other.
        link = reverse("reports:draft_pdf", args=[job.association.slug, report.pk])
        job.result_link = f"{link}?utkast={key_of(stored)}"
        job.result = {
            "stored": stored,
            "link_label": str(_("Ladda ned %(name)s") % {"name": filename}),
        }

    run_job(context, job_id, work)


@task(takes_context=True)
def adopt_report(
    context: TaskContext,
    job_id: int,
    report_id: int,
    adopted_on: str,
    version: int | None,
    diary_number: str | None = None,
) -> None:
    def work(job: Job) -> None:
        report = Report.objects.get(pk=report_id, association=job.association)
        try:
            services.report_adopt(
                report=report,
                adopted_on=date.fromisoformat(adopted_on),
                diary_number=diary_number,
                user=job.created_by,
                version=version,
                progress=job_progress_of(job),
            )
        except StaleEditError as error:
            raise JobRefused(str(error)) from error
        job.result_link = reverse("reports:detail", args=[job.association.slug, report.pk])
        job.message = _("Rapporten är fastställd; PDF-filen är sparad och låst.")

    run_job(context, job_id, work)
