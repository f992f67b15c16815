"""Statutory funding per year: the state's grant and what region and municipalities pay.

The state (Försäkringskassan, also paying for Arbetsförmedlingen) pays half of each year's new
money and only matches what the others pay: the region pays half the state's grant and the
municipalities together the other half, split by the association's distribution key.
What is stored here is only what people decide (the grant, the key, agreed amounts); the
contributions themselves are computed by `members.funding`.
"""

from datetime import date
from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finsam.fields import sek_field, year_field
from finsam.models import Association
from finsam.models.audit import audited
from finsam.saving import ConstraintsAtFields
from finsam.tenant_links import TenantOwned
from members.models.association import Member


class DistributionKey(models.TextChoices):
    POPULATION = "population", _("Invånarantal 1 november året före")
    FIXED = "fixed", _("Fasta överenskomna andelar")
    EQUAL = "equal", _("Lika delar")


class StatePresentation(models.TextChoices):
    ONE_LINE = "one_line", _("En rad: Staten genom Försäkringskassan")
    TWO_LINES = "two_lines", _("Två rader: Försäkringskassan och Arbetsförmedlingen, 25 % vardera")


class RoundingStep(models.IntegerChoices):
    KRONA = 1, _("hela kronor")
    TEN = 10, _("tiotal kronor")
    HUNDRED = 100, _("hundratal kronor")
    THOUSAND = 1000, _("tusental kronor")


class FundingYear(TenantOwned, ConstraintsAtFields):
    """One budget year's funding decision for an association."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="funding_years",
        verbose_name=_("förbund"),
    )
    year = year_field(_("år"))
    state_requested = sek_field(_("äskat från staten"), null=True, blank=True)
    state_granted = sek_field(
        _("beviljat av staten"),
        null=True,
        blank=True,
        help_text=_("Tomt: inget besked ännu; bidragen beräknas då preliminärt på det äskade."),
    )
    distribution_key = models.CharField(
        _("fördelningsnyckel mellan kommunerna"),
        max_length=12,
        choices=DistributionKey.choices,
        default=DistributionKey.POPULATION,
    )
    rounding_step = models.PositiveIntegerField(
        _("avrundning"), choices=RoundingStep.choices, default=RoundingStep.HUNDRED
    )
    state_presentation = models.CharField(
        _("statens andel visas som"),
        max_length=10,
        choices=StatePresentation.choices,
        default=StatePresentation.ONE_LINE,
    )
    note = models.TextField(_("kommentar"), blank=True)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Ökas vid varje sparning; en inaktuell sparning nekas."),
    )

    # The year's decision as staff edit it (agreed amounts and fixed shares are rows of
    # their own): the one list the form, the service and the demo loader read.
    EDITABLE_FIELDS = (
        "state_requested",
        "state_granted",
        "distribution_key",
        "rounding_step",
        "state_presentation",
        "note",
    )

    tenant_path = "association"
    history = audited()
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {
        "granted_not_negative": "state_granted",
        "requested_not_negative": "state_requested",
    }
    # django-money swaps the manager for a subclass it makes at run time (for lookups by
    # Money), which mypy cannot see: typed as the manager it extends.
    objects: ClassVar[models.Manager["FundingYear"]]
    _default_manager: ClassVar[models.Manager["FundingYear"]]

    class Meta:
        verbose_name = _("finansieringsår")
        verbose_name_plural = _("finansieringsår")
        ordering = ["association", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year"],
                name="%(app_label)s_%(class)s_one_per_year",
                violation_error_message=_("Förbundet har redan ett finansieringsår för det året."),
            ),
            models.CheckConstraint(
                condition=Q(state_granted__isnull=True) | Q(state_granted__gte=0),
                name="%(app_label)s_%(class)s_granted_not_negative",
                violation_error_message=_("Statens bidrag kan inte vara negativt."),
            ),
            models.CheckConstraint(
                condition=Q(state_requested__isnull=True) | Q(state_requested__gte=0),
                name="%(app_label)s_%(class)s_requested_not_negative",
                violation_error_message=_("Det äskade beloppet kan inte vara negativt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association} {self.year}"

    @property
    def state_basis(self) -> Decimal | None:
        """The state's money the contributions are computed from: granted, else requested."""
        money = self.state_granted if self.state_granted is not None else self.state_requested
        return None if money is None else money.amount

    @property
    def key_date(self) -> date:
        """The day the population key is read: 1 November of the year before."""
        return date(self.year - 1, 11, 1)

    @property
    def key_in_percent(self) -> bool:
        """Whether a member's key figure is an agreed percentage (else inhabitants, or equal
        parts with no figure)."""
        return self.distribution_key == DistributionKey.FIXED

    @property
    def is_preliminary(self) -> bool:
        return self.state_granted is None


class FixedKeyShare(TenantOwned, models.Model):
    """A municipality's agreed percentage of the municipal half (fixed distribution key)."""

    funding_year = models.ForeignKey(
        FundingYear, on_delete=models.CASCADE, related_name="fixed_shares"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, verbose_name=_("kommun"))
    percent = models.DecimalField(_("andel i procent"), max_digits=7, decimal_places=4)

    tenant_path = "funding_year__association"
    history = audited()

    class Meta:
        verbose_name = _("fast andel")
        verbose_name_plural = _("fasta andelar")
        constraints = [
            models.UniqueConstraint(
                fields=["funding_year", "member"],
                name="%(app_label)s_%(class)s_one_per_member",
                violation_error_message=_("Kommunen har redan en andel det året."),
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="%(app_label)s_%(class)s_percent_0_100",
                violation_error_message=_("En andel måste ligga mellan 0 och 100 procent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.percent} %"


class AgreedContribution(TenantOwned, models.Model):
    """An amount agreed with a member, overriding the computed proposal for that year."""

    funding_year = models.ForeignKey(
        FundingYear, on_delete=models.CASCADE, related_name="agreed_contributions"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, verbose_name=_("medlem"))
    amount = sek_field(_("överenskommet belopp"))
    comment = models.CharField(_("kommentar"), max_length=200, blank=True)

    tenant_path = "funding_year__association"
    history = audited()
    # django-money swaps the manager for a subclass it makes at run time (for lookups by
    # Money), which mypy cannot see: typed as the manager it extends.
    objects: ClassVar[models.Manager["AgreedContribution"]]
    _default_manager: ClassVar[models.Manager["AgreedContribution"]]

    class Meta:
        verbose_name = _("överenskommet bidrag")
        verbose_name_plural = _("överenskomna bidrag")
        constraints = [
            models.UniqueConstraint(
                fields=["funding_year", "member"],
                name="%(app_label)s_%(class)s_one_per_member",
                violation_error_message=_("Medlemmen har redan ett överenskommet belopp det året."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="%(app_label)s_%(class)s_not_negative",
                violation_error_message=_("Ett bidrag kan inte vara negativt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.amount}"


class PopulationFigure(TenantOwned, models.Model):
    """A municipality's number of inhabitants on a date (the key uses 1 November)."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="population_figures"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, verbose_name=_("kommun"))
    date = models.DateField(_("datum"))
    population = models.PositiveIntegerField(_("invånare"))
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Ökas vid varje sparning; en inaktuell sparning nekas."),
    )

    tenant_path = "association"
    history = audited()

    class Meta:
        verbose_name = _("invånarantal")
        verbose_name_plural = _("invånarantal")
        ordering = ["date", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "member", "date"],
                name="%(app_label)s_%(class)s_one_per_date",
                violation_error_message=_("Kommunen har redan ett invånarantal det datumet."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.date}: {self.population}"
