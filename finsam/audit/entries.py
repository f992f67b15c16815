"""Historical rows as entries a person reads: who, when, which object, field: was → became.

`entries_of(rows)` takes rows from `finsam.audit.log.history_rows` (a page of them, or all
for an export) and loads them with a fixed number of queries per kind of object: the rows
themselves with the id of each one's previous row, those previous rows, the many-to-many
snapshots, and every object named (`finsam.audit.related`).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from djmoney.money import Money
from simple_history.utils import get_m2m_reverse_field_name

from finsam.audit.log import history_model
from finsam.audit.related import Related
from finsam.lib.numbers import format_amount
from finsam.models import ImportBatch
from finsam.models.audit import shown_fields
from finsam.owned import history_m2m_fields

NOTHING = "–"
# Before and after together longer than this (a report section's text) are folded on the page:
# shown whole, a phone's history row grew taller than a screen.
FOLDED_AFTER = 160


@dataclass(frozen=True)
class Change:
    """One field of one change: its name, what it was and what it became."""

    field: str
    was: str
    became: str

    @property
    def folded(self) -> bool:
        """Too long to show whole in a row: the page shows the start and unfolds the rest."""
        return len(self.was) + len(self.became) > FOLDED_AFTER


@dataclass
class Entry:
    """One change to one object, as a history page shows it."""

    when: datetime
    who: str
    action: str
    kind: str
    subject: str
    context: str
    changes: list[Change]
    reason: str = ""
    batch: ImportBatch | None = None
    after_adoption: bool = False
    obj: models.Model | None = None  # the object as the row describes it (for links)
    link: str = ""  # where the page sends the reader for this object's own history


ACTIONS = {"+": gettext_lazy("Skapad"), "~": gettext_lazy("Ändrad"), "-": gettext_lazy("Borttagen")}


def entries_of(rows: list[dict]) -> list[Entry]:
    """Entries for rows {"kind", "history_id", ...}, in the rows' order."""
    records = _records(rows)
    related = Related()
    instances = {key: record.instance for key, record in records.items()}
    previous = {key: r.previous.instance for key, r in records.items() if r.previous is not None}
    related.load_for([*instances.values(), *previous.values()])
    for record in records.values():
        related.want(get_user_model(), record.history_user_id)
        related.want(ImportBatch, record.history_import_id)
        for ids in (*record.m2m.values(), *getattr(record.previous, "m2m", {}).values()):
            for target, pk in ids:
                related.want(target, pk)
    related.fetch()
    return [
        _entry(records[key], instances[key], previous.get(key), related)
        for key in ((row["kind"], row["history_id"]) for row in rows)
    ]


def _records(rows: list[dict]) -> dict[tuple[str, int], Any]:
    """The rows' historical records by (kind, history id), each with `.previous` and `.m2m`."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row["history_id"])
    records = {}
    for kind, ids in by_kind.items():
        model = history_model(kind)
        assert model is not None  # every row was read from a historical table of that kind
        before = model._default_manager.filter(
            id=OuterRef("id"),
            history_association=OuterRef("history_association"),
            history_id__lt=OuterRef("history_id"),
        )
        found = list(
            model._default_manager.filter(history_id__in=ids).annotate(
                previous_id=Subquery(before.order_by("-history_id").values("history_id")[:1])
            )
        )
        earlier = model._default_manager.in_bulk([r.previous_id for r in found if r.previous_id])
        _attach_m2m(model, [*found, *earlier.values()])
        for record in found:
            record.previous = earlier.get(record.previous_id)
            records[(kind, record.history_id)] = record
    return records


def _attach_m2m(model: type[models.Model], records: list[Any]) -> None:
    """Each record's many-to-many snapshot as `.m2m`: field name -> [(target model, pk)]."""
    for record in records:
        record.m2m = {}
    by_id = {record.history_id: record for record in records}
    for m2m_field in history_m2m_fields(model):
        snapshots = getattr(model, m2m_field.name).model
        target = get_m2m_reverse_field_name(m2m_field)
        for record in records:
            record.m2m[m2m_field.name] = []
        pairs = snapshots.objects.filter(history_id__in=by_id).values_list(
            "history_id", f"{target}_id"
        )
        for history_id, pk in pairs:
            by_id[history_id].m2m[m2m_field.name].append((m2m_field.related_model, pk))


def _entry(record: Any, instance: models.Model, previous: Any, related: Related) -> Entry:
    model = type(instance)
    user = related.get(get_user_model(), record.history_user_id)
    return Entry(
        when=record.history_date,
        who=_who(user, record.history_user_id),
        action=str(ACTIONS[record.history_type]),
        kind=str(model._meta.verbose_name),
        subject=str(instance),
        context=_context(instance),
        changes=_changes(record, instance, previous, related),
        reason=record.history_change_reason or "",
        batch=related.get(ImportBatch, record.history_import_id),  # type: ignore[arg-type]
        obj=instance,
    )


def _who(user: Any, user_id: int | None) -> str:
    if user is not None:
        name = user.get_full_name()
        return f"{name} ({user.username})" if name else user.username
    if user_id is not None:
        return _("borttagen användare %(id)s") % {"id": user_id}
    return _("(systemet)")


def _context(instance: models.Model) -> str:
    """The object the changed one belongs to (its budget, initiative, year), if loaded."""
    hops = getattr(type(instance), "tenant_path", "pk").split("__")[:-1]
    current: Any = instance
    for hop in hops:
        relation = current._meta.get_field(hop)
        if not relation.is_cached(current):
            return ""
        current = relation.get_cached_value(current)
        if current is None:
            return ""
    return "" if current is instance else str(current)


def _changes(record: Any, instance: Any, previous: Any, related: Related) -> list[Change]:
    fields = shown_fields(type(instance))
    if record.history_type == "-":
        return [Change(str(f.verbose_name), _shown(f, instance, related), NOTHING) for f in fields]
    changes = []
    for f in fields:
        became = _shown(f, instance, related)
        was = NOTHING if previous is None else _shown(f, previous, related)
        if was != became and not (previous is None and became == NOTHING):
            changes.append(Change(str(f.verbose_name), was, became))
    return changes + _m2m_changes(record, related)


def _m2m_changes(record: Any, related: Related) -> list[Change]:
    before = getattr(record.previous, "m2m", {})
    changes = []
    for name, now in record.m2m.items():
        was, became = _names(before.get(name, []), related), _names(now, related)
        if was != became:
            verbose = record.instance_type._meta.get_field(name).verbose_name
            changes.append(Change(str(verbose), was, became))
    return changes


def _names(pairs: list[tuple[type, Any]], related: Related) -> str:
    names = sorted(str(related.get(model, pk) or pk) for model, pk in pairs)
    return ", ".join(names) or NOTHING


def _shown(model_field: Any, instance: Any, related: Related) -> str:
    """A field's value as a reader wants it: labels for choices and relations, Swedish
    numbers, dates as ISO dates."""
    value = getattr(instance, model_field.attname)
    if value is None or value == "":
        return NOTHING
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        found = related.get(model_field.related_model, value)
        return str(found) if found is not None else _("borttagen (%(id)s)") % {"id": value}
    return shown_value(value)


def shown_value(value: Any) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, Money):
        value = value.amount
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0  # NaN, infinity: none
        return format_amount(value, decimals=places)
    if isinstance(value, datetime):
        # A no-break space: the day and its time stay on one line of the history table.
        return timezone.localtime(value).strftime("%Y-%m-%d\u00a0%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)
