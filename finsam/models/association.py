"""The association (the tenant) and the users' roles in it: the platform every app builds on.

Both were first written in `members`; their tables keep that name (`Meta.db_table`) so that
moving them here moved no data.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finsam.models.audit import audited
from finsam.permissions import Role
from finsam.validators import (
    DUPLICATE_ORGNR,
    duplicate_number_at_its_field,
    normalise_orgnr,
    stored_orgnr,
    validate_orgnr,
)

RESERVED_SLUGS = frozenset({"admin", "konto", "static", "media", "organisationer"})


def validate_not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("Kortnamnet %(slug)s används redan av applikationen; välj ett annat."),
            code="reserved_slug",
            params={"slug": slug},
        )


def logo_upload_to(association: "Association", filename: str) -> str:
    """Each association's logo in its own folder, under a name the upload does not choose."""
    suffix = filename.rsplit(".", 1)[-1].lower()
    return f"logos/{association.pk}/logo-{uuid.uuid4().hex[:12]}.{suffix}"


class Association(models.Model):
    """A samordningsförbund: the tenant every other row belongs to."""

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(
        _("kortnamn i adressen"), unique=True, validators=[validate_not_reserved]
    )
    org_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, validators=[validate_orgnr]
    )
    formed_on = models.DateField(_("bildat"), null=True, blank=True)
    legal_basis = models.TextField(_("rättslig grund"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    purpose = models.TextField(_("ändamål"), blank=True)
    website = models.URLField(_("webbplats"), blank=True)
    diary_prefix = models.CharField(_("diarienummerprefix"), max_length=30, blank=True)
    # Everyone with a role here, superusers too, signs in with a code before reaching the
    # association's pages (finsam.two_factor.requirement).
    require_two_factor = models.BooleanField(_("kräv tvåstegsinloggning"), default=False)
    # Checked on upload (finsam.uploads.logo_refusal): a PNG or JPEG, stored under MEDIA_ROOT.
    logo = models.FileField(_("logotyp"), upload_to=logo_upload_to, max_length=200, blank=True)
    # The deadlines the start page counts from (finsam.lib.deadlines); the association sets them.
    interim_report_due_days = models.PositiveSmallIntegerField(
        _("delårsrapporten fastställs inom (dagar efter periodens slut)"),
        default=60,
        validators=[MaxValueValidator(365)],
        help_text=_("60 dagar: en rapport till och med 31 augusti fastställs senast 30 oktober."),
    )
    plan_due_days_before_year = models.PositiveSmallIntegerField(
        _("verksamhetsplanen fastställs senast (dagar före årets början)"),
        default=31,
        validators=[MaxValueValidator(365)],
        help_text=_("31 dagar: senast 1 december året före."),
    )
    # Raised by every save of the facts page (finsam.versions).
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "pk"
    history = audited(table_name="members_historicalassociation")

    class Meta:
        db_table = "members_association"
        verbose_name = _("samordningsförbund")
        verbose_name_plural = _("samordningsförbund")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_number"],
                condition=~Q(org_number=""),
                name="%(app_label)s_%(class)s_one_per_org_number",
                violation_error_code=DUPLICATE_ORGNR,
                violation_error_message=_(
                    "Ett annat samordningsförbund har redan det organisationsnumret."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.org_number = normalise_orgnr(self.org_number)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("members:overview", kwargs={"association": self.slug})

    def clean(self) -> None:
        self.org_number = stored_orgnr(self.org_number)

    def validate_constraints(self, exclude=None) -> None:
        with duplicate_number_at_its_field():
            super().validate_constraints(exclude)


class UserRole(models.Model):
    """A user's role in one association."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="association_roles",
        verbose_name=_("användare"),
    )
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="user_roles", verbose_name=_("förbund")
    )
    role = models.CharField(_("roll"), max_length=10, choices=Role.choices)

    tenant_path = "association"
    history = audited(table_name="members_historicaluserrole")

    class Meta:
        db_table = "members_userrole"
        verbose_name = _("användarroll")
        verbose_name_plural = _("användarroller")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "association"],
                name="members_userrole_one_role_per_association",
                violation_error_message=_("Användaren har redan en roll i förbundet."),
            )
        ]

    def __str__(self) -> str:
        return gettext("%(user)s – %(role)s i %(association)s") % {
            "user": self.user,
            "role": self.get_role_display(),
            "association": self.association,
        }
