"""The association's organisation: persons, board seats, auditors, office, groups, meetings.

Everything that changes over a term carries dates, because documents print the board as it
stood on a date ("t.o.m. juli 2014", "fr.o.m. augusti 2014").
"""

from django.db import models
from django.db.models import F, Q

from members.models.association import Association, Member


def ends_after_start(start: str, end: str, message: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name="%(app_label)s_%(class)s_ends_after_start",
        violation_error_message=message,
    )


class Person(models.Model):
    """A named person in the organisation (board, auditors, office): never a participant."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="persons")
    name = models.CharField("namn", max_length=200)

    tenant_path = "association"

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SeatKind(models.TextChoices):
    ORDINARY = "ordinary", "Ordinarie ledamot"
    DEPUTY = "deputy", "Ersättare"


class BoardPosition(models.TextChoices):
    NONE = "", "–"
    CHAIR = "chair", "Ordförande"
    VICE_CHAIR = "vice_chair", "Vice ordförande"


class BoardSeat(models.Model):
    """A person's seat on the board for a member, from one date to another."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="board_seats"
    )
    person = models.ForeignKey(Person, on_delete=models.RESTRICT, verbose_name="person")
    appointed_by = models.ForeignKey(Member, on_delete=models.PROTECT, verbose_name="utsedd av")
    kind = models.CharField("slag", max_length=10, choices=SeatKind.choices)
    position = models.CharField(
        "uppdrag", max_length=12, choices=BoardPosition.choices, blank=True, default=""
    )
    start = models.DateField("från")
    end = models.DateField("till och med", null=True, blank=True)

    tenant_path = "association"

    class Meta:
        verbose_name = "styrelseplats"
        verbose_name_plural = "styrelseplatser"
        ordering = ["start"]
        constraints = [
            ends_after_start("start", "end", "En styrelseplats kan inte sluta före den börjar."),
            models.UniqueConstraint(
                fields=["association", "person", "kind"],
                condition=Q(end__isnull=True),
                name="%(app_label)s_%(class)s_one_open_seat_per_person",
                violation_error_message="Personen har redan en pågående plats av det slaget.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()}, {self.appointed_by})"

    def is_held_on(self, day) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


class AuditorKind(models.TextChoices):
    ORDINARY = "ordinary", "Ordinarie"
    DEPUTY = "deputy", "Ersättare"


class Auditor(models.Model):
    """An auditor (a person, possibly of a firm) appointed by one or more members."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="auditors")
    person = models.ForeignKey(Person, on_delete=models.RESTRICT, verbose_name="person")
    firm = models.CharField("revisionsbyrå", max_length=200, blank=True)
    appointed_by = models.ManyToManyField(Member, verbose_name="utsedd av")
    kind = models.CharField("slag", max_length=10, choices=AuditorKind.choices)
    start = models.DateField("från")
    end = models.DateField("till och med", null=True, blank=True)

    tenant_path = "association"

    class Meta:
        verbose_name = "revisor"
        verbose_name_plural = "revisorer"
        ordering = ["start", "pk"]
        constraints = [
            ends_after_start("start", "end", "Uppdraget kan inte sluta före det börjar.")
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.firm}" if self.firm else str(self.person)


class OfficePost(models.Model):
    """A post in the office (kansli): title, share of full time, employer, period."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="office_posts"
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        verbose_name="person",
        help_text="Tomt när dokumenten inte namnger tjänstemannen.",
    )
    title = models.CharField("titel", max_length=100)
    fte_percent = models.DecimalField(
        "andel av heltid (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    employer = models.CharField("anställd hos", max_length=200, blank=True)
    start = models.DateField("från")
    end = models.DateField("till och med", null=True, blank=True)

    tenant_path = "association"

    class Meta:
        verbose_name = "tjänst i kansliet"
        verbose_name_plural = "kansliet"
        ordering = ["start", "title"]
        constraints = [
            ends_after_start("start", "end", "Tjänsten kan inte sluta före den börjar."),
            models.CheckConstraint(
                condition=Q(fte_percent__isnull=True)
                | (Q(fte_percent__gt=0) & Q(fte_percent__lte=100)),
                name="%(app_label)s_%(class)s_fte_0_100",
                violation_error_message="Andelen av heltid måste vara över 0 och högst 100 %%.",
            ),
        ]

    def __str__(self) -> str:
        return self.title if self.fte_percent is None else f"{self.title} {self.fte_percent} %"


class GroupKind(models.TextChoices):
    PREPARATORY = "beredningsgrupp", "Beredningsgrupp"
    LOCAL_MANAGEMENT = "lokal_ledningsgrupp", "Lokal ledningsgrupp"
    WORKING_COMMITTEE = "arbetsutskott", "Arbetsutskott"
    RECRUITMENT = "rekryteringsgrupp", "Rekryteringsgrupp"
    OTHER = "other", "Annan grupp"


class Group(models.Model):
    """An advisory or working group of the association."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField("namn", max_length=200)
    kind = models.CharField("slag", max_length=20, choices=GroupKind.choices)
    description = models.TextField("uppdrag", blank=True)

    tenant_path = "association"

    class Meta:
        verbose_name = "grupp"
        verbose_name_plural = "grupper"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    """Who sits in a group, and for which member organisation."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.RESTRICT, null=True, blank=True)
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, verbose_name="representerar"
    )
    role = models.CharField("roll", max_length=100, blank=True)

    tenant_path = "group__association"

    class Meta:
        verbose_name = "gruppmedlem"
        verbose_name_plural = "gruppmedlemmar"
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(member__isnull=False),
                name="%(app_label)s_%(class)s_person_or_member",
                violation_error_message="Ange en person eller vilken medlem som representeras.",
            )
        ]

    def __str__(self) -> str:
        return str(self.person or self.member)


class MeetingKind(models.TextChoices):
    BOARD = "board", "Styrelsemöte"
    EXTRA_BOARD = "extra_board", "Extra styrelsemöte"
    PLANNING_DAY = "planning_day", "Planeringsdag"
    CONFERENCE = "conference", "Konferens"
    GROUP = "group", "Gruppmöte"


class Meeting(models.Model):
    """A meeting in the association's calendar."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField("slag", max_length=15, choices=MeetingKind.choices)
    group = models.ForeignKey(Group, on_delete=models.SET_NULL, null=True, blank=True)
    date = models.DateField("datum")
    start_time = models.TimeField("börjar", null=True, blank=True)
    end_time = models.TimeField("slutar", null=True, blank=True)
    place = models.CharField("plats", max_length=200, blank=True)
    agenda = models.TextField("dagordning/anteckning", blank=True)

    tenant_path = "association"

    class Meta:
        verbose_name = "möte"
        verbose_name_plural = "möten"
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message="Mötet måste sluta efter att det börjar.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"
