"""Goals at two levels and their outcomes.

The association's own goals (directions A, B, C with sub-goals, financial goals) have no
initiative; an initiative's goals point to it. An *inriktningsmål* (direction) is
qualitative; a *resultatmål* (result) may carry a measurable target: a metric (a share in
per cent or a count), a comparison (at least / at most), a value and what it applies to
("per kommun och år"). Outcomes are measured per period; their status is computed by
`initiatives.goal_status` and may be overridden with a comment, the computed one staying
visible beside it.
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from finsam.lib.shares import share_percent
from finsam.models import Association
from finsam.models.audit import audited
from finsam.saving import ConstraintsAtFields
from finsam.tenant_links import TenantOwned
from initiatives.goal_status import Comparison, GoalStatus, Metric, Target, status_of
from initiatives.models.initiative import Initiative
from initiatives.models.participants import ExitCategory


class GoalKind(models.TextChoices):
    DIRECTION = "direction", _("Inriktningsmål")
    RESULT = "result", _("Resultatmål")


class GoalLevel(models.TextChoices):
    INDIVIDUAL = "individual", _("Individnivå")
    COLLABORATION = "collaboration", _("Samverkansnivå")
    STRUCTURE = "structure", _("Strukturnivå")
    FINANCIAL = "financial", _("Finansiellt mål")


class PriorityTargetGroup(TenantOwned, models.Model):
    """A target group the association gives priority ("Unga personer ges högsta prioritet")."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="priority_groups",
        verbose_name=_("förbund"),
    )
    description = models.CharField(_("målgrupp"), max_length=300)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "association"
    history = audited()

    class Meta:
        verbose_name = _("prioriterad målgrupp")
        verbose_name_plural = _("prioriterade målgrupper")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.description


class Goal(TenantOwned, ConstraintsAtFields):
    """A goal of the association (no initiative) or of one initiative."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="goals", verbose_name=_("förbund")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("insats"),
        help_text=_("Tomt: förbundets eget mål."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("delmål till"),
    )
    code = models.CharField(
        _("beteckning"), max_length=10, blank=True, help_text=_("T.ex. A, B eller A1.")
    )
    text = models.TextField(_("mål"))
    kind = models.CharField(_("slag"), max_length=10, choices=GoalKind.choices)
    level = models.CharField(_("nivå"), max_length=13, choices=GoalLevel.choices)
    metric = models.CharField(_("mått"), max_length=5, choices=Metric.choices, blank=True)
    comparison = models.CharField(
        _("jämförelse"), max_length=8, choices=Comparison.choices, blank=True
    )
    # A plain decimal: a target is a count or a percentage, never an amount of money.
    target_value = models.DecimalField(
        _("målvärde"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    counted_exits = models.CharField(
        _("mäts på avslut som räknas som"),
        max_length=16,
        choices=ExitCategory.choices,
        blank=True,
        help_text=_(
            "För en andel: utfallet beräknas ur insatsens tabell över avslut (t.ex. andelen "
            "som gått till arbete eller studier) när den tabellen sparas."
        ),
    )
    target_per = models.CharField(
        _("gäller"),
        max_length=100,
        blank=True,
        help_text=_("T.ex. ”per år” eller ”per kommun och år”."),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    # Raised by every save of the goal or of its outcomes (finsam.versions): the goal page
    # shows both, so a form opened on it is stale after either.
    version = models.PositiveIntegerField(default=1, editable=False)

    # What staff edit about a goal: the one list the form and the service read.
    EDITABLE_FIELDS = (
        "code",
        "text",
        "kind",
        "level",
        "metric",
        "comparison",
        "target_value",
        "target_per",
        "counted_exits",
        "parent",
    )

    tenant_path = "association"
    history = audited()
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {
        "target_complete": "target_value",
        "exits_measure_a_share": "counted_exits",
        "share_at_most_100": "target_value",
    }

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(metric="") & Q(comparison="") & Q(target_value__isnull=True))
                | (
                    Q(kind="result")
                    & ~Q(metric="")
                    & ~Q(comparison="")
                    & Q(target_value__isnull=False)
                    & Q(target_value__gte=0)
                ),
                name="%(app_label)s_%(class)s_target_complete",
                violation_error_message=(
                    _(
                        "Ett mätbart mål anger mått, jämförelse och målvärde (noll eller mer); "
                        "ett inriktningsmål har inget målvärde."
                    )
                ),
            ),
            models.CheckConstraint(
                condition=Q(counted_exits="") | Q(metric="share"),
                name="%(app_label)s_%(class)s_exits_measure_a_share",
                violation_error_message=_(
                    "Ett mål som mäts på avslut ska vara en andel i procent."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(metric="share") | Q(target_value__lte=100),
                name="%(app_label)s_%(class)s_share_at_most_100",
                violation_error_message=_("En andel kan inte vara mer än 100 procent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}".strip()

    @property
    def target(self) -> Target | None:
        if not self.metric or self.target_value is None:  # both or neither (constraint)
            return None
        return Target(Metric(self.metric), Comparison(self.comparison), self.target_value)


class Outcome(TenantOwned, ConstraintsAtFields):
    """What was measured for a goal over a period, and how it stands against the target."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("mål")
    )
    period_start = models.DateField(_("period från"))
    period_end = models.DateField(_("period till och med"))
    interim = models.BooleanField(
        _("delårsvärde"),
        default=False,
        help_text=_("Målets period pågår fortfarande; ett antal som ännu inte nåtts kan nås."),
    )
    value = models.DecimalField(
        _("värde (antal)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    numerator = models.PositiveIntegerField(_("antal som nått målet"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("av totalt"), null=True, blank=True)
    override = models.CharField(
        _("bedömd status"),
        max_length=12,
        choices=GoalStatus.choices,
        blank=True,
        help_text=_("Tomt: den beräknade statusen gäller."),
    )
    comment = models.TextField(_("kommentar"), blank=True)

    tenant_path = "goal__association"
    history = audited()
    CONSTRAINT_FIELDS = {
        "period_ends_after_start": "period_end",
        "part_of_whole": "numerator",
        "override_explained": "comment",
    }

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        ordering = ["period_end", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="%(app_label)s_%(class)s_period_ends_after_start",
                violation_error_message=_("Perioden kan inte sluta före den börjar."),
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True)
                | Q(denominator__isnull=True)
                | Q(numerator__lte=F("denominator")),
                name="%(app_label)s_%(class)s_part_of_whole",
                violation_error_message=_(
                    "Antalet som nått målet kan inte vara större än totalen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(override="") | ~Q(comment=""),
                name="%(app_label)s_%(class)s_override_explained",
                violation_error_message=_(
                    "En bedömd status kräver en kommentar som förklarar den."
                ),
            ),
            models.UniqueConstraint(
                fields=["goal", "period_start", "period_end"],
                name="%(app_label)s_%(class)s_one_per_period",
                violation_error_message=_("Målet har redan ett utfall för den perioden."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.period_start}–{self.period_end}"

    @property
    def computed_status(self) -> GoalStatus:
        return status_of(
            self.goal.target,
            value=self.value,
            numerator=self.numerator,
            denominator=self.denominator,
            interim=self.interim,
        )

    @property
    def status(self) -> GoalStatus:
        return GoalStatus(self.override) if self.override else self.computed_status

    @property
    def share(self) -> Decimal | None:
        if self.numerator is None or self.denominator is None:
            return None
        return share_percent(self.numerator, self.denominator)
