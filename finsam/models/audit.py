"""The audit trail's storage: one historical table per tracked model (django-simple-history).

Every save or delete of a tracked model writes a row to its historical table: the object's
fields as they became, who did it (`history_user_id`), when, and whether it was created,
changed or deleted. Two columns are added to every historical table here:

- `history_association`: the association the object belonged to, stored on the row itself
  so that history is scoped without joining through objects that may since be deleted;
- `history_import`: the import (`ImportBatch`, with the file's SHA-256) that made the change.

Neither points with a database constraint: history outlives what it describes. The user is
kept as a plain id for the same reason (a foreign key would be set to NULL if the user were
deleted, which would change history). `finsam.audit.recording` fills these columns.
"""

import hashlib
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.manager import HistoricalQuerySet
from simple_history.models import HistoricalRecords

READ_ONLY = _("Historiken kan inte ändras eller tas bort.")


class AuditedQuerySet(HistoricalQuerySet):
    """History is inserted, never updated or deleted, not even in bulk."""

    def update(self, **kwargs):
        raise PermissionDenied(READ_ONLY)

    def delete(self):
        raise PermissionDenied(READ_ONLY)


class AuditedHistory(models.Model):
    """Abstract base of every historical model of the project."""

    history_association = models.ForeignKey(
        "finsam.Association",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("förbund"),
    )
    history_import = models.ForeignKey(
        "finsam.ImportBatch",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("import"),
    )

    # simple_history ships no types, so its queryset cannot be read into a manager type.
    objects: ClassVar[models.Manager[Any]] = models.Manager.from_queryset(AuditedQuerySet)()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionDenied(READ_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(READ_ONLY)


# Fields kept in every historical row but not shown, nor counted as a change: the row's own
# id, the edit counters of stale-edit checks, timestamps and users the history itself holds,
# and the association (the same for every row of an association's history).
UNSHOWN_FIELDS = frozenset(
    {
        "id",
        "association",
        "version",
        "updated_at",
        "updated_by",
        "created_at",
        "recorded_at",
        "recorded_by",
    }
)


def shown_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields of a tracked model whose changes the history shows."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in UNSHOWN_FIELDS and not field.name.endswith("_currency")
    ]


class AuditedRecords(HistoricalRecords):
    """HistoricalRecords with the project's base, a plain user id and Swedish names.

    A save that changes nothing shown (the same figure saved again, or only an edit counter
    raised) writes no row, nor does a many-to-many "change" that adds or removes nothing:
    history holds changes, so an auditor never reads entries where nothing happened.
    """

    def create_historical_record(self, instance, history_type, using=None):
        m2m = getattr(instance, "_audit_m2m", False)
        if history_type == "~" and not m2m and self._nothing_shown_changed(instance):
            return
        super().create_historical_record(instance, history_type, using=using)

    def _nothing_shown_changed(self, instance) -> bool:
        last = getattr(instance, self.manager_name).order_by("-history_id").first()
        return last is not None and all(
            getattr(last, field.attname) == getattr(instance, field.attname)
            for field in shown_fields(type(instance))
        )

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if action != "post_clear" and not pk_set:
            return
        instance._audit_m2m = True
        try:
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        finally:
            del instance._audit_m2m

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        options["verbose_name"] = format_lazy("{} {}", _("historik:"), model._meta.verbose_name)
        options["verbose_name_plural"] = format_lazy(
            "{} {}", _("historik:"), model._meta.verbose_name_plural
        )
        # Every history page reads one association's rows newest first (finsam.audit.log),
        # and pages through them by that order: with a million rows a page must not sort
        # them all. PostgreSQL names indexes per schema, so the name carries a hash.
        digest = hashlib.md5(model._meta.label_lower.encode()).hexdigest()[:6]
        options["indexes"] = [
            models.Index(
                F("history_association"),
                F("history_date").desc(),
                F("history_id").desc(),
                name=f"h_{model._meta.model_name[:17]}_{digest}",
            )
        ]
        return options


def audited(*, m2m_fields: tuple[str, ...] = (), table_name: str | None = None) -> AuditedRecords:
    """The `history = audited()` line every tracked model carries.

    `table_name` keeps the historical table of a model that moved between apps.
    """
    return AuditedRecords(
        table_name=table_name,
        bases=[AuditedHistory],
        history_user_id_field=models.IntegerField(null=True, blank=True, db_index=True),
        history_change_reason_field=models.TextField(null=True),
        m2m_fields=m2m_fields,
        historical_queryset=AuditedQuerySet,
        # Rows per association and date are what the history pages ask for.
        no_db_index=[],
    )
