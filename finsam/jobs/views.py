"""A job's page (progress, result, failure), its status as JSON for the page's script, its
result file, and /healthz for whoever watches the site."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from finsam.jobs.selectors import job_of, job_state, worker_state
from finsam.permissions import Perm
from finsam.tenancy import Tenant, tenant_view


@tenant_view(Perm.VIEW)
@never_cache
def job_page(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    job = job_of(tenant, pk)
    return render(request, "finsam/job.html", {"job": job, "state": job_state(job)})


@tenant_view(Perm.VIEW)
@never_cache
def job_status(request: HttpRequest, tenant: Tenant, pk: int) -> JsonResponse:
    return JsonResponse(job_state(job_of(tenant, pk)))


@tenant_view(Perm.VIEW)
def job_file(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    job = job_of(tenant, pk)
    if not job.result_file:
        return redirect("members:job", tenant.association.slug, job.pk)
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name)


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and a worker has been seen recently; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "unreachable"
    worker = worker_state() if database == "ok" else "unknown"
    healthy = database == "ok" and worker in ("ok", "not needed")
    return JsonResponse({"database": database, "worker": worker}, status=200 if healthy else 503)
