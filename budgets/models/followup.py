"""Follow-up of the running year: outcome to date and full-year forecast per budget line.

Entered by hand for now (the accounts of a later issue will fill the outcome).
"""

from django.conf import settings
from django.db import models

from budgets.models.document import BudgetColumn
from budgets.models.lines import BudgetLine
from finsam.fields import amount_field
from finsam.models.audit import audited


class FollowUpFigure(models.Model):
    """A line's outcome to date and full-year forecast against one budget column."""

    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="follow_ups", verbose_name="rad"
    )
    column = models.ForeignKey(
        BudgetColumn, on_delete=models.CASCADE, related_name="follow_ups", verbose_name="kolumn"
    )
    outcome_to_date = amount_field("utfall hittills (kr)", null=True, blank=True)
    forecast = amount_field("helårsprognos (kr)", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ändrad av",
    )
    updated_at = models.DateTimeField("ändrad", auto_now=True)

    tenant_path = "line__document__association"
    history = audited()

    class Meta:
        verbose_name = "uppföljningsbelopp"
        verbose_name_plural = "uppföljningsbelopp"
        constraints = [
            models.UniqueConstraint(
                fields=["line", "column"],
                name="%(app_label)s_%(class)s_one_per_line_and_column",
                violation_error_message="Raden följs redan upp mot den kolumnen.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.line} / {self.column}"
