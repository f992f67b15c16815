"""URL arguments for the access sweep, one entry per association URL with arguments.

Each entry maps a URL name to a function that returns the URL's arguments (besides the
association slug) for an object of the given association. The sweep fails if an association
URL has arguments and no entry here, so every new page is swept. Apps add their entries in
`tests/access_samples_<app>.py` with a dict named SAMPLES.
"""

from finsam.models import Association


def _latest_funding_year(association: Association) -> dict:
    return {"year": association.funding_years.order_by("-year").first().year}


SAMPLES = {
    "members:funding_year": _latest_funding_year,
    "members:funding_year_edit": _latest_funding_year,
}


def _first_user_role(association: Association) -> dict:
    return {"pk": association.user_roles.order_by("pk").first().pk}


SAMPLES["members:user_role_update"] = _first_user_role


def _import_batch(association: Association) -> dict:
    """A previewed population file of the association's first municipality."""
    from finsam.imports.batches import import_upload

    municipality = association.memberships.filter(member__kind="municipality").first().member
    content = f"Kommun;Datum;Invånare\n{municipality.name};2015-11-01;1000\n".encode()
    batch, plan = import_upload(
        association=association, kind="population", filename="inv.csv", content=content, user=None
    )
    assert batch is not None, plan.problems
    return {"pk": batch.pk}


SAMPLES["members:import_preview"] = _import_batch
SAMPLES["members:import_decide"] = _import_batch
SAMPLES["members:import_file"] = _import_batch
SAMPLES["members:import_blank"] = lambda association: {"kind": "contributions"}
# URL arguments that name no object of the association (the foreign-object check skips them)
NOT_OBJECTS = {"members:import_blank"}
SAMPLES["members:funding_year_history"] = _latest_funding_year


def _invitation(association: Association) -> dict:
    from finsam.users.invitations import invitation_send

    sent = association.invitations.count()
    invitation = invitation_send(
        association=association,
        email=f"inbjuden-{sent}@{association.slug}.se",
        role="staff",
        invited_by=None,
        link=lambda token: token,
    )
    return {"pk": invitation.pk}


SAMPLES["members:invitation_remove"] = _invitation


def _job(association: Association) -> dict:
    """A finished draft job: every role may download reports, so every role may follow it."""
    from finsam.models import Job, JobStatus

    job = Job.objects.create(
        association=association,
        kind="report_draft",
        title="Utkast",
        perm="download_reports",
        status=JobStatus.DONE,
    )
    return {"pk": job.pk}


SAMPLES["members:job"] = _job
SAMPLES["members:job_status"] = _job
SAMPLES["members:job_file"] = _job
