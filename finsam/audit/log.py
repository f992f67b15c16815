"""Reading history: an association's rows over every historical table, filtered and paged.

A history page names its *sources*: for each historical model, which of its rows belong on
the page (all of the association's, or those of one object and what belongs to it). The rows
of every source are read as one list, newest first, with a UNION over the tables; only the
page's rows are then loaded whole (`finsam.audit.entries`). Every source is filtered on the
row's own association, so no page shows another association's history.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db import connection, models
from django.db.models import CharField, Q, QuerySet, Value
from django.utils import timezone
from django.utils.text import capfirst

from finsam.models import Association
from finsam.models.audit import AuditedHistory
from finsam.owned import tracked_model


@dataclass(frozen=True)
class Source:
    """The rows of one historical model that a page shows (`where` narrows them)."""

    model: type[models.Model]
    where: Q = Q()

    @property
    def kind(self) -> str:
        return kind_of(self.model)


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the log to; empty fields narrow nothing."""

    start: date | None = None
    end: date | None = None
    user_id: int | None = None
    kind: str = ""
    after: datetime | None = None  # only what changed after this moment (an adoption)


def kind_of(history_model: type[models.Model]) -> str:
    """The tracked model's label, "budgets.budgetamount": what a row's kind is called."""
    return tracked_model(history_model)._meta.label_lower


def audited_models() -> list[type[models.Model]]:
    """Every historical model of the project, in the order the apps define them."""
    return [m for m in apps.get_models() if issubclass(m, AuditedHistory)]


def history_model(kind: str) -> type[models.Model] | None:
    return next((m for m in audited_models() if kind_of(m) == kind), None)


def association_sources() -> list[Source]:
    """Everything of an association (members, shared by several, have no history here)."""
    return [Source(model) for model in audited_models()]


def kind_choices(sources: list[Source]) -> list[tuple[str, str]]:
    """The kinds of object a page can be narrowed to, by their Swedish plural name."""
    named = {
        s.kind: str(capfirst(tracked_model(s.model)._meta.verbose_name_plural)) for s in sources
    }
    return sorted(named.items(), key=lambda item: item[1].lower())


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _rows(source: Source, association: Association, filters: Filters) -> QuerySet:
    rows = source.model._default_manager.filter(source.where, history_association=association)
    if filters.start is not None:
        rows = rows.filter(history_date__gte=_day_start(filters.start))
    if filters.end is not None:
        rows = rows.filter(history_date__lt=_day_start(filters.end + timedelta(days=1)))
    if filters.after is not None:
        rows = rows.filter(history_date__gt=filters.after)
    if filters.user_id is not None:
        rows = rows.filter(history_user_id=filters.user_id)
    return rows.order_by()


def history_rows(
    association: Association,
    sources: list[Source],
    filters: Filters = Filters(),
    *,
    first: int | None = None,
) -> QuerySet:
    """Every matching row as {"history_date", "history_id", "kind"}, newest first.

    One query over all the sources' tables (UNION ALL); slice it for a page, count it for
    the number of pages. With `first`, only the newest `first` rows are wanted: each table
    then gives at most that many, read in order from its (association, date, id) index, so
    a page near the top costs the same with a thousand rows or a million. (SQLite cannot
    order or limit the parts of a UNION; it reads them whole, as without `first`.)
    """
    chosen = [s for s in sources if not filters.kind or s.kind == filters.kind]
    if not chosen:
        return Association.objects.none().values("pk")
    parts = [
        _rows(s, association, filters)
        .values("history_date", "history_id")
        .annotate(kind=Value(s.kind, output_field=CharField()))
        for s in chosen
    ]
    if len(parts) == 1:  # one kind chosen: no union, so its own order and slicing serve
        return parts[0].order_by("-history_date", "-history_id", "kind")
    if first is not None and connection.features.supports_slicing_ordering_in_compound:
        # Each table gives only its newest `first` rows, read in order from its index. Django
        # keeps a sliced part's limit on the union it starts ("cannot reorder a query once a
        # slice has been taken"): the union starts with an empty, unsliced part.
        newest = [p.order_by("-history_date", "-history_id")[:first] for p in parts]
        parts = [parts[0].filter(history_id__lt=0), *newest]
    union = parts[0].union(*parts[1:], all=True)
    return union.order_by("-history_date", "-history_id", "kind")


def history_users(association: Association, sources: list[Source]) -> list[int]:
    """Ids of the users who made the changes the sources hold, for the log's user filter."""
    parts = [
        _rows(s, association, Filters())
        .exclude(history_user_id=None)
        .values("history_user_id")
        .distinct()
        for s in sources
    ]
    if not parts:
        return []
    union = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    return sorted({row["history_user_id"] for row in union})
