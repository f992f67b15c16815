"""Writes of the association's own facts page: the facts and the logo, with history.

The logo is checked by content before it is stored (finsam.uploads.logo_refusal) and stored
under a name of the application's choosing in the association's own folder of MEDIA_ROOT;
an old logo file stays, because the history still names it.
"""

from pathlib import Path
from typing import Any, BinaryIO, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.models import Association
from finsam.problems import Problems
from finsam.uploads import logo_refusal, logo_suffix
from finsam.versions import version_checked

FACT_FIELDS = (
    "name",
    "org_number",
    "formed_on",
    "legal_basis",
    "vision",
    "purpose",
    "website",
    "diary_prefix",
    "interim_report_due_days",
    "plan_due_days_before_year",
)


def association_facts_update(
    *,
    association: Association,
    expected_version: int,
    facts: dict[str, Any],
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> Association:
    """Save the facts (and a new or removed logo); refuse a save based on an older version."""
    with transaction.atomic():
        locked = Association.objects.select_for_update().get(pk=association.pk)
        version_checked(locked, expected_version, what=_("Förbundets uppgifter"))
        for name in FACT_FIELDS:
            setattr(locked, name, facts[name])
        if remove_logo:
            locked.logo = ""
        problems = Problems()
        if logo is not None:
            with problems.gathered():
                _check_logo(logo)
            if not problems:
                suffix = logo_suffix(cast(BinaryIO, logo), logo.name or "")
                locked.logo.save(f"logo{suffix}", logo, save=False)
        with problems.gathered():
            locked.full_clean()
        problems.raise_any()
        locked.save()
        return locked


def _check_logo(logo: UploadedFile) -> None:
    refused = logo_refusal(cast(BinaryIO, logo), logo.name or "", logo.size or 0)
    if refused:
        raise ValidationError({"logo": refused})


def logo_file(association: Association) -> Path | None:
    """The association's own logo file on disk, or None; never a path outside its folder."""
    if not association.logo:
        return None
    folder = (Path(settings.MEDIA_ROOT) / "logos" / str(association.pk)).resolve()
    path = (Path(settings.MEDIA_ROOT) / association.logo.name).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path
