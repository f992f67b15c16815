"""Sections, lines, footnotes and the amounts of a budget document.

Sections come in order (revenue, operations, administration; names editable, more allowed).
A line is either a plain amount, a member contribution (its amount comes from that year's
funding unless overridden; several members can share one line), an initiative (the counted
share applies to it unless exempt) or the carried-forward line (balanserat resultat: the
closing result of the column before it in the chain, unless overridden). What is stored per
line and column is what people typed: for computed lines that is an override.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Round
from django.utils.translation import gettext_lazy as _

from budgets.calculation import COST_SECTION_KINDS
from budgets.models.document import BudgetColumn, BudgetDocument
from finsam.fields import amount_field
from finsam.models.audit import audited
from finsam.problems import Problems
from finsam.saving import ConstraintsAtFields
from finsam.tenant_links import TenantOwned
from members.models import Member


class SectionKind(models.TextChoices):
    REVENUE = "revenue", _("Intäkter")
    OPERATIONS = "operations", _("Verksamhet")
    ADMINISTRATION = "administration", _("Administration")
    OTHER_COST = "other_cost", _("Övriga kostnader")


# Said by the whole-kronor constraint below and by every place that checks a typed figure
# first (finsam.lib.numbers.is_whole_kronor).
WHOLE_KRONOR = _("Budgetbelopp anges i hela kronor.")

COST_KINDS = frozenset(SectionKind(kind) for kind in COST_SECTION_KINDS)


class BudgetSection(TenantOwned, models.Model):
    """A group of lines with a heading and, if wanted, a printed subtotal."""

    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="sections", verbose_name=_("budget")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    name = models.CharField(_("rubrik"), max_length=200, blank=True)
    kind = models.CharField(_("slag"), max_length=15, choices=SectionKind.choices)
    show_subtotal = models.BooleanField(_("visa delsumma"), default=True)
    subtotal_label = models.CharField(_("rubrik för delsumma"), max_length=200, blank=True)
    # Raised by every save a person's form makes (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "document__association"
    history = audited()

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    @property
    def is_cost(self) -> bool:
        return self.kind in COST_KINDS


class Footnote(TenantOwned, models.Model):
    """A footnote of a document, numbered per document and attached to lines."""

    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="footnotes", verbose_name=_("budget")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("text"))
    # Raised by every save a person's form makes (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "document__association"
    history = audited()

    class Meta:
        verbose_name = _("fotnot")
        verbose_name_plural = _("fotnoter")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="%(app_label)s_%(class)s_one_per_number",
                violation_error_message=_("Budgeten har redan en fotnot med det numret."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class LineKind(models.TextChoices):
    AMOUNT = "amount", _("Belopp")
    CONTRIBUTION = "contribution", _("Medlemsbidrag")
    INITIATIVE = "initiative", _("Insats")
    CARRIED_FORWARD = "carried_forward", _("Balanserat resultat (ingående balans)")


class ShareEntry(models.TextChoices):
    """How an initiative line's figures are typed where a share is counted (budget, plan)."""

    MAXIMUM = "maximum", _("Beviljat maxbelopp (räknad andel beräknas)")
    COUNTED = "counted", _("Räknat belopp (som planen skriver ut)")


class BudgetLine(TenantOwned, ConstraintsAtFields):
    """One line of a budget: a label, an order, footnotes and what its amounts come from."""

    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget")
    )
    section = models.ForeignKey(
        BudgetSection, on_delete=models.CASCADE, related_name="lines", verbose_name=_("avsnitt")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    label = models.CharField(_("text"), max_length=300)
    kind = models.CharField(
        _("slag"), max_length=16, choices=LineKind.choices, default=LineKind.AMOUNT
    )
    members = models.ManyToManyField(
        Member, blank=True, related_name="budget_lines", verbose_name=_("medlemmar")
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
        verbose_name=_("insats"),
    )
    exempt_from_share = models.BooleanField(
        _("undantagen från räknad andel"),
        default=False,
        help_text=_("Raden räknas med hela beloppet även när budgeten räknar en andel."),
    )
    share_entry = models.CharField(
        _("belopp anges som"),
        max_length=8,
        choices=ShareEntry.choices,
        default=ShareEntry.MAXIMUM,
        help_text=_("Gäller budget- och plankolumner när budgeten räknar en andel av insatserna."),
    )
    footnotes = models.ManyToManyField(
        Footnote, blank=True, related_name="lines", verbose_name=_("fotnoter")
    )
    # Raised by every save of what the line form shows (text, footnotes, links), not by a
    # move: its position is not in the form (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "document__association"
    history = audited(m2m_fields=("members", "footnotes"))
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {"one_carried_forward": "kind"}

    class Meta:
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(kind=LineKind.CARRIED_FORWARD),
                name="%(app_label)s_%(class)s_one_carried_forward",
                violation_error_message=_("Budgeten har redan en rad för balanserat resultat."),
            ),
            models.CheckConstraint(
                condition=Q(initiative__isnull=True) | Q(kind=LineKind.INITIATIVE),
                name="%(app_label)s_%(class)s_initiative_on_initiative_line",
                violation_error_message=_("Bara en insatsrad kan kopplas till en insats."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def names_members(self) -> bool:
        """A contribution line names the members whose contributions it sums."""
        return self.kind == LineKind.CONTRIBUTION

    @property
    def names_initiative(self) -> bool:
        """An initiative line names the initiative whose granted money it counts."""
        return self.kind == LineKind.INITIATIVE

    def clean(self) -> None:
        problems = Problems()  # both at once, each at its field
        if self.section_id and self.document_id and self.section.document_id != self.document_id:
            problems.add("section", _("Avsnittet hör till en annan budget."))
        if self.kind == LineKind.CARRIED_FORWARD and self.section_id and self.section.is_cost:
            problems.add("kind", _("Balanserat resultat hör hemma bland intäkterna."))
        problems.raise_any()


class BudgetAmount(TenantOwned, models.Model):
    """The amount typed for one line and column (for computed lines: an override).

    A plain DecimalField rather than MoneyField: the grid reads and writes hundreds of these
    at once and the currency is always SEK; whole kronor are enforced by a constraint.
    """

    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("rad")
    )
    column = models.ForeignKey(
        BudgetColumn, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("kolumn")
    )
    amount = amount_field(_("belopp (kr)"))
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
        verbose_name = _("belopp")
        verbose_name_plural = _("belopp")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "column"],
                name="%(app_label)s_%(class)s_one_per_line_and_column",
                violation_error_message=_("Raden har redan ett belopp i den kolumnen."),
            ),
            models.CheckConstraint(
                condition=Q(amount=Round("amount")),
                name="%(app_label)s_%(class)s_whole_kronor",
                violation_error_message=WHOLE_KRONOR,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} / {self.column}"
