"""Writing and reading report comments: a board member comments, office staff answer and
resolve. New comments go on drafts only (a report not yet adopted); resolving is allowed
afterwards too, since it closes the conversation without touching the report."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam.audit.recording import recording
from finsam.problems import Problems
from finsam.saving import saved
from finsam.versions import version_checked
from reports.models import Report, ReportComment, ReportSection


def comment_add(
    *,
    report: Report,
    text: str,
    user: Any,
    section: ReportSection | None = None,
    parent: ReportComment | None = None,
) -> ReportComment:
    """A comment on the whole report, on `section`, or an answer to the thread `parent`."""
    problems = Problems()  # an empty text and an adopted report, both told at once
    if not text.strip():
        problems.add("text", _("Skriv en kommentar."))
    with transaction.atomic(), recording(user=user):
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.adopted_on is not None:
            problems.add(None, _("Rapporten är fastställd och tar inte emot nya kommentarer."))
        problems.raise_any()
        if parent is not None:
            section = parent.section
        return saved(
            ReportComment(
                report=locked, section=section, parent=parent, author=user, text=text.strip()
            )
        )


def comment_resolve(*, comment: ReportComment, user: Any, expected: int | None) -> ReportComment:
    with transaction.atomic(), recording(user=user):
        stored = ReportComment.objects.select_for_update().get(pk=comment.pk)
        if stored.parent_id is not None:
            raise ValidationError(_("Bara trådens första kommentar markeras som klar."))
        version_checked(stored, expected, what=_("Kommentaren"))
        stored.resolved_at = timezone.now()
        stored.resolved_by = user
        return saved(stored)


def comment_threads(report: Report) -> list[ReportComment]:
    """The report's threads (first comments, answers prefetched), open ones first."""
    threads = report.comments.filter(parent__isnull=True).select_related(
        "section", "author", "resolved_by"
    )
    return sorted(threads.prefetch_related("replies__author"), key=lambda c: c.is_resolved)
