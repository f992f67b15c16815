"""Initiatives (insatser, projekt) funded by an association, and their life.

An initiative goes application -> granted -> running -> ended, and is then either carried on
by the members in their ordinary operations or closed (an application can also be turned
down: closed). The status only changes through `initiatives.services.initiative_set_status`,
which writes a `StatusChange` naming the date and who did it.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finsam.models import Association
from finsam.models.audit import audited
from finsam.saving import ConstraintsAtFields
from finsam.tenant_links import TenantOwned
from members.models import Member

MAX_USUAL_YEARS = 3  # the associations' own rule: initiatives normally run three years at most


class InitiativeKind(models.TextChoices):
    """How the national follow-up system (SUS) classes an initiative."""

    INDIVIDUAL = "individual", _("Individinriktad")
    STRUCTURAL = "structural", _("Strukturinriktad")


class InitiativeStatus(models.TextChoices):
    APPLICATION = "application", _("Ansökan")
    GRANTED = "granted", _("Beviljad")
    RUNNING = "running", _("Pågående")
    ENDED = "ended", _("Avslutad")
    CARRIED_ON = "carried_on", _("Implementerad i ordinarie verksamhet")
    CLOSED = "closed", _("Stängd")


# Which status may follow which: a life only moves forward.
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    InitiativeStatus.APPLICATION: (InitiativeStatus.GRANTED, InitiativeStatus.CLOSED),
    InitiativeStatus.GRANTED: (InitiativeStatus.RUNNING, InitiativeStatus.CLOSED),
    InitiativeStatus.RUNNING: (InitiativeStatus.ENDED,),
    InitiativeStatus.ENDED: (InitiativeStatus.CARRIED_ON, InitiativeStatus.CLOSED),
    InitiativeStatus.CARRIED_ON: (),
    InitiativeStatus.CLOSED: (),
}


class Initiative(TenantOwned, ConstraintsAtFields):
    """An initiative (insats or projekt) the association funds, with at least two members."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("förbund")
    )
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    target_group = models.TextField(_("målgrupp"), blank=True)
    age_from = models.PositiveSmallIntegerField(_("ålder från"), null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(_("ålder till"), null=True, blank=True)
    owner = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_initiatives",
        verbose_name=_("projektägare"),
    )
    members = models.ManyToManyField(
        Member, related_name="initiatives", verbose_name=_("deltagande medlemmar"), blank=True
    )
    start = models.DateField(_("startar"), null=True, blank=True)
    end = models.DateField(_("slutar"), null=True, blank=True)
    staffing = models.CharField(_("bemanning"), max_length=300, blank=True)
    evaluation_plan = models.TextField(_("utvärderingsplan"), blank=True)
    kind = models.CharField(
        _("slag"), max_length=12, choices=InitiativeKind.choices, default=InitiativeKind.INDIVIDUAL
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.APPLICATION,
        editable=False,  # only initiative_set_status changes it, with a StatusChange row
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    # What staff edit about an initiative besides its members (the status changes through
    # initiative_set_status): the one list the form, the service and the demo loader read.
    EDITABLE_FIELDS = (
        "name",
        "kind",
        "owner",
        "start",
        "end",
        "description",
        "target_group",
        "age_from",
        "age_to",
        "staffing",
        "evaluation_plan",
    )

    tenant_path = "association"
    history = audited(m2m_fields=("members",))
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {"ends_after_start": "end", "age_range": "age_to"}

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("Insatsen kan inte sluta före den startar."),
            ),
            models.CheckConstraint(
                condition=Q(age_from__isnull=True)
                | Q(age_to__isnull=True)
                | Q(age_to__gte=F("age_from")),
                name="%(app_label)s_%(class)s_age_range",
                violation_error_message=(
                    _("Målgruppens övre åldersgräns kan inte vara lägre än den undre.")
                ),
            ),
            models.UniqueConstraint(
                fields=["association", "name"],
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_("Förbundet har redan en insats med det namnet."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_structural(self) -> bool:
        """Aimed at structures rather than individuals, as SUS classes it."""
        return self.kind == InitiativeKind.STRUCTURAL

    @property
    def age_range(self) -> str:
        if self.age_from is None and self.age_to is None:
            return ""
        return gettext("%(from)s–%(to)s år") % {
            "from": self.age_from or "",
            "to": self.age_to or "",
        }

    @property
    def longer_than_usual(self) -> bool:
        """True when the period runs beyond three years (allowed, but shown as a warning)."""
        if self.start is None or self.end is None:
            return False
        try:
            limit = self.start.replace(year=self.start.year + MAX_USUAL_YEARS)
        except ValueError:  # 29 February
            limit = date(self.start.year + MAX_USUAL_YEARS, 3, 1)
        return self.end >= limit

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        return [(s, str(InitiativeStatus(s).label)) for s in NEXT_STATUSES[self.status]]


class StatusChange(TenantOwned, models.Model):
    """One step in an initiative's life: from which status to which, when and by whom."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("insats"),
    )
    from_status = models.CharField(_("från"), max_length=12, choices=InitiativeStatus.choices)
    to_status = models.CharField(_("till"), max_length=12, choices=InitiativeStatus.choices)
    on = models.DateField(_("datum"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("ändrad av"),
        help_text=_("Tomt för inlästa historiska uppgifter."),
    )
    comment = models.CharField(_("kommentar"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    tenant_path = "initiative__association"
    history = audited()

    class Meta:
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return (
            f"{self.initiative}: {self.get_from_status_display()} → {self.get_to_status_display()}"
        )
