"""The one mechanism that keeps associations apart.

Every association-scoped URL starts with `/<association-slug>/`. Views are wrapped in
`tenant_view(perm)`, which

1. finds the association in the URL (an unknown slug is a 404),
2. finds the user's role in it (no role there is a 403; so is a role that lacks `perm`),
3. sends the user to the second sign-in step first if the association requires it
   (`finsam.two_factor.requirement`),
4. hands the view a `Tenant` (association and role) as `request.tenant`.

Views then read only through `scoped(Model, tenant)` / `get_scoped_or_404(...)`, which filter
on the model's `tenant_path` (the lookup from that model to its association). An object of
another association therefore is simply not found: a 404, never a leak.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404

from finsam.models import Association, UserRole
from finsam.owned import tenant_path
from finsam.permissions import Perm, Role, role_allows
from finsam.two_factor.requirement import step_required

M = TypeVar("M", bound=models.Model)
View = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class Tenant:
    """The association of the current request and the user's role in it."""

    association: Association
    role: Role

    def can(self, perm: Perm | str) -> bool:
        return role_allows(self.role, Perm(perm))

    @property
    def can_edit(self) -> bool:
        return self.can(Perm.EDIT)

    @property
    def can_comment(self) -> bool:
        return self.can(Perm.COMMENT)

    @property
    def can_import(self) -> bool:
        return self.can(Perm.IMPORT)

    @property
    def can_view_history(self) -> bool:
        return self.can(Perm.VIEW_HISTORY)

    @property
    def can_download_reports(self) -> bool:
        return self.can(Perm.DOWNLOAD_REPORTS)

    @property
    def can_manage_users(self) -> bool:
        return self.can(Perm.MANAGE_USERS)


class TenantRequest(HttpRequest):
    """A request `tenant_view` let through: it carries the tenant (templates read it)."""

    tenant: Tenant


def role_in(user: Any, association: Association) -> Role | None:
    """The user's role in `association`; superusers act as admins everywhere."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    role = (
        UserRole.objects.filter(user=user, association=association)
        .values_list("role", flat=True)
        .first()
    )
    return Role(role) if role else None


def tenant_view(perm: Perm = Perm.VIEW) -> Callable[[View], View]:
    """Decorate a view taking `(request, tenant, ...)` from a URL with `<slug:association>`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: TenantRequest, association: str, *args: Any, **kwargs: Any):
            found = get_object_or_404(Association, slug=association)
            role = role_in(request.user, found)
            if role is None:
                raise PermissionDenied
            step = step_required(request, found)
            if step is not None:
                return step
            tenant = Tenant(association=found, role=role)
            # Set before the permission check, so a refused page still shows the association's
            # menu as this role sees it.
            request.tenant = tenant
            if not role_allows(role, perm):
                raise PermissionDenied
            return view(request, tenant, *args, **kwargs)

        wrapper.required_perm = perm  # type: ignore[attr-defined]
        return wrapper

    return decorator


def scoped(model_or_queryset: type[M] | models.QuerySet[M], tenant: Tenant) -> models.QuerySet[M]:
    """Only the rows of `model_or_queryset` that belong to the tenant's association."""
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, models.QuerySet)
        else model_or_queryset._default_manager.all()
    )
    path = tenant_path(queryset.model)
    return queryset.filter(**{path: tenant.association})


def get_scoped_or_404(
    model_or_queryset: type[M] | models.QuerySet[M], tenant: Tenant, **lookup: Any
) -> M:
    return get_object_or_404(scoped(model_or_queryset, tenant), **lookup)
