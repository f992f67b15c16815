"""An invitation to a role in an association, sent to an e-mail address.

A person who already has an account elsewhere in the installation gets a role in a second
association only by accepting an invitation while signed in to their own account: "add user"
never hands a role to an existing account (whoever typed its name would otherwise choose who
gets in). Only the SHA-256 of the invitation's token is stored: the raw token exists only in
the e-mail, so reading the database (or a backup) does not let anyone accept.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finsam.models.association import Association
from finsam.models.audit import audited
from finsam.permissions import Role


class Invitation(models.Model):
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("förbund")
    )
    email = models.EmailField(_("e-postadress"))
    role = models.CharField(_("roll"), max_length=10, choices=Role.choices)
    token_hash = models.CharField(_("kontrollsumma för länken"), max_length=64, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inbjuden av"),
    )
    created_at = models.DateTimeField(_("skickad"), default=timezone.now)
    expires_at = models.DateTimeField(_("gäller till"))
    accepted_at = models.DateTimeField(_("antagen"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("antagen av"),
    )

    tenant_path = "association"
    history = audited(table_name="members_historicalinvitation")

    class Meta:
        db_table = "members_invitation"
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")

    def __str__(self) -> str:
        return gettext("Inbjudan till %(email)s som %(role)s") % {
            "email": self.email,
            "role": self.get_role_display().lower(),
        }

    @property
    def pending(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
