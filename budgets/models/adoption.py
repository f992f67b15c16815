"""What the board adopted: every figure of a budget revision, frozen.

A budget's figures are partly typed and partly derived from other data: contributions from
the funding years, initiatives from their grant decisions, the counted share, the chain of
openings, the checks. Later decisions change that data, but not what the board adopted, so
the adoption keeps every computed figure (`snapshot`, see `budgets.snapshot`) with its
SHA-256, the decision date and the written motivation for any warning the board accepted.
An adopted revision is shown from its snapshot; today's data is only compared with it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from budgets.models.document import BudgetDocument
from finsam.tenant_links import TenantOwned


class BudgetAdoption(TenantOwned, models.Model):
    """The board's adoption of a budget revision: the decision and the frozen figures."""

    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("budget")
    )
    adopted_on = models.DateField(_("beslutsdatum"))
    snapshot = models.JSONField(_("fastställda siffror"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    motivation = models.TextField(
        _("motivering till varningar"),
        blank=True,
        help_text=_("Styrelsens skäl att fastställa budgeten trots kontrollernas varningar."),
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    tenant_path = "document__association"

    class Meta:
        verbose_name = _("fastställd budget")
        verbose_name_plural = _("fastställda budgetar")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.document} ({self.adopted_on})"
