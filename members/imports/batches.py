"""Uploaded files: checked and previewed first, applied all at once when confirmed."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from finsam.lib.tabular import TableError, read_table
from members.imports.contributions import apply_contributions, read_contributions
from members.imports.population import apply_population, read_population
from members.imports.rows import Plan, Problem
from members.models import Association, ImportBatch, ImportKind, ImportStatus

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Importer:
    read: Callable[[Association, list], Plan]
    apply: Callable[[Association, list], str]


IMPORTERS = {
    ImportKind.CONTRIBUTIONS: Importer(read_contributions, apply_contributions),
    ImportKind.POPULATION: Importer(read_population, apply_population),
}


def plan_file(*, association: Association, kind: str, filename: str, content: bytes) -> Plan:
    """Read a file and plan what it would change; nothing is written."""
    if len(content) > MAX_UPLOAD_BYTES:
        return Plan(problems=[Problem("", f"Filen är större än {MAX_UPLOAD_BYTES // 2**20} MB.")])
    if not content:
        return Plan(problems=[Problem("", "Filen är tom.")])
    try:
        rows = read_table(content, filename)
    except TableError as error:
        return Plan(problems=[Problem("", str(error))])
    plan = IMPORTERS[ImportKind(kind)].read(association, rows)
    if not plan.problems and not plan.changes:
        plan.problems.append(Problem("", "Filen innehåller inget att läsa in."))
    return plan


def import_upload(
    *, association: Association, kind: str, filename: str, content: bytes, user
) -> tuple[ImportBatch | None, Plan]:
    """Keep a file that reads without problems, for preview; a file with problems is not kept."""
    plan = plan_file(association=association, kind=kind, filename=filename, content=content)
    if plan.problems:
        return None, plan
    batch = ImportBatch(
        association=association,
        kind=kind,
        filename=filename,
        content=content,
        sha256=ImportBatch.checksum(content),
        uploaded_by=user,
    )
    batch.full_clean()
    batch.save()
    return batch, plan


def batch_plan(batch: ImportBatch) -> Plan:
    return plan_file(
        association=batch.association,
        kind=batch.kind,
        filename=batch.filename,
        content=bytes(batch.content),
    )


def import_confirm(*, batch: ImportBatch) -> ImportBatch:
    """Apply the file, all or nothing; it is read again, since data may have changed since."""
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=batch.association_id)
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportStatus.PREVIEW:
            raise ValidationError("Filen är redan inläst eller avbruten.")
        plan = batch_plan(locked)
        if plan.problems:
            raise ValidationError([str(problem) for problem in plan.problems])
        locked.summary = IMPORTERS[ImportKind(locked.kind)].apply(locked.association, plan.entries)
        locked.status = ImportStatus.APPLIED
        locked.applied_at = timezone.now()
        locked.save()
        return locked


def import_discard(*, batch: ImportBatch) -> None:
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status == ImportStatus.PREVIEW:
            locked.status = ImportStatus.DISCARDED
            locked.save()
