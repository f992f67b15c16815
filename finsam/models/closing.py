"""A closed year of an association's books (bokslut).

Closing a year locks its books against further imports (budgets.accounts.importing refuses a
file that touches it) and keeps the closing equity, which becomes the next year's opening
balance and the opening the next budget is proposed from (budgets.opening). An admin may
reopen it with a reason; closing again reuses the row, so history shows every turn.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finsam.fields import amount_field, year_field
from finsam.models.association import Association
from finsam.models.audit import audited


class YearClosing(models.Model):
    """One association's year, closed (or closed once and reopened)."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="year_closings",
        verbose_name=_("förbund"),
    )
    year = year_field(_("år"))
    closed_on = models.DateField(_("stängt den"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stängt av"),
    )
    closing_equity = amount_field(_("utgående eget kapital"), null=True, blank=True)
    reopened_on = models.DateField(_("öppnat igen den"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("öppnat igen av"),
    )
    reopen_reason = models.TextField(_("skäl att öppna igen"), blank=True)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Ökas vid varje sparning; en inaktuell sparning nekas."),
    )

    tenant_path = "association"
    history = audited()

    class Meta:
        verbose_name = _("bokslut")
        verbose_name_plural = _("bokslut")
        ordering = ["association", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year"],
                name="%(app_label)s_%(class)s_one_per_year",
                violation_error_message=_("Förbundet har redan ett bokslut för året."),
            ),
            models.CheckConstraint(
                condition=Q(reopened_on__isnull=True) | ~Q(reopen_reason=""),
                name="%(app_label)s_%(class)s_reopen_has_reason",
                violation_error_message=_("Ett år som öppnas igen måste ha ett skäl."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association} {self.year}"

    @property
    def is_closed(self) -> bool:
        return self.reopened_on is None
