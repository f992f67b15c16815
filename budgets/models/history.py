"""Who changed which figure of a budget, and when.

Kept until the audit trail of a later issue (django-simple-history) takes over; every
service that changes a budget writes one row here in the same transaction.
"""

from django.conf import settings
from django.db import models

from budgets.models.document import BudgetDocument


class BudgetChange(models.Model):
    """One change to a budget document: what, from which value to which, by whom and when."""

    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="changes", verbose_name="budget"
    )
    what = models.CharField("vad", max_length=300)
    old_value = models.TextField("tidigare värde", blank=True)
    new_value = models.TextField("nytt värde", blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ändrad av",
    )
    changed_at = models.DateTimeField("tidpunkt", auto_now_add=True)

    tenant_path = "document__association"

    class Meta:
        verbose_name = "ändring"
        verbose_name_plural = "ändringar"
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d %H:%M} {self.what}"
