"""Uploaded files: checked and previewed first, applied all at once when confirmed.

Every kind of file goes through the same steps and the same record (`ImportBatch`). Each kind
registers an `Importer`: `read` plans what the file would change without writing anything,
`apply` writes that plan inside the confirming transaction. Every app registers its own kinds
in its `AppConfig.ready` (members: contributions and population; budgets: SIE files and trial
balances), so this module names none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.audit.recording import recording
from finsam.imports.files import Spooled, counted, discard, keep, spool
from finsam.imports.kinds import kind_label, register_kind
from finsam.imports.rows import Plan, Problem
from finsam.lib.progress import Progress, in_step, steps_done
from finsam.lib.tabular import Row, TableError, read_table
from finsam.models import Association, ImportBatch, ImportStatus
from finsam.uploads import Check, check_table, refusal


@dataclass(frozen=True)
class Upload:
    """A file on disk and what it was uploaded for; readers stream it or read it whole.

    `choices` are what the user chose to lift a refusal (see `Plan.offers`); `confirming` is
    set when the plan is read to be applied at once, so a reader may skip what only the
    preview shows."""

    association: Association
    filename: str
    path: Path
    size: int
    period_end: date | None = None
    choices: frozenset[str] = frozenset()
    confirming: bool = False
    # Told how many bytes of the file have been read, and how many there are (a job's page).
    progress: Callable[[int, int], None] | None = None

    def open(self) -> BinaryIO:
        if self.progress is None:
            return self.path.open("rb")
        return counted(self.path.open("rb", buffering=0), self.size, self.progress)

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


@dataclass(frozen=True)
class Importer:
    """How one kind of file is read and applied; `check` judges its type by content first, and
    `sie` gives it the larger size limit of SIE files. `recognise` tells a file of this kind
    uploaded as another (`recognised_as` says what it is), and `blank` makes a template to
    fill in for an association and year. The pages (URL names) that preview a batch of the
    kind, take its upload and are shown once it is applied are the import pages unless the
    app has its own (a budget file: those of budgets, where office staff import it)."""

    label: str | Promise
    read: Callable[[Upload], Plan]
    apply: Callable[[Upload, Plan, ImportBatch], str]
    check: Check = check_table
    sie: bool = False
    recognise: Callable[[Upload], bool] | None = None
    recognised_as: str | Promise = ""
    blank: Callable[[Association, int], bytes] | None = None
    preview_view: str = "members:import_preview"
    upload_view: str = "members:imports"
    done_view: str = "members:imports"
    done_label: str | Promise = gettext_lazy("Till importerna")


IMPORTERS: dict[str, Importer] = {}


def register_importer(kind: str, importer: Importer) -> None:
    IMPORTERS[kind] = importer
    register_kind(kind, importer.label)


def from_table(read_rows: Callable[[Association, list[Row]], Plan]) -> Callable[[Upload], Plan]:
    """A `read` for spreadsheet layouts: the file's rows, or the reason it has none."""

    def read(upload: Upload) -> Plan:
        try:
            rows = read_table(upload.read_bytes(), upload.filename)
        except TableError as error:
            return Plan(problems=[Problem("", str(error))])
        return read_rows(upload.association, rows)

    return read


def plan_upload(upload: Upload, kind: str) -> Plan:
    """Read a file and plan what it would change; nothing is written."""
    importer = IMPORTERS[kind]
    with upload.open() as stream:
        refused = refusal(
            stream, upload.filename, upload.size, check=importer.check, sie=importer.sie
        )
    misfiled = _recognised_as_other(upload, kind)
    if misfiled:
        return misfiled
    if refused:
        return Plan(problems=[Problem("", refused)])
    plan = importer.read(upload)
    if not plan.problems and not plan.changes:
        plan.problems.append(Problem("", _("Filen innehåller inget att läsa in.")))
    return plan


def _recognised_as_other(upload: Upload, kind: str) -> Plan | None:
    """A file another kind recognises as its own (an SIE file uploaded as a spreadsheet):
    refused, with that kind offered instead."""
    for other, importer in IMPORTERS.items():
        if other != kind and importer.recognise and importer.recognise(upload):
            message = _(
                "%(name)s är %(what)s, inte %(kind)s. Välj ”%(other)s” och ladda upp den igen."
            )
            values = {
                "name": upload.filename,
                "what": importer.recognised_as,
                "kind": kind_label(kind).lower(),
                "other": importer.label,
            }
            return Plan(problems=[Problem("", message % values)], suggested_kind=other)
    return None


def import_upload(
    *,
    association: Association,
    kind: str,
    filename: str,
    content: bytes | BinaryIO,
    user,
    period_end: date | None = None,
    choices: frozenset[str] = frozenset(),
) -> tuple[ImportBatch | None, Plan]:
    """Keep a file that reads without problems, for preview; a file with problems is not kept."""
    spooled = spool(content, _spool_folder())
    return import_read(
        association=association,
        kind=kind,
        filename=filename,
        spooled=spooled,
        user=user,
        period_end=period_end,
        choices=choices,
    )


def import_spool(content: bytes | BinaryIO) -> Spooled:
    """The uploaded file copied beside the kept ones, to be read (`import_read`) later."""
    return spool(content, _spool_folder())


def import_read(
    *,
    association: Association,
    kind: str,
    filename: str,
    spooled: Spooled,
    user,
    period_end: date | None = None,
    choices: frozenset[str] = frozenset(),
    progress: Callable[[int, int], None] | None = None,
) -> tuple[ImportBatch | None, Plan]:
    """Read a spooled file: kept with a batch for preview when it reads without problems,
    dropped otherwise."""
    upload = Upload(
        association, filename, spooled.path, spooled.size, period_end, choices, progress=progress
    )
    plan = plan_upload(upload, kind)
    if plan.problems:
        discard(spooled)
        return None, plan
    try:
        batch = ImportBatch(
            association=association,
            kind=kind,
            filename=kept_name(filename),
            size=spooled.size,
            sha256=spooled.sha256,
            uploaded_by=user,
            period_end=period_end,
        )
        batch.file.name = batch.stored_name()
        batch.full_clean()
    except Exception:
        discard(spooled)
        raise
    keep(spooled, Path(settings.MEDIA_ROOT) / batch.file.name)
    batch.save()
    return batch, plan


def kept_name(filename: str, limit: int = 255) -> str:
    """The file's own name, cut to fit the record; the ending stays, since the file is read
    again by it when the import is confirmed."""
    name = Path(filename).name
    if len(name) <= limit:
        return name
    suffix = Path(name).suffix[:20]
    return name[: limit - len(suffix)] + suffix


def _spool_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "incoming"


def _upload_of(
    batch: ImportBatch,
    choices: frozenset[str] = frozenset(),
    confirming: bool = False,
    progress: Progress | None = None,
) -> Upload:
    return Upload(
        batch.association,
        batch.filename,
        Path(batch.file.path),
        batch.size,
        batch.period_end,
        choices,
        confirming,
        progress,
    )


# Lazy: translated when used, as `MISSING_FILE % {"name": ...}` (a plain str).
MISSING_FILE = gettext_lazy(
    "Filen %(name)s finns inte längre i lagringen (MEDIA_ROOT); den kan inte granskas eller "
    "läsas in. Ladda upp den igen."
)


def batch_file_exists(batch: ImportBatch) -> bool:
    return bool(batch.file.name) and batch.file.storage.exists(batch.file.name)


def batch_plan(
    batch: ImportBatch,
    choices: frozenset[str] = frozenset(),
    *,
    confirming: bool = False,
    progress: Progress | None = None,
) -> Plan:
    if not batch_file_exists(batch):
        return Plan(problems=[Problem("", MISSING_FILE % {"name": batch.filename})])
    return plan_upload(_upload_of(batch, choices, confirming, progress), batch.kind)


def import_confirm(
    *,
    batch: ImportBatch,
    confirmed: bool = False,
    choices: frozenset[str] = frozenset(),
    user: Any = None,
    basis: str = "",
    progress: Progress | None = None,
) -> ImportBatch:
    """Apply the file, all or nothing; it is read again, since data may have changed since.

    A plan that removes more than it brings needs `confirmed`; a refusal with an offer needs
    its choice in `choices`. A plan with a `basis` is applied only while it is the one the
    preview showed (`basis`, sent back by its page). A database error (whatever a reader let
    through) becomes a message, and the transaction leaves everything as it was. History
    names `user`, who confirms (another admin than the uploader, maybe); without one (a
    command, the demo), the uploader. `progress` is told how far it has come: the file read
    again (its bytes), then written (its bytes again, where the kind reads it while writing)."""
    try:
        return _confirm_locked(batch, confirmed, choices, user, basis, progress)
    except DatabaseError as error:
        raise ValidationError(
            _("Filen kunde inte sparas (%(error)s); inget ändrades.") % {"error": error}
        ) from error


# Confirming is two steps of equal weight on the job's page: reading the file again, writing.
STEPS = 2


def _confirm_locked(
    batch: ImportBatch,
    confirmed: bool,
    choices: frozenset[str],
    user: Any,
    basis: str,
    progress: Progress | None,
) -> ImportBatch:
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=batch.association_id)
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportStatus.PREVIEW:
            raise ValidationError(_("Filen är redan inläst eller avbruten."))
        plan = batch_plan(locked, choices, confirming=True, progress=in_step(progress, 0, STEPS))
        steps_done(progress, 1, STEPS)
        if plan.basis and plan.basis != basis:
            raise ValidationError(STALE_PREVIEW)
        if plan.problems:
            raise ValidationError([str(problem) for problem in plan.problems])
        if plan.offers:
            raise ValidationError([offer.reason for offer in plan.offers])
        if plan.needs_confirming and not confirmed:
            raise ValidationError(
                [_("Bekräfta först att detta tas bort och att varningarna är lästa:")]
                + plan.confirm
                + plan.warnings,
            )
        # Every figure the file changes names this import (and its checksum) in its history.
        with recording(user=user if user is not None else locked.uploaded_by, batch=locked):
            writing = _upload_of(locked, choices, progress=in_step(progress, 1, STEPS))
            locked.summary = IMPORTERS[locked.kind].apply(writing, plan, locked)
            locked.status = ImportStatus.APPLIED
            locked.applied_at = timezone.now()
            locked.save()
        steps_done(progress, STEPS, STEPS)
        return locked


STALE_PREVIEW = gettext_lazy(
    "Det som filen ändrar har ändrats sedan förhandsgranskningen; inget lästes in. Granska "
    "filen igen: förhandsgranskningen visar nu vad den ändrar."
)


def import_drop(*, batch: ImportBatch) -> None:
    """Forget a previewed batch and its stored file (a dry run leaves nothing behind); the
    file stays if another batch holds the same content."""
    name = batch.file.name
    batch.delete()
    if name and not ImportBatch.objects.filter(file=name).exists():
        batch.file.storage.delete(name)


def import_discard(*, batch: ImportBatch) -> None:
    """Drop a previewed file. One applied meanwhile (another tab, a colleague) is refused: the
    page that offered "Avbryt" was read before, and its figures are in the books now."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status == ImportStatus.APPLIED:
            raise ValidationError(
                _("Filen %(filename)s är redan inläst; den kan inte avbrytas.")
                % {"filename": locked.filename}
            )
        if locked.status == ImportStatus.PREVIEW:
            locked.status = ImportStatus.DISCARDED
            locked.save()
