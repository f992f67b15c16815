"""Reads of users and their roles."""

from django.db.models import QuerySet

from finsam.models import Association, UserRole


def user_roles_of(association: Association) -> QuerySet[UserRole]:
    return (
        UserRole.objects.filter(association=association)
        .select_related("user")
        .order_by("user__username")
    )
