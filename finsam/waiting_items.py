"""The platform's own items on the start page: imports to confirm and the latest changes."""

from datetime import date

from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from finsam.audit.entries import entries_of
from finsam.audit.log import association_sources, history_rows
from finsam.imports.kinds import kind_label
from finsam.models import Association, ImportBatch
from finsam.models.imports import ImportStatus
from finsam.permissions import Perm
from finsam.waiting import CHANGES, IMPORTS, Item, Provider, day_text, register_waiting, roles_with

LATEST_CHANGES = 5


def imports_to_confirm(association: Association, today: date) -> list[Item]:
    """Uploaded files still previewed: nothing of them is read in until someone confirms."""
    batches = ImportBatch.objects.filter(
        association=association, status=ImportStatus.PREVIEW
    ).select_related("uploaded_by")
    return [
        Item(
            text=f"{kind_label(batch.kind)}: {batch.filename}",
            url=reverse("members:import_preview", args=[association.slug, batch.pk]),
            note=_("uppladdad %(day)s av %(user)s")
            % {
                "day": day_text(localtime(batch.uploaded_at).date()),
                "user": batch.uploaded_by or _("kommandoraden"),
            },
        )
        for batch in batches.order_by("uploaded_at", "pk")
    ]


def latest_changes(association: Association, today: date) -> list[Item]:
    """The association's newest changes from its history, newest first."""
    rows = list(
        history_rows(association, association_sources(), first=LATEST_CHANGES)[:LATEST_CHANGES]
    )
    url = reverse("members:history", args=[association.slug])
    return [
        Item(
            text=f"{entry.action}: {entry.subject} ({entry.kind})",
            url=url,
            note=f"{entry.who}, {day_text(localtime(entry.when), 'j F Y H.i')}",
        )
        for entry in entries_of(rows)
    ]


def register() -> None:
    register_waiting(
        "finsam.imports", Provider(IMPORTS, roles_with(Perm.IMPORT), imports_to_confirm, 50)
    )
    register_waiting(
        "finsam.changes", Provider(CHANGES, roles_with(Perm.VIEW_HISTORY), latest_changes, 90)
    )
