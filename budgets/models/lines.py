"""Sections, lines, footnotes and the amounts of a budget document.

Sections come in order (revenue, operations, administration; names editable, more allowed).
A line is either a plain amount, a member contribution (its amount comes from that year's
funding unless overridden; several members can share one line), an initiative (the counted
share applies to it unless exempt) or the carried-forward line (balanserat resultat: the
closing result of the column before it in the chain, unless overridden). What is stored per
line and column is what people typed: for computed lines that is an override.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Round

from budgets.calculation import COST_SECTION_KINDS
from budgets.models.document import BudgetColumn, BudgetDocument
from finsam.fields import amount_field
from finsam.models.audit import audited
from members.models import Member


class SectionKind(models.TextChoices):
    REVENUE = "revenue", "Intäkter"
    OPERATIONS = "operations", "Verksamhet"
    ADMINISTRATION = "administration", "Administration"
    OTHER_COST = "other_cost", "Övriga kostnader"


# Said by the whole-kronor constraint below and by every place that checks a typed figure
# first (finsam.lib.numbers.is_whole_kronor).
WHOLE_KRONOR = "Budgetbelopp anges i hela kronor."

COST_KINDS = frozenset(SectionKind(kind) for kind in COST_SECTION_KINDS)


class BudgetSection(models.Model):
    """A group of lines with a heading and, if wanted, a printed subtotal."""

    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="sections", verbose_name="budget"
    )
    order = models.PositiveSmallIntegerField("ordning", default=0)
    name = models.CharField("rubrik", max_length=200, blank=True)
    kind = models.CharField("slag", max_length=15, choices=SectionKind.choices)
    show_subtotal = models.BooleanField("visa delsumma", default=True)
    subtotal_label = models.CharField("rubrik för delsumma", max_length=200, blank=True)
    # Raised by every save a person's form makes (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "document__association"
    history = audited()

    class Meta:
        verbose_name = "avsnitt"
        verbose_name_plural = "avsnitt"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    @property
    def is_cost(self) -> bool:
        return self.kind in COST_KINDS


class Footnote(models.Model):
    """A footnote of a document, numbered per document and attached to lines."""

    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="footnotes", verbose_name="budget"
    )
    number = models.PositiveSmallIntegerField("nummer")
    text = models.TextField("text")
    # Raised by every save a person's form makes (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "document__association"
    history = audited()

    class Meta:
        verbose_name = "fotnot"
        verbose_name_plural = "fotnoter"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="%(app_label)s_%(class)s_one_per_number",
                violation_error_message="Budgeten har redan en fotnot med det numret.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class LineKind(models.TextChoices):
    AMOUNT = "amount", "Belopp"
    CONTRIBUTION = "contribution", "Medlemsbidrag"
    INITIATIVE = "initiative", "Insats"
    CARRIED_FORWARD = "carried_forward", "Balanserat resultat (ingående balans)"


class ShareEntry(models.TextChoices):
    """How an initiative line's figures are typed where a share is counted (budget, plan)."""

    MAXIMUM = "maximum", "Beviljat maxbelopp (räknad andel beräknas)"
    COUNTED = "counted", "Räknat belopp (som planen skriver ut)"


class BudgetLine(models.Model):
    """One line of a budget: a label, an order, footnotes and what its amounts come from."""

    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="lines", verbose_name="budget"
    )
    section = models.ForeignKey(
        BudgetSection, on_delete=models.CASCADE, related_name="lines", verbose_name="avsnitt"
    )
    order = models.PositiveSmallIntegerField("ordning", default=0)
    label = models.CharField("text", max_length=300)
    kind = models.CharField(
        "slag", max_length=16, choices=LineKind.choices, default=LineKind.AMOUNT
    )
    members = models.ManyToManyField(
        Member, blank=True, related_name="budget_lines", verbose_name="medlemmar"
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
        verbose_name="insats",
    )
    exempt_from_share = models.BooleanField(
        "undantagen från räknad andel",
        default=False,
        help_text="Raden räknas med hela beloppet även när budgeten räknar en andel.",
    )
    share_entry = models.CharField(
        "belopp anges som",
        max_length=8,
        choices=ShareEntry.choices,
        default=ShareEntry.MAXIMUM,
        help_text="Gäller budget- och plankolumner när budgeten räknar en andel av insatserna.",
    )
    footnotes = models.ManyToManyField(
        Footnote, blank=True, related_name="lines", verbose_name="fotnoter"
    )
    # Raised by every save of what the line form shows (text, footnotes, links), not by a
    # move: its position is not in the form (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "document__association"
    history = audited(m2m_fields=("members", "footnotes"))

    class Meta:
        verbose_name = "budgetrad"
        verbose_name_plural = "budgetrader"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(kind=LineKind.CARRIED_FORWARD),
                name="%(app_label)s_%(class)s_one_carried_forward",
                violation_error_message="Budgeten har redan en rad för balanserat resultat.",
            ),
            models.CheckConstraint(
                condition=Q(initiative__isnull=True) | Q(kind=LineKind.INITIATIVE),
                name="%(app_label)s_%(class)s_initiative_on_initiative_line",
                violation_error_message="Bara en insatsrad kan kopplas till en insats.",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.section_id and self.document_id and self.section.document_id != self.document_id:
            raise ValidationError({"section": "Avsnittet hör till en annan budget."})
        if self.kind == LineKind.CARRIED_FORWARD and self.section_id and self.section.is_cost:
            raise ValidationError({"kind": "Balanserat resultat hör hemma bland intäkterna."})


class BudgetAmount(models.Model):
    """The amount typed for one line and column (for computed lines: an override).

    A plain DecimalField rather than MoneyField: the grid reads and writes hundreds of these
    at once and the currency is always SEK; whole kronor are enforced by a constraint.
    """

    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="amounts", verbose_name="rad"
    )
    column = models.ForeignKey(
        BudgetColumn, on_delete=models.CASCADE, related_name="amounts", verbose_name="kolumn"
    )
    amount = amount_field("belopp (kr)")
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
        verbose_name = "belopp"
        verbose_name_plural = "belopp"
        constraints = [
            models.UniqueConstraint(
                fields=["line", "column"],
                name="%(app_label)s_%(class)s_one_per_line_and_column",
                violation_error_message="Raden har redan ett belopp i den kolumnen.",
            ),
            models.CheckConstraint(
                condition=Q(amount=Round("amount")),
                name="%(app_label)s_%(class)s_whole_kronor",
                violation_error_message=WHOLE_KRONOR,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} / {self.column}"
