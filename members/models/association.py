"""The member organisations of the associations, and their memberships."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finsam.models import Association
from finsam.models.audit import audited
from finsam.validators import normalise_orgnr, validate_orgnr


class MemberKind(models.TextChoices):
    FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")
    ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingen")
    REGION = "region", _("Region (landsting)")
    MUNICIPALITY = "municipality", _("Kommun")


class Member(models.Model):
    """A member organisation; one organisation can belong to several associations."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    kind = models.CharField(_("slag"), max_length=20, choices=MemberKind.choices)
    org_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, validators=[validate_orgnr]
    )

    # Shared by every association it belongs to: its history belongs to none of them.
    history = audited()

    class Meta:
        verbose_name = _("medlemsorganisation")
        verbose_name_plural = _("medlemsorganisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.org_number = normalise_orgnr(self.org_number)
        super().save(*args, **kwargs)


class Membership(models.Model):
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
