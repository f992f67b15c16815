"""The rule that turns a target and a measured value into a goal status (no database).

- No measurable target, or nothing measured yet (no value, or a share of nobody): *ej mätbart
  än* (not yet measurable).
- A share is compared exactly, never as printed: 9 of 31 is 29.03 %, so it does not meet an
  at-least-30 % target, and 29.6 % printed as "30 %" would not either. A share describes the
  people counted so far and is judged as it stands, also on interim figures (Växjö's
  January–August report judges 9 of 31 against 30 %).
- A count on interim figures (the goal's period still running) that has not yet reached an
  at-least target, or is still within an at-most target, can still change: *ej mätbart än*.
  One that already fails an at-most target stays *ej uppfyllt*.
- *Delvis uppfyllt* (partly met) is never computed. It is a judgement for goals with several
  parts ("one representative each from public and private health centres") and is set as
  an override with a comment; the computed status stays visible beside it.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.lib.shares import exact_share


class Metric(models.TextChoices):
    SHARE = "share", _("Andel i procent")
    COUNT = "count", _("Antal")


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("minst")
    AT_MOST = "at_most", _("högst")


class GoalStatus(models.TextChoices):
    MET = "met", _("Uppfyllt")
    PARTLY_MET = "partly_met", _("Delvis uppfyllt")
    NOT_MET = "not_met", _("Ej uppfyllt")
    NOT_YET = "not_yet", _("Ej mätbart än")


@dataclass(frozen=True)
class Target:
    """A measurable target: e.g. share at least 30 (%), or count at least 2."""

    metric: Metric
    comparison: Comparison
    value: Decimal

    def describe(self) -> str:
        unit = f"{_plain(self.value)}\u00a0%" if self.metric == Metric.SHARE else _plain(self.value)
        return f"{self.comparison.label} {unit}"


def _plain(value: Decimal) -> str:
    text = str(int(value)) if value == value.to_integral() else format(value.normalize(), "f")
    return text.replace(".", ",")


def status_of(
    target: Target | None,
    *,
    value: Decimal | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    interim: bool = False,
) -> GoalStatus:
    """The computed status of one outcome against its goal's target."""
    if target is None:
        return GoalStatus.NOT_YET
    if target.metric == Metric.SHARE:
        share = None if numerator is None else exact_share(numerator, denominator or 0)
        if share is None:  # nothing measured, or a share of nobody
            return GoalStatus.NOT_YET
        return _judge(share, target, can_change=False)
    if value is None:
        return GoalStatus.NOT_YET
    return _judge(Fraction(value), target, can_change=interim)


def _judge(measured: Fraction, target: Target, *, can_change: bool) -> GoalStatus:
    goal = Fraction(target.value)
    if target.comparison == Comparison.AT_LEAST:
        if measured >= goal:
            return GoalStatus.MET
        return GoalStatus.NOT_YET if can_change else GoalStatus.NOT_MET
    if measured > goal:
        return GoalStatus.NOT_MET
    return GoalStatus.NOT_YET if can_change else GoalStatus.MET
