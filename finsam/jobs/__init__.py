"""Background work: the platform's one way to run something slow outside the request.

An app defines a task (django-tasks' `@task(takes_context=True)`) whose body calls
`run_job(context, job_id, work)`; a view calls `job_start(...)` and answers with
`finsam.jobs.responses.job_response`. The page of a job (`finsam.jobs.views`) shows its progress
and its result, and survives a reload; a task that fails shows its message, and one whose
worker died is reported as lost (its writes were one transaction, so nothing is half done).
"""
