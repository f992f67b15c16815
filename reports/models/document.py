"""A report document and the sections staff write in it.

A report is one of the association's published documents: the operating plan (verksamhetsplan)
for a budget year, the interim report (delårsrapport) for a period of a year, or the annual
report (årsredovisning) for a calendar year, which the board signs, the auditors examine and the
members' councils grant discharge on. Its outline is an ordered list of sections. Each section
has a heading and a text written by staff, and may show one block of data drawn from the
application (the board table, the budget, the income statement...): the text belongs to the
document, the figures are computed each time from today's data until the board adopts the
document, when the PDF is frozen (`ReportAdoption`).
"""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budgets.models import BudgetColumn, BudgetDocument, Unit
from finsam.fields import amount_field, year_field
from finsam.models import Association
from finsam.models.audit import audited
from finsam.tenant_links import TenantOwned
from initiatives.models import Initiative
from members.models import StatePresentation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _auditors_report_path(instance: "Report", filename: str) -> str:
    return f"reports/{instance.association_id}/revisionsberattelse-{instance.pk}.pdf"


class ReportKind(models.TextChoices):
    VERKSAMHETSPLAN = "verksamhetsplan", _("Verksamhetsplan")
    DELARSRAPPORT = "delarsrapport", _("Delårsrapport")
    ARSREDOVISNING = "arsredovisning", _("Årsredovisning")


class RevenueTotal(models.TextChoices):
    ROW = "row", _("Som rad i tabellen")
    AFTER = "after", _("Under tabellen, per år")
    NONE = "none", _("Visas inte")


class Report(TenantOwned, models.Model):
    """A verksamhetsplan, delårsrapport or årsredovisning of an association, with its layout
    options."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="reports", verbose_name=_("förbund")
    )
    kind = models.CharField(_("slag"), max_length=20, choices=ReportKind.choices)
    year = year_field(_("år"))
    period_end = models.DateField(
        _("periodens slut"), null=True, blank=True, help_text=_("Delårsrapport: t.ex. 2014-08-31.")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    subtitle = models.CharField(_("underrubrik"), max_length=300, blank=True)
    diary_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    cover_text = models.TextField(
        _("text på omslaget"), blank=True, help_text=_("T.ex. visionen eller ett citat.")
    )
    budget = models.ForeignKey(
        BudgetDocument,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("budget"),
    )
    unit = models.CharField(
        _("belopp visas i"), max_length=3, choices=Unit.choices, default=Unit.KRONOR
    )
    costs_negative = models.BooleanField(_("kostnader visas med minustecken"), default=False)
    state_presentation = models.CharField(
        _("statens andel visas som"),
        max_length=10,
        choices=StatePresentation.choices,
        default=StatePresentation.ONE_LINE,
    )
    # How the budget table is laid out: the seeds print the same kind of budget differently
    # (Finnveden: no subtotals, a "Kostnader" heading, footnote markers in their own column;
    # Västra Mälardalen: no total of all costs and no result; Ale: the contributions as one
    # "Finansiell ram" row and the total budget stated under the table).
    budget_cost_heading = models.CharField(
        _("rubrik före kostnaderna"),
        max_length=100,
        blank=True,
        help_text=_("T.ex. ”Kostnader”. Tomt: ingen egen rubrik."),
    )
    budget_revenue_total = models.CharField(
        _("summa intäkter visas"),
        max_length=5,
        choices=RevenueTotal.choices,
        default=RevenueTotal.ROW,
    )
    budget_cost_total = models.BooleanField(_("visa summa kostnader"), default=True)
    budget_result = models.BooleanField(_("visa årets resultat"), default=True)
    budget_admin_share = models.BooleanField(
        _("visa administrationens andel av kostnaderna"), default=False
    )
    budget_footnote_column = models.BooleanField(
        _("fotnotsmarkeringar i egen kolumn"), default=False
    )
    budget_contributions_summed = models.BooleanField(
        _("medlemsbidragen som en rad"),
        default=False,
        help_text=_(
            "Ett avsnitt med bara medlemsbidrag visas som sin delsumma, t.ex. när bidragen "
            "redovisas i en egen tabell."
        ),
    )
    columns = models.ManyToManyField(
        BudgetColumn,
        blank=True,
        related_name="+",
        verbose_name=_("budgetkolumner"),
        help_text=_("Inga valda: budgetens alla kolumner."),
    )
    adoption_line = models.CharField(
        _("beslutsrad"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. ”Verksamhetsplanen fastställdes av styrelsen”; datumet läggs till."),
    )
    adopted_on = models.DateField(_("fastställd"), null=True, blank=True)
    signing_place = models.CharField(_("ort för underskrift"), max_length=100, blank=True)
    signing_date = models.DateField(_("datum för underskrift"), null=True, blank=True)
    # The auditors' report on an annual report, received as a PDF after the board signed:
    # attached, not part of what the board adopted (the frozen PDF stays as signed).
    auditors_report = models.FileField(
        _("revisionsberättelse"), upload_to=_auditors_report_path, blank=True
    )
    auditors_report_received = models.DateField(
        _("revisionsberättelsen mottagen"), null=True, blank=True
    )
    # The annual report's balanskravsutredning: what the books do not say (budgets.balanskrav).
    realised_gains = amount_field(
        _("realisationsvinster"),
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Årsredovisning: vinster vid försäljning av anläggningstillgångar, i kronor."),
    )
    balance_adjustments = amount_field(
        _("justeringar enligt balanskravet"),
        default=0,
        help_text=_(
            "Årsredovisning: tillägg (+) eller avdrag (-) som lagen tillåter, t.ex. "
            "orealiserade förluster i värdepapper eller resultatutjämningsreserv, i kronor."
        ),
    )
    earlier_deficit = amount_field(
        _("ej återställda underskott från tidigare år"),
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Årsredovisning: i kronor, som ett positivt belopp."),
    )
    exceptional_reasons = models.TextField(
        _("synnerliga skäl"),
        blank=True,
        help_text=_(
            "Årsredovisning: styrelsens synnerliga skäl för att inte återställa ett underskott."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    history = audited(m2m_fields=("columns",))

    tenant_path = "association"
    # Only the annual report has them: the form leaves them out of the others.
    ANNUAL_FIELDS = (
        "realised_gains",
        "balance_adjustments",
        "earlier_deficit",
        "exceptional_reasons",
    )
    # What staff edit (the cover, the layout options, the adoption line), in the form's order:
    # the one list for the form, the view that saves it and the demo loader.
    EDITABLE_FIELDS = (
        "title",
        "subtitle",
        "diary_number",
        "cover_text",
        "budget",
        "columns",
        "unit",
        "costs_negative",
        "state_presentation",
        "budget_cost_heading",
        "budget_revenue_total",
        "budget_cost_total",
        "budget_result",
        "budget_admin_share",
        "budget_footnote_column",
        "budget_contributions_summed",
        "adoption_line",
        "signing_place",
        "signing_date",
        *ANNUAL_FIELDS,
    )

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["-year", "kind", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "kind", "year"],
                condition=Q(period_end__isnull=True),
                name="%(app_label)s_%(class)s_one_plan_per_year",
                violation_error_message=_("Förbundet har redan en sådan rapport för året."),
            ),
            models.UniqueConstraint(
                fields=["association", "kind", "period_end"],
                condition=Q(period_end__isnull=False),
                name="%(app_label)s_%(class)s_one_per_period",
                violation_error_message=_("Förbundet har redan en sådan rapport för perioden."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=ReportKind.DELARSRAPPORT) | Q(period_end__isnull=False),
                name="%(app_label)s_%(class)s_interim_has_period",
                violation_error_message=_("En delårsrapport måste ha ett periodslut."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_interim(self) -> bool:
        return self.kind == ReportKind.DELARSRAPPORT

    @property
    def is_annual(self) -> bool:
        return self.kind == ReportKind.ARSREDOVISNING


def block_labels() -> "list[tuple[str, StrOrPromise]]":
    """The choices of a section's block: their labels show in its history."""
    # Imported here: the blocks read these models, so they load after them.
    from reports.blocks.registry import every_block_choice

    return every_block_choice()


class ReportSection(TenantOwned, models.Model):
    """A heading of a report, the text staff wrote under it, and the data block it shows."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="sections", verbose_name=_("rapport")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    level = models.PositiveSmallIntegerField(
        _("nivå"), default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    numbered = models.BooleanField(_("numrerad rubrik"), default=True)
    # Empty: the section continues the one before it (another table after a paragraph, as
    # the documents print them), without a heading of its own.
    heading = models.CharField(_("rubrik"), max_length=200, blank=True)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Stycken skiljs med tom rad; ”- ” ger en punktlista; *kursiv*, **fet**."),
    )
    block = models.CharField(
        _("uppgifter ur systemet"), max_length=40, blank=True, choices=block_labels
    )
    # The initiative a block about one initiative shows (its results tables, its goals).
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("insats"),
        help_text=_("För uppgifter om en insats: vilken insats."),
    )
    text_after = models.TextField(_("text efter uppgifterna"), blank=True)

    history = audited()

    tenant_path = "report__association"
    # What staff edit, in the form's order: the one list for the form, its view and the demo.
    EDITABLE_FIELDS = ("heading", "level", "numbered", "text", "block", "initiative", "text_after")

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "position"],
                name="%(app_label)s_%(class)s_one_per_position",
                violation_error_message=_("Rapporten har redan ett avsnitt på den platsen."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=3),
                name="%(app_label)s_%(class)s_level_1_3",
                violation_error_message=_("Rubriknivån måste vara 1, 2 eller 3."),
            ),
        ]

    def __str__(self) -> str:
        return self.heading or str(_("(fortsättning av avsnittet före)"))

    def clean(self) -> None:
        initiative = self.initiative
        if initiative is not None and initiative.association_id != self.report.association_id:
            raise ValidationError({"initiative": _("Insatsen hör inte till rapportens förbund.")})
