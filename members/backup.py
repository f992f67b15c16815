"""Member organisations in an association's export: shared by associations, so listed in the
manifest and, on restore, found here by name or created (`finsam.backup.shared`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.backup.archive import BackupError
from finsam.backup.ids import Keys
from finsam.backup.shared import Shared, register_shared
from finsam.saving import saved
from members.models import Member


def register() -> None:
    register_shared(
        Shared(
            model=Member,
            key="members",
            fields=("id", "name", "kind", "org_number"),
            match=match_members,
            created=gettext_lazy("Ny medlemsorganisation: %(name)s."),
        )
    )


def match_members(keys: Keys, members: list[dict]) -> list[str]:
    """Each member organisation of the file, found here by name or created."""
    created = []
    for member in members:
        found = Member.objects.filter(name=member["name"]).first()
        if found is None:
            found = _new_member(member)
            created.append(found.name)
        elif found.kind != member["kind"]:
            raise BackupError(
                _("Medlemmen ”%(name)s” finns redan här, men som %(here)s (filen: %(file)s).")
                % {"name": found.name, "here": found.get_kind_display(), "file": member["kind"]}
            )
        keys.maps[Member][member["id"]] = found.pk
    return created


def _new_member(member: dict) -> Member:
    fields = {name: member[name] for name in ("name", "kind", "org_number")}
    try:
        return saved(Member(**fields))
    except ValidationError as error:
        raise BackupError(
            _("Medlemmen %(name)s: %(problem)s")
            % {"name": member["name"], "problem": " ".join(error.messages)}
        ) from error
