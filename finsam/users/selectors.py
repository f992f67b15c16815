"""Reads of users and their roles."""

from django.db.models import QuerySet

from finsam.models import Association, UserRole


def associations_for(user) -> QuerySet[Association]:
    """The associations the user has a role in (superusers: all)."""
    if user.is_superuser:
        return Association.objects.all()
    return Association.objects.filter(user_roles__user=user).distinct()


def user_roles_of(association: Association) -> QuerySet[UserRole]:
    return (
        UserRole.objects.filter(association=association)
        .select_related("user")
        .order_by("user__username")
    )
