"""Roles a user can hold in an association, and what each role may do there.

The role is per association: the same person can be office staff in one association and an
auditor in another. Superusers manage associations themselves (in the back office) and act as
admins everywhere.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Kansli")
    BOARD = "board", _("Styrelseledamot")
    AUDITOR = "auditor", _("Revisor")
    ADMIN = "admin", _("Administratör")


class Perm(StrEnum):
    VIEW = "view"  # read everything of the association
    COMMENT = "comment"
    EDIT = "edit"  # change figures, texts and organisation
    VIEW_HISTORY = "view_history"
    DOWNLOAD_REPORTS = "download_reports"
    IMPORT = "import"  # bring in files: contributions, population, accounts
    MANAGE_USERS = "manage_users"


ROLE_PERMS: dict[Role, frozenset[Perm]] = {
    Role.BOARD: frozenset({Perm.VIEW, Perm.COMMENT, Perm.DOWNLOAD_REPORTS}),
    Role.AUDITOR: frozenset({Perm.VIEW, Perm.VIEW_HISTORY, Perm.DOWNLOAD_REPORTS}),
    Role.STAFF: frozenset(
        {Perm.VIEW, Perm.COMMENT, Perm.EDIT, Perm.VIEW_HISTORY, Perm.DOWNLOAD_REPORTS}
    ),
    Role.ADMIN: frozenset(Perm),
}


def role_allows(role: Role | str, perm: Perm) -> bool:
    return perm in ROLE_PERMS[Role(role)]
