"""The association (the tenant) and the users' roles in it: the platform every app builds on.

Both were first written in `members`; their tables keep that name (`Meta.db_table`) so that
moving them here moved no data.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finsam.models.audit import audited
from finsam.permissions import Role
from finsam.validators import normalise_orgnr, validate_orgnr

RESERVED_SLUGS = frozenset({"admin", "konto", "static", "media"})


def validate_not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("Kortnamnet %(slug)s används redan av applikationen; välj ett annat."),
            code="reserved_slug",
            params={"slug": slug},
        )


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

    tenant_path = "pk"
    history = audited(table_name="members_historicalassociation")

    class Meta:
        db_table = "members_association"
        verbose_name = _("samordningsförbund")
        verbose_name_plural = _("samordningsförbund")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.org_number = normalise_orgnr(self.org_number)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("members:overview", kwargs={"association": self.slug})


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
