"""A superuser starts an association from the application: the association and its first
admin in one transaction, so no association is left without someone to run it.

The first admin is an existing account (named by username or e-mail address) that gets the
admin role at once, or, when no account has the address, an invitation to it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.models import Association, Invitation, UserRole
from finsam.permissions import Role
from finsam.problems import Problems
from finsam.users.invitations import invitation_send


@dataclass(frozen=True)
class Founded:
    association: Association
    admin_role: UserRole | None
    invitation: Invitation | None


def association_found(
    *,
    name: str,
    slug: str,
    org_number: str,
    first_admin: str,
    founded_by,
    link: Callable[[str], str],
) -> Founded:
    """Create the association and make `first_admin` (username or e-mail) its admin."""
    if not getattr(founded_by, "is_superuser", False):
        raise ValidationError(_("Bara en superanvändare kan starta ett nytt förbund."))
    with transaction.atomic():
        # The first admin's problem and the association's own, told together.
        problems = Problems()
        account = None
        with problems.gathered():
            account = first_admin_account(first_admin)
        association = Association(name=name, slug=slug, org_number=org_number)
        with problems.gathered():
            association.full_clean()
        problems.raise_any()
        association.save()
        if account is not None:
            grant = UserRole(user=account, association=association, role=Role.ADMIN)
            grant.full_clean()
            grant.save()
            return Founded(association, grant, None)
        invitation = invitation_send(
            association=association,
            email=first_admin,
            role=Role.ADMIN,
            invited_by=founded_by,
            link=link,
        )
        return Founded(association, None, invitation)


def first_admin_account(first_admin: str):
    """The one account with this username or e-mail address; None for an address to invite.
    Public: the founding form runs it beside its own checks."""
    users = get_user_model().objects
    by_name = users.filter(username__iexact=first_admin).first()
    if by_name is not None:
        return by_name
    by_email = list(users.filter(email__iexact=first_admin)[:2])
    if len(by_email) == 1:
        return by_email[0]
    if len(by_email) > 1:
        raise ValidationError(
            {"first_admin": _("Flera konton har den e-postadressen; ange användarnamnet.")}
        )
    if "@" not in first_admin:
        raise ValidationError(
            {
                "first_admin": _(
                    "Inget konto heter så. Ange en e-postadress för att bjuda in personen."
                )
            }
        )
    return None
