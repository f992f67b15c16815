"""Writes of the users pages: accounts and roles. Each locks the association it checks."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.models import Association, UserRole
from finsam.permissions import Role
from finsam.problems import Problems

TAKEN_USERNAME = gettext_lazy(
    "Användarnamnet går inte att använda. Välj ett annat; har personen redan ett konto, "
    "bjud in hen med e-postadress i stället."
)


def user_create(
    *,
    association: Association,
    username: str,
    role: str,
    password: str,
    full_name: str = "",
    email: str = "",
) -> UserRole:
    """A new account with a role in the association; never a role for an existing account.

    A taken name gets one message whichever association (if any) the account belongs to, so
    the form tells nothing about other associations' users. An existing person is invited by
    e-mail address instead (`finsam.users.invitations`).
    """
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=association.pk)
        user = check_new_account(
            username=username, password=password, email=email, full_name=full_name
        )
        user.save()
        grant = UserRole(user=user, association=association, role=role)
        grant.full_clean()
        grant.save()
        return grant


def check_new_account(*, username: str, password: str, email: str = "", full_name: str = ""):
    """The account as it would be made (unsaved), or every problem with it at once, each at
    its field: a taken name, a weak password, the model's rules. Public: the form runs it
    beside its own checks."""
    users = get_user_model().objects
    problems = Problems()
    taken = users.filter(username__iexact=username).exists()
    if taken:
        problems.add("username", TAKEN_USERNAME)
    user = users.model(username=username, email=email)
    user.first_name, _space, user.last_name = full_name.partition(" ")
    try:
        validate_password(password, user)
    except ValidationError as error:
        problems.merge(ValidationError({"password": error.error_list}))
    user.set_password(password)
    with problems.gathered():
        # A taken name is told once, in the words above, not again as the model's.
        user.full_clean(exclude=["username"] if taken else None)
    problems.raise_any()
    return user


def user_role_change(*, user_role: UserRole, role: str) -> UserRole:
    """Change a role; an admin cannot take away the last admin role of the association."""
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=user_role.association_id)
        _keep_an_admin(user_role, removing=role != Role.ADMIN)
        user_role.role = role
        user_role.full_clean()
        user_role.save()
        return user_role


def user_role_revoke(*, user_role: UserRole) -> None:
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=user_role.association_id)
        _keep_an_admin(user_role, removing=True)
        user_role.delete()


def _keep_an_admin(user_role: UserRole, *, removing: bool) -> None:
    if not removing or user_role.role != Role.ADMIN:
        return
    others = UserRole.objects.filter(association_id=user_role.association_id, role=Role.ADMIN)
    if not others.exclude(pk=user_role.pk).exists():
        raise ValidationError(_("Förbundet måste ha minst en administratör kvar."))
