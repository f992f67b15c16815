"""The national table of equity ceiling steps (Nationella rådets rekommendation 2013-10-02).

Not per association: one table for the whole country, edited by a superuser in the back
office with history. The arithmetic lives in finsam.lib.equity_ceiling; the table is read by
budgets.equity_ceiling. See docs/equity-ceiling.md for the source and why it ships empty.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finsam.fields import amount_field
from finsam.lib.equity_ceiling import CeilingStep
from finsam.models.audit import audited


class EquityCeilingStep(models.Model):
    """One step: contributions from `lower` up to (not including) `upper` give a ceiling."""

    lower = amount_field(_("årets bidrag från (kr)"))
    upper = amount_field(
        _("årets bidrag upp till (kr)"),
        null=True,
        blank=True,
        help_text=_("Tomt: ingen övre gräns. Beloppet självt hör till nästa steg."),
    )
    share_percent = models.DecimalField(
        _("tak i procent av årets bidrag"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    fixed_amount = amount_field(_("tak som fast belopp (kr)"), null=True, blank=True)
    source = models.CharField(
        _("källa"), max_length=300, help_text=_("Dokument, datum och adress stegen är hämtade ur.")
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Ökas vid varje sparning; en inaktuell sparning nekas."),
    )

    history = audited()

    class Meta:
        verbose_name = _("steg för tak för eget kapital")
        verbose_name_plural = _("steg för tak för eget kapital")
        ordering = ["lower"]
        constraints = [
            models.CheckConstraint(
                condition=Q(upper__isnull=True) | Q(upper__gt=models.F("lower")),
                name="%(app_label)s_%(class)s_upper_above_lower",
                violation_error_message=_("Stegets övre gräns måste vara större än den nedre."),
            ),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=False) | Q(fixed_amount__isnull=False),
                name="%(app_label)s_%(class)s_has_ceiling",
                violation_error_message=_("Ange taket i procent, som fast belopp eller båda."),
            ),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True)
                | Q(share_percent__gte=0, share_percent__lte=1000),
                name="%(app_label)s_%(class)s_share_in_range",
                violation_error_message=_("Procentsatsen måste vara mellan 0 och 1000."),
            ),
            models.CheckConstraint(
                condition=Q(lower__gte=0),
                name="%(app_label)s_%(class)s_lower_not_negative",
                violation_error_message=_("Den nedre gränsen kan inte vara negativ."),
            ),
        ]

    def __str__(self) -> str:
        upper = "…" if self.upper is None else f"{self.upper:.0f}"
        return f"{self.lower:.0f}–{upper}"

    def as_step(self) -> CeilingStep:
        return CeilingStep(
            lower=Decimal(self.lower),
            upper=None if self.upper is None else Decimal(self.upper),
            share_percent=self.share_percent,
            fixed_amount=self.fixed_amount,
        )
