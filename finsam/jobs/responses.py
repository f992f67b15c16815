"""How a view answers once it has started a job: the result itself when the job is already
done (a backend that runs tasks at once, or a quick job), its page otherwise."""

from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.shortcuts import redirect

from finsam.models import Job, JobStatus


def job_response(request: HttpRequest, job: Job) -> HttpResponseBase:
    if job.status == JobStatus.DONE and job.result_file:
        return FileResponse(
            job.result_file.open("rb"), as_attachment=True, filename=job.result_name
        )
    if job.status == JobStatus.DONE and job.result_link:
        return redirect(job.result_link)
    return redirect("members:job", job.association.slug, job.pk)
