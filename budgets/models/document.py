"""A budget document and its columns.

A budget document (budget i verksamhetsplanen) belongs to an association and a budget year.
Its columns are ordered and each has a kind and a year: from one column (Västra Mälardalen
2016) to five (last year's budget, last year's forecast, the new budget and two plan years).
A document is a draft until the board adopts it; an adopted document is read-only and a new
revision copies it into a draft that remembers its origin.
"""

from django.db import models
from django.db.models import Q

from finsam.fields import year_field
from finsam.models import Association
from finsam.models.audit import audited
from members.models import Meeting


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "Utkast"
    ADOPTED = "adopted", "Fastställd av styrelsen"


class Unit(models.TextChoices):
    KRONOR = "kr", "Hela kronor"
    THOUSANDS = "tkr", "Tusental kronor (tkr)"


class BudgetDocument(models.Model):
    """An association's budget for a year, with plan years, as adopted or drafted."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="budget_documents",
        verbose_name="förbund",
    )
    year = year_field("budgetår")
    title = models.CharField("rubrik", max_length=200)
    status = models.CharField(
        "status", max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    revision = models.PositiveSmallIntegerField("revision", default=1)
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name="kopierad från",
    )
    adopted_on = models.DateField("fastställd", null=True, blank=True)
    adopted_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_budgets",
        verbose_name="styrelsemöte",
    )
    diary_number = models.CharField("diarienummer", max_length=40, blank=True)
    unit = models.CharField(
        "belopp visas i", max_length=3, choices=Unit.choices, default=Unit.KRONOR
    )
    costs_negative = models.BooleanField("kostnader visas med minustecken", default=False)
    result_with_sign = models.BooleanField(
        "visa plustecken före överskott", default=False, help_text="Som ”+ 295”."
    )
    counted_share = models.DecimalField(
        "räknad andel av insatsernas beviljade belopp (%)",
        max_digits=5,
        decimal_places=2,
        default=100,
        help_text="T.ex. 90: budgeten räknar med 90 % av varje insats beviljade maxbelopp.",
    )
    revenue_total_label = models.CharField(
        "rubrik för summa intäkter", max_length=100, default="Summa intäkter"
    )
    cost_total_label = models.CharField(
        "rubrik för summa kostnader", max_length=100, default="Summa kostnader"
    )
    result_label = models.CharField("rubrik för resultat", max_length=100, default="Resultat")
    balance_explanation = models.TextField(
        "förklaring till obalanserad budget",
        blank=True,
        help_text="Krävs när kostnaderna ett år är större än årets intäkter.",
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    # Raised by every change of the settings (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    # The settings staff edit on a draft: the one list the settings form, document_update,
    # its stale check and the demo loader read.
    SETTING_FIELDS = (
        "title",
        "unit",
        "costs_negative",
        "counted_share",
        "revenue_total_label",
        "cost_total_label",
        "result_label",
        "result_with_sign",
        "balance_explanation",
    )

    tenant_path = "association"
    history = audited()

    class Meta:
        verbose_name = "budgetdokument"
        verbose_name_plural = "budgetdokument"
        ordering = ["-year", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "revision"],
                name="%(app_label)s_%(class)s_one_revision_number",
                violation_error_message=(
                    "Förbundet har redan en budget med det året och revisionen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(counted_share__gte=0) & Q(counted_share__lte=100),
                name="%(app_label)s_%(class)s_share_0_100",
                violation_error_message="Den räknade andelen måste ligga mellan 0 och 100 procent.",
            ),
            models.CheckConstraint(
                condition=Q(status=DocumentStatus.DRAFT) | Q(adopted_on__isnull=False),
                name="%(app_label)s_%(class)s_adopted_has_date",
                violation_error_message="En fastställd budget måste ha ett beslutsdatum.",
            ),
        ]

    def __str__(self) -> str:
        suffix = f" (revision {self.revision})" if self.revision > 1 else ""
        return f"{self.title}{suffix}"

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT


class ColumnKind(models.TextChoices):
    BUDGET = "budget", "Budget"
    FORECAST = "forecast", "Prognos"
    PLAN = "plan", "Plan"
    OUTCOME = "outcome", "Utfall"


class BudgetColumn(models.Model):
    """One column of a budget document: a kind and a year, labelled as printed."""

    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="columns", verbose_name="budget"
    )
    order = models.PositiveSmallIntegerField("ordning", default=0)
    kind = models.CharField("slag", max_length=10, choices=ColumnKind.choices)
    year = year_field("år")
    label = models.CharField("rubrik", max_length=60, help_text="Som den skrivs: ”Budget 2025”.")

    tenant_path = "document__association"
    history = audited()

    class Meta:
        verbose_name = "kolumn"
        verbose_name_plural = "kolumner"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind", "year"],
                name="%(app_label)s_%(class)s_one_per_kind_and_year",
                violation_error_message="Budgeten har redan en kolumn av det slaget för det året.",
            )
        ]

    def __str__(self) -> str:
        return self.label
