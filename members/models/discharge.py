"""Discharge (ansvarsfrihet): each member's decision on the board's administration of a year.

Every member organisation decides in its own body (kommunfullmäktige, regionfullmäktige, the
authorities' management) whether to grant the board discharge for a closed year. One row per
association, year and member; the member must belong to the association (tenant_links).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.fields import year_field
from finsam.models import Association
from finsam.models.audit import audited
from finsam.tenant_links import TenantOwned
from members.models.association import Member


class DischargeDecision(models.TextChoices):
    GRANTED = "granted", _("Beviljad")
    REFUSED = "refused", _("Inte beviljad")


class Discharge(TenantOwned, models.Model):
    """One member's decision on discharge for one year."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="discharges", verbose_name=_("förbund")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="discharges", verbose_name=_("medlem")
    )
    year = year_field(_("år"))
    decision = models.CharField(_("beslut"), max_length=10, choices=DischargeDecision.choices)
    body = models.CharField(
        _("beslutande organ"), max_length=200, help_text=_("T.ex. Kommunfullmäktige i Värnamo.")
    )
    decided_on = models.DateField(_("beslutsdatum"))
    note = models.TextField(_("anteckning"), blank=True)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Ökas vid varje sparning; en inaktuell sparning nekas."),
    )

    tenant_path = "association"
    history = audited()

    class Meta:
        verbose_name = _("beslut om ansvarsfrihet")
        verbose_name_plural = _("beslut om ansvarsfrihet")
        ordering = ["-year", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "member"],
                name="%(app_label)s_%(class)s_one_per_member_year",
                violation_error_message=_("Medlemmen har redan ett beslut för året."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}: {self.get_decision_display()}"
