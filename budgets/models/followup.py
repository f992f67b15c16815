"""Follow-up of the running year: outcome to date and full-year forecast per budget line.

Entered by hand for now (the accounts of a later issue will fill the outcome).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from budgets.models.document import BudgetColumn
from budgets.models.lines import BudgetLine
from finsam.fields import amount_field
from finsam.models.audit import audited
from finsam.tenant_links import TenantOwned


class FollowUpFigure(TenantOwned, models.Model):
    """A line's outcome to date and full-year forecast against one budget column."""

    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("rad")
    )
    column = models.ForeignKey(
        BudgetColumn, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("kolumn")
    )
    outcome_to_date = amount_field(_("utfall hittills (kr)"), null=True, blank=True)
    forecast = amount_field(_("helårsprognos (kr)"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ändrad av"),
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    tenant_path = "line__document__association"
    history = audited()

    class Meta:
        verbose_name = _("uppföljningsbelopp")
        verbose_name_plural = _("uppföljningsbelopp")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "column"],
                name="%(app_label)s_%(class)s_one_per_line_and_column",
                violation_error_message=_("Raden följs redan upp mot den kolumnen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.line} / {self.column}"
