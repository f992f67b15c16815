"""Board members' comments on a report draft: on one section or on the whole report (the thread
and its rules: finsam.models.comments)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.models.audit import audited
from finsam.models.comments import Comment
from finsam.problems import Problems
from reports.models.document import Report, ReportSection


class ReportComment(Comment):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="comments", verbose_name=_("rapport")
    )
    # Empty: the comment is on the whole report.
    section = models.ForeignKey(
        ReportSection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("avsnitt"),
    )

    tenant_path = "report__association"
    history = audited()

    class Meta(Comment.Meta):
        verbose_name = _("rapportkommentar")
        verbose_name_plural = _("rapportkommentarer")

    def clean(self) -> None:
        target, parent = self.section, self.parent
        problems = Problems()  # every rule broken at once, each at its field
        if target is not None and self.report_id and target.report_id != self.report_id:
            problems.add("section", _("Avsnittet hör till en annan rapport."))
        if (
            parent is not None
            and self.report_id
            and self.report_id != getattr(parent, "report_id", None)
        ):
            problems.add("parent", _("Kommentaren hör till en annan rapport."))
        with problems.gathered():
            super().clean()
        problems.raise_any()
