"""The platform's models: the tenant, users' roles, invitations, imports and the audit base."""

from finsam.models.association import Association, UserRole
from finsam.models.closing import YearClosing
from finsam.models.imports import ImportBatch, ImportStatus
from finsam.models.invitation import Invitation
from finsam.models.jobs import Job, JobStatus, WorkerBeat

__all__ = [
    "Association",
    "ImportBatch",
    "ImportStatus",
    "Invitation",
    "Job",
    "JobStatus",
    "UserRole",
    "WorkerBeat",
    "YearClosing",
]
