"""What the board adopted, frozen, and who downloaded what.

When the board adopts a report, its PDF is rendered once and kept as a file with its
SHA-256, together with every printed figure and a Word copy written from the same build.
Auditors download exactly that PDF later, whatever happened to the data since; the stored
figures tell which of them differ from what the data gives today.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.tenant_links import TenantOwned
from reports.models.document import Report


def _adopted_path(instance: "ReportAdoption", filename: str) -> str:
    return f"reports/{instance.report.association_id}/{instance.sha256}.pdf"


def _adopted_docx_path(instance: "ReportAdoption", filename: str) -> str:
    return f"reports/{instance.report.association_id}/{instance.sha256}.docx"


class ReportAdoption(TenantOwned, models.Model):
    """The board's adoption of a report: the date and the frozen PDF with its figures."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("rapport")
    )
    adopted_on = models.DateField(_("fastställd"))
    pdf = models.FileField(_("PDF"), upload_to=_adopted_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # A Word copy written from the same build as the PDF, so it prints the frozen figures;
    # the PDF is the original. Empty for adoptions made before Word copies were kept.
    docx = models.FileField(_("Word-kopia"), upload_to=_adopted_docx_path, blank=True)
    figures = models.JSONField(_("siffror"), default=list)
    # The printed words, as [table, row, column, text] like the figures; None for adoptions
    # made before texts were kept, which are then compared by their figures only.
    texts = models.JSONField(_("texter"), null=True, blank=True, default=None)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    tenant_path = "report__association"

    class Meta:
        verbose_name = _("fastställelse")
        verbose_name_plural = _("fastställelser")
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.report} ({self.adopted_on})"


class ReportDownload(TenantOwned, models.Model):
    """One download of a report: who, when, which format, draft or the adopted file."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="downloads", verbose_name=_("rapport")
    )
    adoption = models.ForeignKey(
        ReportAdoption,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="downloads",
        verbose_name=_("fastställd fil"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    file_format = models.CharField(_("format"), max_length=4)
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    tenant_path = "report__association"

    class Meta:
        verbose_name = _("nedladdning")
        verbose_name_plural = _("nedladdningar")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.report} {self.file_format} {self.at:%Y-%m-%d %H:%M}"
