"""Reads of users and their roles."""

from django.db.models import QuerySet

from finsam.models import Association, UserRole
from finsam.permissions import Role


def associations_for(user) -> QuerySet[Association]:
    """The associations the user has a role in (superusers: all)."""
    if user.is_superuser:
        return Association.objects.all()
    return Association.objects.filter(user_roles__user=user).distinct()


def offers_two_factor(user) -> bool:
    """Two-factor sign-in is offered to superusers and to admins and office staff anywhere."""
    roles = UserRole.objects.filter(user=user, role__in=[Role.ADMIN, Role.STAFF])
    return user.is_superuser or roles.exists()


def user_roles_of(association: Association) -> QuerySet[UserRole]:
    return (
        UserRole.objects.filter(association=association)
        .select_related("user")
        .order_by("user__username")
    )
