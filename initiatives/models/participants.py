"""Participant figures: aggregate counts only, never a person.

A `FollowUp` is one reporting period of an initiative ("januari–augusti 2014"). Under it:
head counts (referred, taken in, enrolled on the last day; with women, men, under 30, born
abroad, needing an interpreter), exits by reason, and where the enrolled stand on the last
day. Referrals by member and year form their own table (`ReferralYear` columns with one
`ReferralCount` per member), because documents print them over many years.
Totals are always computed; a printed total can be checked on entry but is never stored.
"""

from django.db import models
from django.db.models import F, Q

from finsam.fields import year_field
from finsam.models import Association
from finsam.models.audit import audited
from initiatives.models.initiative import Initiative
from members.models import Member


class FollowUp(models.Model):
    """One reporting period of an initiative's participant figures."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="follow_ups", verbose_name="insats"
    )
    start = models.DateField("från")
    end = models.DateField("till och med")
    label = models.CharField(
        "benämning", max_length=100, blank=True, help_text="T.ex. januari–augusti 2014."
    )
    # Raised by every save of the period's head counts, exits or standings (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "initiative__association"
    history = audited()

    class Meta:
        verbose_name = "uppföljning"
        verbose_name_plural = "uppföljningar"
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message="Uppföljningsperioden kan inte sluta före den börjar.",
            ),
            models.CheckConstraint(
                condition=Q(end__year=F("start__year")),
                name="%(app_label)s_%(class)s_within_one_year",
                violation_error_message="En uppföljningsperiod ligger inom ett kalenderår.",
            ),
            models.UniqueConstraint(
                fields=["initiative", "start", "end"],
                name="%(app_label)s_%(class)s_one_per_period",
                violation_error_message="Insatsen har redan en uppföljning för den perioden.",
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.start}–{self.end}"


class HeadCountKind(models.TextChoices):
    REFERRED = "referred", "Intresseanmälningar under perioden"
    TAKEN_IN = "taken_in", "Deltagare under perioden"
    ENROLLED = "enrolled", "Inskrivna vid periodens slut"


class HeadCount(models.Model):
    """How many, and of them how many women, men, under 30, born abroad, needing interpreter."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="head_counts")
    kind = models.CharField("avser", max_length=10, choices=HeadCountKind.choices)
    total = models.PositiveIntegerField("antal")
    women = models.PositiveIntegerField("kvinnor", null=True, blank=True)
    men = models.PositiveIntegerField("män", null=True, blank=True)
    under_30 = models.PositiveIntegerField("under 30 år", null=True, blank=True)
    born_abroad = models.PositiveIntegerField("utrikesfödda", null=True, blank=True)
    needs_interpreter = models.PositiveIntegerField("behov av tolk", null=True, blank=True)

    tenant_path = "follow_up__initiative__association"
    history = audited()

    class Meta:
        verbose_name = "antal deltagare"
        verbose_name_plural = "antal deltagare"
        ordering = ["follow_up", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "kind"],
                name="%(app_label)s_%(class)s_one_per_kind",
                violation_error_message="Uppföljningen har redan den uppgiften.",
            ),
            models.CheckConstraint(
                condition=(Q(women__isnull=True) | Q(women__lte=F("total")))
                & (Q(men__isnull=True) | Q(men__lte=F("total")))
                & (Q(under_30__isnull=True) | Q(under_30__lte=F("total")))
                & (Q(born_abroad__isnull=True) | Q(born_abroad__lte=F("total")))
                & (Q(needs_interpreter__isnull=True) | Q(needs_interpreter__lte=F("total"))),
                name="%(app_label)s_%(class)s_parts_within_total",
                violation_error_message="En delgrupp kan inte vara större än antalet.",
            ),
            models.CheckConstraint(
                condition=Q(women__isnull=True)
                | Q(men__isnull=True)
                | Q(total__gte=F("women") + F("men")),
                name="%(app_label)s_%(class)s_women_and_men_within_total",
                violation_error_message=(
                    "Kvinnor och män tillsammans kan inte vara fler än antalet."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.total}"


class ExitCategory(models.TextChoices):
    WORK_OR_STUDIES = "work_or_studies", "Arbete eller studier"
    JOB_SEEKING = "job_seeking", "Aktivt arbetssökande"
    OTHER = "other", "Annat"


class ExitReason(models.Model):
    """A reason for leaving an initiative, in the association's own list."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="exit_reasons", verbose_name="förbund"
    )
    number = models.PositiveSmallIntegerField("nummer")
    name = models.CharField("anledning", max_length=200)
    description = models.CharField("förklaring", max_length=300, blank=True)
    category = models.CharField("räknas som", max_length=16, choices=ExitCategory.choices)

    tenant_path = "association"
    history = audited()

    class Meta:
        verbose_name = "avslutsanledning"
        verbose_name_plural = "avslutsanledningar"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "number"],
                name="%(app_label)s_%(class)s_unique_number",
                violation_error_message="Förbundet har redan en avslutsanledning med det numret.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class ExitCount(models.Model):
    """How many left the initiative for one reason during a follow-up period."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="exit_counts")
    reason = models.ForeignKey(ExitReason, on_delete=models.RESTRICT, verbose_name="anledning")
    count = models.PositiveIntegerField("antal")

    tenant_path = "follow_up__initiative__association"
    history = audited()

    class Meta:
        verbose_name = "avslut"
        verbose_name_plural = "avslut"
        ordering = ["reason__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "reason"],
                name="%(app_label)s_%(class)s_one_per_reason",
                violation_error_message="Anledningen finns redan i uppföljningen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason}: {self.count}"


class Standing(models.TextChoices):
    GROUP_TRAINING = "group_training", "Pågående grupputbildning"
    STUDIES = "studies", "Utbildning/kurs"
    WORK = "work", "Arbete"
    WORK_TRAINING = "work_training", "Arbetsträning"
    CAREER_COACHING = "career_coaching", "Karriärcoaching"
    LIFE_COACHING = "life_coaching", "Livscoaching"


class StandingCount(models.Model):
    """How many of the enrolled stand at one step on the follow-up's last day."""

    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="standing_counts"
    )
    standing = models.CharField("befinner sig i", max_length=16, choices=Standing.choices)
    count = models.PositiveIntegerField("antal")

    tenant_path = "follow_up__initiative__association"
    history = audited()

    class Meta:
        verbose_name = "inskrivnas läge"
        verbose_name_plural = "inskrivnas läge"
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "standing"],
                name="%(app_label)s_%(class)s_one_per_standing",
                violation_error_message="Läget finns redan i uppföljningen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_standing_display()}: {self.count}"


class ReferralYear(models.Model):
    """One year's column of an initiative's referral table ("2014 t.o.m. aug.")."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="referral_years", verbose_name="insats"
    )
    year = year_field("år")
    through = models.DateField("till och med", null=True, blank=True, help_text="Tomt: hela året.")
    # Raised by every save of the year's column, its counts included (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "initiative__association"
    history = audited()

    class Meta:
        verbose_name = "intresseanmälningar per år"
        verbose_name_plural = "intresseanmälningar per år"
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "year"],
                name="%(app_label)s_%(class)s_one_per_year",
                violation_error_message="Insatsen har redan intresseanmälningar för det året.",
            ),
            models.CheckConstraint(
                condition=Q(through__isnull=True) | Q(through__year=F("year")),
                name="%(app_label)s_%(class)s_through_in_year",
                violation_error_message="Datumet ”till och med” ska ligga inom året.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class ReferralCount(models.Model):
    """Referrals from one member in one year."""

    referral_year = models.ForeignKey(ReferralYear, on_delete=models.CASCADE, related_name="counts")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, verbose_name="medlem")
    count = models.PositiveIntegerField("antal")

    tenant_path = "referral_year__initiative__association"
    history = audited()

    class Meta:
        verbose_name = "intresseanmälningar från medlem"
        verbose_name_plural = "intresseanmälningar från medlem"
        ordering = ["pk"]  # rows in the order they were entered, as the document prints them
        constraints = [
            models.UniqueConstraint(
                fields=["referral_year", "member"],
                name="%(app_label)s_%(class)s_one_per_member",
                violation_error_message="Medlemmen finns redan i årets kolumn.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.referral_year}: {self.count}"
