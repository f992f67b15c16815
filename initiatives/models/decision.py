"""Board decisions on an initiative's money: grant, extension, reduction, revocation.

The amount granted per year is never typed; `initiatives.grants` derives it from these rows.
A grant or an extension adds its amount over its period, a reduction takes its amount away
over its period, and a revocation cancels an earlier decision altogether (Växjö 2014: the
extension granted on 22 May was revoked on 9 June).
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from finsam.fields import sek_field
from finsam.lib.numbers import printed_with_sign
from finsam.models.audit import audited
from finsam.saving import ConstraintsAtFields
from finsam.tenant_links import TenantOwned
from initiatives.models.initiative import Initiative
from members.models import Meeting


class DecisionKind(models.TextChoices):
    GRANT = "grant", _("Beviljande")
    EXTENSION = "extension", _("Förlängning")
    REDUCTION = "reduction", _("Minskning")
    REVOCATION = "revocation", _("Upphävande")


class Decision(TenantOwned, ConstraintsAtFields):
    """A board decision about an initiative's money, and the period the money covers."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("insats")
    )
    decided_on = models.DateField(
        _("beslutsdatum"),
        null=True,
        blank=True,
        help_text=_("Tomt bara för historiska beslut vars datum dokumenten inte anger."),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative_decisions",
        verbose_name=_("styrelsemöte"),
    )
    kind = models.CharField(_("slag"), max_length=10, choices=DecisionKind.choices)
    amount = sek_field(_("belopp"), null=True, blank=True)
    period_start = models.DateField(_("medlen avser från"), null=True, blank=True)
    period_end = models.DateField(_("medlen avser till och med"), null=True, blank=True)
    revokes = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,  # a revoked decision stays while its revocation does
        null=True,
        blank=True,
        related_name="revoked_by",
        verbose_name=_("upphäver beslutet"),
    )
    text = models.TextField(_("beslutstext"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )

    tenant_path = "initiative__association"
    history = audited()
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {"period_ends_after_start": "period_end"}
    # django-money swaps the manager for a subclass it makes at run time (for lookups by
    # Money), which mypy cannot see: typed as the manager it extends.
    objects: ClassVar[models.Manager["Decision"]]
    _default_manager: ClassVar[models.Manager["Decision"]]

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = [F("decided_on").asc(nulls_first=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="revocation") & Q(amount__isnull=True) & Q(revokes__isnull=False))
                | (
                    ~Q(kind="revocation")
                    & Q(amount__isnull=False)
                    & Q(amount__gt=0)
                    & Q(period_start__isnull=False)
                    & Q(period_end__isnull=False)
                    & Q(revokes__isnull=True)
                ),
                name="%(app_label)s_%(class)s_amount_fits_kind",
                violation_error_message=(
                    _(
                        "Ett upphävande anger vilket beslut det upphäver och inget belopp; övriga "
                        "beslut anger ett belopp över noll och vilken period medlen avser."
                    )
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="%(app_label)s_%(class)s_period_ends_after_start",
                violation_error_message=_("Perioden kan inte sluta före den börjar."),
            ),
        ]

    def __str__(self) -> str:
        when = self.decided_on.isoformat() if self.decided_on else "odaterat"
        return f"{self.get_kind_display()} {when}: {self.initiative}"

    @property
    def is_revoked(self) -> bool:
        return hasattr(self, "revoked_by")

    @property
    def sign(self) -> int:
        """+1 for money added, -1 for a reduction, 0 for a revocation (it cancels instead)."""
        signs: dict[str, int] = {DecisionKind.REDUCTION: -1, DecisionKind.REVOCATION: 0}
        return signs.get(self.kind, 1)

    @property
    def printed_amount(self) -> str:
        """The amount as the decisions table prints it: a reduction with a minus sign, no
        amount (a revocation) blank."""
        if self.amount is None:
            return ""
        return printed_with_sign(self.amount.amount, negative=self.sign < 0)
