"""The association's organisation: persons, board seats, auditors, office, groups, meetings.

Everything that changes over a term carries dates, because documents print the board as it
stood on a date ("t.o.m. juli 2014", "fr.o.m. augusti 2014").
"""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from finsam.models import Association
from finsam.models.audit import audited
from finsam.saving import ConstraintsAtFields
from finsam.tenant_links import TenantOwned
from members.models.association import Member

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def ends_after_start(start: str, end: str, message: "StrOrPromise") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name="%(app_label)s_%(class)s_ends_after_start",
        violation_error_message=message,
    )


class Person(TenantOwned, models.Model):
    """A named person in the organisation (board, auditors, office): never a participant."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="persons")
    name = models.CharField(_("namn"), max_length=200)

    tenant_path = "association"
    history = audited()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SeatKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinarie ledamot")
    DEPUTY = "deputy", _("Ersättare")


class BoardPosition(models.TextChoices):
    NONE = "", "–"
    CHAIR = "chair", _("Ordförande")
    VICE_CHAIR = "vice_chair", _("Vice ordförande")


class BoardSeat(TenantOwned, ConstraintsAtFields):
    """A person's seat on the board for a member, from one date to another."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="board_seats"
    )
    person = models.ForeignKey(Person, on_delete=models.RESTRICT, verbose_name=_("person"))
    appointed_by = models.ForeignKey(Member, on_delete=models.PROTECT, verbose_name=_("utsedd av"))
    kind = models.CharField(_("slag"), max_length=10, choices=SeatKind.choices)
    position = models.CharField(
        _("uppdrag"), max_length=12, choices=BoardPosition.choices, blank=True, default=""
    )
    start = models.DateField(_("från"))
    end = models.DateField(_("till och med"), null=True, blank=True)

    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Ökas vid varje sparning; en inaktuell sparning nekas."),
    )

    tenant_path = "association"
    history = audited()
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {"ends_after_start": "end", "one_open_seat_per_person": "person"}

    class Meta:
        verbose_name = _("styrelseplats")
        verbose_name_plural = _("styrelseplatser")
        ordering = ["start"]
        constraints = [
            ends_after_start("start", "end", _("En styrelseplats kan inte sluta före den börjar.")),
            models.UniqueConstraint(
                fields=["association", "person", "kind"],
                condition=Q(end__isnull=True),
                name="%(app_label)s_%(class)s_one_open_seat_per_person",
                violation_error_message=_("Personen har redan en pågående plats av det slaget."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()}, {self.appointed_by})"


class AuditorKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinarie")
    DEPUTY = "deputy", _("Ersättare")


class Auditor(TenantOwned, ConstraintsAtFields):
    """An auditor, a person or a firm (or a person of a firm), appointed by one or more members."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="auditors")
    person = models.ForeignKey(
        Person, on_delete=models.RESTRICT, null=True, blank=True, verbose_name=_("person")
    )
    firm = models.CharField(_("revisionsbyrå"), max_length=200, blank=True)
    appointed_by = models.ManyToManyField(Member, verbose_name=_("utsedd av"))
    kind = models.CharField(_("slag"), max_length=10, choices=AuditorKind.choices)
    start = models.DateField(_("från"))
    end = models.DateField(_("till och med"), null=True, blank=True)

    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Ökas vid varje sparning; en inaktuell sparning nekas."),
    )

    tenant_path = "association"
    history = audited(m2m_fields=("appointed_by",))
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {"ends_after_start": "end", "person_or_firm": "firm"}

    class Meta:
        verbose_name = _("revisor")
        verbose_name_plural = _("revisorer")
        ordering = ["start", "pk"]
        constraints = [
            ends_after_start("start", "end", _("Uppdraget kan inte sluta före det börjar.")),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(firm=""),
                name="%(app_label)s_%(class)s_person_or_firm",
                violation_error_message=_("Ange revisorn: en person, en revisionsbyrå eller båda."),
            ),
        ]

    def __str__(self) -> str:
        return ", ".join(str(part) for part in (self.person, self.firm) if part)


class OfficePost(TenantOwned, ConstraintsAtFields):
    """A post in the office (kansli): title, share of full time, employer, period."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="office_posts"
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        verbose_name=_("person"),
        help_text=_("Tomt när dokumenten inte namnger tjänstemannen."),
    )
    title = models.CharField(_("titel"), max_length=100)
    fte_percent = models.DecimalField(
        _("andel av heltid (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    employer = models.CharField(_("anställd hos"), max_length=200, blank=True)
    start = models.DateField(_("från"))
    end = models.DateField(_("till och med"), null=True, blank=True)

    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Ökas vid varje sparning; en inaktuell sparning nekas."),
    )

    tenant_path = "association"
    history = audited()
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {"ends_after_start": "end", "fte_0_100": "fte_percent"}

    class Meta:
        verbose_name = _("tjänst i kansliet")
        verbose_name_plural = _("kansliet")
        ordering = ["start", "title"]
        constraints = [
            ends_after_start("start", "end", _("Tjänsten kan inte sluta före den börjar.")),
            models.CheckConstraint(
                condition=Q(fte_percent__isnull=True)
                | (Q(fte_percent__gt=0) & Q(fte_percent__lte=100)),
                name="%(app_label)s_%(class)s_fte_0_100",
                violation_error_message=_("Andelen av heltid måste vara över 0 och högst 100 %%."),
            ),
        ]

    def __str__(self) -> str:
        return self.title if self.fte_percent is None else f"{self.title} {self.fte_percent} %"


class GroupKind(models.TextChoices):
    PREPARATORY = "beredningsgrupp", _("Beredningsgrupp")
    LOCAL_MANAGEMENT = "lokal_ledningsgrupp", _("Lokal ledningsgrupp")
    WORKING_COMMITTEE = "arbetsutskott", _("Arbetsutskott")
    RECRUITMENT = "rekryteringsgrupp", _("Rekryteringsgrupp")
    OTHER = "other", _("Annan grupp")


class Group(TenantOwned, models.Model):
    """An advisory or working group of the association."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("slag"), max_length=20, choices=GroupKind.choices)
    description = models.TextField(_("uppdrag"), blank=True)
    # Raised by every save of the group or its members (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "association"
    history = audited()

    class Meta:
        verbose_name = _("grupp")
        verbose_name_plural = _("grupper")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GroupMembership(TenantOwned, ConstraintsAtFields):
    """Who sits in a group, and for which member organisation."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.RESTRICT, null=True, blank=True)
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("representerar")
    )
    role = models.CharField(_("roll"), max_length=100, blank=True)

    tenant_path = "group__association"
    history = audited()
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {"person_or_member": "person"}

    class Meta:
        verbose_name = _("gruppmedlem")
        verbose_name_plural = _("gruppmedlemmar")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(member__isnull=False),
                name="%(app_label)s_%(class)s_person_or_member",
                violation_error_message=_("Ange en person eller vilken medlem som representeras."),
            )
        ]

    def __str__(self) -> str:
        return str(self.person or self.member)


class MeetingKind(models.TextChoices):
    BOARD = "board", _("Styrelsemöte")
    EXTRA_BOARD = "extra_board", _("Extra styrelsemöte")
    PLANNING_DAY = "planning_day", _("Planeringsdag")
    CONFERENCE = "conference", _("Konferens")
    GROUP = "group", _("Gruppmöte")


class Meeting(TenantOwned, ConstraintsAtFields):
    """A meeting in the association's calendar."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("slag"), max_length=15, choices=MeetingKind.choices)
    group = models.ForeignKey(Group, on_delete=models.SET_NULL, null=True, blank=True)
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("börjar"), null=True, blank=True)
    end_time = models.TimeField(_("slutar"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=200, blank=True)
    agenda = models.TextField(_("dagordning/anteckning"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "association"
    history = audited()
    # Constraints' messages at the field they are about (finsam.saving).
    CONSTRAINT_FIELDS = {"ends_after_start": "end_time"}

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("Mötet måste sluta efter att det börjar."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"
