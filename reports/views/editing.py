"""Staff edit a report: a new report, its options and texts, its sections, the adoption.

Each form posts to its own URL and, when invalid or stale, is shown again with the message;
nothing is saved then.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finsam.errors import StaleEditError
from finsam.forms import add_errors, service_check
from finsam.jobs.responses import job_response
from finsam.jobs.runner import job_start
from finsam.lib.numbers import whole_number
from finsam.models import Job, JobStatus
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from reports import forms, services
from reports.blocks import BLOCKS
from reports.models import Report, ReportSection
from reports.selectors import reports_of
from reports.tasks import adopt_report


def _detail_url(report: Report) -> str:
    return reverse("reports:detail", args=[report.association.slug, report.pk])


def _edit(request, form, save: Callable[[], object], *, title: str, back: str, done: str):
    """Validate, save through a service, go back; or show the form with what is wrong."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ValidationError as error:
            add_errors(form, error)  # each rule's message at its field, all at once
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(back)
    return render(request, "reports/edit.html", {"form": form, "title": title, "back": back})


@tenant_view(Perm.EDIT)
def report_create(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = forms.ReportCreateForm(request.POST or None)
    created: list[Report] = []

    def save():
        created.append(services.report_create(association=tenant.association, **form.cleaned_data))

    back = reverse("reports:list", args=[tenant.association.slug])
    response = _edit(
        request, form, save, title=_("Ny rapport"), back=back, done=_("Rapporten skapades.")
    )
    return redirect(_detail_url(created[0])) if created else response


@tenant_view(Perm.EDIT)
def report_edit(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    form = forms.ReportOptionsForm(
        request.POST or None, instance=report, association=tenant.association
    )

    def save():
        values = {name: form.cleaned_data[name] for name in form.fields if name != "version"}
        values.pop("columns")
        services.report_update(
            report=report,
            version=form.cleaned_data["version"],
            values=values,
            columns=form.cleaned_data["columns"],
        )

    title = _("Omslag och utseende")
    return _edit(request, form, save, title=title, back=_detail_url(report), done=_("Sparat."))


def _section_form(request, tenant: Tenant, pk: int, section_pk: int | None):
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    section = None
    if section_pk is not None:
        section = get_scoped_or_404(ReportSection, tenant, pk=section_pk, report=report)
    form = forms.SectionForm(request.POST or None, instance=section, report=report)
    return report, section, form


@tenant_view(Perm.EDIT)
def section_edit(request: HttpRequest, tenant: Tenant, pk: int, section: int | None = None):
    report, found, form = _section_form(request, tenant, pk, section)

    def save():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        version = form.cleaned_data["version"]
        services.section_save(report=report, version=version, section=found, values=values)

    title = found.heading if found else _("Nytt avsnitt")
    return _edit(
        request, form, save, title=title, back=_detail_url(report), done=_("Avsnittet sparades.")
    )


@tenant_view(Perm.EDIT)
@require_POST
def section_change(request: HttpRequest, tenant: Tenant, pk: int, section: int) -> HttpResponse:
    """Move a section up or down, or delete it (the button pressed says which)."""
    report, found, _form = _section_form(request, tenant, pk, section)
    posted = whole_number(request.POST.get("version", ""))
    version = -1 if posted is None else posted  # a missing version counts as stale
    action = request.POST.get("action")
    try:
        if action == "delete":
            services.section_delete(report=report, version=version, section=found)
        elif action in ("up", "down"):
            step = -1 if action == "up" else 1
            services.section_move(report=report, version=version, section=found, step=step)
        else:
            messages.error(request, _("Okänd åtgärd."))
    except StaleEditError as error:
        messages.error(request, str(error))
    return redirect(reverse("reports:outline", args=[tenant.association.slug, report.pk]))


@tenant_view(Perm.EDIT)
def report_outline(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    # Each section with the label of its block: staff choose blocks by label, never by key.
    sections = [
        (section, BLOCKS[section.block].label if section.block in BLOCKS else section.block)
        for section in report.sections.order_by("position")
    ]
    return render(request, "reports/outline.html", {"report": report, "sections": sections})


@tenant_view(Perm.EDIT)
def report_adopt(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    """Type the board's decision date (and the diary number), then confirm: only the
    confirmation adopts."""
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    initial = {"version": report.version, "diary_number": report.diary_number}
    form = forms.AdoptForm(request.POST or None, initial=initial)
    title, back = _("Fastställ rapporten"), _detail_url(report)
    if request.method == "POST" and not form.is_valid():
        # The date's rule in the same answer as the form's own problems.
        service_check(
            form,
            lambda adopted_on: services.adoption_date_check(report=report, adopted_on=adopted_on),
            "adopted_on",
        )
    elif request.method == "POST":
        data = form.cleaned_data
        if not data["confirmed"]:
            try:
                services.adoption_date_check(report=report, adopted_on=data["adopted_on"])
            except ValidationError as error:
                add_errors(form, error)
            else:
                context = {"form": form, "report": report, "title": title, "back": back}
                return render(request, "reports/adopt_confirm.html", context)
        else:
            job = _adoption_started(request, report, data)
            if job.status != JobStatus.FAILED:
                return _adopted(request, job, back)
            form.add_error(None, job.message.splitlines())  # refused at once (no queue)
    return render(request, "reports/edit.html", {"form": form, "title": title, "back": back})


def _adopted(request: HttpRequest, job: Job, back: str) -> HttpResponseBase:
    """Back to the report once adopted; the job's page while the PDF is being made."""
    if job.status == JobStatus.DONE:
        messages.success(request, job.message)
        return redirect(back)
    return job_response(request, job)


def _adoption_started(request: HttpRequest, report: Report, data: dict) -> Job:
    """Adopting renders the PDF, so it is done in the background (reports.tasks)."""
    return job_start(
        association=report.association,
        user=request.user,
        kind="report_adopt",
        title=_("Fastställ %(report)s") % {"report": report},
        perm=Perm.EDIT,
        task=adopt_report,
        report_id=report.pk,
        adopted_on=data["adopted_on"].isoformat(),
        diary_number=data["diary_number"],
        version=data["version"],
    )
