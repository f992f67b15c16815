"""Board members' comments on a report draft: on one section or on the whole report.

As with a budget's (budgets.models.comments): never printed, kept after adoption; a reply is a
comment with a parent, and only a thread's first comment is resolved, by office staff.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.models.audit import audited
from finsam.tenant_links import TenantOwned
from reports.models.document import Report, ReportSection


class ReportComment(TenantOwned, models.Model):
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
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("svar på"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skriven av"),
    )
    text = models.TextField(_("kommentar"))
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("klarmarkerad"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("klarmarkerad av"),
    )
    # Raised by every resolve (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "report__association"
    history = audited()

    class Meta:
        verbose_name = _("rapportkommentar")
        verbose_name_plural = _("rapportkommentarer")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    def clean(self) -> None:
        target, parent = self.section, self.parent
        if target is not None and self.report_id and target.report_id != self.report_id:
            raise ValidationError({"section": _("Avsnittet hör till en annan rapport.")})
        if parent is not None and self.report_id and parent.report_id != self.report_id:
            raise ValidationError({"parent": _("Kommentaren hör till en annan rapport.")})
        if parent is not None and parent.parent_id:
            raise ValidationError({"parent": _("Svara på trådens första kommentar.")})
