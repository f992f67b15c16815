"""The member organisations of the associations, and their memberships."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finsam.models import Association
from finsam.models.audit import audited
from finsam.tenant_links import TenantOwned
from finsam.validators import (
    DUPLICATE_ORGNR,
    duplicate_number_at_its_field,
    normalise_orgnr,
    stored_orgnr,
    validate_orgnr,
)


class MemberKind(models.TextChoices):
    FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")
    ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingen")
    REGION = "region", _("Region (landsting)")
    MUNICIPALITY = "municipality", _("Kommun")


class Member(models.Model):
    """A member organisation; one organisation can belong to several associations.

    One organisation per organisation number, shared by every association it belongs to.
    Its name is dated (Landstinget i Jönköpings län became Region Jönköpings län on
    2019-01-01): `name` is the latest name, valid from `named_since`; the names before it are
    `MemberName` rows, and a document prints `name_on(its date)`.
    """

    name = models.CharField(_("namn"), max_length=200, unique=True)
    named_since = models.DateField(
        _("namnet gäller från"), null=True, blank=True, help_text=_("Tomt: har alltid hetat så.")
    )
    kind = models.CharField(_("slag"), max_length=20, choices=MemberKind.choices)
    org_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, validators=[validate_orgnr]
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Ökas vid varje sparning; en inaktuell sparning nekas."),
    )

    # Shared by every association it belongs to: its history belongs to none of them.
    history = audited()
    # The associations it belongs to: an association's rows may name it only as a member.
    shared_path = "memberships__association"

    class Meta:
        verbose_name = _("medlemsorganisation")
        verbose_name_plural = _("medlemsorganisationer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_number"],
                condition=~Q(org_number=""),
                name="%(app_label)s_%(class)s_one_per_org_number",
                violation_error_code=DUPLICATE_ORGNR,
                violation_error_message=_(
                    "Det finns redan en organisation med det organisationsnumret; välj den "
                    "i stället för att lägga till den igen."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.org_number = normalise_orgnr(self.org_number)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.org_number = stored_orgnr(self.org_number)

    def validate_constraints(self, exclude=None) -> None:
        with duplicate_number_at_its_field():
            super().validate_constraints(exclude)

    def name_on(self, day: date) -> str:
        """The name the organisation had on `day`; no query unless `day` is before the
        latest name (the common case: an organisation never renamed)."""
        if self.named_since is None or day >= self.named_since:
            return self.name
        earlier = self.former_names.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        found = earlier.order_by(models.F("valid_from").desc(nulls_last=True)).first()
        return found.name if found else self.name


class MemberName(models.Model):
    """A name an organisation had from a date (no date: from the start) until its next name."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="former_names", verbose_name=_("medlem")
    )
    name = models.CharField(_("namn"), max_length=200)
    valid_from = models.DateField(
        _("från"), null=True, blank=True, help_text=_("Tomt: organisationens första namn.")
    )

    history = audited()

    class Meta:
        verbose_name = _("tidigare namn")
        verbose_name_plural = _("tidigare namn")
        ordering = ["member", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "valid_from"],
                name="%(app_label)s_%(class)s_one_per_date",
                violation_error_message=_("Organisationen har redan ett namn från det datumet."),
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(valid_from__isnull=True),
                name="%(app_label)s_%(class)s_one_first_name",
                violation_error_message=_("Organisationen har redan ett första namn."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TenantOwned, models.Model):
    """A member's membership of an association, from one date to another (open-ended)."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("förbund")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("medlem")
    )
    valid_from = models.DateField(
        _("från"), null=True, blank=True, help_text=_("Tomt: sedan bildandet.")
    )
    valid_to = models.DateField(_("till och med"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Ökas vid varje sparning; en inaktuell sparning nekas."),
    )

    tenant_path = "association"
    history = audited()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["order", "member__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("Medlemskapet kan inte upphöra före det börjar."),
            ),
            models.UniqueConstraint(
                fields=["association", "member"],
                condition=Q(valid_to__isnull=True),
                name="%(app_label)s_%(class)s_one_open_per_member",
                violation_error_message=_(
                    "Medlemmen har redan ett pågående medlemskap i förbundet."
                ),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(member)s i %(association)s") % {
            "member": self.member,
            "association": self.association,
        }
