"""The chart of accounts and the balances imported from the books."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budgets.accounts.lines import StatementLine
from finsam.models import Association, ImportBatch
from finsam.models.audit import audited

AMOUNT: dict[str, Any] = {"max_digits": 16, "decimal_places": 2}  # kronor and öre, as booked


class Account(models.Model):
    """An account of the association's chart, mapped to a statement line (and a note row)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="accounts")
    number = models.CharField(_("konto"), max_length=10)
    name = models.CharField(_("benämning"), max_length=200)
    line = models.CharField(
        _("rad i resultat- eller balansräkningen"), max_length=20, choices=StatementLine.choices
    )
    note_label = models.CharField(
        _("rad i noten"),
        max_length=200,
        blank=True,
        help_text=_("Tomt: kontot redovisas inte i en not."),
    )
    budget_line = models.ForeignKey(
        "budgets.BudgetLine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accounts",
        verbose_name=_("budgetrad"),
        help_text=_("Budgetraden vars utfall kontot ingår i."),
    )

    tenant_path = "association"
    history = audited()

    class Meta:
        app_label = "budgets"
        verbose_name = _("konto")
        verbose_name_plural = _("kontoplan")
        ordering = ["association", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "number"],
                name="%(app_label)s_%(class)s_one_per_number",
                violation_error_message=_("Kontot finns redan i förbundets kontoplan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class BalanceKind(models.TextChoices):
    OPENING = "opening", _("Ingående balans")
    CLOSING = "closing", _("Utgående balans")
    RESULT = "result", _("Årets resultat")


class BookedAmount(models.Model):
    """An amount of one account in one year, as the import that brought it in booked it."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.DecimalField(_("belopp"), **AMOUNT)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.RESTRICT, related_name="+", verbose_name=_("import")
    )

    tenant_path = "association"

    class Meta:
        abstract = True


class YearBalance(BookedAmount):
    """An account's opening or closing balance, or its full-year result, as booked."""

    kind = models.CharField(_("slag"), max_length=10, choices=BalanceKind.choices)

    class Meta:
        app_label = "budgets"
        verbose_name = _("årssaldo")
        verbose_name_plural = _("årssaldon")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "year", "kind"],
                name="%(app_label)s_%(class)s_one_per_kind",
                violation_error_message=_("Kontot har redan ett sådant saldo det året."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.year} {self.get_kind_display()}: {self.amount}"


class MonthMovement(BookedAmount):
    """What was booked on an account during one month (the sum of its voucher rows)."""

    month = models.PositiveSmallIntegerField(_("månad"))

    class Meta:
        app_label = "budgets"
        verbose_name = _("månadsrörelse")
        verbose_name_plural = _("månadsrörelser")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "year", "month"],
                name="%(app_label)s_%(class)s_one_per_month",
                violation_error_message=_("Kontot har redan en rörelse den månaden."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12),
                name="%(app_label)s_%(class)s_month_1_12",
                violation_error_message=_("Månaden måste vara 1–12."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.year}-{self.month:02d}: {self.amount}"


class Voucher(models.Model):
    """A voucher the books hold (series and number once a year), with its amount per account.

    Its rows are already in the month movements; the voucher is kept so a later voucher-only
    file (SIE 4I) can be told which numbers are taken, and so exactly those vouchers can be
    replaced (their amounts taken out of the months again).
    """

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    series = models.CharField(_("serie"), max_length=20, blank=True)
    number = models.CharField(_("nummer"), max_length=20)
    date = models.DateField(_("datum"))
    amounts = models.JSONField(_("belopp per konto"), default=dict)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.RESTRICT, related_name="+", verbose_name=_("import")
    )

    tenant_path = "association"

    class Meta:
        app_label = "budgets"
        verbose_name = _("verifikation")
        verbose_name_plural = _("verifikationer")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "series", "number"],
                name="%(app_label)s_%(class)s_one_per_number",
                violation_error_message=_("Verifikationen finns redan det året."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.number} {self.date}"
