"""Work done in the background (a PDF, an import, an export) and the workers that do it.

A `Job` is the association's record of one piece of background work: what it is, who asked,
how far it has come, and how it ended (a file, a link, or a failure with its message). The
queue itself is django-tasks' (`finsam.jobs.runner`); a job names its task result by id, so the
page never depends on which backend runs the queue.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.lib.shares import whole_percent_done
from finsam.models.association import Association


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Väntar")
    RUNNING = "running", _("Pågår")
    DONE = "done", _("Klart")
    FAILED = "failed", _("Misslyckades")


class Job(models.Model):
    """One piece of background work for an association, as its page shows it.

    `key` names what the work is about (a report's draft, an import batch with its choices), so
    a page can find the job that already answered its question. The result is a file
    (`result_file`, downloaded as `result_name`), a link (`result_link`) or data (`result`)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(_("slag"), max_length=40)
    title = models.CharField(_("rubrik"), max_length=200)
    # Who of the association may see the job and its result: the permission of the page that
    # started it (finsam.permissions.Perm), e.g. the history's for its xlsx.
    perm = models.CharField(_("behörighet"), max_length=20)
    key = models.CharField(_("nyckel"), max_length=200, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    # How far the work has come: rows written (the history), or bytes read of a file (imports).
    rows_done = models.PositiveIntegerField(_("gjort"), default=0)
    rows_total = models.PositiveIntegerField(_("totalt"), default=0)
    message = models.TextField(_("meddelande"), blank=True)
    result = models.JSONField(_("resultat"), default=dict, blank=True)
    result_file = models.FileField(_("resultatfil"), max_length=300, blank=True)
    result_name = models.CharField(_("filnamn"), max_length=255, blank=True)
    result_link = models.CharField(_("länk"), max_length=500, blank=True)
    task_id = models.CharField(_("uppgiftens id"), max_length=64, blank=True)
    worker_id = models.CharField(_("bakgrundsprocess"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    tenant_path = "association"

    class Meta:
        verbose_name = _("bakgrundsjobb")
        verbose_name_plural = _("bakgrundsjobb")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def failed(self) -> bool:
        return self.status == JobStatus.FAILED

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int | None:
        """How far the work has come, when it knows how much there is."""
        if self.status == JobStatus.DONE:
            return 100
        return whole_percent_done(self.rows_done, self.rows_total or 0)


class WorkerBeat(models.Model):
    """When a worker process (`manage.py db_worker`) was last seen alive: /healthz reads it, and
    a running job whose worker has gone silent is reported as lost."""

    worker_id = models.CharField(_("bakgrundsprocess"), max_length=64, unique=True)
    last_seen = models.DateTimeField(_("senast sedd"))

    class Meta:
        verbose_name = _("bakgrundsprocess")
        verbose_name_plural = _("bakgrundsprocesser")

    def __str__(self) -> str:
        return self.worker_id
