"""Which tables hold an association's data, how each row is found, and in what order.

Nothing here names a model of another app: an association's tables are found in the app
registry (every model with a `tenant_path`, the link tables of their many-to-many fields,
their historical tables and those tables' many-to-many snapshots), so a table a later app
adds is exported and restored without a change here.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import QuerySet

from finsam.models import Association
from finsam.owned import history_m2m_fields, history_model, tenant_path

ROW, LINK, HISTORY, HISTORY_LINK = "row", "link", "history", "history_link"


@dataclass(frozen=True)
class Table:
    """One table of an association's data: its model, what kind of table, and the lookup
    from a row to the association."""

    model: type[models.Model]
    kind: str
    path: str

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def columns(self) -> list[str]:
        return [field.attname for field in self.model._meta.concrete_fields]

    def rows(self, association: Association) -> QuerySet:
        lookup = "pk" if self.path == "pk" else self.path
        return self.model._default_manager.filter(**{lookup: association.pk}).order_by("pk")


def _owned() -> list[type[models.Model]]:
    """The association's own models, each after the models it points to."""
    found = [m for m in apps.get_models() if hasattr(m, "tenant_path")]
    ordered: list[type[models.Model]] = []
    while len(ordered) < len(found):
        ready = [m for m in found if m not in ordered and _depends_on(m, found) <= set(ordered)]
        if not ready:  # a cycle through required keys: keep the app order for the rest
            ready = [m for m in found if m not in ordered]
        ordered += ready
    return ordered


def _depends_on(model: type[models.Model], among: list) -> set:
    return {
        f.related_model
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model in among and f.related_model is not model
    }


def association_tables() -> list[Table]:
    """Every table of an association's data, in the order the export writes them."""
    owned = _owned()
    tables = [Table(m, ROW, tenant_path(m)) for m in owned]
    for model in owned:
        for field in model._meta.local_many_to_many:
            owner, own_path = field.m2m_field_name(), tenant_path(model)
            path = owner if own_path == "pk" else f"{owner}__{own_path}"
            through = field.remote_field.through
            assert through is not None  # every many-to-many has its link table once loaded
            tables.append(Table(through, LINK, path))
    tracked = [history for m in owned if (history := history_of(m)) is not None]
    for history in tracked:
        tables.append(Table(history, HISTORY, "history_association"))
    for history in tracked:
        for field in history_m2m_fields(history):
            snapshots = getattr(history, field.name).model
            tables.append(Table(snapshots, HISTORY_LINK, "history__history_association"))
    return tables


def kept_ids(tables: list[Table]) -> set[type[models.Model]]:
    """The owned models whose ids are kept consistent on restore: everything something
    points to, and everything with history (history names objects by id). Rows nothing
    points to (booked balances, link rows) get fresh ids."""
    pointed_to = {
        field.related_model
        for table in tables
        for field in table.model._meta.concrete_fields
        if field.is_relation
    }
    return {
        t.model
        for t in tables
        if t.kind == ROW
        and (t.model in pointed_to or hasattr(t.model._meta, "simple_history_manager_attribute"))
    }


def history_of(model: type[models.Model]) -> type[models.Model] | None:
    if hasattr(model._meta, "simple_history_manager_attribute"):
        return history_model(model)
    return None
