"""Invitations: how a person with an account gets a role in another association.

The admin names an e-mail address and a role; the address gets a link with a random token.
Whoever opens the link while signed in to an account with that e-mail address (or a superuser,
on that account's behalf) gets the role. Nothing here tells the admin whether an account with
the address exists, or in which association.
"""

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam.models import Association, Invitation, UserRole
from finsam.problems import Problems

VALID_FOR = timedelta(days=7)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def pending_invitations(association: Association) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        association=association, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("email")


def invitation_send(
    *, association: Association, email: str, role: str, invited_by, link: Callable[[str], str]
) -> Invitation:
    """Invite `email` to `role`; `link(token)` is the acceptance page's full address."""
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=association.pk)
        problems = Problems()  # a waiting invitation and the model's rules, told together
        if pending_invitations(association).filter(email__iexact=email).exists():
            problems.add(
                "email", _("%(email)s har redan en inbjudan som väntar.") % {"email": email}
            )
        token = secrets.token_urlsafe(32)
        invitation = Invitation(
            association=association,
            email=email,
            role=role,
            token_hash=token_hash(token),
            invited_by=invited_by,
            expires_at=timezone.now() + VALID_FOR,
        )
        with problems.gathered():
            invitation.full_clean()
        problems.raise_any()
        invitation.save()
        # Inside the transaction: if the mail cannot be sent, no invitation is left waiting.
        send_mail(
            _("Inbjudan till %(association)s") % {"association": association.name},
            _(
                "Du är inbjuden att bli %(role)s i %(association)s i Finsam.\n\n"
                "Logga in med ditt eget konto och öppna länken för att tacka ja:\n%(link)s\n\n"
                "Länken gäller i %(days)s dagar."
            )
            % {
                "days": VALID_FOR.days,
                "role": invitation.get_role_display().lower(),
                "association": association.name,
                "link": link(token),
            },
            None,
            [email],
        )
        return invitation


def invitation_withdraw(*, invitation: Invitation) -> None:
    """Withdraw a pending (or expired) invitation. One already accepted is refused: the page
    that offered the button was read before the acceptance, and deleting the invitation would
    only erase its record while the role it gave stays."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        if locked is not None and locked.accepted_at is not None:
            raise ValidationError(
                _(
                    "Inbjudan till %(email)s är redan antagen och kan inte dras tillbaka. "
                    "Ändra eller ta bort rollen i listan över användare i stället."
                )
                % {"email": locked.email}
            )
        Invitation.objects.filter(pk=invitation.pk).delete()


def invitation_find(token: str) -> Invitation | None:
    """The pending invitation of a token, or None (unknown, used, withdrawn or expired)."""
    found = Invitation.objects.filter(token_hash=token_hash(token)).first()
    return found if found is not None and found.pending else None


def invitation_accept(*, token: str, user) -> UserRole:
    """Give the invited account the role: the signed-in user's own, if the e-mail matches; for
    a superuser, the one account with the invited address."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
        )
        if invitation is None or not invitation.pending:
            raise ValidationError(_("Inbjudan gäller inte längre. Be om en ny."))
        account = _invited_account(invitation, user)
        if UserRole.objects.filter(user=account, association=invitation.association).exists():
            raise ValidationError(_("Kontot har redan en roll i förbundet."))
        grant = UserRole(user=account, association=invitation.association, role=invitation.role)
        grant.full_clean()
        grant.save()
        invitation.accepted_at, invitation.accepted_by = timezone.now(), user
        invitation.save()
        return grant


def _invited_account(invitation: Invitation, user):
    if user.email and user.email.lower() == invitation.email.lower():
        return user
    if user.is_superuser:
        accounts = list(get_user_model().objects.filter(email__iexact=invitation.email)[:2])
        if len(accounts) == 1:
            return accounts[0]
        raise ValidationError(
            _("Det finns inte precis ett konto med e-postadressen %(email)s.")
            % {"email": invitation.email}
        )
    raise ValidationError(
        _("Inbjudan gäller en annan e-postadress än ditt kontos. Logga in med rätt konto.")
    )
