"""A budget document and its columns.

A budget document (budget i verksamhetsplanen) belongs to an association and a budget year.
Its columns are ordered and each has a kind and a year: from one column (Västra Mälardalen
2016) to five (last year's budget, last year's forecast, the new budget and two plan years).
A document is a draft until the board adopts it; an adopted document is read-only and a new
revision copies it into a draft that remembers its origin.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finsam.fields import year_field
from finsam.models import Association
from finsam.models.audit import audited
from finsam.saving import ConstraintsAtFields
from finsam.tenant_links import TenantOwned
from members.models import Meeting


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Fastställd av styrelsen")


class Unit(models.TextChoices):
    KRONOR = "kr", _("Hela kronor")
    THOUSANDS = "tkr", _("Tusental kronor (tkr)")


class BudgetDocument(TenantOwned, models.Model):
    """An association's budget for a year, with plan years, as adopted or drafted."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="budget_documents",
        verbose_name=_("förbund"),
    )
    year = year_field(_("budgetår"))
    title = models.CharField(_("rubrik"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("kopierad från"),
    )
    adopted_on = models.DateField(_("fastställd"), null=True, blank=True)
    adopted_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_budgets",
        verbose_name=_("styrelsemöte"),
    )
    diary_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    unit = models.CharField(
        _("belopp visas i"), max_length=3, choices=Unit.choices, default=Unit.KRONOR
    )
    costs_negative = models.BooleanField(_("kostnader visas med minustecken"), default=False)
    result_with_sign = models.BooleanField(
        _("visa plustecken före överskott"), default=False, help_text=_("Som ”+ 295”.")
    )
    counted_share = models.DecimalField(
        _("räknad andel av insatsernas beviljade belopp (%)"),
        max_digits=5,
        decimal_places=2,
        default=100,
        help_text=_("T.ex. 90: budgeten räknar med 90 % av varje insats beviljade maxbelopp."),
    )
    revenue_total_label = models.CharField(
        _("rubrik för summa intäkter"), max_length=100, default="Summa intäkter"
    )
    cost_total_label = models.CharField(
        _("rubrik för summa kostnader"), max_length=100, default="Summa kostnader"
    )
    result_label = models.CharField(_("rubrik för resultat"), max_length=100, default="Resultat")
    balance_explanation = models.TextField(
        _("förklaring till obalanserad budget"),
        blank=True,
        help_text=_("Krävs när kostnaderna ett år är större än årets intäkter."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
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
        verbose_name = _("budgetdokument")
        verbose_name_plural = _("budgetdokument")
        ordering = ["-year", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "revision"],
                name="%(app_label)s_%(class)s_one_revision_number",
                violation_error_message=(
                    _("Förbundet har redan en budget med det året och revisionen.")
                ),
            ),
            models.CheckConstraint(
                condition=Q(counted_share__gte=0) & Q(counted_share__lte=100),
                name="%(app_label)s_%(class)s_share_0_100",
                violation_error_message=_(
                    "Den räknade andelen måste ligga mellan 0 och 100 procent."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status=DocumentStatus.DRAFT) | Q(adopted_on__isnull=False),
                name="%(app_label)s_%(class)s_adopted_has_date",
                violation_error_message=_("En fastställd budget måste ha ett beslutsdatum."),
            ),
        ]

    def __str__(self) -> str:
        suffix = f" (revision {self.revision})" if self.revision > 1 else ""
        return f"{self.title}{suffix}"

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT


class ColumnKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    FORECAST = "forecast", _("Prognos")
    PLAN = "plan", _("Plan")
    OUTCOME = "outcome", _("Utfall")


class BudgetColumn(TenantOwned, ConstraintsAtFields):
    """One column of a budget document: a kind and a year, labelled as printed."""

    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="columns", verbose_name=_("budget")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    kind = models.CharField(_("slag"), max_length=10, choices=ColumnKind.choices)
    year = year_field(_("år"))
    label = models.CharField(
        _("rubrik"), max_length=60, help_text=_("Som den skrivs: ”Budget 2025”.")
    )

    tenant_path = "document__association"
    history = audited()
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {"one_per_kind_and_year": "year"}

    class Meta:
        verbose_name = _("kolumn")
        verbose_name_plural = _("kolumner")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind", "year"],
                name="%(app_label)s_%(class)s_one_per_kind_and_year",
                violation_error_message=_(
                    "Budgeten har redan en kolumn av det slaget för det året."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.label
