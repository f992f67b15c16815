"""Demo data: the four seed associations, entered as data, plus one demo user per role.

`fixtures/<slug>/<app>.toml` holds what each app knows about an association; each app's
`demo.load(association, data)` enters it through the app's own models (validated with
`full_clean`). Loading refreshes: a demo association that exists is deleted and entered anew,
all in one transaction, so a failed load leaves the database as it was.
"""

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from finsam.models import Association, UserRole
from finsam.permissions import Role

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_SLUGS = ["finnveden", "vastra-malardalen", "ale-kungalv-stenungsund-tjorn", "vaxjo"]
# What each demo file holds, in import order: fixtures/<slug>/<name>.toml is entered by the
# module's load(association, data); a file that is missing for an association is skipped.
LOADERS_AFTER_MEMBERS = {
    "initiatives": "initiatives.demo",
    "budgets": "budgets.demo",
    "accounts": "budgets.accounts.demo",
    "reports": "reports.demo",
}
DEMO_PASSWORD = "finsam-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role | None  # None: superuser, manages associations in the back office


DEMO_USERS = [
    DemoUser("kansli", "Karin Kansli", Role.STAFF),
    DemoUser("styrelse", "Stig Styrelse", Role.BOARD),
    DemoUser("revisor", "Rut Revisor", Role.AUDITOR),
    DemoUser("admin", "Anna Admin", Role.ADMIN),
    DemoUser("superadmin", "Sune Superadmin", None),
]


def load_demo(
    report: Callable[[str], None] = print, slugs: Sequence[str] = tuple(DEMO_SLUGS)
) -> list[Association]:
    """Enter (or refresh) the demo associations (all, or those of `slugs`) and the demo users."""
    with transaction.atomic():
        associations = [load_association(slug) for slug in slugs]
        for association in associations:
            report(f"Inläst: {association.name} (/{association.slug}/)")
        _load_users(associations)
    return associations


def load_association(slug: str) -> Association:
    from members import demo as members_demo

    folder = FIXTURES / slug
    Association.objects.filter(slug=slug).delete()
    association = members_demo.load(slug, _read(folder / "members.toml"))
    for name, module in LOADERS_AFTER_MEMBERS.items():
        path = folder / f"{name}.toml"
        if path.exists():
            import_module(module).load(association, _read(path))
    return association


def _read(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _load_users(associations: list[Association]) -> None:
    users = get_user_model().objects
    for demo in DEMO_USERS:
        user, _ = users.get_or_create(username=demo.username)
        user.first_name, _, user.last_name = demo.full_name.partition(" ")
        user.email = f"{demo.username}@finsam.example"  # invitations go to an address
        user.is_superuser = user.is_staff = demo.role is None
        user.set_password(DEMO_PASSWORD)
        user.save()
        if demo.role is not None:
            for association in associations:
                UserRole.objects.update_or_create(
                    user=user, association=association, defaults={"role": demo.role}
                )
